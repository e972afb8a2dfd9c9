"""Reading eForms XML: the fields, the shared SDK examples, and bad input (each a clear reason, never a crash)."""

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from django.utils import translation

from haastemoottori.procurement import eforms, eforms_xsd
from haastemoottori.procurement.eforms import NoticeRejected, parse_notice

from .eforms_helpers import fixture, require_schemas, sdk_notice, with_lots

EET = timezone(timedelta(hours=2))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def rejected(data: bytes) -> str:
    with pytest.raises(NoticeRejected) as caught:
        parse_notice(data)
    return caught.value.reason


def test_contract_notice_fields():
    n = parse_notice(fixture("cn_espoo.xml"))
    assert (n.notice_id, n.version, n.kind, n.subtype) == (
        "3f1c2a9e-5b7d-4e21-9c1a-0e6f4b2d8a11",
        "01",
        "contract_notice",
        "16",
    )
    assert n.title == {
        "fi": "Hiilineutraalin lämmityksen innovaatiokumppanuus",
        "sv": "Innovationspartnerskap för klimatneutral uppvärmning",
        "en": "Innovation partnership for carbon-neutral heating",
    }
    assert set(n.description) == {"fi", "sv"} and n.original_language == "fi"
    assert (n.buyer_name, n.buyer_national_id) == ("Espoon kaupunki", "0101263-6")
    assert n.cpv == ["71314100", "73000000"]
    assert n.procedure_type == "innovation"
    assert (n.estimated_value, n.currency) == (Decimal("480000"), "EUR")
    assert n.tender_deadline == datetime(2027, 3, 1, 12, 0, tzinfo=EET)  # the earliest lot deadline
    assert [lot.lot_id for lot in n.lots] == ["LOT-0001", "LOT-0002"]
    assert n.lots[0].title["sv"] == "Pilot med värmepumpar" and n.lots[0].innovation == ["rd-act"]
    assert n.innovation == ["rd-act"] and n.winners == []


def test_award_notice_winners_values_and_contracts():
    n = parse_notice(fixture("can_espoo.xml"))
    assert n.kind == "award_notice" and n.innovation == ["prod-innov"]
    first, second = n.winners
    assert (first.name, first.national_id, first.value, first.lot_ids) == (
        "Testiyritys Oy",
        "FI15728600",
        Decimal("285000.50"),
        ["LOT-0001"],
    )
    assert (first.contract_id, first.signed_on.isoformat(), first.award_date.isoformat()) == (
        "CON-0001",
        "2026-11-20",
        "2026-11-15",
    )
    assert second.name == "Mittausosuuskunta Lämpö" and second.contract_id == "" and second.signed_on is None


# --- bad input -------------------------------------------------------------------------------------------------


def test_not_xml():
    assert "not well-formed XML" in rejected(b"PK\x03\x04 this is a zip file")
    assert "empty" in rejected(b"   ")


def test_other_namespace():
    reason = rejected(b'<ContractNotice xmlns="urn:example:not-ubl"><ID>1</ID></ContractNotice>')
    assert "{urn:example:not-ubl}ContractNotice" in reason and "not an eForms notice" in reason


def test_entity_expansion_bomb_is_refused_without_expanding():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode() for i in range(1, 10)
        )
        + b"]><ContractNotice xmlns="
        + b'"urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2">&lol9;</ContractNotice>'
    )
    assert "DOCTYPE" in rejected(bomb)


def test_external_entity_is_not_read():
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b'<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2">'
        b"&secret;</ContractNotice>"
    )
    reason = rejected(xxe)
    assert "DOCTYPE" in reason and "root:" not in reason


def test_huge_depth():
    deep = b"<a>" * 100_000 + b"</a>" * 100_000
    assert "nested too deeply" in rejected(deep)


def test_ten_megabyte_notice_with_a_hundred_lots_is_refused_by_size():
    data = with_lots(fixture("cn_espoo.xml"), 100, padding=100_000)
    assert len(data) > 10_000_000
    assert "larger than 5 MB" in rejected(data)


def test_a_hundred_lots_within_the_size_limit_are_read():
    n = parse_notice(with_lots(fixture("cn_espoo.xml"), 100))
    assert len(n.lots) == 100 and n.lots[-1].lot_id == "LOT-0100"


def test_unknown_subtype():
    data = fixture("cn_espoo.xml").replace(b'notice-subtype">16<', b'notice-subtype">38<')
    reason = rejected(data)
    assert "38" in reason and "SubTypeCode" in reason


def test_subtype_must_match_the_document():
    data = fixture("cn_espoo.xml").replace(b'notice-subtype">16<', b'notice-subtype">29<')
    assert "29" in rejected(data)


def test_dates_without_time_zone():
    data = fixture("cn_espoo.xml").replace(b"<cbc:EndDate>2027-03-01+02:00", b"<cbc:EndDate>2027-03-01")
    reason = rejected(data)
    assert "TenderSubmissionDeadlinePeriod (BT-131)" in reason and "no time zone" in reason
    data = fixture("cn_espoo.xml").replace(b"<cbc:IssueDate>2026-11-02+02:00", b"<cbc:IssueDate>2026-11-02")
    assert "cbc:IssueDate (BT-05)" in rejected(data)


