from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, cast

from django.db import transaction
from django.db.models import Field
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.concurrency import EditConflict, differences, token_matches
from haastemoottori.core.concurrency import edit_token as token_of
from haastemoottori.core.errors import CommonCode, ErrorCodeEnum, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.forms_numbers import NumberFormatError, parse_number
from haastemoottori.core.i18n import language_codes, service_translations
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.core.slugs import unique_slug
from haastemoottori.organisations.models import Department, Organisation
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.search.services import search_index_schedule
from haastemoottori.taxonomy.models import Theme

from ..errors import ErrorCode
from ..lifecycle import STAGE_INFO, Route, Stage
from ..models import Challenge, ChallengeOwnership, Indicator

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

TEXT_FIELDS = tuple(f for f in Challenge.TRANSLATED_FIELDS if f != "outcome_note")
SCALAR_FIELDS = (
    "route",
    "platform",
    "budget_min",
    "budget_max",
    "call_opens_at",
    "call_deadline",
    "pilot_start",
    "pilot_end",
)
CANVAS_FIELDS = (*TEXT_FIELDS, *SCALAR_FIELDS, "themes")
# Indicators count or measure things (floods per year, tonnes, euros): no field of theirs is meant to be negative.
INDICATOR_NEGATIVE_MESSAGE = gettext_lazy("An indicator's baseline and target cannot be negative.")


def _invalid(code: ErrorCodeEnum, message: str, field: str) -> ServiceValidationError:
    return ServiceValidationError(code, message, field=field)


def _clean_canvas(challenge: Challenge, data: dict[str, Any]) -> dict[str, Any]:
    """Validate the canvas values in ``data``; returns them cleaned. Raises before anything changes."""
    unknown = set(data) - set(CANVAS_FIELDS)
    if unknown:
        raise _invalid(
            ErrorCode.UNKNOWN_FIELD,
            _("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))},
            sorted(unknown)[0],
        )
    cleaned: dict[str, Any] = {}
    for name, value in data.items():
        if name in TEXT_FIELDS:
            cleaned[name] = service_translations(
                value, field=name, label=str(cast("Field[Any, Any]", Challenge._meta.get_field(name)).verbose_name)
            )
            if name == "title":
                for text in cleaned[name].values():
                    if len(text) > 200:
                        raise _invalid(ErrorCode.TITLE_TOO_LONG, _("A title can be at most 200 characters."), name)
        elif name == "route":
            if value and value not in Route.values:
                raise _invalid(ErrorCode.INVALID_ROUTE, _("Choose a recommended route from the list."), name)
            cleaned[name] = value or ""
        elif name == "platform":
            if value is not None and not isinstance(value, DevelopmentPlatform):
                raise _invalid(ErrorCode.INVALID_PLATFORM, _("Choose a development platform from the list."), name)
            cleaned[name] = value
        elif name in ("budget_min", "budget_max"):
            if value in (None, ""):
                cleaned[name] = None
            else:
                try:
                    amount = int(Decimal(str(value)))
                except (InvalidOperation, ValueError) as exc:
                    raise _invalid(ErrorCode.INVALID_BUDGET, _("A budget is a whole number of euros."), name) from exc
                if amount < 0 or amount > 10**12:
                    raise _invalid(
                        ErrorCode.INVALID_BUDGET, _("A budget must be between 0 and 1,000,000,000,000 euros."), name
                    )
                cleaned[name] = amount
        elif name in ("call_opens_at", "call_deadline"):
            if value is not None and not isinstance(value, datetime):
                raise _invalid(ErrorCode.INVALID_DATETIME, _("Enter a date and time."), name)
            cleaned[name] = value
        elif name in ("pilot_start", "pilot_end"):
            if value is not None and not isinstance(value, date):
                raise _invalid(ErrorCode.INVALID_DATE, _("Enter a date."), name)
            cleaned[name] = value
        elif name == "themes":
            themes = list(value or [])
            if not all(isinstance(t, Theme) for t in themes):
                raise _invalid(ErrorCode.INVALID_THEME, _("Choose themes from the list."), name)
            cleaned[name] = themes

    merged = {f: cleaned.get(f, getattr(challenge, f, None)) for f in SCALAR_FIELDS}
    if (
        merged["budget_min"] is not None
        and merged["budget_max"] is not None
        and merged["budget_min"] > merged["budget_max"]
    ):
        raise _invalid(
            ErrorCode.BUDGET_RANGE, _("The lower end of the budget range is above the upper end."), "budget_min"
        )
    if merged["call_opens_at"] and merged["call_deadline"] and merged["call_opens_at"] >= merged["call_deadline"]:
        raise _invalid(ErrorCode.CALL_DATES, _("The call must open before its deadline."), "call_deadline")
    if merged["pilot_start"] and merged["pilot_end"] and merged["pilot_start"] > merged["pilot_end"]:
        raise _invalid(ErrorCode.PILOT_DATES, _("The pilot must start before it ends."), "pilot_end")
    return cleaned


def _search_text(challenge: Challenge) -> str:
    parts: list[str] = []
    for field in ("title", "summary"):
        parts.extend((getattr(challenge, field) or {}).values())
    return "\n".join(parts).lower()


def _unique_slug(title: str) -> str:
    return unique_slug(title, fallback="challenge", exists=lambda slug: Challenge.objects.filter(slug=slug).exists())


def _is_substantive(field: str, old: Any, new: Any, original_language: str) -> bool:
    """A translation-only change keeps approvals; a change to the original text or to facts resets them."""
    if field in TEXT_FIELDS:
        return bool((old or {}).get(original_language, "") != (new or {}).get(original_language, ""))
    return True


@transaction.atomic
def challenge_create(
    *,
    actor: User,
    lead: Organisation,
    original_language: str,
    title: dict[str, str],
    lead_department: Department | None = None,
    **canvas: Any,
) -> Challenge:
    if not lead.can_own_challenges:
        raise _invalid(
            ErrorCode.LEAD_NOT_OWNER_KIND, _("Only a city or another public body can own a challenge."), "lead"
        )
    if not actor.has_perm("organisations.create_challenge_for", lead):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED,
            _("You cannot create challenges for %(organisation)s.") % {"organisation": lead},
        )
    if original_language not in language_codes():
        raise _invalid(
            CommonCode.UNKNOWN_LANGUAGE, _("Choose the original language from the list."), "original_language"
        )
    if lead_department is not None and lead_department.organisation_id != lead.pk:
        raise _invalid(
            ErrorCode.DEPARTMENT_MISMATCH, _("The department must belong to the lead organisation."), "lead_department"
        )
    challenge = Challenge(original_language=original_language, stage=Stage.DRAFT, created_by=actor)
    cleaned = _clean_canvas(challenge, {"title": title, **canvas})
    if not cleaned["title"].get(original_language):
        raise _invalid(ErrorCode.TITLE_MISSING, _("Give a title in the original language."), "title")
    themes = cleaned.pop("themes", [])
    for name, value in cleaned.items():
        setattr(challenge, name, value)
    challenge.slug = _unique_slug(cleaned["title"][original_language])
    challenge.search_text = _search_text(challenge)
    challenge.save()
    challenge.themes.set(themes)
    ChallengeOwnership.objects.create(
        challenge=challenge, organisation=lead, department=lead_department, role=ChallengeOwnership.Role.LEAD
    )
    changes: dict[str, tuple[Any, Any]] = {
        name: (None, value) for name, value in cleaned.items() if value not in (None, "", {}, [])
    }
    if themes:
        changes["themes"] = ([], [t.slug for t in themes])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=challenge,
        changes=changes,
        data={"lead": lead.slug, "original_language": original_language},
    )
    search_index_schedule([challenge])
    return challenge


