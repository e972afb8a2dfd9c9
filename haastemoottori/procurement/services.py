"""Writes for procurement paths: the route, notices, awards and contracts of a challenge.

Every function checks ``procurement.change_procurement`` on the challenge, validates before changing
anything, audits the change and reports it to the public page cache (everything here is public).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.lifecycle import Route, Stage
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import clean_translations
from haastemoottori.core.page_cache import public_content_changed

from .models import Award, Contract, ProcurementNotice, ProcurementPath

DEFAULT_OCID_PREFIX = "ocds-hmoot1"
MAX_VALUE = Decimal("999999999999.99")
# An award follows the call (or, for a market-dialogue route, the closing of the challenge).
AWARD_STAGES = (Stage.EVALUATION, Stage.PILOTING, Stage.CLOSED)


def ocid_for(challenge) -> str:
    """The Open Contracting ID a new path gets: ``<prefix>-<challenge id>`` (stored, never recomputed)."""
    prefix = getattr(settings, "HAASTEMOOTTORI_OCID_PREFIX", DEFAULT_OCID_PREFIX) or DEFAULT_OCID_PREFIX
    return f"{prefix}-{challenge.pk}"


def _check_permission(actor, challenge) -> None:
    if not actor.has_perm("procurement.change_procurement", challenge):
        raise ServicePermissionDenied("permission_denied",
                                      _("Only the owners' editors may change the procurement path."))


def _path_for_update(*, actor, challenge) -> tuple[ProcurementPath, bool]:
    """The challenge's path, locked; created (with its ocid) on the first write."""
    path = ProcurementPath.objects.select_for_update().filter(challenge=challenge).first()
    if path is not None:
        return path, False
    path = ProcurementPath.objects.create(challenge=challenge, ocid=ocid_for(challenge), route=challenge.route,
                                          original_language=challenge.original_language, created_by=actor)
    audit_record(actor=actor, action=AuditEvent.Action.CREATED, target=path, is_public=True,
                 data={"challenge": challenge.slug, "ocid": path.ocid})
    return path, True


