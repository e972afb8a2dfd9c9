"""SQLite, the embedded default: several processes writing at once get no "database is locked"."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

from .conftest import ROOT, run_script

WRITERS, ROUNDS = 4, 10


def test_the_sqlite_settings_wait_for_other_writers():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite settings")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]
    assert options["transaction_mode"] == "IMMEDIATE"  # a writer takes the lock at BEGIN, waiting its turn
    assert options["timeout"] >= 20  # how long it waits (seconds), not Python's 5


def test_concurrent_writers_through_the_services(sqlite_file_db):
    _path, env = sqlite_file_db
    setup = run_script(
        "from haastemoottori.organisations.models import Organisation\n"
        "Organisation.objects.create(slug='kirjoituskaupunki', kind='city', name={'fi': 'Kirjoituskaupunki'},"
        " original_language='fi')\n",
        env,
    )
    assert setup.returncode == 0, setup.stderr
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.faults.writer", f"kirjoittaja{n}", str(ROUNDS)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    reports = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    assert [r["errors"] for r in reports] == [[]] * WRITERS
    assert sum(r["ok"] for r in reports) == WRITERS * ROUNDS
    check = run_script(
        "from haastemoottori.challenges.models import Challenge\n"
        "print(Challenge.objects.filter(summary__fi__startswith='Tiivistelmä').count())\n",
        env,
    )
    assert check.stdout.strip() == str(WRITERS * ROUNDS), check.stderr
