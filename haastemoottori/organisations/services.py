"""Writes for organisations, their registry identifiers and memberships."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import (
    CommonCode,
    ServiceConflict,
    ServicePermissionDenied,
    ServiceValidationError,
    code_of,
)
from haastemoottori.core.i18n import clean_translations, language_codes
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.core.slugs import unique_slug
from haastemoottori.search.services import search_index_schedule

from .business_id import normalise_business_id, validate_business_id
from .errors import ErrorCode
from .models import Department, Membership, Organisation, OrganisationIdentifier
from .rules import forget_memberships

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


RESERVED_SLUGS = frozenset({"verification"})


def identifier_clean(*, scheme: str, identifier: str) -> tuple[str, str]:
    """Normalise and validate a registry identifier; the Finnish Business ID by its check digit."""
    scheme = (scheme or "").strip().upper()
    identifier = (identifier or "").strip()
    if not scheme or len(scheme) > 20 or not identifier or len(identifier) > 64:
        raise ServiceValidationError(
            ErrorCode.INVALID_IDENTIFIER, _("Give a registry scheme and an identifier."), field="identifier"
        )
    if scheme == OrganisationIdentifier.FINNISH_BUSINESS_ID:
        from django.core.exceptions import ValidationError

        try:
            validate_business_id(identifier)
        except ValidationError as exc:
            raise ServiceValidationError(
                code_of(exc, ErrorCode.BUSINESS_ID_FORMAT), exc.messages[0], field="identifier"
            ) from exc
        identifier = normalise_business_id(identifier)
    return scheme, identifier


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    kind: str,
    name: dict[str, str],
    original_language: str = "fi",
    identifiers: Sequence[tuple[str, str]] = (),
    slug: str = "",
    verification_method: str = "",
    **fields: Any,
) -> Organisation:
    """Create an organisation, unverified unless ``verification_method`` says who vouched for it at creation
    (demo data, an admin's import; docs/identity.md). Other routes go through services_verification."""
    if kind not in Organisation.Kind.values:
        raise ServiceValidationError(ErrorCode.INVALID_KIND, _("Choose the kind of organisation."), field="kind")
    if original_language not in language_codes():
        raise ServiceValidationError(
            CommonCode.UNKNOWN_LANGUAGE, _("Choose the original language from the list."), field="original_language"
        )
    name = clean_translations(name)
    if not name.get(original_language):
        raise ServiceValidationError(ErrorCode.NAME_MISSING, _("Give a name in the original language."), field="name")
    cleaned_ids = [identifier_clean(scheme=s, identifier=i) for s, i in identifiers]
    for scheme, identifier in cleaned_ids:
        if OrganisationIdentifier.objects.filter(scheme=scheme, identifier=identifier).exists():
            raise ServiceConflict(
                ErrorCode.IDENTIFIER_TAKEN,
                _("An organisation with %(scheme)s %(id)s is already registered.")
                % {"scheme": scheme, "id": identifier},
                field="identifier",
            )
    for key in ("description", "capabilities"):
        if key in fields:
            fields[key] = clean_translations(fields[key])
    slug = unique_slug(
        slug or name[original_language],
        fallback="organisation",
        # "verification" is the staff's queue under /organisations/.
        exists=lambda s: s in RESERVED_SLUGS or Organisation.objects.filter(slug=s).exists(),
        max_length=70,
    )
    if verification_method:
        if verification_method not in Organisation.VerificationMethod.values:
            raise ServiceValidationError(ErrorCode.VERIFICATION_METHOD, _("Unknown verification method."))
        fields.update(
            verification_status=Organisation.Verification.VERIFIED,
            verification_method=verification_method,
            verified_at=timezone.now(),
            verified_by=actor,
        )
    industry_codes = fields.pop("industry_codes", [])
    themes = fields.pop("themes", [])
    organisation = Organisation.objects.create(
        kind=kind, name=name, original_language=original_language, slug=slug, **fields
    )
    organisation.industry_codes.set(industry_codes)
    organisation.themes.set(themes)
    for scheme, identifier in cleaned_ids:
        OrganisationIdentifier.objects.create(organisation=organisation, scheme=scheme, identifier=identifier)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=organisation,
        changes={
            "name": (None, name),
            "kind": (None, kind),
            "identifiers": (None, [f"{s}:{i}" for s, i in cleaned_ids]),
            "verification_status": (None, organisation.verification_status),
        },
        data={"verification_method": verification_method} if verification_method else None,
        is_public=True,
    )
    search_index_schedule([organisation])
    public_content_changed()
    return organisation


@transaction.atomic
def department_create(
    *, actor: User | None, organisation: Organisation, name: dict[str, str], slug: str = ""
) -> Department:
    if actor is not None and not actor.has_perm("organisations.change_organisation", organisation):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot change this organisation."))
    name = clean_translations(name)
    if not name:
        raise ServiceValidationError(ErrorCode.NAME_MISSING, _("Give the department a name."), field="name")
    department = Department.objects.create(
        organisation=organisation,
        name=name,
        original_language=organisation.original_language,
        slug=slug
        or unique_slug(
            next(iter(name.values())),
            fallback="department",
            exists=lambda s: Department.objects.filter(organisation=organisation, slug=s).exists(),
            max_length=70,
        ),
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=organisation,
        changes={"departments": (None, department.slug)},
        is_public=True,
    )
    public_content_changed()
    return department


@transaction.atomic
def membership_set(
    *, actor: User | None, organisation: Organisation, user: User, role: str, department: Department | None = None
) -> Membership:
    """Add a person to an organisation or change their role. Needs the named permission."""
    if actor is not None and not actor.has_perm("organisations.manage_members", organisation):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED,
            _("Only an admin of %(organisation)s can manage its members.") % {"organisation": organisation},
        )
    if role not in Membership.Role.values:
        raise ServiceValidationError(ErrorCode.INVALID_ROLE, _("Choose a role from the list."), field="role")
    if department is not None and department.organisation_id != organisation.pk:
        raise ServiceValidationError(
            ErrorCode.DEPARTMENT_MISMATCH, _("The department must belong to the organisation."), field="department"
        )
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    changes: dict[str, tuple[Any, Any]]
    if membership is None:
        membership = Membership.objects.create(user=user, organisation=organisation, role=role, department=department)
        action, changes = AuditEvent.Action.MEMBER_ADDED, {"role": (None, role)}
    else:
        changes = {"role": (membership.role, role)}
        membership.role, membership.department = role, department
        membership.save(update_fields=["role", "department"])
        action = AuditEvent.Action.MEMBER_CHANGED
    forget_memberships(user)
    audit_record(actor=actor, action=action, target=organisation, changes=changes, data={"user": user.email})
    return membership