@pytest.mark.parametrize(
    "old, new, element",
    [
        (b'<cbc:ID schemeName="notice-id">3f1c2a9e-5b7d-4e21-9c1a-0e6f4b2d8a11</cbc:ID>', b"", "BT-701"),
        (b"<cbc:VersionID>01</cbc:VersionID>", b"", "BT-757"),
        (b'listName="cpv">71314100<', b'listName="cpv">7131410X<', "BT-262"),
        (b'currencyID="EUR">480000<', b'currencyID="EUR">lots<', "BT-27"),
        (b"<cbc:CompanyID>0101263-6</cbc:CompanyID>", b"<cbc:CompanyID>0101263-6</cbc:CompanyID>", None),
        (
            b'<cbc:ID schemeName="organization">ORG-0001</cbc:ID>\n      </cac:PartyIdentification>\n    </cac:Party>',
            b'<cbc:ID schemeName="organization">ORG-0404</cbc:ID>\n      </cac:PartyIdentification>\n    </cac:Party>',
            "BT-500",
        ),
    ],
)
def test_missing_or_wrong_fields_name_the_element(old, new, element):
    data = fixture("cn_espoo.xml")
    assert old in data
    if element is None:
        assert parse_notice(data.replace(old, new)).notice_id
        return
    assert element in rejected(data.replace(old, new))


def test_dry_limits_are_what_the_docs_say():
    assert eforms.MAX_NOTICE_BYTES == 5 * 1024 * 1024


# --- the shared SDK examples -----------------------------------------------------------------------------------

EXPECTED = {
    "cn_24_minimal.xml": ("contract_notice", "16", "f42be27e-09cf-4f0e-a745-63ec689631e6", ["72230000"], "open"),
    "cn_24_open.xml": ("contract_notice", "16", "c4c415ee-ac08-4465-8fa6-57568cf69462", None, "open"),
    "cn_24_maximal.xml": ("contract_notice", "16", "14549263-b47b-4e59-96a1-2d0d13e19343", None, "neg-w-call"),
    "cn_24_multilingual.xml": ("contract_notice", "16", "55aae64f-88a8-44a5-b2fb-8228e97fe6ee", None, "open"),
    "cn-desg_25.xml": ("contract_notice", "24", "13554409-e23c-42a6-94c9-1ade104c953e", ["60112000"], "oth-single"),
    "pin-cfc_25.xml": ("contract_notice", "11", "c48d000f-2598-47b3-856e-de93bf654518", ["50712000"], "oth-mult"),
    "can_24_minimal.xml": ("award_notice", "29", "65667997-031a-4198-bd25-7225449ef479", ["77310000"], "open"),
    "can_24_maximal.xml": ("award_notice", "29", "15377ca1-6cf7-4060-90f0-9290128957a3", None, "neg-w-call"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_sdk_example_is_read_with_its_fields(name):
    kind, subtype, notice_id, cpv, procedure = EXPECTED[name]
    n = parse_notice(sdk_notice(name))
    assert (n.kind, n.subtype, n.notice_id, n.procedure_type) == (kind, subtype, notice_id, procedure)
    assert n.version and n.title and n.buyer_name and n.cpv and n.lots
    if cpv is not None:
        assert n.cpv == cpv
    if kind == "award_notice":
        assert n.winners and all(w.value >= 0 and w.currency == "EUR" for w in n.winners)


def test_sdk_invalid_example_is_rejected_naming_the_element():
    reason = rejected(sdk_notice("INVALID_cn_24_empty.xml"))
    assert "cbc:ID (BT-701" in reason


def test_sdk_maximal_examples_carry_the_innovation_flag():
    assert parse_notice(sdk_notice("cn_24_maximal.xml")).innovation == ["proc-innov"]
    assert parse_notice(sdk_notice("can_24_minimal.xml")).innovation == []


def test_sdk_multilingual_notice_gives_finnish_and_swedish_translations():
    n = parse_notice(sdk_notice("cn_24_multilingual.xml"))
    assert n.title["fi"].startswith("julkaisutoimiston tietoteknisiin järjestelmiin")
    assert n.title["sv"].startswith("Tillhandahållande av IT-tjänster")
    assert n.description["sv"].startswith("Tillhandahållande av IT-tjänster avseende publikationsbyråns")
    assert len(n.title) == 24
    assert n.buyer_name == "Euroopan unionin julkaisutoimisto"  # the Finnish name of the buyer, where given


def test_sdk_examples_and_own_fixtures_validate_against_the_xsd(settings):
    folder = require_schemas()
    settings.HAASTEMOOTTORI_EFORMS_SCHEMAS = str(folder)
    for data in [fixture("cn_espoo.xml"), fixture("can_espoo.xml"), sdk_notice("cn_24_maximal.xml")]:
        assert eforms_xsd.validate(eforms.parse_xml(data)) == []
    broken = fixture("cn_espoo.xml").replace(b"<cbc:UBLVersionID>2.3</cbc:UBLVersionID>", b"<cbc:Bogus>2.3</cbc:Bogus>")
    errors = eforms_xsd.validate(eforms.parse_xml(broken))
    assert errors and "Bogus" in errors[0]


def test_without_schemas_validation_says_skipped(settings):
    settings.HAASTEMOOTTORI_EFORMS_SCHEMAS = ""
    assert eforms_xsd.validate(eforms.parse_xml(fixture("cn_espoo.xml"))) is None
