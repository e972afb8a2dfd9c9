"""eForms notices read into the procurement path: the notice's fields, and for an award notice the awards and
contracts (suppliers matched to platform organisations by their Business ID).

Idempotent per notice ID and version: the same version again changes nothing; a newer version (a change notice)
updates the record and its awards, each change audited; an older version is refused. A rejected notice leaves
nothing behind (one transaction).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.organisations.models import Organisation, OrganisationIdentifier

from .. import eforms, eforms_xsd
from ..errors import ErrorCode
from ..models import Award, Contract, ProcurementNotice
from ._common import MAX_VALUE, _check_permission, _path_for_update

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
NOTICE_FIELDS = (
    "kind",
    "version",
    "subtype",
    "published_on",
    "original_language",
    "title",
    "description",
    "buyer_name",
    "buyer_national_id",
    "buyer",
    "buyers",
    "cpv_codes",
    "procedure_type",
    "estimated_value",
    "currency",
    "tender_deadline",
    "lots",
    "innovation",
    "innovative",
    "winners",
)


@dataclass
class NoticeRead:
    """A notice read and checked, not yet stored; ``notes`` say what the reader could not do (e.g. XSD)."""

    parsed: eforms.ParsedNotice
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportResult:
    notice: ProcurementNotice
    parsed: eforms.ParsedNotice
    status: str
    notes: list[str] = field(default_factory=list)


def _rejected(reason: str) -> ServiceValidationError:
    return ServiceValidationError(ErrorCode.NOTICE_REJECTED, reason, field="file")


def notice_read(data: bytes) -> NoticeRead:
    """Parse and check an eForms notice without storing anything; ServiceValidationError when rejected."""
    try:
        parsed = eforms.parse_notice(data)
        errors = eforms_xsd.validate(eforms.parse_xml(data))
    except eforms.NoticeRejected as exc:
        raise _rejected(exc.reason) from None
    notes = []
    if errors is None:
        notes.append(_("XSD validation skipped: the eForms schemas are not installed (HAASTEMOOTTORI_EFORMS_SCHEMAS)."))
    elif errors:
        raise _rejected(_("The notice does not validate against the eForms XSD: %(error)s") % {"error": errors[0]})
    for winner in parsed.winners:
        if winner.currency != "EUR":
            raise _rejected(
                _("%(tender)s cbc:PayableAmount is in %(currency)s; awards are recorded in euros (EUR).")
                % {"tender": winner.tender_id, "currency": winner.currency[:3]}
            )
        if winner.value > MAX_VALUE:
            raise _rejected(_("%(tender)s cbc:PayableAmount is too large.") % {"tender": winner.tender_id})
    return NoticeRead(parsed=parsed, notes=notes)


def business_id(value: str) -> str:
    """A national ID as written in a notice, normalised: ``FI12345678`` and ``1234567 - 8`` → ``1234567-8``."""
    compact = re.sub(r"\s+", "", value or "").upper()
    vat = re.fullmatch(r"FI(\d{7})(\d)", compact)
    if vat:
        return f"{vat.group(1)}-{vat.group(2)}"
    return compact


def _organisations_by_id(national_ids: list[str]) -> dict[str, Organisation]:
    wanted = {business_id(i) for i in national_ids if i}
    found = OrganisationIdentifier.objects.filter(
        scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID, identifier__in=wanted
    ).select_related("organisation")
    return {i.identifier: i.organisation for i in found}


def _version_key(version: str) -> tuple[int, str]:
    return (int(version), "") if version.isdigit() else (-1, version)


def _values(parsed: eforms.ParsedNotice, buyer: Organisation | None) -> dict[str, Any]:
    return {
        "kind": parsed.kind,
        "version": parsed.version,
        "subtype": parsed.subtype,
        "published_on": parsed.published_on,
        "original_language": parsed.original_language,
        "title": parsed.title,
        "description": parsed.description,
        "buyer_name": parsed.buyer_name[:300],
        "buyer_national_id": parsed.buyer_national_id[:100],
        "buyer": buyer,
        "buyers": parsed.buyers,
        "cpv_codes": parsed.cpv,
        "procedure_type": parsed.procedure_type,
        "estimated_value": parsed.estimated_value.quantize(Decimal("0.01"))
        if parsed.estimated_value is not None
        else None,
        "currency": parsed.currency[:3],
        "tender_deadline": parsed.tender_deadline,
        "lots": [lot.as_json() for lot in parsed.lots],
        "innovation": parsed.innovation,
        "innovative": bool(parsed.innovation),
        "winners": [w.as_json() for w in parsed.winners],
    }


@transaction.atomic
def notice_import(
    *,
    actor: User | None,
    challenge: Challenge,
    data: bytes,
    source: str = ProcurementNotice.Source.EFORMS_FILE,
    url: str = "",
) -> ImportResult:
    """Read an eForms notice into the challenge's procurement path.

    ``actor`` None is the operator running ``manage.py import_notices`` (no permission check, audited without
    an actor); everyone else needs ``procurement.change_procurement`` on the challenge.
    """
    if actor is not None:
        _check_permission(actor, challenge)
    read = notice_read(data)
    parsed, notes = read.parsed, list(read.notes)
    by_id = _organisations_by_id([parsed.buyer_national_id, *(w.national_id for w in parsed.winners)])
    buyer = by_id.get(business_id(parsed.buyer_national_id))
    if buyer is None:
        notes.append(
            _("The buyer %(name)s (%(id)s) is not on the platform; its name is kept as text.")
            % {"name": parsed.buyer_name, "id": parsed.buyer_national_id or "–"}
        )
    elif not challenge.ownerships.filter(organisation=buyer).exists():
        notes.append(_("The buyer %(name)s is not an owner of this challenge.") % {"name": buyer})
    path, _created = _path_for_update(actor=actor, challenge=challenge)
    existing = ProcurementNotice.objects.select_for_update().filter(path=path, notice_id=parsed.notice_id).first()
    values = _values(parsed, buyer)
    slug = challenge.slug
    if existing is None:
        try:
            with transaction.atomic():
                notice = ProcurementNotice.objects.create(
                    path=path, notice_id=parsed.notice_id, source=source, url=url[:500], **values
                )
        except IntegrityError:  # the same notice read at the same moment by someone else
            raise ServiceConflict(
                ErrorCode.DUPLICATE_NOTICE, _("This notice is being recorded right now; try again."), field="file"
            ) from None
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATED,
            target=notice,
            is_public=True,
            data={"challenge": slug, "notice_id": notice.notice_id, "version": notice.version, "source": source},
        )
        status = CREATED
    else:
        notice = existing
        if notice.kind != parsed.kind:
            raise _rejected(
                _("Notice %(id)s is already recorded as a %(kind)s; a notice cannot change its kind.")
                % {"id": parsed.notice_id, "kind": notice.get_kind_display()}
            )
        if notice.version == parsed.version:
            return ImportResult(notice=notice, parsed=parsed, status=UNCHANGED, notes=notes)
        if notice.version and _version_key(parsed.version) < _version_key(notice.version):
            raise ServiceValidationError(
                ErrorCode.NOTICE_OLDER_VERSION,
                _("Version %(new)s of notice %(id)s is older than the recorded version %(old)s.")
                % {"new": parsed.version, "id": parsed.notice_id, "old": notice.version},
                field="file",
            )
        changes = {
            name: (getattr(notice, name), value) for name, value in values.items() if getattr(notice, name) != value
        }
        for name, value in values.items():
            setattr(notice, name, value)
        notice.source = source
        if url:
            notice.url = url[:500]
        notice.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATED,
            target=notice,
            changes=changes,
            is_public=True,
            data={"challenge": slug, "notice_id": notice.notice_id, "version": notice.version, "change_notice": True},
        )
        status = UPDATED
    unmatched = _awards_from_notice(actor=actor, notice=notice, parsed=parsed, by_id=by_id)
    if unmatched:
        notes.append(_("Winners not on the platform (kept by name): %(names)s.") % {"names": ", ".join(unmatched)})
    public_content_changed()
    return ImportResult(notice=notice, parsed=parsed, status=status, notes=notes)


def _awards_from_notice(
    *, actor: User | None, notice: ProcurementNotice, parsed: eforms.ParsedNotice, by_id: dict[str, Organisation]
) -> list[str]:
    """Create or correct the awards (and contracts) of an award notice; remove those a newer version dropped."""
    slug = notice.path.challenge.slug
    kept: set[int] = set()
    unmatched = []
    for winner in parsed.winners:
        supplier = by_id.get(business_id(winner.national_id))
        if supplier is None:
            unmatched.append(winner.name)
        values: dict[str, Any] = {
            "supplier": supplier,
            "supplier_name": (str(supplier) if supplier else winner.name)[:300],
            "value": winner.value.quantize(Decimal("0.01")),
            "currency": "EUR",
            "date": winner.award_date,
        }
        award = Award.objects.filter(notice=notice, notice_tender=winner.tender_id).first()
        if award is None:
            award = Award.objects.create(path=notice.path, notice=notice, notice_tender=winner.tender_id, **values)
            audit_record(
                actor=actor,
                action=AuditEvent.Action.CREATED,
                target=award,
                is_public=True,
                data={"challenge": slug, "notice_id": notice.notice_id, "tender": winner.tender_id, **values},
            )
        else:
            changes = {k: (getattr(award, k), v) for k, v in values.items() if getattr(award, k) != v}
            if changes:
                for k, v in values.items():
                    setattr(award, k, v)
                award.save()
                audit_record(
                    actor=actor,
                    action=AuditEvent.Action.UPDATED,
                    target=award,
                    changes=changes,
                    is_public=True,
                    data={"challenge": slug, "notice_id": notice.notice_id},
                )
        kept.add(award.pk)
        if winner.contract_id and winner.signed_on:
            _contract_from_notice(actor=actor, award=award, winner=winner, slug=slug)
    for award in Award.objects.filter(notice=notice).exclude(pk__in=kept):
        for contract in award.contracts.all():
            audit_record(
                actor=actor,
                action=AuditEvent.Action.DELETED,
                target=contract,
                is_public=True,
                data={"challenge": slug, "notice_id": notice.notice_id, "award": award.pk},
            )
            contract.delete()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DELETED,
            target=award,
            is_public=True,
            data={"challenge": slug, "notice_id": notice.notice_id, "supplier": award.supplier_name},
        )
        award.delete()
    return unmatched


def _contract_from_notice(*, actor: User | None, award: Award, winner: eforms.Winner, slug: str) -> None:
    assert winner.signed_on is not None
    values: dict[str, Any] = {
        "value": winner.value.quantize(Decimal("0.01")),
        "currency": "EUR",
        "signed_on": winner.signed_on,
        "start_date": max(winner.signed_on, award.date),
    }
    contract = Contract.objects.filter(award=award, notice_contract=winner.contract_id).first()
    if contract is None:
        contract = Contract.objects.create(award=award, notice_contract=winner.contract_id, **values)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATED,
            target=contract,
            is_public=True,
            data={"challenge": slug, "award": award.pk, "contract": winner.contract_id, **values},
        )
        return
    changes = {k: (getattr(contract, k), v) for k, v in values.items() if getattr(contract, k) != v}
    if changes:
        for k, v in values.items():
            setattr(contract, k, v)
        contract.save()
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATED,
            target=contract,
            changes=changes,
            is_public=True,
            data={"challenge": slug, "award": award.pk},
        )