def _amount(value, field: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ServiceValidationError("invalid_value", _("Give the value as a number of euros."), field=field) from None
    if not amount.is_finite() or amount < 0:
        raise ServiceValidationError("negative_value", _("The value cannot be negative."), field=field)
    if amount > MAX_VALUE:
        raise ServiceValidationError("value_too_large", _("The value is too large."), field=field)
    return amount.quantize(Decimal("0.01"))


def _currency(value: str) -> str:
    if value != "EUR":
        raise ServiceValidationError("invalid_currency", _("Values are recorded in euros (EUR)."), field="currency")
    return value


def _date(value, field: str) -> date:
    if not isinstance(value, date):
        raise ServiceValidationError("invalid_date", _("Give a date."), field=field)
    return value


# --- the path -------------------------------------------------------------------------------------


@transaction.atomic
def path_update(*, actor, challenge, route: str, description: dict | None = None) -> ProcurementPath:
    _check_permission(actor, challenge)
    if route not in ("", *Route.values):
        raise ServiceValidationError("invalid_route", _("Choose a procurement route."), field="route")
    try:
        cleaned = clean_translations(description, field_label=_("Description"))
    except ValidationError as exc:
        raise ServiceValidationError("invalid_description", exc.messages[0], field="description") from None
    for text in cleaned.values():
        if len(text) > 5000:
            raise ServiceValidationError("description_too_long",
                                         _("Keep the description under 5,000 characters."), field="description")
    path, _created = _path_for_update(actor=actor, challenge=challenge)
    changes = {}
    if path.route != route:
        changes["route"] = (path.route, route)
    if path.description != cleaned:
        changes["description"] = (path.description, cleaned)
    if changes:
        path.route, path.description = route, cleaned
        path.save(update_fields=["route", "description", "updated_at"])
        audit_record(actor=actor, action=AuditEvent.Action.UPDATED, target=path, changes=changes, is_public=True)
    public_content_changed()
    return path


# --- notices --------------------------------------------------------------------------------------


@transaction.atomic
def notice_add(*, actor, challenge, kind: str, notice_id: str, url: str, published_on: date) -> ProcurementNotice:
    _check_permission(actor, challenge)
    if kind not in ProcurementNotice.Kind.values:
        raise ServiceValidationError("invalid_kind", _("Choose the kind of notice."), field="kind")
    notice_id = (notice_id or "").strip()
    if not notice_id or len(notice_id) > 100:
        raise ServiceValidationError("invalid_notice_id", _("Give the notice ID (at most 100 characters)."),
                                     field="notice_id")
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ServiceValidationError("invalid_url", _("Give a web address starting with https://."),
                                     field="url") from None
    if len(url) > 500:
        raise ServiceValidationError("invalid_url", _("The web address is too long."), field="url")
    published_on = _date(published_on, "published_on")
    if published_on > timezone.localdate():
        raise ServiceValidationError("future_date", _("A notice cannot be published in the future."),
                                     field="published_on")
    path, _created = _path_for_update(actor=actor, challenge=challenge)
    if path.notices.filter(kind=kind, notice_id=notice_id).exists():
        raise ServiceConflict("duplicate_notice", _("This notice has already been recorded."), field="notice_id")
    notice = ProcurementNotice.objects.create(path=path, kind=kind, notice_id=notice_id, url=url,
                                              published_on=published_on)
    audit_record(actor=actor, action=AuditEvent.Action.CREATED, target=notice, is_public=True,
                 data={"challenge": challenge.slug, "kind": kind, "notice_id": notice_id, "url": url,
                       "published_on": published_on})
    public_content_changed()
    return notice


@transaction.atomic
def notice_remove(*, actor, notice: ProcurementNotice) -> None:
    challenge = notice.path.challenge
    _check_permission(actor, challenge)
    audit_record(actor=actor, action=AuditEvent.Action.DELETED, target=notice, is_public=True,
                 data={"challenge": challenge.slug, "kind": notice.kind, "notice_id": notice.notice_id,
                       "url": notice.url})
    notice.delete()
    public_content_changed()


# --- awards and contracts -------------------------------------------------------------------------


def _check_proposal(*, challenge, proposal, supplier) -> None:
    from haastemoottori.proposals.models import Proposal, ProposalPartner

    if proposal.call.challenge_id != challenge.pk or proposal.status != Proposal.Status.SUBMITTED:
        raise ServiceValidationError("invalid_proposal", _("Choose a proposal submitted to this challenge's call."),
                                     field="proposal")
    try:
        selected = proposal.decision.is_selected
    except ObjectDoesNotExist:
        selected = False
    if not selected:
        raise ServiceValidationError("proposal_not_selected", _("Only a selected proposal can be awarded."),
                                     field="proposal")
    confirmed = set(proposal.partners.filter(status=ProposalPartner.Status.CONFIRMED)
                    .values_list("organisation_id", flat=True))
    if supplier.pk != proposal.lead_id and supplier.pk not in confirmed:
        raise ServiceValidationError("supplier_not_in_proposal",
                                     _("The supplier must be the proposal's lead or a confirmed partner."),
                                     field="supplier")


@transaction.atomic
def award_add(*, actor, challenge, supplier=None, value, date: date, proposal=None, currency: str = "EUR") -> Award:
    _check_permission(actor, challenge)
    if challenge.stage not in AWARD_STAGES:
        raise ServiceConflict("award_too_early",
                              _("An award can be recorded once the call has closed (evaluation, piloting or closed)."))
    amount = _amount(value, "value")
    currency = _currency(currency)
    award_date = _date(date, "date")
    if supplier is None and proposal is not None:
        supplier = proposal.lead
    if supplier is None:
        raise ServiceValidationError("supplier_missing", _("Choose the supplier."), field="supplier")
    if proposal is not None:
        _check_proposal(challenge=challenge, proposal=proposal, supplier=supplier)
    if challenge.published_at and award_date < timezone.localdate(challenge.published_at):
        raise ServiceValidationError("date_before_publication",
                                     _("The award date cannot be before the challenge was published."), field="date")
    path, _created = _path_for_update(actor=actor, challenge=challenge)
    award = Award.objects.create(path=path, proposal=proposal, supplier=supplier, supplier_name=str(supplier)[:300],
                                 value=amount, currency=currency, date=award_date)
    audit_record(actor=actor, action=AuditEvent.Action.CREATED, target=award, is_public=True,
                 data={"challenge": challenge.slug, "supplier": supplier, "value": amount, "currency": currency,
                       "date": award_date, "proposal": str(proposal.pk) if proposal else None})
    public_content_changed()
    return award


@transaction.atomic
def contract_add(*, actor, award: Award, value, signed_on: date, start_date: date, end_date: date | None = None,
                 status: str = Contract.Status.ACTIVE, currency: str = "EUR") -> Contract:
    challenge = award.path.challenge
    _check_permission(actor, challenge)
    amount = _amount(value, "value")
    currency = _currency(currency)
    signed_on = _date(signed_on, "signed_on")
    start_date = _date(start_date, "start_date")
    if end_date is not None:
        end_date = _date(end_date, "end_date")
    if status not in Contract.Status.values:
        raise ServiceValidationError("invalid_status", _("Choose the contract status."), field="status")
    if signed_on < award.date:
        raise ServiceValidationError("signed_before_award", _("A contract cannot be signed before its award."),
                                     field="signed_on")
    if start_date < award.date:
        raise ServiceValidationError("start_before_award", _("A contract cannot start before its award."),
                                     field="start_date")
    if end_date is not None and end_date < start_date:
        raise ServiceValidationError("end_before_start", _("The end date must be on or after the start date."),
                                     field="end_date")
    Award.objects.select_for_update().filter(pk=award.pk).first()
    contract = Contract.objects.create(award=award, value=amount, currency=currency, signed_on=signed_on,
                                       start_date=start_date, end_date=end_date, status=status)
    audit_record(actor=actor, action=AuditEvent.Action.CREATED, target=contract, is_public=True,
                 data={"challenge": challenge.slug, "award": award.pk, "value": amount, "currency": currency,
                       "signed_on": signed_on, "start_date": start_date, "end_date": end_date, "status": status})
    public_content_changed()
    return contract


__all__ = ["award_add", "contract_add", "notice_add", "notice_remove", "ocid_for", "path_update"]
