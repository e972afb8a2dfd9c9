"""Writes for an organisation's public profile and its references (earlier city and pilot projects).

Companies and research organisations ("solvers") also say what they offer, their capabilities, the maturity
of their solutions (TRL), whether they are an SME, and the languages and cities they serve. Every change is
checked before anything is written, audited (publicly while the profile is listed), clears the public page
cache and asks the search index to refresh the organisation.
"""

from __future__ import annotations

import datetime
import uuid
from enum import Enum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError, code_of
from haastemoottori.core.files import file_delete_on_commit, file_save
from haastemoottori.core.i18n import service_translations
from haastemoottori.core.images import image_reencode
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.taxonomy.models import IndustryCode, Theme

from .errors import ErrorCode
from .models import Organisation, Reference
from .profile_choices import TRL_LABELS, service_language_codes
from .validators import MAX_LOGO_SIDE, validate_logo

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

TRANSLATED = ("name", "description", "offering", "capabilities")
SOLVER_ONLY = frozenset({"offering", "capabilities", "trl", "is_sme", "languages_served", "cities_served"})
MANY: dict[str, type[models.Model]] = {"industry_codes": IndustryCode, "themes": Theme, "cities_served": Organisation}
PROFILE_FIELDS = frozenset({*TRANSLATED, "website", "is_listed", "logo", "trl", "is_sme", "languages_served", *MANY})
REFERENCE_FIELDS = frozenset({"title", "description", "client", "client_organisation", "year", "is_pilot", "url"})


def _search_reindex(objects: list[models.Model]) -> None:
    """Refresh the search index when the search app offers it (it is optional for this module)."""
    try:
        from haastemoottori.search import services as search_services
    except ImportError:
        return
    if hasattr(search_services, "search_index_schedule"):
        search_services.search_index_schedule(objects)


def _require_change_profile(actor: User | None, organisation: Organisation) -> None:
    if actor is None or not actor.has_perm("organisations.change_profile", organisation):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED,
            _("Only an admin of %(organisation)s can edit its profile.") % {"organisation": organisation},
        )


def _url(value: str | None, field: str) -> str:
    value = (value or "").strip()
    if value:
        try:
            if len(value) > 200:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise ServiceValidationError(
                ErrorCode.INVALID_URL, _("Enter a web address such as https://example.fi."), field=field
            )
    return value


def _boolean(value: Any, field: str, *, nullable: bool = False) -> bool | None:
    if value is None and nullable:
        return None
    if not isinstance(value, bool):
        raise ServiceValidationError(ErrorCode.INVALID_CHOICE, _("Choose yes or no."), field=field)
    return value


