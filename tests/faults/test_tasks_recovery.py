"""Which RUNNING tasks are queued again: those whose worker process on this machine is gone, and those past
the lease; never one whose worker is alive (or on another machine) within the lease."""

import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from haastemoottori.core.tasks_recovery import tasks_requeue_abandoned, worker_id
from haastemoottori.notifications.tasks import send_notification_emails_task

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _running(worker: str, *, minutes_ago: float = 0) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=send_notification_emails_task.enqueue([]).id)
    result.claim(worker)
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - timedelta(minutes=minutes_ago))
    return result


@override_settings(TASKS=DB_TASKS, HAASTEMOOTTORI_TASK_LEASE_SECONDS=600)
def test_only_abandoned_tasks_are_queued_again():
    host = socket.gethostname()[:40]
    dead_here = _running(f"{host}:{_dead_pid()}:abc")
    alive_here = _running(worker_id())  # this process
    elsewhere_fresh = _running("other-host:12345:abc", minutes_ago=5)
    elsewhere_expired = _running("other-host:12345:def", minutes_ago=11)
    finished = _running(f"{host}:{_dead_pid()}:ghi")
    DBTaskResult.objects.filter(pk=finished.pk).update(status=TaskResultStatus.SUCCESSFUL)

    requeued = tasks_requeue_abandoned()

    assert sorted(requeued) == sorted([str(dead_here.pk), str(elsewhere_expired.pk)])
    status = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert status[dead_here.pk] == status[elsewhere_expired.pk] == TaskResultStatus.READY
    assert status[alive_here.pk] == status[elsewhere_fresh.pk] == TaskResultStatus.RUNNING
    assert status[finished.pk] == TaskResultStatus.SUCCESSFUL
    assert tasks_requeue_abandoned() == []  # once


def test_the_worker_id_names_this_machine_and_process():
    import os

    host, pid, _random = worker_id().split(":")
    assert (host, int(pid)) == (socket.gethostname()[:40], os.getpid())
