"""What the signal services share: permission checks, cleaning of each field with a translated message,
the audit record and the notification to a resident."""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import language_codes
from haastemoottori.organisations.models import Department, Organisation
from haastemoottori.taxonomy.models import Theme

from ..errors import ErrorCode
from ..models import Signal

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

MAX_TITLE = 200
MAX_TEXT = 4000
MAX_PLACE = 200
MAX_URL = 500
MAX_REASON = 2000
MIN_SUGGESTION_TEXT = 10
# Fields whose change alters the embedding: clustering runs again when one of them changes.
EMBEDDED_FIELDS = ("title", "text")
# Fields recorded in the audit log by name only (a resident's words and place never enter the log).
PRIVATE_FIELDS = ("title", "text", "location_name", "latitude", "longitude", "evidence_url", "moderation_reason")


def require_perm(actor: User | None, perm: str, obj: Model | None, message: str) -> None:
    if actor is None or not actor.has_perm(perm, obj):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, message)


def clean_text(
    value: Any, *, field: str, required: bool = True, max_length: int = MAX_TEXT, min_length: int = 0
) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ServiceValidationError(ErrorCode.REQUIRED, _("This field is required."), field=field)
    if text and len(text) < min_length:
        raise ServiceValidationError(
            ErrorCode.TOO_SHORT, _("Write at least %(min)s characters.") % {"min": min_length}, field=field
        )
    if len(text) > max_length:
        raise ServiceValidationError(
            ErrorCode.TOO_LONG, _("Write at most %(max)s characters.") % {"max": max_length}, field=field
        )
    if "\x00" in text:
        raise ServiceValidationError(
            ErrorCode.INVALID_TEXT, _("The text contains characters that are not allowed."), field=field
        )
    return text


def clean_title(value: Any) -> str:
    # One line: a title with line breaks would break lists and feeds.
    return " ".join(clean_text(value, field="title", max_length=MAX_TITLE).split())


def clean_language(value: str, *, field: str = "language") -> str:
    if value not in language_codes():
        raise ServiceValidationError(
            CommonCode.UNKNOWN_LANGUAGE, _("Choose one of the languages of the service."), field=field
        )
    return value


def clean_source(value: str, *, allowed: Container[str]) -> str:
    if value not in allowed:
        raise ServiceValidationError(ErrorCode.UNKNOWN_SOURCE, _("Choose a source from the list."), field="source")
    return value


def clean_city(city: Any) -> Organisation:
    if not isinstance(city, Organisation) or city.kind not in Organisation.OWNER_KINDS:
        raise ServiceValidationError(ErrorCode.NOT_A_CITY, _("Choose a city from the list."), field="city")
    return city


def clean_department(department: Any, *, city: Organisation) -> Department | None:
    if department is None:
        return None
    if not isinstance(department, Department) or department.organisation_id != city.pk:
        raise ServiceValidationError(
            ErrorCode.DEPARTMENT_OF_OTHER_CITY,
            _("Choose a department of %(city)s.") % {"city": city},
            field="department",
        )
    return department


def clean_themes(themes: Iterable[Any] | None) -> list[Theme]:
    themes = list(themes or [])
    if any(not isinstance(t, Theme) or t.pk is None for t in themes):
        raise ServiceValidationError(ErrorCode.UNKNOWN_THEME, _("Choose themes from the list."), field="themes")
    return themes


def clean_url(value: Any, *, field: str = "evidence_url") -> str:
    url = str(value or "").strip()
    if not url:
        return ""
    message = _("Enter a web address that starts with https:// or http://.")
    if len(url) > MAX_URL:
        raise ServiceValidationError(
            ErrorCode.TOO_LONG, _("Write at most %(max)s characters.") % {"max": MAX_URL}, field=field
        )
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise ServiceValidationError(ErrorCode.INVALID_URL, message, field=field)
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ServiceValidationError(ErrorCode.INVALID_URL, message, field=field)
    return url


def parse_decimal(value: Any) -> Decimal | None:
    """A number from a form, a file or JSON; a decimal comma is accepted (Finnish spreadsheets write one)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InvalidOperation
    text = str(value).strip().replace(",", ".")
    number = Decimal(text)
    if not number.is_finite():
        raise InvalidOperation
    return number


def clean_coordinates(latitude: Any, longitude: Any) -> tuple[Decimal | None, Decimal | None]:
    """Both or neither; WGS84 degrees, rounded to six decimals (about 10 cm)."""
    try:
        lat = parse_decimal(latitude)
    except (InvalidOperation, ValueError, TypeError):
        raise ServiceValidationError(ErrorCode.INVALID_LATITUDE, _("Latitude must be a number."), field="latitude")
    try:
        lon = parse_decimal(longitude)
    except (InvalidOperation, ValueError, TypeError):
        raise ServiceValidationError(ErrorCode.INVALID_LONGITUDE, _("Longitude must be a number."), field="longitude")
    if (lat is None) != (lon is None):
        raise ServiceValidationError(
            ErrorCode.COORDINATES_INCOMPLETE,
            _("Give both latitude and longitude, or neither."),
            field="latitude" if lat is None else "longitude",
        )
    if lat is None:
        return None, None
    assert lon is not None  # both or neither
    if not -90 <= lat <= 90:
        raise ServiceValidationError(
            ErrorCode.INVALID_LATITUDE, _("Latitude must be between -90 and 90."), field="latitude"
        )
    if not -180 <= lon <= 180:
        raise ServiceValidationError(
            ErrorCode.INVALID_LONGITUDE, _("Longitude must be between -180 and 180."), field="longitude"
        )
    q = Decimal("0.000001")
    return lat.quantize(q), lon.quantize(q)


def clean_observed(value: datetime | None, *, now: datetime) -> datetime:
    if value is None:
        return now
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > now + timedelta(days=1):
        raise ServiceValidationError(
            ErrorCode.OBSERVED_IN_FUTURE, _("The observation date cannot be in the future."), field="observed_at"
        )
    return value


def audit(
    *,
    actor: User | None,
    action: Enum,
    signal: Signal,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Record a change of a signal, never public. The old and new values of the private fields (a resident's
    words, place and link, the rejection reason) are left out; ``data["fields"]`` names every changed field."""
    changes = changes or {}
    audit_record(
        actor=actor,
        action=action,
        target=signal,
        changes={name: values for name, values in changes.items() if name not in PRIVATE_FIELDS},
        data={"city": signal.city_id, "source": signal.source, "fields": sorted(changes), **(data or {})},
        is_public=False,
    )


def notify_author(*, signal: Signal, kind: str, template: str) -> None:
    if signal.author is None:
        return
    from haastemoottori.notifications.services import notification_send

    notification_send(
        recipients=[signal.author],
        kind=kind,
        template=f"signals/notifications/{template}.txt",
        context={"signal": signal},
        url_name="signals:mine",
        url_anchor=f"s{signal.pk}",
    )
