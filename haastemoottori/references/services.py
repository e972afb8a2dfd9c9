"""Issue, revoke and show pilot references: audited, in a transaction, and the holder is notified."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import language_codes
from haastemoottori.credentials.services import credential_sign, status_entry_allocate, status_set
from haastemoottori.notifications.services import notification_send
from haastemoottori.organisations.models import Membership, Organisation
from haastemoottori.pilots.models import Pilot

from .audit_actions import AuditAction
from .credential import credential_build
from .errors import ErrorCode
from .models import PilotReference
from .rules import lead_city_id
from .selectors import issuable_organisations

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

STATEMENT_MAX = 3000
ROLE_MAX = 200
REASON_MAX = 1000


def _require(actor: User, perm: str, obj: Model, message: str) -> None:
    if not actor.has_perm(perm, obj):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, message)


def _text(value: object, field: str, *, missing: ErrorCode, missing_message: str, too_long: ErrorCode, n: int) -> str:
    cleaned = str(value or "").strip()
    if not cleaned:
        raise ServiceValidationError(missing, missing_message, field=field)
    if len(cleaned) > n:
        raise ServiceValidationError(
            too_long,
            _("This can be at most %(n)s characters (now %(length)s).") % {"n": n, "length": len(cleaned)},
            field=field,
        )
    return cleaned


def _members(organisation_ids: list[int]) -> list[User]:
    return [m.user for m in Membership.objects.filter(organisation_id__in=organisation_ids).select_related("user")]


@transaction.atomic
def reference_issue(
    *,
    actor: User,
    pilot: Pilot,
    organisations: list[Organisation],
    statement: str,
    signer_role: str,
    language: str,
) -> list[PilotReference]:
    """The lead owner city's signed reference to each chosen participating organisation of a finished pilot."""
    _require(actor, "references.issue_reference", pilot, _("Only the lead owner city can issue references."))
    if pilot.status != Pilot.Status.FINISHED or not any(v.strip() for v in pilot.results.values()):
        raise ServiceConflict(
            ErrorCode.PILOT_NOT_FINISHED,
            _("References are issued once the pilot has ended and its results are recorded."),
        )
    issuer_pk = lead_city_id(pilot)
    if issuer_pk is None:
        raise ServiceConflict(ErrorCode.NO_LEAD_CITY, _("The pilot's challenge has no lead owner city."))
    if language not in language_codes():
        raise ServiceValidationError(
            ErrorCode.UNKNOWN_LANGUAGE, _("Choose a language from the list."), field="language"
        )
    statement = _text(
        statement,
        "statement",
        missing=ErrorCode.STATEMENT_MISSING,
        missing_message=_("Write the city's statement."),
        too_long=ErrorCode.STATEMENT_TOO_LONG,
        n=STATEMENT_MAX,
    )
    signer_role = _text(
        signer_role,
        "signer_role",
        missing=ErrorCode.ROLE_MISSING,
        missing_message=_("Give the signer's role, e.g. “Head of the smart city unit”."),
        too_long=ErrorCode.ROLE_TOO_LONG,
        n=ROLE_MAX,
    )
    if not organisations:
        raise ServiceValidationError(
            ErrorCode.NOBODY_CHOSEN, _("Choose at least one organisation."), field="organisations"
        )
    eligible = {o.pk: o for o in issuable_organisations(pilot)}
    for organisation in organisations:
        if organisation.pk not in eligible:
            raise ServiceValidationError(
                ErrorCode.NOT_PARTICIPANT,
                _("%(organisation)s did not take part in this pilot.") % {"organisation": organisation},
                field="organisations",
            )
    already = set(
        PilotReference.objects.filter(pilot=pilot, revoked_at__isnull=True).values_list("organisation_id", flat=True)
    )
    for organisation in organisations:
        if organisation.pk in already:
            raise ServiceConflict(
                ErrorCode.ALREADY_ISSUED,
                _("%(organisation)s already has a valid reference for this pilot.") % {"organisation": organisation},
            )
    issuer = Organisation.objects.get(pk=issuer_pk)
    issued: list[PilotReference] = []
    now = timezone.now()
    for organisation in organisations:
        reference_id = uuid.uuid4()
        entry = status_entry_allocate()
        payload = credential_build(
            reference_id=reference_id,
            pilot=pilot,
            holder=organisation,
            issuer=issuer,
            statement=statement,
            language=language,
            signer_role=signer_role,
            status_entry=entry,
            issued_at=now,
        )
        token, key = credential_sign(payload)
        reference = PilotReference.objects.create(
            id=reference_id,
            pilot=pilot,
            organisation=organisation,
            issuer=issuer,
            signer_role=signer_role,
            statement=statement,
            language=language,
            credential=payload,
            token=token,
            key_id=key.kid,
            status_entry=entry,
            issued_by=actor,
            issued_at=now,
        )
        audit_record(
            actor=actor,
            action=AuditAction.ISSUED,
            target=reference,
            data={"pilot": pilot.pk, "organisation": organisation.slug, "issuer": issuer.slug, "kid": key.kid},
        )
        notification_send(
            recipients=_members([organisation.pk]),
            kind="pilots.reference_issued",
            template="references/email/issued.txt",
            context={"reference": reference, "pilot": pilot, "issuer": issuer},
            url_name="references:detail",
            url_args=[reference.pk],
            exclude=[actor],
        )
        issued.append(reference)
    return issued


@transaction.atomic
def reference_revoke(*, actor: User, reference: PilotReference, reason: str) -> PilotReference:
    """Withdraw a reference: its status list entry is set (verifiers read it) and the holder is told why."""
    _require(actor, "references.revoke_reference", reference, _("Only the issuing city can revoke this reference."))
    reference = PilotReference.objects.select_for_update().get(pk=reference.pk)
    if reference.revoked_at is not None:
        raise ServiceConflict(ErrorCode.ALREADY_REVOKED, _("This reference has already been revoked."))
    reason = _text(
        reason,
        "reason",
        missing=ErrorCode.REASON_MISSING,
        missing_message=_("Give the reason for revoking."),
        too_long=ErrorCode.REASON_TOO_LONG,
        n=REASON_MAX,
    )
    status_set(actor=actor, entry=reference.status_entry, value=True, target=reference)
    reference.revoked_at = timezone.now()
    reference.revoked_by = actor
    reference.revocation_reason = reason
    reference.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    audit_record(
        actor=actor,
        action=AuditAction.REVOKED,
        target=reference,
        changes={"revoked_at": (None, reference.revoked_at)},
        data={"reason": reason},
    )
    notification_send(
        recipients=_members([reference.organisation_id]),
        kind="pilots.reference_revoked",
        template="references/email/revoked.txt",
        context={"reference": reference, "pilot": reference.pilot, "issuer": reference.issuer, "reason": reason},
        url_name="references:detail",
        url_args=[reference.pk],
        exclude=[actor],
    )
    return reference


@transaction.atomic
def reference_set_public(*, actor: User, reference: PilotReference, is_public: bool) -> PilotReference:
    """The holder shows the reference on its public profile, or hides it."""
    _require(actor, "references.show_reference", reference, _("Only the organisation's admins can choose this."))
    if reference.is_public == is_public:
        return reference
    old = reference.is_public
    reference.is_public = is_public
    reference.save(update_fields=["is_public"])
    audit_record(actor=actor, action=AuditAction.VISIBILITY, target=reference, changes={"is_public": (old, is_public)})
    return reference
