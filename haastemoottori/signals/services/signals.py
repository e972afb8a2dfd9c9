"""Staff signals: an expert's note from a department, a strategy goal or a foresight trend, and edits."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.core.page_cache import public_content_changed

from ..errors import ErrorCode
from ..models import Signal
from ..tasks import schedule_clustering
from .common import (
    MAX_PLACE,
    MAX_TEXT,
    audit,
    clean_city,
    clean_coordinates,
    clean_department,
    clean_language,
    clean_observed,
    clean_source,
    clean_text,
    clean_themes,
    clean_title,
    clean_url,
    require_perm,
)

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.organisations.models import Department, Organisation
    from haastemoottori.taxonomy.models import Theme

# What staff enter by hand; resident suggestions and imports have their own services.
STAFF_SOURCES = (Signal.Source.EXPERT, Signal.Source.STRATEGY, Signal.Source.FORESIGHT)
# Changing one of these in an accepted signal changes its embedding, its cluster's counts or the trends.
CLUSTERED_FIELDS = ("title", "text", "city", "department", "observed_at", "themes")


def accepted_signals_changed() -> None:
    """Accepted signals were added or changed: re-cluster, and refresh the public counts (foresight page)."""
    schedule_clustering()
    public_content_changed()


@transaction.atomic
def signal_create(
    *,
    actor: User,
    city: Organisation,
    source: str,
    title: str,
    language: str,
    text: str = "",
    department: Department | None = None,
    themes: Iterable[Theme] = (),
    location_name: str = "",
    latitude: Any = None,
    longitude: Any = None,
    evidence_url: str = "",
    observed_at: datetime | None = None,
    now: datetime | None = None,
) -> Signal:
    """Record a signal a city's staff member brings: accepted at once (staff are trusted to enter needs)."""
    now = now or timezone.now()
    city = clean_city(city)
    require_perm(
        actor, "signals.add_signal", city, _("Only the staff of %(city)s can add its signals.") % {"city": city}
    )
    latitude, longitude = clean_coordinates(latitude, longitude)
    signal = Signal.objects.create(
        source=clean_source(source, allowed=STAFF_SOURCES),
        status=Signal.Status.ACCEPTED,
        title=clean_title(title),
        text=clean_text(text, field="text", required=False, max_length=MAX_TEXT),
        language=clean_language(language),
        city=city,
        department=clean_department(department, city=city),
        location_name=clean_text(location_name, field="location_name", required=False, max_length=MAX_PLACE),
        latitude=latitude,
        longitude=longitude,
        evidence_url=clean_url(evidence_url),
        observed_at=clean_observed(observed_at, now=now),
        author=actor,
    )
    themes = clean_themes(themes)
    if themes:
        signal.themes.set(themes)
    audit(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        signal=signal,
        changes={
            "status": (None, signal.status),
            "department": (None, signal.department_id),
            "themes": (None, sorted(t.pk for t in themes)),
        },
    )
    accepted_signals_changed()
    return signal


def _cleaned_changes(signal: Signal, fields: dict[str, Any], *, now: datetime) -> dict[str, Any]:
    """The new values of the given fields, cleaned. Raises ServiceValidationError for an unknown field."""
    cleaners: dict[str, Callable[[Any], Any]] = {
        "title": clean_title,
        "text": lambda v: clean_text(v, field="text", required=False, max_length=MAX_TEXT),
        "language": clean_language,
        "location_name": lambda v: clean_text(v, field="location_name", required=False, max_length=MAX_PLACE),
        "evidence_url": clean_url,
        "observed_at": lambda v: clean_observed(v, now=now),
    }
    unknown = set(fields) - {*cleaners, "city", "department", "themes", "latitude", "longitude", "source"}
    if unknown:
        raise ServiceValidationError(
            ErrorCode.UNKNOWN_FIELD, _("This field cannot be changed."), field=sorted(unknown)[0]
        )
    new = {name: cleaner(fields[name]) for name, cleaner in cleaners.items() if name in fields}
    if "source" in fields:
        if signal.source not in STAFF_SOURCES:
            raise ServiceValidationError(
                ErrorCode.SOURCE_FIXED,
                _("The source of a resident's suggestion or an imported signal cannot be changed."),
                field="source",
            )
        new["source"] = clean_source(fields["source"], allowed=STAFF_SOURCES)
    if "city" in fields:
        new["city"] = clean_city(fields["city"])
    city = new.get("city", signal.city)
    if "department" in fields or "city" in fields:
        department = fields.get("department", signal.department)
        new["department"] = clean_department(department, city=city)
    if "latitude" in fields or "longitude" in fields:
        new["latitude"], new["longitude"] = clean_coordinates(
            fields.get("latitude", signal.latitude), fields.get("longitude", signal.longitude)
        )
    if "themes" in fields:
        new["themes"] = clean_themes(fields["themes"])
    return new


@transaction.atomic
def signal_update(*, actor: User, signal: Signal, now: datetime | None = None, **fields: Any) -> Signal:
    """Edit a signal (its city's editors): fix the wording, classify it (department, themes), move it to the
    right city. An accepted signal whose text or placing changed is clustered again."""
    now = now or timezone.now()
    signal = Signal.objects.select_for_update(of=("self",)).select_related("city", "department").get(pk=signal.pk)
    message = _("Only the editors of %(city)s can edit its signals.") % {"city": signal.city}
    require_perm(actor, "signals.change_signal", signal, message)
    new = _cleaned_changes(signal, fields, now=now)
    if "city" in new and new["city"].pk != signal.city_id:
        require_perm(
            actor,
            "signals.change_signal",
            new["city"],
            _("You can move a signal only to a city whose signals you edit."),
        )
    changes: dict[str, Any] = {}
    themes = new.pop("themes", None)
    for name, value in new.items():
        old = getattr(signal, name)
        old_cmp = old.pk if hasattr(old, "pk") else old
        new_cmp = value.pk if hasattr(value, "pk") else value
        if old_cmp != new_cmp:
            changes[name] = (old_cmp, new_cmp)
            setattr(signal, name, value)
    if themes is not None:
        old_ids = sorted(signal.themes.values_list("pk", flat=True))
        new_ids = sorted(t.pk for t in themes)
        if old_ids != new_ids:
            changes["themes"] = (old_ids, new_ids)
            signal.themes.set(themes)
    if not changes:
        return signal
    signal.save()
    audit(actor=actor, action=AuditEvent.Action.UPDATED, signal=signal, changes=changes)
    if signal.status == Signal.Status.ACCEPTED and any(name in changes for name in CLUSTERED_FIELDS):
        accepted_signals_changed()
    return signal
