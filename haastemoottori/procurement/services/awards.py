"""Awards and contracts: record, correct and delete them (every change audited, everything public)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.core.page_cache import public_content_changed

from ..errors import ErrorCode
from ..formatting import short_date
from ..models import Award, Contract
from ._common import AWARD_STAGES, _amount, _check_permission, _currency, _date, _path_for_update

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.organisations.models import Organisation
    from haastemoottori.proposals.models import Proposal


def _check_proposal(*, challenge: Challenge, proposal: Proposal, supplier: Organisation) -> None:
    from haastemoottori.proposals.models import Proposal, ProposalPartner

    if proposal.call.challenge_id != challenge.pk or proposal.status != Proposal.Status.SUBMITTED:
        raise ServiceValidationError(
            ErrorCode.INVALID_PROPOSAL, _("Choose a proposal submitted to this challenge's call."), field="proposal"
        )
    try:
        selected = proposal.decision.is_selected
    except ObjectDoesNotExist:
        selected = False
    if not selected:
        raise ServiceValidationError(
            ErrorCode.PROPOSAL_NOT_SELECTED, _("Only a selected proposal can be awarded."), field="proposal"
        )
    confirmed = set(
        proposal.partners.filter(status=ProposalPartner.Status.CONFIRMED).values_list("organisation_id", flat=True)
    )
    if supplier.pk != proposal.lead_id and supplier.pk not in confirmed:
        raise ServiceValidationError(
            ErrorCode.SUPPLIER_NOT_IN_PROPOSAL,
            _("The supplier must be the proposal's lead or a confirmed partner."),
            field="supplier",
        )


def _clean_award(
    *,
    challenge: Challenge,
    supplier: Organisation | None,
    proposal: Proposal | None,
    value: Any,
    award_date: Any,
    currency: str,
) -> dict[str, Any]:
    amount = _amount(value, "value")
    currency = _currency(currency)
    award_date = _date(award_date, "date")
    if award_date > timezone.localdate():
        raise ServiceValidationError(ErrorCode.FUTURE_DATE, _("An award cannot be dated in the future."), field="date")
    if supplier is None and proposal is not None:
        supplier = proposal.lead
    if supplier is None:
        raise ServiceValidationError(ErrorCode.SUPPLIER_MISSING, _("Choose the supplier."), field="supplier")
    if proposal is not None:
        _check_proposal(challenge=challenge, proposal=proposal, supplier=supplier)
    if challenge.published_at and award_date < timezone.localdate(challenge.published_at):
        raise ServiceValidationError(
            ErrorCode.DATE_BEFORE_PUBLICATION,
            _("The award date cannot be before the challenge was published."),
            field="date",
        )
    return {"supplier": supplier, "proposal": proposal, "value": amount, "currency": currency, "date": award_date}


@transaction.atomic
def award_add(
    *,
    actor: User,
    challenge: Challenge,
    supplier: Organisation | None = None,
    value: Any,
    date: date,
    proposal: Proposal | None = None,
    currency: str = "EUR",
) -> Award:
    """Record an award: to a selected proposal's lead or confirmed partner, or (no proposal: an open tender) to
    any organisation."""
    _check_permission(actor, challenge)
    if challenge.stage not in AWARD_STAGES:
        raise ServiceConflict(
            ErrorCode.AWARD_TOO_EARLY,
            _("An award can be recorded once the call has closed (evaluation, piloting or closed)."),
        )
    cleaned = _clean_award(
        challenge=challenge, supplier=supplier, proposal=proposal, value=value, award_date=date, currency=currency
    )
    path, _created = _path_for_update(actor=actor, challenge=challenge)
    award = Award.objects.create(path=path, supplier_name=str(cleaned["supplier"])[:300], **cleaned)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=award,
        is_public=True,
        data={
            "challenge": challenge.slug,
            "supplier": cleaned["supplier"],
            "value": cleaned["value"],
            "currency": cleaned["currency"],
            "date": cleaned["date"],
            "proposal": str(proposal.pk) if proposal else None,
        },
    )
    public_content_changed()
    return award


@transaction.atomic
def award_update(
    *,
    actor: User,
    award: Award,
    supplier: Organisation | None = None,
    value: Any,
    date: date,
    proposal: Proposal | None = None,
    currency: str = "EUR",
) -> Award:
    """Correct an award. Its contracts must still follow it: the date cannot move past their signing or start."""
    challenge = award.path.challenge
    _check_permission(actor, challenge)
    cleaned = _clean_award(
        challenge=challenge, supplier=supplier, proposal=proposal, value=value, award_date=date, currency=currency
    )
    award = Award.objects.select_for_update(of=("self",)).select_related("supplier", "proposal").get(pk=award.pk)
    for contract in award.contracts.all():
        first = min(contract.signed_on, contract.start_date)
        if cleaned["date"] > first:
            raise ServiceValidationError(
                ErrorCode.AWARD_AFTER_CONTRACT,
                _("The award date cannot be after its contract was signed or started (%(date)s).")
                % {"date": short_date(first)},
                field="date",
            )
    changes = {name: (getattr(award, name), value) for name, value in cleaned.items() if getattr(award, name) != value}
    if not changes:
        return award
    for name, value in cleaned.items():
        setattr(award, name, value)
    if "supplier" in changes:
        award.supplier_name = str(award.supplier)[:300]
    award.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=award,
        changes=changes,
        is_public=True,
        data={"challenge": challenge.slug},
    )
    public_content_changed()
    return award


def award_delete_refusal(award: Award) -> str:
    """Why the award cannot be deleted ("" when it can): its contracts go first, each with its own confirmation."""
    if award.contracts.exists():
        return _("This award has contracts. Delete its contracts first; then the award can be deleted.")
    return ""


@transaction.atomic
def award_delete(*, actor: User, award: Award) -> None:
    challenge = award.path.challenge
    _check_permission(actor, challenge)
    award = Award.objects.select_for_update().get(pk=award.pk)
    refusal = award_delete_refusal(award)
    if refusal:
        raise ServiceConflict(ErrorCode.AWARD_HAS_CONTRACTS, refusal)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETED,
        target=award,
        is_public=True,
        data={
            "challenge": challenge.slug,
            "supplier": award.supplier_name,
            "value": award.value,
            "currency": award.currency,
            "date": award.date,
            "proposal": str(award.proposal_id) if award.proposal_id else None,
        },
    )
    award.delete()
    public_content_changed()


def _clean_contract(
    award: Award, *, value: Any, signed_on: Any, start_date: Any, end_date: Any, status: str, currency: str
) -> dict[str, Any]:
    amount = _amount(value, "value")
    currency = _currency(currency)
    signed_on = _date(signed_on, "signed_on")
    start_date = _date(start_date, "start_date")
    if end_date is not None:
        end_date = _date(end_date, "end_date")
    if status not in Contract.Status.values:
        raise ServiceValidationError(ErrorCode.INVALID_STATUS, _("Choose the contract status."), field="status")
    if signed_on < award.date:
        raise ServiceValidationError(
            ErrorCode.SIGNED_BEFORE_AWARD, _("A contract cannot be signed before its award."), field="signed_on"
        )
    if start_date < award.date:
        raise ServiceValidationError(
            ErrorCode.START_BEFORE_AWARD, _("A contract cannot start before its award."), field="start_date"
        )
    if end_date is not None and end_date < start_date:
        raise ServiceValidationError(
            ErrorCode.END_BEFORE_START, _("The end date must be on or after the start date."), field="end_date"
        )
    return {
        "value": amount,
        "currency": currency,
        "signed_on": signed_on,
        "start_date": start_date,
        "end_date": end_date,
        "status": status,
    }


@transaction.atomic
def contract_add(
    *,
    actor: User,
    award: Award,
    value: Any,
    signed_on: date,
    start_date: date,
    end_date: date | None = None,
    status: str = Contract.Status.ACTIVE,
    currency: str = "EUR",
) -> Contract:
    challenge = award.path.challenge
    _check_permission(actor, challenge)
    cleaned = _clean_contract(
        award,
        value=value,
        signed_on=signed_on,
        start_date=start_date,
        end_date=end_date,
        status=status,
        currency=currency,
    )
    Award.objects.select_for_update().filter(pk=award.pk).first()
    contract = Contract.objects.create(award=award, **cleaned)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=contract,
        is_public=True,
        data={"challenge": challenge.slug, "award": award.pk, **cleaned},
    )
    public_content_changed()
    return contract


@transaction.atomic
def contract_update(
    *,
    actor: User,
    contract: Contract,
    value: Any,
    signed_on: date,
    start_date: date,
    end_date: date | None = None,
    status: str = Contract.Status.ACTIVE,
    currency: str = "EUR",
) -> Contract:
    """Correct a contract (e.g. its value, dates or status: terminated, cancelled)."""
    award = contract.award
    challenge = award.path.challenge
    _check_permission(actor, challenge)
    cleaned = _clean_contract(
        award,
        value=value,
        signed_on=signed_on,
        start_date=start_date,
        end_date=end_date,
        status=status,
        currency=currency,
    )
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    changes = {
        name: (getattr(contract, name), value) for name, value in cleaned.items() if getattr(contract, name) != value
    }
    if not changes:
        return contract
    for name, value in cleaned.items():
        setattr(contract, name, value)
    contract.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=contract,
        changes=changes,
        is_public=True,
        data={"challenge": challenge.slug, "award": award.pk},
    )
    public_content_changed()
    return contract


@transaction.atomic
def contract_delete(*, actor: User, contract: Contract) -> None:
    award = contract.award
    challenge = award.path.challenge
    _check_permission(actor, challenge)
    audit_record(
        actor=actor,
        action=AuditEvent.Action.DELETED,
        target=contract,
        is_public=True,
        data={
            "challenge": challenge.slug,
            "award": award.pk,
            "value": contract.value,
            "currency": contract.currency,
            "signed_on": contract.signed_on,
            "start_date": contract.start_date,
            "end_date": contract.end_date,
            "status": contract.status,
        },
    )
    contract.delete()
    public_content_changed()
