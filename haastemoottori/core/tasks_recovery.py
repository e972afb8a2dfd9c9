"""Tasks whose worker died (killed, out of memory, the machine restarted) go back to the queue.

django-tasks-db marks a task RUNNING when a worker claims it and leaves it so when that worker never comes back:
nothing would run it again. ``tasks_requeue_abandoned`` puts such tasks back to READY, once, when

- the worker that claimed it ran on this machine and its process no longer exists (worker ids made by
  ``manage.py task_worker`` are ``host:pid:random``), or
- it has been running longer than the lease (``HAASTEMOOTTORI_TASK_LEASE_SECONDS``), whichever worker claimed it.

``manage.py task_worker`` does this when it starts; ``manage.py tasks_recover`` does it on demand (cron).
A task runs again from its start, so tasks keep their side effects idempotent: notification e-mails are marked
sent one by one (notifications/emails.py), imports continue from their checkpoint (signals/services/imports.py).
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def _host() -> str:
    return socket.gethostname()[:40]


def worker_id() -> str:
    """An id that says where the worker runs, so a later worker on the same machine can tell it is gone."""
    return f"{_host()}:{os.getpid()}:{get_random_string(8)}"


def _process_gone(worker: str) -> bool:
    host, _sep, rest = worker.partition(":")
    pid = rest.partition(":")[0]
    if host != _host() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, as another user's process
        return False
    return False


def lease_seconds() -> int:
    return int(getattr(settings, "HAASTEMOOTTORI_TASK_LEASE_SECONDS", 1800))


def tasks_requeue_abandoned(*, lease: int | None = None, now: datetime | None = None) -> list[str]:
    """Put the RUNNING tasks whose worker is gone back to READY; returns their ids."""
    cutoff = (now or timezone.now()) - timedelta(seconds=lease_seconds() if lease is None else lease)
    requeued: list[str] = []
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update().only("id", "worker_ids", "started_at"):
            last = (result.worker_ids or [""])[-1]
            expired = result.started_at is not None and result.started_at < cutoff
            if not (expired or _process_gone(str(last))):
                continue
            # Conditional: a worker that finished it meanwhile keeps its result.
            if DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.READY
            ):
                requeued.append(str(result.pk))
                logger.warning(
                    "Task %s was left running by worker %s (%s); queued again.",
                    result.pk,
                    last,
                    "lease expired" if expired else "its process is gone",
                )
    return requeued
