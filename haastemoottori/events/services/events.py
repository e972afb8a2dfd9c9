"""Create, edit and cancel events (permission ``events.add_event`` / ``events.manage_event``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Field
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.core.errors import (
    CommonCode,
    ErrorCodeEnum,
    ServiceConflict,
    ServicePermissionDenied,
    ServiceValidationError,
)
from haastemoottori.core.i18n import language_codes, service_translations
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.core.slugs import unique_slug
from haastemoottori.organisations.models import Organisation

from ..errors import ErrorCode
from ..models import Event
from .common import lock_event, notify, seats_taken
from .registrations import promote_waitlisted

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "language",
    "capacity",
    "registration_closes_at",
    "challenges",
)
MAX_CAPACITY = 100_000


def _invalid(code: ErrorCodeEnum, message: str, field: str) -> ServiceValidationError:
    return ServiceValidationError(code, message, field=field)


def _clean_value(event: Event, name: str, value: Any) -> Any:
    if name in ("title", "description"):
        cleaned = service_translations(
            value, field=name, label=str(cast("Field[Any, Any]", Event._meta.get_field(name)).verbose_name)
        )
        if name == "title" and any(len(text) > 200 for text in cleaned.values()):
            raise _invalid(ErrorCode.TITLE_TOO_LONG, _("A title can be at most 200 characters."), name)
        return cleaned
    if name == "kind":
        if value not in Event.Kind.values:
            raise _invalid(ErrorCode.INVALID_KIND, _("Choose the kind of event from the list."), name)
        return value
    if name in ("starts_at", "ends_at", "registration_closes_at"):
        if value is None and name == "registration_closes_at":
            return None
        if not isinstance(value, datetime) or timezone.is_naive(value):
            raise _invalid(ErrorCode.INVALID_DATETIME, _("Enter a date and time."), name)
        return value
    if name == "location":
        text = str(value or "").strip()
        if len(text) > 500:
            raise _invalid(ErrorCode.LOCATION_TOO_LONG, _("An address can be at most 500 characters."), name)
        return text
    if name == "online_url":
        url = str(value or "").strip()
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError as exc:
                raise _invalid(ErrorCode.INVALID_URL, _("Enter a web address starting with https://."), name) from exc
            if len(url) > 500:
                raise _invalid(ErrorCode.INVALID_URL, _("A web address can be at most 500 characters."), name)
        return url
    if name == "language":
        if value not in language_codes():
            raise _invalid(CommonCode.UNKNOWN_LANGUAGE, _("Choose the language of the event from the list."), name)
        return value
    if name == "capacity":
        if value in (None, ""):
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CAPACITY:
            raise _invalid(
                ErrorCode.INVALID_CAPACITY, _("Seats must be a whole number from 1 to 100,000, or empty."), name
            )
        return value
    if name == "challenges":
        challenges = list(value or [])
        if not challenges or not all(isinstance(c, Challenge) for c in challenges):
            raise _invalid(ErrorCode.CHALLENGES_MISSING, _("Choose at least one challenge the event is about."), name)
        owned = set(
            ChallengeOwnership.objects.filter(
                challenge__in=challenges, organisation_id=event.organiser_id, role__in=ChallengeOwnership.APPROVER_ROLES
            ).values_list("challenge_id", flat=True)
        )
        if any(c.pk not in owned for c in challenges):
            raise _invalid(
                ErrorCode.CHALLENGE_NOT_OWNED,
                _("An event can be about only challenges its organiser leads or co-owns."),
                name,
            )
        return challenges
    raise _invalid(ErrorCode.UNKNOWN_FIELD, _("Unknown field: %(field)s.") % {"field": name}, name)


def _clean(event: Event, data: dict[str, Any]) -> dict[str, Any]:
    """Validate ``data`` against the event (values merged with the stored ones); raises before any change."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise _invalid(ErrorCode.UNKNOWN_FIELD, _("Unknown field: %(field)s.") % {"field": field}, field)
    cleaned = {name: _clean_value(event, name, value) for name, value in data.items()}
    merged = {f: cleaned.get(f, getattr(event, f, None)) for f in EDITABLE_FIELDS if f != "challenges"}
    if not (merged["title"] or {}).get(event.original_language):
        raise _invalid(ErrorCode.TITLE_MISSING, _("Give a title in the original language."), "title")
    if merged["starts_at"] is None or merged["ends_at"] is None:
        raise _invalid(
            ErrorCode.INVALID_DATETIME,
            _("Enter a date and time."),
            "starts_at" if not merged["starts_at"] else "ends_at",
        )
    if merged["ends_at"] <= merged["starts_at"]:
        raise _invalid(ErrorCode.ENDS_BEFORE_START, _("The event must end after it starts."), "ends_at")
    if merged["registration_closes_at"] and merged["registration_closes_at"] > merged["starts_at"]:
        raise _invalid(
            ErrorCode.REGISTRATION_AFTER_START,
            _("Registration must close before the event starts."),
            "registration_closes_at",
        )
    if not merged["location"] and not merged["online_url"]:
        raise _invalid(ErrorCode.PLACE_MISSING, _("Give an address, an online link or both."), "location")
    return cleaned


# Slugs that name other routes of the app (events/my/, events/new/, …).
RESERVED_SLUGS = {"my", "new", "challenge", "organisation"}


def _unique_slug(title: str) -> str:
    return unique_slug(
        title, fallback="event", exists=lambda slug: Event.objects.filter(slug=slug).exists(), reserved=RESERVED_SLUGS
    )


