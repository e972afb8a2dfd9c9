"""Verified means someone vouched: the routes by which an organisation becomes verified, rejections and
ownership disputes (docs/identity.md). Every change is audited; a verified organisation becomes public."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import (
    CommonCode,
    ServiceConflict,
    ServicePermissionDenied,
    ServiceValidationError,
)
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.registry.selectors import register_entry_for
from haastemoottori.search.services import search_index_schedule

from .audit_actions import AuditAction
from .errors import ErrorCode
from .models import Membership, Organisation, OrganisationIdentifier, VerificationDispute
from .services import membership_set

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

Method = Organisation.VerificationMethod
# Routes a person takes in a page; the others are the platform's own (demo data, imports, the migration).
REVIEW_METHODS = frozenset({Method.ADMIN})
SYSTEM_METHODS = frozenset({Method.EMAIL_DOMAIN, Method.SUOMIFI, Method.IMPORT, Method.SEED, Method.MIGRATION})


def _check_reviewer(actor: User | None) -> None:
    if actor is None or not actor.has_perm("organisations.review_verification"):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED, _("Only the platform's staff can verify organisations.")
        )


def _locked(organisation: Organisation) -> Organisation:
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _published(organisation: Organisation) -> None:
    search_index_schedule([organisation])
    public_content_changed()


@transaction.atomic
def organisation_verify(*, actor: User | None, organisation: Organisation, method: str, note: str = "") -> Organisation:
    """Mark an organisation verified. A review (``admin``) needs the named permission
    ``organisations.review_verification``; the other methods are called by the platform itself (e-mail
    domain matched the register, Suomi.fi mandate, demo data, import) with the person it acted for."""
    if method not in Method.values:
        raise ServiceValidationError(ErrorCode.VERIFICATION_METHOD, _("Unknown verification method."))
    if method in REVIEW_METHODS:
        _check_reviewer(actor)
    organisation = _locked(organisation)
    if organisation.is_verified:
        return organisation
    old = _set_verification(
        organisation,
        status=Organisation.Verification.VERIFIED,
        method=method,
        by=actor if getattr(actor, "is_authenticated", False) else None,
        note=(note or "").strip()[:2000],
    )
    audit_record(
        actor=actor,
        action=AuditAction.ORGANISATION_VERIFIED,
        target=organisation,
        changes={"verification_status": (old, organisation.verification_status)},
        data={"method": method, "note": organisation.verification_note},
    )
    _published(organisation)
    return organisation


@transaction.atomic
def organisation_reject(*, actor: User, organisation: Organisation, reason: str) -> Organisation:
    """Refuse verification after review, with the reason the organisation's admins are shown. The
    organisation stays unlisted; a rejected one can be verified later (a new review)."""
    _check_reviewer(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ServiceValidationError(
            ErrorCode.VERIFICATION_REASON, _("Give the reason for the rejection."), field="reason"
        )
    if len(reason) > 2000:
        raise ServiceValidationError(ErrorCode.MESSAGE_TOO_LONG, _("The reason is too long."), field="reason")
    organisation = _locked(organisation)
    old = _set_verification(organisation, status=Organisation.Verification.REJECTED, method="", by=actor, note=reason)
    audit_record(
        actor=actor,
        action=AuditAction.ORGANISATION_REJECTED,
        target=organisation,
        changes={"verification_status": (old, organisation.verification_status)},
        data={"reason": reason},
    )
    _published(organisation)
    return organisation


@transaction.atomic
def dispute_open(*, user: User, organisation: Organisation, message: str = "") -> VerificationDispute:
    """ "This is my company": goes to the platform staff's verification queue, not to the holder's admins."""
    message = (message or "").strip()
    if len(message) > 2000:
        raise ServiceValidationError(ErrorCode.MESSAGE_TOO_LONG, _("The message is too long."), field="message")
    if Membership.objects.filter(user=user, organisation=organisation, role=Membership.Role.ADMIN).exists():
        raise ServiceValidationError(ErrorCode.DISPUTE_OWN, _("You are already an admin of this organisation."))
    if VerificationDispute.objects.open().filter(user=user, organisation=organisation).exists():
        raise ServiceConflict(ErrorCode.DISPUTE_OPEN, _("Your claim is already waiting for review."))
    dispute = VerificationDispute.objects.create(user=user, organisation=organisation, message=message)
    audit_record(
        actor=user,
        action=AuditAction.DISPUTE_OPENED,
        target=organisation,
        data={"dispute": dispute.pk, "user": user.email},
    )
    return dispute


@transaction.atomic
def dispute_decide(
    *, actor: User, dispute: VerificationDispute, uphold: bool, resolution: str = ""
) -> VerificationDispute:
    """Uphold (the claimant becomes an admin of the organisation, which is then verified by the review) or
    dismiss a claim. Removing the earlier holder is then a member change on the team page."""
    _check_reviewer(actor)
    dispute = VerificationDispute.objects.select_for_update().select_related("organisation", "user").get(pk=dispute.pk)
    if dispute.status != VerificationDispute.Status.OPEN:
        raise ServiceConflict(ErrorCode.DISPUTE_DECIDED, _("This claim has already been decided."))
    resolution = (resolution or "").strip()
    if len(resolution) > 2000:
        raise ServiceValidationError(ErrorCode.MESSAGE_TOO_LONG, _("The reason is too long."), field="reason")
    if not uphold and not resolution:
        raise ServiceValidationError(
            ErrorCode.VERIFICATION_REASON, _("Give the reason for the rejection."), field="reason"
        )
    dispute.status = VerificationDispute.Status.UPHELD if uphold else VerificationDispute.Status.DISMISSED
    dispute.decided_by, dispute.decided_at, dispute.resolution = actor, timezone.now(), resolution
    dispute.save(update_fields=["status", "decided_by", "decided_at", "resolution"])
    audit_record(
        actor=actor,
        action=AuditAction.DISPUTE_DECIDED,
        target=dispute.organisation,
        changes={"dispute_status": (VerificationDispute.Status.OPEN, dispute.status)},
        data={"dispute": dispute.pk, "user": dispute.user.email, "resolution": resolution},
    )
    if uphold:
        membership_set(actor=actor, organisation=dispute.organisation, user=dispute.user, role=Membership.Role.ADMIN)
        organisation_verify(actor=actor, organisation=dispute.organisation, method=Method.ADMIN, note=resolution)
    return dispute


def email_domain_matches(email: str, website_domain: str) -> bool:
    """``anna@nokia.com`` matches ``nokia.com`` (also ``anna@fi.nokia.com``); a free-mail domain matches
    nothing the register gives, so it never verifies."""
    domain = (email or "").rsplit("@", 1)[-1].strip().lower()
    site = (website_domain or "").strip().lower()
    return bool(domain and site and "." in site and (domain == site or domain.endswith("." + site)))


def verify_by_email_domain(*, user: User) -> list[Organisation]:
    """Route (a): when a person whose e-mail address is confirmed is an admin of an unverified company
    whose website in the trade register is their e-mail domain, the company is verified (audited with the
    person as actor). Returns the organisations verified."""
    if not user.is_active:
        return []
    verified = []
    for organisation in Organisation.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
        kind__in=Organisation.SOLVER_KINDS,
    ).exclude(verification_status=Organisation.Verification.VERIFIED):
        ids = organisation.identifiers.filter(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID)
        for identifier in ids:
            entry = register_entry_for(identifier.identifier)
            if entry is not None and not entry.is_ceased and email_domain_matches(user.email, entry.website_domain):
                verified.append(
                    organisation_verify(
                        actor=user,
                        organisation=organisation,
                        method=Method.EMAIL_DOMAIN,
                        note=f"{user.email.rsplit('@', 1)[-1]} = {entry.website} ({entry.business_id})",
                    )
                )
                break
    return verified


@transaction.atomic
def verify_by_suomifi_mandate(
    *, user: User, organisation: Organisation, mandate_business_id: str, mandate_id: str
) -> Organisation:
    """Route (c), the hook for Suomi.fi e-Authorizations (Valtuudet): the mandate flow (not built here; e.g.
    ``django-helsinki-suomifi-on-behalf``) calls this once Suomi.fi has said that ``user`` may act for
    ``mandate_business_id``. Off unless ``HAASTEMOOTTORI_SUOMIFI_MANDATES`` is set; the mandate must be for
    this organisation's Business ID and the person one of its admins."""
    if not settings.HAASTEMOOTTORI_SUOMIFI_MANDATES:
        raise ServiceValidationError(
            ErrorCode.VERIFICATION_METHOD, _("Suomi.fi e-Authorizations are not in use on this platform.")
        )
    if not Membership.objects.filter(user=user, organisation=organisation, role=Membership.Role.ADMIN).exists():
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED,
            _("Only an admin of %(organisation)s can verify it.") % {"organisation": organisation},
        )
    ids = set(
        organisation.identifiers.filter(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID).values_list(
            "identifier", flat=True
        )
    )
    if mandate_business_id not in ids:
        raise ServiceValidationError(
            ErrorCode.VERIFICATION_STATE,
            _("The mandate is for another Business ID (%(id)s).") % {"id": mandate_business_id},
        )
    return organisation_verify(
        actor=user, organisation=organisation, method=Method.SUOMIFI, note=f"mandate {mandate_id}"[:2000]
    )


def _set_verification(organisation: Organisation, *, status: str, method: str, by: User | None, note: str) -> str:
    """Record a verification decision on the (locked) organisation; returns the status it had before."""
    old = organisation.verification_status
    organisation.verification_status = status
    organisation.verification_method = method
    organisation.verified_at = timezone.now()
    organisation.verified_by = by
    organisation.verification_note = note
    organisation.save(
        update_fields=[
            "verification_status",
            "verification_method",
            "verified_at",
            "verified_by",
            "verification_note",
            "updated_at",
        ]
    )
    return old
