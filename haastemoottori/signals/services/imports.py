"""Bulk imports of signals (CSV, Open311 GeoReport v2 JSON) that show their progress and resume.

``signal_import_start`` checks the file, keeps it under PRIVATE_MEDIA_ROOT and records a SignalImport;
``signal_import_run`` works through the rows in batches, committing each batch together with
``SignalImport.processed``, so a run that stops (a worker restart, Ctrl-C) continues where it was. Two
runners of the same import take turns batch by batch (the import row is locked) and never double-process.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.core.files import file_delete_on_commit, storage_save
from haastemoottori.core.i18n import current_language, language_codes

from ..errors import ErrorCode
from ..imports import FileRejected, RawRow, read_rows
from ..models import Signal, SignalImport
from .common import clean_city, require_perm
from .import_rows import IMPORTED, UNCHANGED, UPDATED, RowContext, RowRejected, save_row, validate_row
from .signals import accepted_signals_changed

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.organisations.models import Organisation

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
BATCH_SIZE = 200
EXTENSIONS: dict[str, str] = {SignalImport.Format.CSV: "csv", SignalImport.Format.OPEN311: "json"}


def import_storage() -> FileSystemStorage:
    """Uploaded import files: private (never served), removed when the import is done."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def _clean_file_name(name: str) -> str:
    name = os.path.basename(str(name or "").replace("\\", "/"))
    return "".join(ch for ch in name if ch.isprintable()).strip()[-200:] or "import"


def _parse(fmt: str, data: bytes) -> list[RawRow]:
    try:
        return read_rows(fmt, data)
    except FileRejected as exc:
        raise ServiceValidationError(ErrorCode.UNREADABLE_FILE, exc.reason, field="file")


