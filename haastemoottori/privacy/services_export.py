"""Right of access and to data portability (GDPR articles 15 and 20): everything the platform holds about a
person, as JSON, with the files they uploaded, in one zip. Built from the registry (registry.py); nothing of
other people: foreign keys to other accounts are left out, and each app excludes what is not the person's."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from haastemoottori.accounts.models import User
from haastemoottori.audit.services import audit_record

from .audit_actions import AuditAction
from .registry import extra_exports, registered


@dataclass(frozen=True)
class ExportFile:
    path: str  # inside the zip
    field: FieldFile


def _value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (UUID, Decimal)):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_value(v) for v in value]
    return value


def _row(
    obj: models.Model, user: User, exclude: tuple[str, ...], file_fields: tuple[str, ...], files: list[ExportFile]
) -> dict[str, Any]:
    row: dict[str, Any] = {}
    user_model = User
    for f in obj._meta.concrete_fields:
        if f.name in exclude or f.name == "password":
            continue
        if f.is_relation:
            raw = getattr(obj, f.attname)
            if f.related_model is user_model:
                # Only the person themselves, never another account.
                if raw == user.pk:
                    row[f.name] = "you"
                continue
            related = getattr(obj, f.name) if raw is not None else None
            row[f.name] = None if related is None else {"id": _value(related.pk), "label": str(related)}
            continue
        value = getattr(obj, f.attname)
        if isinstance(value, (bytes, memoryview)):
            continue  # embeddings and other machine data, not readable
        if isinstance(f, models.FileField):
            if f.name in file_fields and value:
                name = getattr(obj, "original_name", "") or value.name.rsplit("/", 1)[-1]
                path = f"files/{obj._meta.label_lower}/{obj.pk}/{name}"
                files.append(ExportFile(path=path, field=value))
                row[f.name] = path
            else:
                row[f.name] = bool(value)
            continue
        row[f.name] = _value(value)
    return row


def personal_data_collect(user: User) -> tuple[dict[str, Any], list[ExportFile]]:
    """The person's data by section (one per registered model), and the files to add to the zip."""
    files: list[ExportFile] = []
    sections: dict[str, Any] = {}
    for model, spec in sorted(registered().items(), key=lambda item: item[1].key):
        if spec.rows is not None:
            qs = spec.rows(user)
        else:
            q = models.Q()
            for name in spec.fields:
                q |= models.Q(**{name: user})
            qs = model._base_manager.filter(q)
        rows = [_row(obj, user, spec.exclude, spec.files, files) for obj in qs.order_by("pk")]
        if rows:
            sections[spec.key] = {"title": str(model._meta.verbose_name_plural), "rows": rows}
    for key, extra in sorted(extra_exports().items()):
        qs = extra.rows(user)
        rows = [_row(obj, user, extra.exclude, (), files) for obj in qs.order_by("pk")]
        if rows:
            sections[key] = {"title": str(qs.model._meta.verbose_name_plural), "rows": rows}
    return sections, files


def personal_data_export(*, actor: User) -> bytes:
    """The zip a person downloads from their account page: ``data.json`` and ``files/``. Audited."""
    sections, files = personal_data_collect(actor)
    document = {
        "service": settings.SITE_NAME,
        "generated_at": timezone.now().isoformat(),
        "person": actor.pk,
        "sections": sections,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(document, ensure_ascii=False, indent=2))
        for item in files:
            try:
                with item.field.open("rb") as handle:
                    archive.writestr(item.path, handle.read())
            except (FileNotFoundError, OSError):
                archive.writestr(item.path + ".missing.txt", "The file is no longer stored.")
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DATA_EXPORTED,
            target=actor,
            data={"sections": sorted(sections), "files": len(files)},
        )
    return buffer.getvalue()