def _lock(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


def _check_editable(actor: User, challenge: Challenge) -> None:
    if not actor.has_perm("challenges.change_challenge", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot edit this challenge."))
    if not STAGE_INFO[Stage(challenge.stage)].editable:
        raise ServiceValidationError(
            ErrorCode.NOT_EDITABLE,
            _("A challenge in stage “%(stage)s” can no longer be edited.") % {"stage": Stage(challenge.stage).label},
        )


def _bump_version(actor: User, challenge: Challenge, reason_fields: list[str]) -> None:
    approved = [
        o.organisation.slug
        for o in challenge.ownerships.select_related("organisation")
        if o.must_approve and o.has_approved(challenge.version)
    ]
    challenge.version += 1
    if approved:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.APPROVALS_RESET,
            target=challenge,
            data={"organisations": approved, "fields": reason_fields, "version": challenge.version},
        )


def _canvas_inputs(challenge: Challenge, values: dict[str, Any]) -> tuple[dict[str, str], dict[str, Any]]:
    """Canvas values as the conflict view compares them: a translated text per language, themes as names."""
    labels: dict[str, str] = {}
    flat: dict[str, Any] = {}
    for name, value in values.items():
        label = str(cast("Field[Any, Any]", Challenge._meta.get_field(name)).verbose_name).capitalize()
        if name in TEXT_FIELDS:
            for code in language_codes():
                labels[f"{name}__{code}"] = f"{label} ({code})"
                flat[f"{name}__{code}"] = (value or {}).get(code, "")
        elif name == "themes":
            labels[name], flat[name] = label, sorted(str(t) for t in value)
        else:
            labels[name], flat[name] = label, value
    return labels, flat


def _check_token(challenge: Challenge, cleaned: dict[str, Any], token: str | None) -> None:
    """Refuse a save from a form opened before someone else's save, naming what now differs."""
    if token_matches(challenge.updated_at, token):
        return
    labels, yours = _canvas_inputs(challenge, cleaned)
    current = {n: (list(challenge.themes.all()) if n == "themes" else getattr(challenge, n)) for n in cleaned}
    _labels, theirs = _canvas_inputs(challenge, current)
    raise EditConflict(
        _(
            "Someone else saved this challenge after you opened the form, so your changes were not saved. "
            "Compare the values below, then save again to keep yours."
        ),
        differences=differences(labels, theirs, yours),
        current_token=token_of(challenge.updated_at),
    )


@transaction.atomic
def challenge_update(*, actor: User, challenge: Challenge, edit_token: str | None = None, **data: Any) -> Challenge:
    """Edit canvas fields. A substantive edit makes a new version, so earlier approvals no longer count.

    ``edit_token`` is the token of the challenge when the form was opened (core/concurrency.py): a save over
    someone else's later save is refused with what differs (``EditConflict``)."""
    challenge = _lock(challenge)
    _check_editable(actor, challenge)
    cleaned = _clean_canvas(challenge, data)
    _check_token(challenge, cleaned, edit_token)
    if "title" in cleaned and not cleaned["title"].get(challenge.original_language):
        raise _invalid(ErrorCode.TITLE_MISSING, _("Give a title in the original language."), "title")

    changes: dict[str, tuple[Any, Any]] = {}
    substantive: list[str] = []
    new_themes = cleaned.pop("themes", None)
    for name, value in cleaned.items():
        old = getattr(challenge, name)
        if old != value:
            changes[name] = (old, value)
            if _is_substantive(name, old, value, challenge.original_language):
                substantive.append(name)
            setattr(challenge, name, value)
    if new_themes is not None:
        old_slugs = sorted(t.slug for t in challenge.themes.all())
        new_slugs = sorted(t.slug for t in new_themes)
        if old_slugs != new_slugs:
            changes["themes"] = (old_slugs, new_slugs)
            substantive.append("themes")
    if not changes:
        return challenge
    if substantive:
        _bump_version(actor, challenge, substantive)
    challenge.search_text = _search_text(challenge)
    challenge.save()
    if "themes" in changes:
        challenge.themes.set(new_themes)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=challenge,
        changes=changes,
        data={"version": challenge.version, "substantive": substantive},
        is_public=challenge.is_public,
    )
    search_index_schedule([challenge])
    if challenge.is_public:
        public_content_changed()
    return challenge


