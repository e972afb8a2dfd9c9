"""Reading EU eForms notices (UBL 2.3 XML, as published in Hilma and TED) into plain data.

No database here: ``parse_notice(data)`` returns a :class:`ParsedNotice` or raises :class:`NoticeRejected`
with a reason that names the element. The parser is hardened (no DTDs, no entities, no network, libxml2's
default depth and size limits) and a document with a DOCTYPE is refused outright. XSD validation against the
SDK schemas is separate (``eforms_xsd.py``); the SDK's own ``INVALID_*`` examples pass the XSD, so the fields
this platform needs are checked here as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .eforms_xml import (
    LANGUAGES,
    MAX_NOTICE_BYTES,
    NS,
    NoticeRejected,
    hardened_parser,
    parse_xml,
)
from .eforms_xml import amount as _amount
from .eforms_xml import cpv as _cpv
from .eforms_xml import first as _first
from .eforms_xml import languages as _languages
from .eforms_xml import moment as _moment
from .eforms_xml import offset as _offset
from .eforms_xml import parse_date as _date
from .eforms_xml import required as _required
from .eforms_xml import text as _text
from .eforms_xml import value as _value

__all__ = ["LANGUAGES", "MAX_NOTICE_BYTES", "NS", "NoticeRejected", "hardened_parser", "parse_notice", "parse_xml"]

MAX_LOTS = 500

ROOTS = {
    "{urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2}PriorInformationNotice": "pin",
    "{urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2}ContractNotice": "cn",
    "{urn:oasis:names:specification:ubl:schema:xsd:ContractAwardNotice-2}ContractAwardNotice": "can",
}

# Notice subtypes (OPP-070, code list notice-subtype) read here, by the kind of ProcurementNotice they become.
# Not read: 15 (qualification system), 38–40 and E6 (contract modifications), E5 (completion), CEI, T01/T02, X01/X02.
PRIOR_INFORMATION = "prior_information"
CONTRACT_NOTICE = "contract_notice"
AWARD_NOTICE = "award_notice"
SUBTYPE_KIND: dict[str, str] = {
    **{str(n): PRIOR_INFORMATION for n in range(1, 10)},
    "E1": PRIOR_INFORMATION,
    "E2": PRIOR_INFORMATION,
    **{str(n): CONTRACT_NOTICE for n in (*range(10, 15), *range(16, 25))},
    "E3": CONTRACT_NOTICE,
    **{str(n): AWARD_NOTICE for n in range(25, 38)},
    "E4": AWARD_NOTICE,
}
ROOT_KINDS = {"pin": {PRIOR_INFORMATION, CONTRACT_NOTICE}, "cn": {CONTRACT_NOTICE}, "can": {AWARD_NOTICE}}

# BT-105, code list procurement-procedure-type.
PROCEDURE_TYPES: dict[str, Any] = {
    "open": gettext_lazy("Open"),
    "restricted": gettext_lazy("Restricted"),
    "neg-w-call": gettext_lazy("Negotiated with prior publication of a call for competition"),
    "neg-wo-call": gettext_lazy("Negotiated without prior call for competition"),
    "comp-dial": gettext_lazy("Competitive dialogue"),
    "innovation": gettext_lazy("Innovation partnership"),
    "oth-single": gettext_lazy("Other single stage procedure"),
    "oth-mult": gettext_lazy("Other multiple stage procedure"),
    "comp-tend": gettext_lazy("Competitive tendering"),
    "exp-int-rail": gettext_lazy("Request for expression of interest (rail)"),
}
# BT-776, code list innovative-acquisition.
INNOVATION_CODES: dict[str, Any] = {
    "mar-nov": gettext_lazy("New or significantly improved compared with the market"),
    "proc-innov": gettext_lazy("Process innovation"),
    "prod-innov": gettext_lazy("Product innovation"),
    "rd-act": gettext_lazy("Research and development"),
}
# eForms languages (ISO 639-2/B, upper case) to the two-letter codes of the translation fields.
CPV_PATTERN = r"^\d{8}$"


@dataclass
class Lot:
    lot_id: str
    title: dict[str, str]
    cpv: list[str]
    estimated_value: Decimal | None = None
    currency: str = ""
    deadline: datetime | None = None
    innovation: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.lot_id,
            "title": self.title,
            "cpv": self.cpv,
            "estimated_value": str(self.estimated_value) if self.estimated_value is not None else None,
            "currency": self.currency,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "innovation": self.innovation,
        }


@dataclass
class Winner:
    """A winning tender of an award notice, with its contract when one was concluded."""

    tender_id: str
    lot_ids: list[str]
    name: str
    national_id: str
    value: Decimal
    currency: str
    award_date: date
    contract_id: str = ""
    signed_on: date | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "tender": self.tender_id,
            "lots": self.lot_ids,
            "name": self.name,
            "national_id": self.national_id,
            "value": str(self.value),
            "currency": self.currency,
            "award_date": self.award_date.isoformat(),
            "contract": self.contract_id,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
        }


@dataclass
class ParsedNotice:
    notice_id: str
    version: str
    kind: str
    subtype: str
    notice_type: str
    original_language: str
    published_on: date
    title: dict[str, str]
    description: dict[str, str]
    buyers: list[dict[str, str]]
    cpv: list[str]
    procedure_type: str
    estimated_value: Decimal | None
    currency: str
    tender_deadline: datetime | None
    lots: list[Lot]
    innovation: list[str]
    winners: list[Winner]

    @property
    def buyer_name(self) -> str:
        return self.buyers[0]["name"] if self.buyers else ""

    @property
    def buyer_national_id(self) -> str:
        return self.buyers[0]["national_id"] if self.buyers else ""

    def display_title(self) -> str:
        for code in ("fi", "sv", "en", self.original_language, *self.title):
            if self.title.get(code):
                return self.title[code]
        return ""


# --- reading a notice -------------------------------------------------------------------------------
def _innovation(node: Any) -> list[str]:
    codes = []
    for element in node.xpath(
        "cac:ProcurementAdditionalType/cbc:ProcurementTypeCode[@listName='innovative-acquisition']", namespaces=NS
    ):
        code = _text(element)
        if code in INNOVATION_CODES and code not in codes:
            codes.append(code)
    return codes


def _organisations(root: Any) -> dict[str, dict[str, str]]:
    result = {}
    for company in root.xpath("//efac:Organizations/efac:Organization/efac:Company", namespaces=NS):
        org_id = _value(company, "cac:PartyIdentification/cbc:ID")
        if org_id:
            names = _languages(company, "cac:PartyName/cbc:Name")
            name = next((names[c] for c in ("fi", "sv", "en") if c in names), "") or _value(
                company, "cac:PartyName/cbc:Name"
            )
            result[org_id] = {
                "name": name[:300],
                "national_id": _value(company, "cac:PartyLegalEntity/cbc:CompanyID"),
            }
    return result


def _lots(root: Any) -> list[Lot]:
    elements = root.xpath("cac:ProcurementProjectLot", namespaces=NS)
    if len(elements) > MAX_LOTS:
        raise NoticeRejected(
            _("The notice has %(count)s lots; at most %(max)s are read.") % {"count": len(elements), "max": MAX_LOTS},
            element="cac:ProcurementProjectLot",
        )
    lots = []
    for element in elements:
        lot_id = _required(element, "cbc:ID", "cac:ProcurementProjectLot/cbc:ID (BT-137)")
        project = _first(element, "cac:ProcurementProject")
        period = _first(element, "cac:TenderingProcess/cac:TenderSubmissionDeadlinePeriod")
        deadline = None
        if period is not None and _value(period, "cbc:EndDate"):
            deadline = _moment(
                _value(period, "cbc:EndDate"),
                _value(period, "cbc:EndTime"),
                f"{lot_id} cac:TenderSubmissionDeadlinePeriod (BT-131)",
            )
        value, currency = (None, "")
        if project is not None:
            value, currency = _amount(
                project,
                "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount",
                f"{lot_id} cbc:EstimatedOverallContractAmount (BT-27)",
            )
        lots.append(
            Lot(
                lot_id=lot_id,
                title=_languages(project, "cbc:Name") if project is not None else {},
                cpv=_cpv(project, f"{lot_id} cbc:ItemClassificationCode (BT-262)") if project is not None else [],
                estimated_value=value,
                currency=currency,
                deadline=deadline,
                innovation=_innovation(project) if project is not None else [],
            )
        )
    return lots


def _winners(root: Any, organisations: dict[str, dict[str, str]], default_date: date) -> list[Winner]:
    result = _first(
        root, "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension/efac:NoticeResult"
    )
    if result is None:
        raise NoticeRejected(
            _("An award notice needs efac:NoticeResult (the winners and values)."), element="efac:NoticeResult"
        )
    tenders = {_value(t, "cbc:ID"): t for t in result.xpath("efac:LotTender", namespaces=NS)}
    parties = {_value(p, "cbc:ID"): p for p in result.xpath("efac:TenderingParty", namespaces=NS)}
    contracts = {_value(c, "cbc:ID"): c for c in result.xpath("efac:SettledContract", namespaces=NS)}
    award_date_text = _value(root, "cac:TenderResult/cbc:AwardDate")
    award_date = _date(award_date_text, "cac:TenderResult/cbc:AwardDate (BT-1451)")[0] if award_date_text else None
    winners: dict[str, Winner] = {}
    for lot_result in result.xpath("efac:LotResult", namespaces=NS):
        if _value(lot_result, "cbc:TenderResultCode") != "selec-w":
            continue
        lot_id = _value(lot_result, "efac:TenderLot/cbc:ID")
        contract_ids = [_text(c) for c in lot_result.xpath("efac:SettledContract/cbc:ID", namespaces=NS)]
        for tender_ref in lot_result.xpath("efac:LotTender/cbc:ID", namespaces=NS):
            tender_id = _text(tender_ref)
            if tender_id in winners:
                winners[tender_id].lot_ids.append(lot_id)
                continue
            tender = tenders.get(tender_id)
            if tender is None:
                raise NoticeRejected(
                    _("efac:LotTender %(id)s is referred to but not described.") % {"id": tender_id},
                    element="efac:LotTender",
                )
            value, currency = _amount(
                tender, "cac:LegalMonetaryTotal/cbc:PayableAmount", f"{tender_id} cbc:PayableAmount (BT-720)"
            )
            if value is None:
                raise NoticeRejected(
                    _("%(tender)s has no cbc:PayableAmount (BT-720, the tender value).") % {"tender": tender_id},
                    element="cbc:PayableAmount",
                )
            party = parties.get(_value(tender, "efac:TenderingParty/cbc:ID"))
            org_id = _value(party, "efac:Tenderer/cbc:ID") if party is not None else ""
            organisation = organisations.get(org_id)
            if organisation is None or not organisation["name"]:
                raise NoticeRejected(
                    _("The winner of %(tender)s (efac:TenderingParty/efac:Tenderer) is not among efac:Organizations.")
                    % {"tender": tender_id},
                    element="efac:Tenderer",
                )
            contract_id, signed_on = "", None
            for cid in contract_ids:
                contract = contracts.get(cid)
                if contract is not None and tender_id in [
                    _text(t) for t in contract.xpath("efac:LotTender/cbc:ID", namespaces=NS)
                ]:
                    contract_id = cid
                    issued = _value(contract, "cbc:IssueDate")
                    if issued:
                        signed_on = _date(issued, f"{cid} efac:SettledContract/cbc:IssueDate (BT-145)")[0]
                    break
            day = award_date or signed_on or default_date
            if signed_on and day > signed_on:
                day = signed_on
            winners[tender_id] = Winner(
                tender_id=tender_id,
                lot_ids=[lot_id],
                name=organisation["name"],
                national_id=organisation["national_id"],
                value=value,
                currency=currency or "EUR",
                award_date=day,
                contract_id=contract_id,
                signed_on=signed_on,
            )
    return list(winners.values())


def parse_notice(data: bytes) -> ParsedNotice:
    """Read the fields this platform uses from an eForms notice, or raise NoticeRejected naming the element."""
    root = parse_xml(data)
    root_kind = ROOTS.get(root.tag)
    if root_kind is None:
        raise NoticeRejected(
            _("The root element %(element)s is not an eForms notice (PriorInformationNotice, ContractNotice or "
              "ContractAwardNotice in the UBL 2.3 namespaces).")
            % {"element": str(root.tag)[:200]},
            element=str(root.tag)[:200],
        )  # fmt: skip
    subtype = _required(
        root,
        "ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent/efext:EformsExtension/efac:NoticeSubType/cbc:SubTypeCode",
        "efac:NoticeSubType/cbc:SubTypeCode (OPP-070)",
    )
    kind = SUBTYPE_KIND.get(subtype)
    if kind is None or kind not in ROOT_KINDS[root_kind]:
        raise NoticeRejected(
            _("Notice subtype %(subtype)s (efac:NoticeSubType/cbc:SubTypeCode) is not supported here.")
            % {"subtype": subtype[:20]},
            element="cbc:SubTypeCode",
        )
    notice_id = _required(root, "cbc:ID[@schemeName='notice-id']", "cbc:ID (BT-701, notice identifier)")
    if len(notice_id) > 100:
        raise NoticeRejected(_("cbc:ID (BT-701) is too long."), element="cbc:ID")
    version = _required(root, "cbc:VersionID", "cbc:VersionID (BT-757, notice version)")[:20]
    published_on = _date(_required(root, "cbc:IssueDate", "cbc:IssueDate (BT-05)"), "cbc:IssueDate (BT-05)")[0]
    if _value(root, "cbc:IssueTime"):
        _offset(_value(root, "cbc:IssueTime"), "cbc:IssueTime (BT-05)")
    project = _first(root, "cac:ProcurementProject")
    if project is None:
        raise NoticeRejected(_("cac:ProcurementProject is missing."), element="cac:ProcurementProject")
    title = _languages(project, "cbc:Name")
    if not title:
        raise NoticeRejected(
            _("cac:ProcurementProject/cbc:Name (BT-21, title) is missing or has no languageID."), element="cbc:Name"
        )
    cpv = _cpv(project, "cbc:ItemClassificationCode (BT-262)")
    if not cpv:
        raise NoticeRejected(
            _("cac:MainCommodityClassification/cbc:ItemClassificationCode (BT-262, main CPV code) is missing."),
            element="cbc:ItemClassificationCode",
        )
    organisations = _organisations(root)
    buyers = []
    for ref in root.xpath("cac:ContractingParty/cac:Party/cac:PartyIdentification/cbc:ID", namespaces=NS):
        organisation = organisations.get(_text(ref))
        if organisation and organisation["name"]:
            buyers.append(organisation)
    if not buyers:
        raise NoticeRejected(
            _("The buyer (cac:ContractingParty/cac:Party, BT-500) is missing or not among efac:Organizations."),
            element="cac:ContractingParty",
        )
    lots = _lots(root)
    deadlines = [lot.deadline for lot in lots if lot.deadline]
    value, currency = _amount(
        project,
        "cac:RequestedTenderTotal/cbc:EstimatedOverallContractAmount",
        "cbc:EstimatedOverallContractAmount (BT-27)",
    )
    if value is None:
        lot_values = [lot for lot in lots if lot.estimated_value is not None]
        if lot_values:
            value = sum((lot.estimated_value or Decimal(0) for lot in lot_values), Decimal(0))
            currency = lot_values[0].currency
    innovation = _innovation(project)
    for lot in lots:
        innovation += [code for code in lot.innovation if code not in innovation]
    winners = _winners(root, organisations, published_on) if kind == AWARD_NOTICE else []
    return ParsedNotice(
        notice_id=notice_id,
        version=version,
        kind=kind,
        subtype=subtype,
        notice_type=_value(root, "cbc:NoticeTypeCode")[:40],
        original_language=LANGUAGES.get(_value(root, "cbc:NoticeLanguageCode").upper(), next(iter(title))),
        published_on=published_on,
        title=title,
        description=_languages(project, "cbc:Description"),
        buyers=buyers,
        cpv=cpv,
        procedure_type=_value(root, "cac:TenderingProcess/cbc:ProcedureCode")[:30],
        estimated_value=value,
        currency=currency,
        tender_deadline=min(deadlines) if deadlines else None,
        lots=lots,
        innovation=innovation,
        winners=winners,
    )
