"""A draft eForms prior information notice for a market consultation, filled from a challenge.

Subtype 4 (``pin-only``: a prior information notice used only for information, general directive), the form
Finnish buyers use for a request for information or a market consultation. Filled in: the title and
description in every platform language present (fi/sv/en), every lead and co-owner organisation as a buyer
(with its Business ID), the path's CPV codes, and the consultation schedule: the market dialogue events and
workshops (BT-300 additional information, in each language) and the questions deadline (BT-13). The XML
validates against the eForms XSD (tests); it is a draft: the notice service adds what only the buyer knows.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from lxml import etree

from haastemoottori.challenges.models import ChallengeOwnership
from haastemoottori.organisations.models import OrganisationIdentifier

from .eforms import NS

ROOT_NS = "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2"
EFORMS_LANGUAGES = {"fi": "FIN", "sv": "SWE", "en": "ENG"}
SDK_VERSION = "eforms-sdk-1.15"
SUBTYPE = "4"


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix] if prefix else ROOT_NS}}}{name}"


def _add(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    prefix, name = tag.split(":") if ":" in tag else ("", tag)
    element = etree.SubElement(parent, _q(prefix, name), attrs)
    if text is not None:
        element.text = text
    return element


def _date(moment: datetime) -> tuple[str, str]:
    local = timezone.localtime(moment).replace(microsecond=0)
    offset = local.strftime("%z")
    zone = f"{offset[:3]}:{offset[3:]}"
    return local.date().isoformat() + zone, local.time().isoformat() + zone


def _texts(values: dict[str, str] | None, languages: list[str]) -> dict[str, str]:
    values = values or {}
    return {code: values[code].strip() for code in languages if (values.get(code) or "").strip()}


def schedule_lines(challenge: Any, events: list[Any], language: str) -> list[str]:
    """The consultation schedule as sentences in ``language`` (times in Helsinki time)."""
    lines = []
    with translation.override(language):
        for event in events:
            title = event.title.get(language) or event.title.get(event.original_language) or ""
            start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
            lines.append(
                _("%(kind)s “%(title)s”: %(date)s %(start)s–%(end)s (Helsinki time), %(place)s.")
                % {
                    "kind": event.get_kind_display(),
                    "title": title,
                    "date": date_format(start, "SHORT_DATE_FORMAT"),
                    "start": date_format(start, "TIME_FORMAT"),
                    "end": date_format(end, "TIME_FORMAT"),
                    "place": event.location or _("online"),
                }
            )
        if challenge.questions_deadline:
            moment = timezone.localtime(challenge.questions_deadline)
            lines.append(
                _("Questions can be sent until %(date)s %(time)s (Helsinki time).")
                % {"date": date_format(moment, "SHORT_DATE_FORMAT"), "time": date_format(moment, "TIME_FORMAT")}
            )
    return lines


def consultation_notice(*, challenge: Any, path: Any, events: list[Any], challenge_url: str) -> bytes:
    """The draft notice as UTF-8 XML. ``path.cpv_codes`` must hold at least one code (``NNNNNNNN-C``)."""
    languages = [code for code in ("fi", "sv", "en") if (challenge.title.get(code) or "").strip()]
    if not languages:
        languages = [challenge.original_language if challenge.original_language in EFORMS_LANGUAGES else "fi"]
    main = challenge.original_language if challenge.original_language in languages else languages[0]
    languages = [main, *(code for code in languages if code != main)]
    owners = sorted(
        (o for o in challenge.ownerships.all() if o.role in ChallengeOwnership.APPROVER_ROLES),
        key=lambda o: (o.role != ChallengeOwnership.Role.LEAD, o.pk),
    )
    ids = dict(
        OrganisationIdentifier.objects.filter(
            organisation__in=[o.organisation_id for o in owners], scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID
        ).values_list("organisation_id", "identifier")
    )
    nsmap: dict[str | None, str] = {None: ROOT_NS}
    nsmap.update(NS)
    root = etree.Element(_q("", "PriorInformationNotice"), nsmap=nsmap)
    extension = _add(
        _add(_add(_add(root, "ext:UBLExtensions"), "ext:UBLExtension"), "ext:ExtensionContent"), "efext:EformsExtension"
    )
    _add(_add(extension, "efac:NoticeSubType"), "cbc:SubTypeCode", SUBTYPE, listName="notice-subtype")
    organizations = _add(extension, "efac:Organizations")
    for number, ownership in enumerate(owners, start=1):
        org = ownership.organisation
        company = _add(_add(organizations, "efac:Organization"), "efac:Company")
        if getattr(org, "website", ""):
            _add(company, "cbc:WebsiteURI", org.website)
        _add(_add(company, "cac:PartyIdentification"), "cbc:ID", f"ORG-{number:04d}", schemeName="organization")
        names = org.name if isinstance(org.name, dict) else {main: str(org.name)}
        party_name = _add(company, "cac:PartyName")
        name = names.get(main) or next((v for v in names.values() if v), str(org))
        _add(party_name, "cbc:Name", name, languageID=EFORMS_LANGUAGES[main])
        address = _add(company, "cac:PostalAddress")
        _add(_add(address, "cac:Country"), "cbc:IdentificationCode", "FIN", listName="country")
        if org.pk in ids:
            _add(_add(company, "cac:PartyLegalEntity"), "cbc:CompanyID", ids[org.pk])
    now = timezone.now()
    issue_date, issue_time = _date(now)
    _add(root, "cbc:UBLVersionID", "2.3")
    _add(root, "cbc:CustomizationID", SDK_VERSION)
    _add(root, "cbc:ID", str(uuid.uuid4()), schemeName="notice-id")
    _add(root, "cbc:ContractFolderID", str(uuid.uuid4()))
    _add(root, "cbc:IssueDate", issue_date)
    _add(root, "cbc:IssueTime", issue_time)
    _add(root, "cbc:VersionID", "01")
    _add(root, "cbc:RegulatoryDomain", "32014L0024")
    _add(root, "cbc:NoticeTypeCode", "pin-only", listName="planning")
    _add(root, "cbc:NoticeLanguageCode", EFORMS_LANGUAGES[main])
    for code in languages[1:]:
        _add(_add(root, "cac:AdditionalNoticeLanguage"), "cbc:ID", EFORMS_LANGUAGES[code])
    for number, _ownership in enumerate(owners, start=1):
        party = _add(root, "cac:ContractingParty")
        _add(_add(party, "cac:ContractingPartyType"), "cbc:PartyTypeCode", "la", listName="buyer-legal-type")
        _add(_add(party, "cac:ContractingActivity"), "cbc:ActivityTypeCode", "gen-pub", listName="authority-activity")
        _add(
            _add(_add(party, "cac:Party"), "cac:PartyIdentification"),
            "cbc:ID",
            f"ORG-{number:04d}",
            schemeName="organization",
        )
    terms = _add(root, "cac:TenderingTerms")
    reference = _add(terms, "cac:CallForTendersDocumentReference")
    _add(reference, "cbc:ID", challenge.slug)
    _add(_add(_add(reference, "cac:Attachment"), "cac:ExternalReference"), "cbc:URI", challenge_url)
    if challenge.questions_deadline:
        process = _add(root, "cac:TenderingProcess")
        end_date, end_time = _date(challenge.questions_deadline)
        period = _add(process, "cac:AdditionalInformationRequestPeriod")
        _add(period, "cbc:EndDate", end_date)
        _add(period, "cbc:EndTime", end_time)
    project = _add(root, "cac:ProcurementProject")
    _add(project, "cbc:ID", challenge.slug, schemeName="InternalID")
    titles = _texts(challenge.title, languages)
    summaries = _texts(challenge.summary, languages) or _texts(challenge.problem, languages)
    for code, text in titles.items():
        _add(project, "cbc:Name", text[:500], languageID=EFORMS_LANGUAGES[code])
    for code in languages:
        text = summaries.get(code) or titles.get(code) or ""
        if text:
            _add(project, "cbc:Description", text[:6000], languageID=EFORMS_LANGUAGES[code])
    _add(project, "cbc:ProcurementTypeCode", "services", listName="contract-nature")
    for code in languages:
        lines = schedule_lines(challenge, events, code)
        if lines:
            _add(project, "cbc:Note", " ".join(lines)[:6000], languageID=EFORMS_LANGUAGES[code])
    codes = [c[:8] for c in path.cpv_codes]
    _add(_add(project, "cac:MainCommodityClassification"), "cbc:ItemClassificationCode", codes[0], listName="cpv")
    for code in codes[1:]:
        _add(_add(project, "cac:AdditionalCommodityClassification"), "cbc:ItemClassificationCode", code, listName="cpv")
    location = _add(_add(project, "cac:RealizedLocation"), "cac:Address")
    _add(_add(location, "cac:Country"), "cbc:IdentificationCode", "FIN", listName="country")
    part = _add(root, "cac:ProcurementProjectLot")
    _add(part, "cbc:ID", "PAR-0001", schemeName="Part")
    part_project = _add(part, "cac:ProcurementProject")
    _add(part_project, "cbc:ID", challenge.slug, schemeName="InternalID")
    for code, text in titles.items():
        _add(part_project, "cbc:Name", text[:500], languageID=EFORMS_LANGUAGES[code])
    _add(part_project, "cbc:ProcurementTypeCode", "services", listName="contract-nature")
    _add(_add(part_project, "cac:MainCommodityClassification"), "cbc:ItemClassificationCode", codes[0], listName="cpv")
    result: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return result