def _clean_indicator(raw: dict[str, Any], position: int) -> Indicator:
    name = service_translations(raw.get("name"), field="indicators", label=_("indicator name"))
    if not name:
        raise _invalid(ErrorCode.INDICATOR_NAME_MISSING, _("Every indicator needs a name."), "indicators")
    values: dict[str, Decimal | None] = {}
    for key in ("baseline", "target"):
        value = raw.get(key)
        if value in (None, ""):
            values[key] = None
            continue
        try:
            number = parse_number(value)
        except NumberFormatError as exc:
            raise _invalid(
                ErrorCode.INDICATOR_NOT_NUMBER,
                _("Baseline and target must be numbers.") + " " + exc.message,
                "indicators",
            ) from exc
        if abs(number) >= 10**14:
            raise _invalid(ErrorCode.INDICATOR_NOT_NUMBER, _("Baseline and target must be numbers."), "indicators")
        if number < 0:
            raise _invalid(ErrorCode.INDICATOR_NEGATIVE, str(INDICATOR_NEGATIVE_MESSAGE), "indicators")
        values[key] = number
    unit = str(raw.get("unit") or "").strip()
    if len(unit) > 60:
        raise _invalid(ErrorCode.INDICATOR_UNIT_TOO_LONG, _("A unit can be at most 60 characters."), "indicators")
    return Indicator(name=name, unit=unit, position=position, **values)


@transaction.atomic
def challenge_set_indicators(*, actor: User, challenge: Challenge, indicators: list[dict[str, Any]]) -> Challenge:
    """Replace the measurable indicators of the desired outcome (a substantive edit)."""
    challenge = _lock(challenge)
    _check_editable(actor, challenge)
    if len(indicators) > 20:
        raise _invalid(ErrorCode.TOO_MANY_INDICATORS, _("A challenge can have at most 20 indicators."), "indicators")
    new = [_clean_indicator(raw, i) for i, raw in enumerate(indicators)]
    old_values = [i.as_dict() for i in challenge.indicators.all()]
    new_values = [i.as_dict() for i in new]
    if old_values == new_values:
        return challenge
    challenge.indicators.all().delete()
    for indicator in new:
        indicator.challenge = challenge
    Indicator.objects.bulk_create(new)
    _bump_version(actor, challenge, ["indicators"])
    challenge.save(update_fields=["version", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=challenge,
        changes={"indicators": (old_values, new_values)},
        data={"version": challenge.version, "substantive": ["indicators"]},
        is_public=challenge.is_public,
    )
    if challenge.is_public:
        public_content_changed()
    return challenge
