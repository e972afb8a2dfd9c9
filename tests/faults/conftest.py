"""Fault tests run the platform as separate processes (workers, writers) on a database file of their own."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sqlite_file_db(tmp_path, db):
    """A file SQLite database with the test database's schema and reference rows (dumped from it, so no
    migration run is needed), and the environment for processes that use it with the deployed settings."""
    if connection.vendor != "sqlite":
        pytest.skip("the embedded default (SQLite) only; PostgreSQL has its own fault tests")
    path = tmp_path / "db.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    target.executescript("\n".join(connection.connection.iterdump()))
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": "fault-test-secret-key",
        "DATABASE_URL": f"sqlite:///{path}",
        "DJANGO_PLAIN_STATIC": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "HAASTEMOOTTORI_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "HAASTEMOOTTORI_EMBEDDER": "haastemoottori.search.embeddings.HashingEmbedder",
        "PYTHONPATH": str(ROOT),
    }
    return path, env


def run_script(code: str, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``code`` in a new Python process with Django set up for ``env``."""
    prelude = "import django; django.setup()\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
