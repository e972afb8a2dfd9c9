"""The consortium: the lead invites partners by Business ID; the partners' admins confirm or decline."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.services import notification_send
from haastemoottori.organisations.business_id import normalise_business_id, validate_business_id
from haastemoottori.organisations.models import Membership, Organisation, OrganisationIdentifier

from ..audit_actions import AuditAction
from ..deadline import call_check_open
from ..errors import ErrorCode
from ..models import Proposal, ProposalPartner
from .common import check_lead_change, lock

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


@transaction.atomic
def partner_invite(*, actor: User, proposal: Proposal, business_id: str) -> ProposalPartner:
    proposal = lock(proposal)
    check_lead_change(actor, proposal)
    try:
        validate_business_id(business_id)
    except ValidationError as exc:
        raise ServiceValidationError(ErrorCode.BUSINESS_ID_INVALID, exc.messages[0], field="business_id") from exc
    business_id = normalise_business_id(business_id)
    identifier = (
        OrganisationIdentifier.objects.select_related("organisation")
        .filter(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID, identifier=business_id)
        .first()
    )
    if identifier is None:
        raise ServiceValidationError(
            ErrorCode.BUSINESS_ID_UNKNOWN,
            _("No organisation with the Business ID %(id)s is registered here. Ask them to sign up first.")
            % {"id": business_id},
            field="business_id",
        )
    organisation = identifier.organisation
    if organisation.kind not in Organisation.SOLVER_KINDS:
        raise ServiceValidationError(
            ErrorCode.NOT_A_SOLVER, _("Only companies and research organisations can be partners."), field="business_id"
        )
    if not organisation.is_verified:
        # Verified means someone vouched (docs/identity.md): whoever registered an unverified Business ID
        # may not be the company, so nothing about the proposal goes to them.
        raise ServiceValidationError(
            ErrorCode.NOT_VERIFIED,
            _(
                "The organisation registered here with the Business ID %(id)s has not been verified yet, so it "
                "cannot be invited as a partner. Ask the company to complete its verification, or contact the "
                "platform's staff."
            )
            % {"id": business_id},
            field="business_id",
        )
    if organisation.pk == proposal.lead_id:
        raise ServiceValidationError(
            ErrorCode.IS_LEAD, _("%(org)s already leads this proposal.") % {"org": organisation}, field="business_id"
        )
    if proposal.partners.filter(organisation=organisation).exists():
        raise ServiceValidationError(
            ErrorCode.DUPLICATE, _("%(org)s has already been invited.") % {"org": organisation}, field="business_id"
        )
    partner = ProposalPartner.objects.create(
        proposal=proposal, organisation=organisation, business_id=business_id, invited_by=actor
    )
    audit_record(actor=actor, action=AuditAction.PARTNER_INVITED, target=proposal, data={"organisation": organisation})
    editors = [
        m.user
        for m in Membership.objects.filter(organisation=organisation, role__in=Membership.EDITOR_ROLES).select_related(
            "user"
        )
    ]
    notification_send(
        recipients=editors,
        kind="proposals.partner_invited",
        template="proposals/email/partner_invited.txt",
        context={"proposal": proposal, "challenge": proposal.call.challenge, "partner": partner},
        url_name="proposals:partner",
        url_args=[proposal.pk, partner.pk],
    )
    return partner


@transaction.atomic
def partner_remove(*, actor: User, partner: ProposalPartner) -> None:
    proposal = lock(partner.proposal)
    check_lead_change(actor, proposal)
    audit_record(
        actor=actor, action=AuditAction.PARTNER_REMOVED, target=proposal, data={"organisation": partner.organisation}
    )
    partner.delete()


@transaction.atomic
def partner_respond(*, actor: User, partner: ProposalPartner, confirm: bool) -> ProposalPartner:
    partner = (
        ProposalPartner.objects.select_for_update()
        .select_related("proposal__call__challenge", "proposal__lead", "organisation")
        .get(pk=partner.pk)
    )
    proposal = partner.proposal
    if (
        not rules.has_perm("proposals.respond_partner", actor, proposal)
        or not Membership.objects.filter(
            user=actor, organisation=partner.organisation, role__in=Membership.EDITOR_ROLES
        ).exists()
    ):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED,
            _("Only the admins of %(org)s can answer this invitation.") % {"org": partner.organisation},
        )
    if not partner.organisation.is_verified:
        raise ServicePermissionDenied(
            ErrorCode.NOT_VERIFIED,
            _("%(org)s has not been verified yet, so it cannot join a consortium.") % {"org": partner.organisation},
        )
    call_check_open(proposal.call.challenge, timezone.now())
    if partner.status != ProposalPartner.Status.INVITED:
        raise ServiceConflict(ErrorCode.ANSWERED, _("This invitation has already been answered."))
    partner.status = ProposalPartner.Status.CONFIRMED if confirm else ProposalPartner.Status.DECLINED
    partner.confirmed_by = actor
    partner.confirmed_at = timezone.now()
    partner.save()
    audit_record(
        actor=actor,
        action=AuditAction.PARTNER_CONFIRMED if confirm else AuditAction.PARTNER_DECLINED,
        target=proposal,
        data={"organisation": partner.organisation},
    )
    members = [m.user for m in Membership.objects.filter(organisation_id=proposal.lead_id).select_related("user")]
    kind = "confirmed" if confirm else "declined"
    notification_send(
        recipients=members,
        kind=f"proposals.partner_{kind}",
        template=f"proposals/email/partner_{kind}.txt",
        context={"proposal": proposal, "challenge": proposal.call.challenge, "partner": partner},
        url_name="proposals:detail",
        url_args=[proposal.pk],
    )
    return partner
