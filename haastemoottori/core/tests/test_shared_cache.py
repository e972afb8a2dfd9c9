"""Two web processes on one shared cache (Redis at 127.0.0.1:6379) see one invalidation.

Each process here is a separate Python interpreter with the production settings and ``CACHE_URL`` pointing at
Redis, driven line by line over its standard input. One caches a challenge card; the other commits a public
change through ``public_content_changed()``; the first then no longer finds the old card, renders the new one,
and the second reads that very card. Skipped, saying why, when Redis is not reachable.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
REDIS = ("127.0.0.1", 6379)

WORKER = r"""
import json, sys
import django
django.setup()
from django.db import transaction
from haastemoottori.core import fragments
from haastemoottori.core.page_cache import public_content_changed

def card_key(pk):
    return fragments.fragment_key("challenge-card", pk, 0, generation=fragments.public_generation(), language="fi")

for line in sys.stdin:
    command, _, arg = line.strip().partition(" ")
    if command == "generation":
        out = fragments.public_generation()
    elif command == "card":  # the card of challenge 1, rendered here ("arg") when the cache has none
        found = fragments.cached_many({1: card_key(1)}, lambda ids: {1: fragments.Fragment(html=arg)})
        out = found[1].html
    elif command == "change":  # a service's public change, committed
        with transaction.atomic():
            public_content_changed()
        out = "committed"
    elif command == "backend":
        from django.core.cache import caches
        out = type(caches["default"]).__name__
    print(json.dumps(out), flush=True)
"""


def _redis_reachable() -> str | None:
    try:
        import redis  # noqa: F401
    except ImportError:
        return "the redis package is not installed"
    try:
        with socket.create_connection(REDIS, timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            if not sock.recv(16).startswith(b"+PONG"):
                return "127.0.0.1:6379 does not answer PING"
    except OSError as error:
        return f"Redis is not reachable at 127.0.0.1:6379 ({error})"
    return None


class Process:
    def __init__(self, prefix: str, tmp_path: Path) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "test-only-secret-key-not-for-deployment",
            "DJANGO_PLAIN_STATIC": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
            "CACHE_URL": "redis://127.0.0.1:6379/0",
            "HAASTEMOOTTORI_CACHE_KEY_PREFIX": prefix,
            "HAASTEMOOTTORI_FRAGMENT_CACHE_SECONDS": "60",
        }
        self.proc = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", WORKER],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, command: str):
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"the process stopped on {command!r}"
        return json.loads(line)

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(20)


@pytest.fixture
def two_processes(tmp_path):
    reason = _redis_reachable()
    if reason:
        pytest.skip(reason)
    prefix = f"test-{uuid.uuid4().hex}"
    processes = [Process(prefix, tmp_path), Process(prefix, tmp_path)]
    yield processes
    for process in processes:
        process.close()
    import redis

    client = redis.Redis(*REDIS)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_two_processes_see_one_invalidation(two_processes):
    a, b = two_processes
    assert a.ask("backend") == b.ask("backend") == "RedisCache"
    generation = a.ask("generation")
    assert b.ask("generation") == generation

    assert a.ask("card old title") == "old title"  # rendered by a, stored in Redis
    assert b.ask("card should not render") == "old title"  # b reads a's card

    assert b.ask("change") == "committed"  # b commits a public change
    assert a.ask("generation") == b.ask("generation") == generation + 1
    assert a.ask("card new title") == "new title"  # a no longer finds the old card
    assert b.ask("card should not render") == "new title"  # and b serves a's new one
