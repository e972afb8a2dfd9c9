"""A city's prioritisation criteria and their weights, configured by the city's editors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceConflict
from haastemoottori.organisations.models import Organisation

from ..errors import ErrorCode
from ..models import Criterion
from ._common import invalid, language_or_current, require, translations

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

NAME_MAX = 200
DESCRIPTION_MAX = 2000

# The recommended set, offered on a city's first visit to its criteria page. Weights add up to 100.
RECOMMENDED: list[dict[str, Any]] = [
    {
        "weight": 20,
        "name": {"fi": "Vaikutus asukkaisiin", "sv": "Påverkan på invånarna", "en": "Impact on residents"},
        "description": {
            "fi": "Kuinka monen asukkaan arkea ratkaisu parantaisi ja kuinka paljon.",
            "sv": "Hur många invånares vardag en lösning skulle förbättra, och hur mycket.",
            "en": "How many residents' everyday lives a solution would improve, and by how much.",
        },
    },
    {
        "weight": 15,
        "name": {"fi": "Kiireellisyys", "sv": "Brådska", "en": "Urgency"},
        "description": {
            "fi": "Kuinka pian tarpeeseen on vastattava, ja mitä odottaminen maksaa.",
            "sv": "Hur snart behovet måste mötas, och vad det kostar att vänta.",
            "en": "How soon the need must be met, and what waiting costs.",
        },
    },
    {
        "weight": 15,
        "name": {"fi": "Strateginen sopivuus", "sv": "Strategisk förenlighet", "en": "Strategic fit"},
        "description": {
            "fi": "Kuinka suoraan tarve edistää kaupunkistrategian tavoitteita.",
            "sv": "Hur direkt behovet främjar målen i stadsstrategin.",
            "en": "How directly the need serves the goals of the city strategy.",
        },
    },
    {
        "weight": 15,
        "name": {
            "fi": "Päästövähennyspotentiaali",
            "sv": "Potential att minska utsläppen",
            "en": "Carbon-reduction potential",
        },
        "description": {
            "fi": "Kuinka paljon ratkaisu voisi vähentää kasvihuonekaasupäästöjä.",
            "sv": "Hur mycket en lösning kunde minska växthusgasutsläppen.",
            "en": "How much a solution could reduce greenhouse gas emissions.",
        },
    },
    {
        "weight": 10,
        "name": {
            "fi": "Merkitys useammalle kaupungille",
            "sv": "Betydelse för flera städer",
            "en": "Cross-city relevance",
        },
        "description": {
            "fi": "Onko sama tarve muillakin kaupungeilla, niin että ratkaisu voidaan jakaa.",
            "sv": "Om andra städer har samma behov, så att lösningen kan delas.",
            "en": "Whether other cities share the need, so that a solution can be shared.",
        },
    },
    {
        "weight": 10,
        "name": {"fi": "Markkinavalmius", "sv": "Marknadsmognad", "en": "Market readiness"},
        "description": {
            "fi": "Onko yrityksillä jo ratkaisuja tai valmiutta kehittää niitä.",
            "sv": "Om företagen redan har lösningar eller förmåga att utveckla dem.",
            "en": "Whether companies already have solutions or the capacity to develop them.",
        },
    },
    {
        "weight": 15,
        "name": {"fi": "Toteutettavuus", "sv": "Genomförbarhet", "en": "Feasibility"},
        "description": {
            "fi": "Onko kaupungilla resurssit, data ja päätösvalta viedä haaste loppuun.",
            "sv": "Om staden har resurserna, data och beslutanderätten att föra utmaningen i mål.",
            "en": "Whether the city has the resources, data and mandate to see the challenge through.",
        },
    },
]


def _require_configure(actor: User, city: Organisation) -> None:
    require(
        actor,
        "backlog.configure_criteria",
        city,
        _("Only the editors of %(city)s can change its criteria.") % {"city": city},
    )


def _clean_int(value: Any, field: str, low: int, high: int, message: str, *, code: ErrorCode) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise invalid(code, message, field) from None
    if not low <= number <= high:
        raise invalid(code, message, field)
    return number


def _weight(value: Any) -> int:
    return _clean_int(
        value, "weight", 1, 100, _("A weight is a whole number from 1 to 100."), code=ErrorCode.INVALID_WEIGHT
    )


def _scale(value: Any) -> int:
    return _clean_int(
        value,
        "scale_max",
        2,
        10,
        _("The highest score is a whole number from 2 to 10."),
        code=ErrorCode.INVALID_SCALE_MAX,
    )


def _texts(name: Any, description: Any, language: str) -> tuple[dict[str, str], dict[str, str]]:
    return (
        translations(
            name,
            "name",
            _("Name"),
            required_language=language,
            missing=ErrorCode.NAME_MISSING,
            max_length=NAME_MAX,
            too_long=ErrorCode.NAME_TOO_LONG,
        ),
        translations(
            description,
            "description",
            _("Description"),
            max_length=DESCRIPTION_MAX,
            too_long=ErrorCode.DESCRIPTION_TOO_LONG,
        ),
    )


@transaction.atomic
def criterion_create(
    *,
    actor: User,
    city: Organisation,
    name: dict[str, str],
    description: dict[str, str] | None = None,
    weight: Any = 10,
    scale_max: Any = 5,
    language: str | None = None,
) -> Criterion:
    _require_configure(actor, city)
    language = language_or_current(language)
    name, description = _texts(name, description, language)
    weight, scale_max = _weight(weight), _scale(scale_max)
    position = (Criterion.objects.filter(organisation=city).aggregate(m=Max("position"))["m"] or 0) + 1
    criterion = Criterion.objects.create(
        organisation=city,
        name=name,
        description=description,
        weight=weight,
        scale_max=scale_max,
        position=position,
        original_language=language,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=criterion,
        changes={"name": (None, name), "weight": (None, weight), "scale_max": (None, scale_max)},
        data={"city": city.slug},
    )
    return criterion


@transaction.atomic
def criterion_update(*, actor: User, criterion: Criterion, **data: Any) -> Criterion:
    """Change name, description, weight, highest score, position or whether it is in use.

    The highest score of a criterion that has scores cannot change: the earlier scores would mean something else.
    """
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    _require_configure(actor, criterion.organisation)
    unknown = set(data) - {"name", "description", "weight", "scale_max", "position", "active"}
    if unknown:
        raise invalid(ErrorCode.UNKNOWN_FIELD, _("Unknown field: %(field)s.") % {"field": ", ".join(sorted(unknown))})
    cleaned: dict[str, Any] = {}
    if "name" in data:
        cleaned["name"] = translations(
            data["name"],
            "name",
            _("Name"),
            required_language=criterion.original_language,
            missing=ErrorCode.NAME_MISSING,
            max_length=NAME_MAX,
            too_long=ErrorCode.NAME_TOO_LONG,
        )
    if "description" in data:
        cleaned["description"] = translations(
            data["description"],
            "description",
            _("Description"),
            max_length=DESCRIPTION_MAX,
            too_long=ErrorCode.DESCRIPTION_TOO_LONG,
        )
    if "weight" in data:
        cleaned["weight"] = _weight(data["weight"])
    if "scale_max" in data:
        cleaned["scale_max"] = _scale(data["scale_max"])
        if cleaned["scale_max"] != criterion.scale_max and criterion.scores.exists():
            raise ServiceConflict(
                ErrorCode.SCALE_IN_USE,
                _("The highest score cannot change once the criterion has scores. Add a new criterion instead."),
                field="scale_max",
            )
    if "position" in data:
        cleaned["position"] = _clean_int(
            data["position"],
            "position",
            0,
            1000,
            _("The position is a whole number from 0 to 1000."),
            code=ErrorCode.INVALID_POSITION,
        )
    if "active" in data:
        cleaned["active"] = bool(data["active"])
    changes = {k: (getattr(criterion, k), v) for k, v in cleaned.items() if getattr(criterion, k) != v}
    if not changes:
        return criterion
    for name, (_old, new) in changes.items():
        setattr(criterion, name, new)
    criterion.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=criterion,
        changes=changes,
        data={"city": criterion.organisation.slug},
    )
    return criterion


@transaction.atomic
def criterion_remove(*, actor: User, criterion: Criterion) -> str:
    """Delete a criterion nobody has scored; one with scores is taken out of use instead, so earlier rankings
    can still be explained. Returns ``"deleted"`` or ``"deactivated"``."""
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    _require_configure(actor, criterion.organisation)
    if criterion.scores.exists():
        if criterion.active:
            criterion.active = False
            criterion.save(update_fields=["active"])
            audit_record(
                actor=actor,
                action=AuditEvent.Action.UPDATED,
                target=criterion,
                changes={"active": (True, False)},
                data={"city": criterion.organisation.slug},
            )
        return "deactivated"
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETED,
        target=criterion,
        data={"city": criterion.organisation.slug, "name": criterion.name, "weight": criterion.weight},
    )
    criterion.delete()
    return "deleted"


def _names(criterion_names: list[dict[str, str]]) -> set[str]:
    return {text.strip().casefold() for names in criterion_names for text in names.values() if text}


@transaction.atomic
def criteria_add_recommended(*, actor: User, city: Organisation, language: str | None = None) -> list[Criterion]:
    """Add the recommended criteria the city does not have yet (compared by name in any language)."""
    _require_configure(actor, city)
    language = language_or_current(language)
    Organisation.objects.select_for_update().filter(pk=city.pk).first()
    existing = _names(list(Criterion.objects.filter(organisation=city).values_list("name", flat=True)))
    position = Criterion.objects.filter(organisation=city).aggregate(m=Max("position"))["m"] or 0
    created = []
    for item in RECOMMENDED:
        if _names([item["name"]]) & existing:
            continue
        position += 1
        created.append(
            Criterion.objects.create(
                organisation=city,
                name=dict(item["name"]),
                description=dict(item["description"]),
                weight=item["weight"],
                scale_max=5,
                position=position,
                original_language=language,
            )
        )
    for criterion in created:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATED,
            target=criterion,
            changes={"name": (None, criterion.name), "weight": (None, criterion.weight)},
            data={"city": city.slug, "recommended": True},
        )
    return created