def _trl(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in TRL_LABELS:
        raise ServiceValidationError(
            ErrorCode.INVALID_TRL, _("The maturity (TRL) must be a level from 1 to 9."), field="trl"
        )
    return int(value)


def _languages(value: Any) -> list[str]:
    if not isinstance(value, (list, tuple)):
        raise ServiceValidationError(
            ErrorCode.INVALID_LANGUAGES, _("Choose the languages from the list."), field="languages_served"
        )
    known = service_language_codes()
    cleaned: list[str] = []
    for code in value:
        if code not in known:
            raise ServiceValidationError(
                CommonCode.UNKNOWN_LANGUAGE,
                _("Unknown language “%(code)s”; choose the languages from the list.") % {"code": code},
                field="languages_served",
            )
        if code not in cleaned:
            cleaned.append(code)
    return sorted(cleaned, key=known.index)


def _objects(model: type[models.Model], value: Any, field: str) -> list[models.Model]:
    items = list(value or [])
    pks = [item.pk if isinstance(item, model) else item for item in items]
    found = {obj.pk: obj for obj in model._default_manager.filter(pk__in=pks)} if pks else {}
    if len(found) != len(set(pks)):
        raise ServiceValidationError(ErrorCode.UNKNOWN_CHOICE, _("Choose from the list."), field=field)
    return [found[pk] for pk in dict.fromkeys(pks)]


def _logo(value: Any) -> ContentFile[bytes] | None:
    """The checked logo re-encoded, under a random name with the extension of its real type (never the
    uploader's name: ``poc.html`` with a PNG header is refused, a real PNG named so is stored as ``….png``)."""
    if not value:
        return None
    try:
        validate_logo(value)
    except ValidationError as exc:
        raise ServiceValidationError(code_of(exc, ErrorCode.LOGO_TYPE), exc.messages[0], field="logo")
    clean = image_reencode(value, max_side=MAX_LOGO_SIDE)
    return ContentFile(clean.data, name=f"{uuid.uuid4().hex}.{clean.extension}")


def _clean_profile(organisation: Organisation, data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    if not organisation.has_solver_profile and set(data) & SOLVER_ONLY:
        raise ServiceValidationError(
            ErrorCode.NOT_A_SOLVER, _("Only companies and research organisations describe what they offer.")
        )
    cleaned: dict[str, Any] = {}
    for field, value in data.items():
        if field in TRANSLATED:
            cleaned[field] = service_translations(value, field=field)
        elif field == "website":
            cleaned[field] = _url(value, field)
        elif field in ("is_listed", "is_sme"):
            cleaned[field] = _boolean(value, field, nullable=field == "is_sme")
        elif field == "trl":
            cleaned[field] = _trl(value)
        elif field == "languages_served":
            cleaned[field] = _languages(value)
        elif field in MANY:
            cleaned[field] = _objects(MANY[field], value, field)
        else:
            cleaned[field] = _logo(value)
    if "name" in cleaned and not cleaned["name"].get(organisation.original_language):
        raise ServiceValidationError(
            ErrorCode.NAME_MISSING, _("Give the name in the organisation's original language."), field="name"
        )
    bad_cities = [c for c in cleaned.get("cities_served", []) if c.kind != Organisation.Kind.CITY]
    if bad_cities:
        raise ServiceValidationError(
            ErrorCode.NOT_A_CITY,
            _("%(organisation)s is not a city; choose cities served from the list.") % {"organisation": bad_cities[0]},
            field="cities_served",
        )
    return cleaned


def _label(obj: models.Model) -> str:
    return getattr(obj, "code", None) or getattr(obj, "slug", None) or str(obj.pk)


@transaction.atomic
def organisation_update_profile(*, actor: User, organisation: Organisation, **data: Any) -> Organisation:
    """Change any of the profile fields; fields not given stay as they are. ``logo=None`` removes the logo."""
    _require_change_profile(actor, organisation)
    cleaned = _clean_profile(organisation, data)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changes: dict[str, tuple[Any, Any]] = {}
    for field, value in cleaned.items():
        if field in MANY:
            related = getattr(organisation, field)
            old = list(related.all())
            if {o.pk for o in old} != {o.pk for o in value}:
                changes[field] = (sorted(_label(o) for o in old), sorted(_label(o) for o in value))
                related.set(value)
        elif field == "logo":
            # The new file is removed again if this transaction rolls back; the old one once it commits.
            old_name = organisation.logo.name or None
            if value is None and old_name:
                organisation.logo = ""
                changes["logo"] = (old_name, None)
                file_delete_on_commit(organisation.logo.storage, old_name)
            elif value is not None:
                file_save(organisation.logo, value.name, value)
                changes["logo"] = (old_name, organisation.logo.name)
                file_delete_on_commit(organisation.logo.storage, old_name)
        elif getattr(organisation, field) != value:
            changes[field] = (getattr(organisation, field), value)
            setattr(organisation, field, value)
    if not changes:
        return organisation
    scalar = [f for f in changes if f not in MANY]
    if scalar:
        organisation.save(update_fields=[*scalar, "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=organisation,
        changes=changes,
        data={"profile": True},
        is_public=organisation.is_listed,
    )
    public_content_changed()
    _search_reindex([organisation])
    return organisation


# References ----------------------------------------------------------------------------------------------------


def _clean_reference(organisation: Organisation, data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - REFERENCE_FIELDS
    if unknown:
        raise TypeError(f"not reference fields: {sorted(unknown)}")
    cleaned: dict[str, Any] = {}
    for field, value in data.items():
        if field in ("title", "description"):
            cleaned[field] = service_translations(value, field=field)
        elif field == "client":
            cleaned[field] = (value or "").strip()
            if len(cleaned[field]) > 200:
                raise ServiceValidationError(
                    ErrorCode.TOO_LONG, _("Write at most %(n)s characters.") % {"n": 200}, field="client"
                )
        elif field == "client_organisation":
            if value is not None and (not isinstance(value, Organisation) or value.pk == organisation.pk):
                raise ServiceValidationError(
                    ErrorCode.INVALID_CLIENT,
                    _("Choose another organisation as the client."),
                    field="client_organisation",
                )
            cleaned[field] = value
        elif field == "year":
            this_year = datetime.date.today().year
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not 1900 <= value <= this_year + 1
            ):
                raise ServiceValidationError(
                    ErrorCode.INVALID_YEAR,
                    _("Give a year between 1900 and %(year)s.") % {"year": this_year + 1},
                    field="year",
                )
            cleaned[field] = value
        elif field == "is_pilot":
            cleaned[field] = _boolean(value, field)
        else:
            cleaned[field] = _url(value, field)
    if "title" in cleaned and not cleaned["title"]:
        raise ServiceValidationError(ErrorCode.TITLE_MISSING, _("Give the reference a title."), field="title")
    return cleaned


def _reference_changed(actor: User, reference: Reference, action: Enum, changes: dict[str, tuple[Any, Any]]) -> None:
    organisation = reference.organisation
    audit_record(
        actor=actor,
        action=action,
        target=reference,
        changes=changes,
        data={"organisation": organisation.slug},
        is_public=organisation.is_listed,
    )
    public_content_changed()
    _search_reindex([organisation])


@transaction.atomic
def reference_create(*, actor: User, organisation: Organisation, title: dict[str, str], **data: Any) -> Reference:
    _require_change_profile(actor, organisation)
    if not organisation.has_solver_profile:
        raise ServiceValidationError(
            ErrorCode.NOT_A_SOLVER, _("Only companies and research organisations show references.")
        )
    cleaned = _clean_reference(organisation, {"title": title, **data})
    title = cleaned["title"]
    original = organisation.original_language if organisation.original_language in title else next(iter(title))
    reference = Reference.objects.create(organisation=organisation, original_language=original, **cleaned)
    _reference_changed(
        actor,
        reference,
        AuditEvent.Action.CREATED,
        {name: (None, value) for name, value in cleaned.items() if value not in (None, "", {})},
    )
    return reference


@transaction.atomic
def reference_update(*, actor: User, reference: Reference, **data: Any) -> Reference:
    _require_change_profile(actor, reference.organisation)
    cleaned = _clean_reference(reference.organisation, data)
    changes = {}
    for field, value in cleaned.items():
        if getattr(reference, field) != value:
            changes[field] = (getattr(reference, field), value)
            setattr(reference, field, value)
    if changes:
        if "title" in changes and reference.original_language not in reference.title:
            changes["original_language"] = (reference.original_language, next(iter(reference.title)))
            reference.original_language = changes["original_language"][1]
        reference.save(update_fields=[f for f in changes])
        _reference_changed(actor, reference, AuditEvent.Action.UPDATED, changes)
    return reference


@transaction.atomic
def reference_delete(*, actor: User, reference: Reference) -> None:
    _require_change_profile(actor, reference.organisation)
    _reference_changed(actor, reference, AuditEvent.Action.DELETED, {"title": (reference.title, None)})
    reference.delete()
