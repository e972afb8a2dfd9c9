"""A worker killed with SIGKILL in the middle of a task: after a restart the task runs again, and each of its
e-mails goes out exactly once (the ones sent before the kill are not sent again)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import ROOT, run_script

SETUP = """
from haastemoottori.accounts.models import User
from haastemoottori.notifications.models import Notification
from haastemoottori.notifications.tasks import send_notification_emails_task
ids = []
for n in range(3):
    user = User.objects.create_user(f"vastaanottaja{n}@worker.test", "test-password-123")
    ids.append(Notification.objects.create(user=user, kind="test", language="fi", subject=f"Viesti {n}", body="x").pk)
print(send_notification_emails_task.enqueue(ids).id)
"""

STATE = """
from django_tasks_db.models import DBTaskResult
r = DBTaskResult.objects.get()
print(r.status, len(r.worker_ids))
"""


def _worker(env: dict, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "task_worker", "--no-startup-delay", "--interval", "0.2", *extra],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_for(path: Path, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the worker ended early: {process.stdout.read() if process.stdout else ''}")
        if time.monotonic() > deadline:
            process.kill()
            raise AssertionError("the task never reached the point where the worker is killed")
        time.sleep(0.1)


def test_a_killed_worker_s_task_runs_again_once_and_mails_each_person_once(sqlite_file_db, tmp_path):
    _path, env = sqlite_file_db
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {**env, "DJANGO_EMAIL_BACKEND": "tests.faults.blocking_mail.EmailBackend", "FAULT_MAIL_DIR": str(mail)}
    setup = run_script(SETUP, env)
    assert setup.returncode == 0, setup.stderr

    (mail / "block").touch()
    first = _worker(env)
    _wait_for(mail / "blocked", first)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(10)
    assert [p.read_text().split("\n")[0] for p in mail.glob("*.eml")] == ["vastaanottaja0@worker.test"]
    state = run_script(STATE, env)
    assert state.stdout.split() == ["RUNNING", "1"], state.stderr  # what the library leaves behind

    (mail / "block").unlink()
    second = _worker(env, "--batch")  # runs what is queued, then ends
    output, _ = second.communicate(timeout=120)
    assert second.returncode == 0, output
    assert "Queued again 1 task" in output

    recipients = sorted(p.read_text().split("\n")[0] for p in mail.glob("*.eml"))
    assert recipients == [f"vastaanottaja{n}@worker.test" for n in range(3)]  # each once, none twice
    state = run_script(STATE, env)
    assert state.stdout.split() == ["SUCCESSFUL", "2"], state.stderr