@transaction.atomic
def event_create(
    *,
    actor: User,
    organiser: Organisation,
    original_language: str,
    title: dict[str, str],
    challenges: list[Challenge],
    **data: Any,
) -> Event:
    if organiser.kind not in Organisation.OWNER_KINDS:
        raise _invalid(
            ErrorCode.ORGANISER_NOT_PUBLIC, _("Only a city or another public body can organise events."), "organiser"
        )
    if not actor.has_perm("events.add_event", organiser):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED,
            _("You cannot organise events for %(organisation)s.") % {"organisation": organiser},
        )
    if original_language not in language_codes():
        raise _invalid(
            CommonCode.UNKNOWN_LANGUAGE, _("Choose the original language from the list."), "original_language"
        )
    event = Event(
        organiser=organiser,
        original_language=original_language,
        created_by=actor,
        kind=Event.Kind.INFO_SESSION,
        language=original_language,
    )
    cleaned = _clean(event, {"title": title, "challenges": challenges, **data})
    if cleaned["starts_at"] <= timezone.now():
        raise _invalid(ErrorCode.STARTS_IN_PAST, _("The event must start in the future."), "starts_at")
    challenges = cleaned.pop("challenges")
    for name, value in cleaned.items():
        setattr(event, name, value)
    event.slug = _unique_slug(cleaned["title"][original_language])
    event.save()
    event.challenges.set(challenges)
    changes: dict[str, tuple[Any, Any]] = {
        name: (None, value) for name, value in cleaned.items() if value not in (None, "", {}, [])
    }
    changes["challenges"] = ([], [c.slug for c in challenges])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=event,
        changes=changes,
        data={"organiser": organiser.slug},
        is_public=True,
    )
    public_content_changed()
    return event


def _check_manageable(actor: User, event: Event) -> None:
    if not actor.has_perm("events.manage_event", event):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot manage this event."))
    if event.is_cancelled:
        raise ServiceConflict(ErrorCode.EVENT_CANCELLED, _("This event has been cancelled."))


def event_ensure_editable(*, event: Event) -> None:
    """A cancelled event is final: its edit form is not shown and changes are refused."""
    if event.is_cancelled:
        raise ServiceConflict(
            ErrorCode.EVENT_CANCELLED, _("This event has been cancelled, so it can no longer be edited.")
        )


@transaction.atomic
def event_update(*, actor: User, event: Event, **data: Any) -> Event:
    """Edit an event. More seats move people up from the waiting list; fewer than are taken is refused."""
    event = lock_event(event)
    if not actor.has_perm("events.manage_event", event):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot manage this event."))
    event_ensure_editable(event=event)
    cleaned = _clean(event, data)
    capacity = cleaned.get("capacity", event.capacity)
    if capacity is not None and capacity < seats_taken(event):
        raise _invalid(
            ErrorCode.CAPACITY_BELOW_REGISTERED,
            _("%(count)s people have registered already; seats cannot be fewer.") % {"count": seats_taken(event)},
            "capacity",
        )
    new_challenges = cleaned.pop("challenges", None)
    changes: dict[str, tuple[Any, Any]] = {}
    for name, value in cleaned.items():
        old = getattr(event, name)
        if old != value:
            changes[name] = (old, value)
            setattr(event, name, value)
    if new_challenges is not None:
        old_slugs = sorted(c.slug for c in event.challenges.all())
        new_slugs = sorted(c.slug for c in new_challenges)
        if old_slugs != new_slugs:
            changes["challenges"] = (old_slugs, new_slugs)
    if not changes:
        return event
    event.save()
    if "challenges" in changes:
        event.challenges.set(new_challenges)
    audit_record(actor=actor, action=AuditEvent.Action.UPDATED, target=event, changes=changes, is_public=True)
    if "capacity" in changes:
        promote_waitlisted(actor=actor, event=event)
    if TOLD_TO_REGISTRANTS & set(changes) and not event.is_past():
        # Everyone registered or waiting is told once, in their language, how the event is now.
        active = list(event.registrations.active().select_related("user"))
        notify(registrations=active, kind="events.changed", template="events/notifications/changed.txt", event=event)
    public_content_changed()
    return event


# The changes that registrants are told about: when and where (the online link is where, too).
TOLD_TO_REGISTRANTS = frozenset({"starts_at", "ends_at", "location", "online_url"})


@transaction.atomic
def event_cancel(*, actor: User, event: Event, reason: str) -> Event:
    """Cancel an event; everyone registered or waiting is told once, in their language, with the reason."""
    event = lock_event(event)
    _check_manageable(actor, event)
    reason = (reason or "").strip()
    if not reason:
        raise _invalid(ErrorCode.REASON_MISSING, _("Tell the participants why the event is cancelled."), "reason")
    if len(reason) > 2000:
        raise _invalid(ErrorCode.REASON_TOO_LONG, _("The reason can be at most 2,000 characters."), "reason")
    if event.is_past():
        raise ServiceConflict(ErrorCode.EVENT_PAST, _("An event that has ended cannot be cancelled."))
    event.status, event.cancel_reason, event.cancelled_at = Event.Status.CANCELLED, reason, timezone.now()
    event.save(update_fields=["status", "cancel_reason", "cancelled_at", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=event,
        is_public=True,
        changes={"status": (Event.Status.PUBLISHED, Event.Status.CANCELLED), "cancel_reason": ("", reason)},
    )
    active = list(event.registrations.active().select_related("user"))
    notify(registrations=active, kind="events.cancelled", template="events/notifications/cancelled.txt", event=event)
    public_content_changed()
    return event
