"""One imported row: validated into signal fields (or rejected with a translated reason) and saved.

Re-importing is idempotent by (city, external_source, external_id): an unchanged row writes nothing, a
changed one updates the signal (the source wins for the fields it carries), a new one creates it. An empty
department or themes cell leaves the signal's current classification, so staff may classify imported signals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.core.i18n import language_codes
from haastemoottori.organisations.models import Department, Organisation
from haastemoottori.taxonomy.models import Theme

from ..errors import ErrorCode
from ..imports.rows import RawRow, guess_language, parse_when
from ..models import Signal, SignalImport
from .common import (
    MAX_PLACE,
    MAX_TEXT,
    audit,
    clean_coordinates,
    clean_language,
    clean_observed,
    clean_text,
    clean_title,
    clean_url,
)

IMPORTED, UPDATED, UNCHANGED = "imported", "updated", "unchanged"
# The "source" column of a CSV row; Open311 rows are always resident feedback.
CSV_SOURCES = (Signal.Source.CSV, Signal.Source.EXPERT, Signal.Source.STRATEGY, Signal.Source.FORESIGHT)
COMPARED_FIELDS = (
    "source",
    "title",
    "text",
    "language",
    "location_name",
    "latitude",
    "longitude",
    "evidence_url",
    "observed_at",
)


class RowRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class RowContext:
    """What validating the rows of one run needs, looked up once: the city's departments, the themes."""

    run: SignalImport
    city: Organisation
    now: datetime
    departments: dict[str, Department] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)

    @classmethod
    def for_run(cls, run: SignalImport, *, now: datetime) -> RowContext:
        ctx = cls(run=run, city=run.city, now=now)
        for department in Department.objects.filter(organisation=run.city):
            for key in (department.slug, *department.name.values()):
                if key:
                    ctx.departments.setdefault(key.strip().lower(), department)
        for theme in Theme.objects.all():
            for key in (theme.slug, *theme.name.values()):
                if key:
                    ctx.themes.setdefault(key.strip().lower(), theme)
        return ctx

    @property
    def default_language(self) -> str:
        language = self.city.original_language
        return language if language in language_codes() else settings.LANGUAGE_CODE


def _reject(raw: RawRow, name: str, message: Any) -> RowRejected:
    return RowRejected(f"{raw.column(name)}: {message}")


def _required(raw: RawRow, name: str) -> None:
    value = raw.values.get(name)
    if name in raw.required and (value is None or not str(value).strip()):
        raise _reject(raw, name, _("This field is required."))


def validate_row(raw: RawRow, ctx: RowContext) -> dict[str, Any]:
    """The signal fields of a row, or RowRejected with the column and a reason in the active language."""
    if raw.error:
        raise RowRejected(raw.error)
    values = raw.values
    for name in ("id", "title", "text", "observed"):
        _required(raw, name)
    if len(raw.external_id) > 200:
        raise _reject(raw, "id", _("Write at most %(max)s characters.") % {"max": 200})
    field_names = {
        "title": "title",
        "text": "text",
        "location_name": "place",
        "evidence_url": "evidence_url",
        "latitude": "latitude",
        "longitude": "longitude",
        "language": "language",
        "observed_at": "observed",
        "source": "source",
    }
    try:
        data: dict[str, Any] = {
            "title": clean_title(values.get("title")),
            "text": clean_text(values.get("text"), field="text", required=False, max_length=MAX_TEXT),
            "location_name": clean_text(
                values.get("place"), field="location_name", required=False, max_length=MAX_PLACE
            ),
            "evidence_url": clean_url(values.get("evidence_url")),
        }
        data["latitude"], data["longitude"] = clean_coordinates(values.get("latitude"), values.get("longitude"))
        language = str(values.get("language") or "").strip().lower()
        data["language"] = (
            clean_language(language)
            if language
            else guess_language(
                f"{data['title']} {data['text']}", candidates=language_codes(), default=ctx.default_language
            )
        )
        try:
            observed = parse_when(values.get("observed"))
        except ValueError:
            raise ServiceValidationError(
                ErrorCode.INVALID_DATE, _("Not a date. Write e.g. 2025-03-01 or 1.3.2025."), field="observed_at"
            )
        data["observed_at"] = clean_observed(observed, now=ctx.now)
    except ServiceValidationError as exc:
        raise _reject(raw, field_names.get(exc.field or "", exc.field or ""), exc.message)
    source = str(values.get("source") or Signal.Source.CSV).strip().lower()
    if ctx.run.format == SignalImport.Format.OPEN311:
        source = Signal.Source.OPEN311
    elif source not in CSV_SOURCES:
        raise _reject(raw, "source", _("Unknown source; use one of %(sources)s.") % {"sources": ", ".join(CSV_SOURCES)})
    data["source"] = source
    department = str(values.get("department") or "").strip()
    if department:
        data["department"] = ctx.departments.get(department.lower())
        if data["department"] is None:
            raise _reject(
                raw, "department", _("%(city)s has no department “%(name)s”.") % {"city": ctx.city, "name": department}
            )
    themes = [str(t).strip() for t in values.get("themes") or [] if str(t).strip()]
    if themes:
        unknown = [t for t in themes if t.lower() not in ctx.themes]
        if unknown:
            raise _reject(raw, "themes", _("Unknown theme “%(name)s”.") % {"name": unknown[0]})
        data["themes"] = sorted({ctx.themes[t.lower()] for t in themes}, key=lambda t: t.pk)
    return data


def _differences(signal: Signal, data: dict[str, Any]) -> dict[str, Any]:
    changes = {
        name: (getattr(signal, name), data[name]) for name in COMPARED_FIELDS if getattr(signal, name) != data[name]
    }
    if "department" in data and signal.department_id != data["department"].pk:
        changes["department"] = (signal.department_id, data["department"].pk)
    if "themes" in data:
        old = sorted(t.pk for t in signal.themes.all())
        new = [t.pk for t in data["themes"]]
        if old != new:
            changes["themes"] = (old, new)
    return changes


def save_row(*, raw: RawRow, data: dict[str, Any], existing: Signal | None, ctx: RowContext) -> str:
    """Create or update the signal of a validated row; IMPORTED, UPDATED or UNCHANGED."""
    actor = ctx.run.created_by
    themes = data.pop("themes", None)
    if existing is None:
        signal = Signal.objects.create(
            city=ctx.city,
            status=Signal.Status.ACCEPTED,
            external_source=ctx.run.format,
            external_id=raw.external_id,
            **data,
        )
        if themes:
            signal.themes.set(themes)
        audit(
            actor=actor,
            action=AuditEvent.Action.CREATED,
            signal=signal,
            changes={
                "status": (None, signal.status),
                "department": (None, signal.department_id),
                "themes": (None, [t.pk for t in themes or []]),
            },
            data={"import": ctx.run.pk, "event": "imported"},
        )
        return IMPORTED
    if themes is not None:
        data["themes"] = themes
    changes = _differences(existing, data)
    if not changes:
        return UNCHANGED
    for name in COMPARED_FIELDS:
        setattr(existing, name, data[name])
    if "department" in data:
        existing.department = data["department"]
    existing.save()
    if "themes" in changes:
        existing.themes.set(themes)
    audit(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        signal=existing,
        changes=changes,
        data={"import": ctx.run.pk, "event": "reimported"},
    )
    return UPDATED
