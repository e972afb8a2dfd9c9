"""Building blocks of the OCDS export: dates, values, parties and the pilots' implementation data.

Kept apart from ``ocds.py`` (which assembles the releases) so each piece is small and testable.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.utils import timezone

from haastemoottori.core.i18n import translate
from haastemoottori.organisations.models import OrganisationIdentifier

FI_PRO = OrganisationIdentifier.FINNISH_BUSINESS_ID
PILOT_STATUSES_SHOWN = ("running", "finished", "stopped", "planned")


def iso(value: date | datetime | None) -> str | None:
    """An RFC 3339 date-time with the Helsinki offset; a date means the start of that day in Helsinki."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        value = timezone.make_aware(datetime.combine(value, time.min))
    elif timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def compact(value: datetime) -> str:
    """A release id suffix from a moment, in UTC: 20250131T120000Z."""
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def as_datetime(value: date | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(datetime.combine(value, time.min))


def latest(*values) -> datetime | None:
    moments = [m for m in (as_datetime(v) for v in values) if m is not None]
    return max(moments) if moments else None


def money(amount: Decimal | int, currency: str = "EUR") -> dict:
    number = Decimal(amount)
    return {"amount": int(number) if number == number.to_integral_value() else float(number), "currency": currency}


def text(values, original: str | None, language: str) -> str:
    """A translated dict (or a plain string) as text in ``language``, falling back to the original."""
    if isinstance(values, dict):
        return translate(values, original or language, language).text
    return str(values or "")


def business_ids(organisations) -> dict[int, str]:
    """Finnish Business IDs of organisations, from their prefetched ``identifiers`` or one query."""
    result: dict[int, str] = {}
    missing = []
    for org in organisations:
        cache = getattr(org, "_prefetched_objects_cache", {})
        if "identifiers" in cache:
            for ident in cache["identifiers"]:
                if ident.scheme == FI_PRO:
                    result[org.pk] = ident.identifier
        else:
            missing.append(org.pk)
    if missing:
        for org_id, ident in OrganisationIdentifier.objects.filter(
            organisation_id__in=missing, scheme=FI_PRO
        ).values_list("organisation_id", "identifier"):
            result[org_id] = ident
    return result


def party_id(org, business_id: str | None) -> str:
    return f"{FI_PRO}-{business_id}" if business_id else f"haastemoottori-organisation-{org.pk}"


def party(org, business_id: str | None, roles: list[str], language: str) -> dict:
    name = text(org.name, org.original_language, language)
    entry: dict[str, Any] = {"id": party_id(org, business_id), "name": name, "roles": roles}
    if business_id:
        entry["identifier"] = {"scheme": FI_PRO, "id": business_id, "legalName": name}
    return entry


def reference(entry: dict) -> dict:
    return {"id": entry["id"], "name": entry["name"]}


# --- pilots (the pilots app may not exist yet: read it defensively) ---------------------------------


def pilot_model():
    try:
        model = apps.get_model("pilots", "Pilot")
    except LookupError:
        return None
    names = {f.name for f in model._meta.get_fields()}
    return model if "challenge" in names else None


def pilots_of(challenge) -> list:
    """The challenge's pilots with their milestones, or [] while the pilots app has no Pilot model."""
    model = pilot_model()
    if model is None:
        return []
    names = {f.name for f in model._meta.get_fields()}
    qs = model.objects.filter(challenge=challenge)
    if "milestones" in names:
        qs = qs.prefetch_related("milestones")
    if "status" in names:
        qs = qs.filter(status__in=PILOT_STATUSES_SHOWN)
    return list(qs.order_by("pk"))


def _milestones(pilot) -> list:
    manager = getattr(pilot, "milestones", None)
    if manager is None:
        return []
    try:
        return list(manager.all())
    except (AttributeError, TypeError):
        return []


def pilot_milestones(pilot, language: str) -> list[dict]:
    """A pilot's milestones as OCDS implementation milestones (type delivery; met when done)."""
    result = []
    for m in sorted(_milestones(pilot), key=lambda m: (getattr(m, "due_date", None) or date.max, m.pk)):
        done = getattr(m, "done_at", None)
        original = getattr(m, "original_language", None) or getattr(pilot, "original_language", language)
        title = text(getattr(m, "title", ""), original, language)
        entry: dict[str, Any] = {
            "id": f"pilot-{pilot.pk}-milestone-{m.pk}",
            "title": title,
            "type": "delivery",
            "status": "met" if done else "scheduled",
        }
        if getattr(m, "due_date", None):
            entry["dueDate"] = iso(m.due_date)
        if done:
            entry["dateMet"] = iso(done)
        result.append(entry)
    return result


def pilot_changed_at(pilot) -> datetime | None:
    """The last change of a pilot's implementation data: the pilot (its ``updated_at`` also moves when a milestone
    is added, edited or deleted) or a milestone done."""
    return latest(
        getattr(pilot, "created_at", None),
        getattr(pilot, "updated_at", None),
        *(getattr(m, "done_at", None) for m in _milestones(pilot)),
    )