@transaction.atomic
def signal_import_start(
    *,
    actor: User | None,
    city: Organisation,
    fmt: str,
    file_name: str,
    data: bytes,
    language: str | None = None,
    background: bool = True,
    max_bytes: int | None = MAX_UPLOAD_BYTES,
) -> SignalImport:
    """Check and keep the file, record the import and (``background``) queue its run after commit.

    ``actor`` None is the system (the management command); a person needs ``signals.import_signals`` in the
    city. A file that cannot be read at all (encoding, JSON syntax, missing columns) is refused here, so the
    upload form shows why; bad rows are reported by the run and the rest imported.
    """
    city = clean_city(city)
    if actor is not None:
        require_perm(
            actor,
            "signals.import_signals",
            city,
            _("Only the editors of %(city)s can import its signals.") % {"city": city},
        )
    if fmt not in SignalImport.Format.values:
        raise ServiceValidationError(ErrorCode.UNKNOWN_FORMAT, _("Choose a file format from the list."), field="format")
    if not data:
        raise ServiceValidationError(ErrorCode.EMPTY, _("The file is empty."), field="file")
    if max_bytes is not None and len(data) > max_bytes:
        raise ServiceValidationError(
            ErrorCode.TOO_LARGE,
            _("The file is too large: at most %(size)s MB.") % {"size": max_bytes // (1024 * 1024)},
            field="file",
        )
    rows = _parse(fmt, data)
    if not rows:
        raise ServiceValidationError(ErrorCode.NO_ROWS, _("The file has no rows to import."), field="file")
    # Removed again if this transaction rolls back.
    stored = storage_save(import_storage(), f"signal-imports/{uuid.uuid4().hex}.{EXTENSIONS[fmt]}", ContentFile(data))
    run = SignalImport.objects.create(
        format=fmt,
        city=city,
        file_name=_clean_file_name(file_name),
        stored_name=stored,
        total=len(rows),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=run,
        data={"city": city.pk, "format": fmt, "rows": len(rows)},
    )
    if background:
        queue_run(run, language=language or current_language())
    return run


def queue_run(run: SignalImport, *, language: str) -> None:
    transaction.on_commit(lambda: signal_import_task.enqueue(run.pk, language))


@transaction.atomic
def signal_import_resume(*, actor: User, import_run: SignalImport, language: str | None = None) -> SignalImport:
    """Queue an import that stopped (failed, or a worker went away) to continue from its last batch."""
    run = SignalImport.objects.select_for_update(of=("self",)).select_related("city").get(pk=import_run.pk)
    require_perm(
        actor,
        "signals.import_signals",
        run.city,
        _("Only the editors of %(city)s can import its signals.") % {"city": run.city},
    )
    if run.status == SignalImport.Status.DONE:
        raise ServiceConflict(ErrorCode.IMPORT_DONE, _("This import has already finished."))
    if not run.stored_name or not import_storage().exists(run.stored_name):
        raise ServiceConflict(ErrorCode.FILE_MISSING, _("The uploaded file is no longer stored; upload it again."))
    run.status, run.error = SignalImport.Status.QUEUED, ""
    run.save(update_fields=["status", "error"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=run,
        changes={"status": (import_run.status, run.status)},
        data={"event": "resumed"},
    )
    queue_run(run, language=language or current_language())
    return run


def signal_import_fail(*, import_run: SignalImport, message: str) -> SignalImport:
    """Record that a run stopped with an error; what it committed stays and it can be resumed."""
    return _fail(import_run, message)


def _fail(run: SignalImport, message: str) -> SignalImport:
    SignalImport.objects.filter(pk=run.pk).update(status=SignalImport.Status.FAILED, error=message)
    run.refresh_from_db()
    return run


def _process_batch(rows: list[RawRow], *, run: SignalImport, ctx: RowContext, first_ref: dict[str, str]) -> None:
    """Validate and save one batch (the caller holds the lock on ``run`` and saves it)."""
    existing = {
        s.external_id: s
        for s in Signal.objects.select_for_update()
        .filter(
            city=run.city,
            external_source=run.format,
            external_id__in=[r.external_id for r in rows if r.external_id],
        )
        .prefetch_related("themes")
    }
    for raw in rows:
        try:
            if raw.external_id and first_ref.get(raw.external_id, raw.ref) != raw.ref:
                raise RowRejected(
                    _("The same id is also on %(ref)s; only the first one is imported.")
                    % {"ref": first_ref[raw.external_id]}
                )
            data = validate_row(raw, ctx)
            with transaction.atomic():
                outcome = save_row(raw=raw, data=data, existing=existing.get(raw.external_id), ctx=ctx)
        except RowRejected as exc:
            run.rejected.append([raw.ref, exc.reason])
            continue
        except IntegrityError:
            run.rejected.append([raw.ref, _("The row could not be saved; try again.")])
            continue
        setattr(run, outcome, getattr(run, outcome) + 1)


def signal_import_run(
    *,
    import_run: SignalImport,
    batch_size: int = BATCH_SIZE,
    max_batches: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> SignalImport:
    """Import the rows from ``processed`` on, a batch per transaction. ``max_batches`` stops early (the run
    stays "running" and continues on the next call); ``on_progress`` is told how many rows each batch did.
    Reasons for rejected rows are written in ``language`` (default: the active one)."""
    language = language if language in language_codes() else current_language()
    with translation.override(language):
        return _run(
            import_run,
            batch_size=max(1, batch_size),
            max_batches=max_batches,
            on_progress=on_progress,
            now=now or timezone.now(),
        )


def _run(
    run: SignalImport,
    *,
    batch_size: int,
    max_batches: int | None,
    on_progress: Callable[[int], None] | None,
    now: datetime,
) -> SignalImport:
    run = SignalImport.objects.select_related("city", "created_by").get(pk=run.pk)
    if run.status == SignalImport.Status.DONE:
        return run
    storage = import_storage()
    if not run.stored_name or not storage.exists(run.stored_name):
        return _fail(run, _("The uploaded file is no longer stored; upload it again."))
    with storage.open(run.stored_name, "rb") as handle:
        data = handle.read()
    try:
        rows = read_rows(run.format, data)
    except FileRejected as exc:
        return _fail(run, exc.reason)
    first_ref: dict[str, str] = {}
    for raw in rows:
        if raw.external_id:
            first_ref.setdefault(raw.external_id, raw.ref)
    ctx = RowContext.for_run(run, now=now)
    SignalImport.objects.filter(pk=run.pk).exclude(status=SignalImport.Status.DONE).update(
        status=SignalImport.Status.RUNNING, error="", total=len(rows)
    )
    batches = 0
    while True:
        with transaction.atomic():
            run = (
                SignalImport.objects.select_for_update(of=("self",)).select_related("city", "created_by").get(pk=run.pk)
            )
            ctx.run = run
            if run.status == SignalImport.Status.DONE:
                return run
            start = run.processed
            if start >= len(rows):
                return _finish(run)
            batch = rows[start : start + batch_size]
            _process_batch(batch, run=run, ctx=ctx, first_ref=first_ref)
            run.processed = start + len(batch)
            run.save(update_fields=["processed", "imported", "updated", "unchanged", "rejected"])
        if on_progress is not None:
            on_progress(len(batch))
        batches += 1
        if max_batches is not None and batches >= max_batches and run.processed < len(rows):
            return run


def _finish(run: SignalImport) -> SignalImport:
    """Mark the run done (inside the caller's transaction), re-cluster, and forget the stored file."""
    run.status = SignalImport.Status.DONE
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at"])
    audit_record(
        actor=run.created_by,
        action=AuditEvent.Action.UPDATED,
        target=run,
        changes={"status": (SignalImport.Status.RUNNING, SignalImport.Status.DONE)},
        data={
            "event": "finished",
            "imported": run.imported,
            "updated": run.updated,
            "unchanged": run.unchanged,
            "rejected": len(run.rejected),
        },
    )
    if run.imported or run.updated:
        accepted_signals_changed()
    file_delete_on_commit(import_storage(), run.stored_name)
    return run


__all__ = [
    "IMPORTED",
    "MAX_UPLOAD_BYTES",
    "UNCHANGED",
    "UPDATED",
    "signal_import_fail",
    "signal_import_resume",
    "signal_import_run",
    "signal_import_start",
]


@task()
def signal_import_task(import_id: int, language: str = "") -> int:
    """The background run of an import (queued on commit by ``queue_run``): runs or continues it; returns how
    many rows it has processed in all. An unexpected error stops the run with a message, keeping what it did."""
    run = SignalImport.objects.filter(pk=import_id).first()
    if run is None:
        return 0
    try:
        run = signal_import_run(import_run=run, language=language or None, batch_size=BATCH_SIZE)
    except Exception:
        logger.exception("Signal import %s stopped", import_id)
        with translation.override(language or None):
            run = signal_import_fail(
                import_run=run,
                message=_(
                    "The import stopped because of an unexpected error. What it had imported is kept; continue it "
                    "from this page."
                ),
            )
    return run.processed
