"""The draft market consultation notice: filled from the challenge, CPV codes checked, valid against the XSD."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import etree

from haastemoottori.challenges import services as challenge_services
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.events.models import Event
from haastemoottori.procurement import services
from haastemoottori.procurement.cpv import check_digit, parse_cpv
from haastemoottori.procurement.eforms import NS, hardened_parser

from .eforms_helpers import require_schemas

pytestmark = pytest.mark.django_db
ROOT = "urn:oasis:names:specification:ubl:schema:xsd:PriorInformationNotice-2"


@pytest.mark.parametrize(
    "code, expected",
    [
        ("72000000-5", "72000000-5"),
        ("73000000-2", "73000000-2"),
        ("71314100-3", "71314100-3"),
        ("79710000-4", "79710000-4"),
        ("72000000", "72000000-5"),
        ("72000000-4", None),  # wrong check digit
        ("7200000-5", None),
        ("72000000-55", None),
        ("7200000X", None),
        ("00000000-0", None),
        ("", None),
    ],
)
def test_cpv_format_and_check_digit(code, expected):
    assert parse_cpv(code) == expected


def test_check_digits_of_codes_in_the_sdk_examples_and_the_vocabulary():
    # Codes with their check digits as the vocabulary publishes them.
    for code in ("45000000-7", "30000000-9", "48000000-8", "50000000-5", "90000000-7", "77310000-6", "72260000-5"):
        assert check_digit(code[:8]) == int(code[-1]), code


@pytest.fixture
def consultation(region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = make_challenge()
    challenge_services.challenge_add_owner(
        actor=owner, challenge=challenge, organisation=region.vantaa, role="co_owner"
    )
    challenge_services.challenge_add_owner(
        actor=owner, challenge=challenge, organisation=region.helsinki, role="contributor"
    )
    deadline = timezone.make_aware(datetime(2027, 2, 1, 16, 0))
    Challenge.objects.filter(pk=challenge.pk).update(questions_deadline=deadline)
    challenge.refresh_from_db()
    start = timezone.make_aware(datetime(2027, 1, 20, 10, 0))
    event = Event.objects.create(
        slug="markkinavuoropuhelu",
        organiser=region.espoo,
        kind=Event.Kind.MARKET_DIALOGUE,
        original_language="fi",
        title={"fi": "Markkinavuoropuhelu", "sv": "Marknadsdialog", "en": "Market dialogue"},
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="Espoon kaupungintalo",
        language="fi",
    )
    event.challenges.add(challenge)
    services.path_update(
        actor=owner, challenge=challenge, route="innovation_procurement", cpv_codes=["71314100-3", "73000000"]
    )
    return challenge


def test_path_cpv_codes_are_checked(consultation, region):
    with translation.override("en"), pytest.raises(ServiceValidationError) as caught:
        services.path_update(
            actor=region.people["espoo_owner"], challenge=consultation, route="", cpv_codes=["71314100-4"]
        )
    assert "71314100-4" in caught.value.message and caught.value.field == "cpv_codes"
    assert consultation.procurement.cpv_codes == ["71314100-3", "73000000-2"]


def _download(client, challenge, user):
    client.force_login(user)
    return client.get(reverse("procurement:consultation-notice", args=[challenge.slug]))


def test_owner_downloads_a_notice_filled_from_the_challenge(consultation, region, client):
    response = _download(client, consultation, region.people["vantaa_owner"])
    assert response.status_code == 200 and response["Content-Type"].startswith("application/xml")
    assert "attachment" in response["Content-Disposition"]
    root = etree.fromstring(response.content, parser=hardened_parser())
    assert root.tag == f"{{{ROOT}}}PriorInformationNotice"
    x = lambda path: root.xpath(path, namespaces=NS)  # noqa: E731
    assert [e.text for e in x("//efac:NoticeSubType/cbc:SubTypeCode")] == ["4"]
    titles = {e.get("languageID"): e.text for e in x("cac:ProcurementProject/cbc:Name")}
    assert titles == {
        "FIN": "Hiilineutraali lämmitys",
        "SWE": "Klimatneutral uppvärmning",
        "ENG": "Carbon-neutral heating",
    }
    descriptions = {e.get("languageID"): e.text for e in x("cac:ProcurementProject/cbc:Description")}
    assert descriptions == {"FIN": "Tiivistelmä", "SWE": "Sammanfattning", "ENG": "Summary"}
    # Buyers: the lead and the co-owner, not the contributor, with their Business IDs.
    assert len(x("cac:ContractingParty")) == 2
    assert sorted(e.text for e in x("//efac:Company/cac:PartyLegalEntity/cbc:CompanyID")) == ["0101263-6", "0124610-9"]
    cpv = [e.text for e in x("cac:ProcurementProject//cbc:ItemClassificationCode")]
    assert cpv == ["71314100", "73000000"]
    notes = {e.get("languageID"): e.text for e in x("cac:ProcurementProject/cbc:Note")}
    assert "Markkinavuoropuhelu" in notes["FIN"] and "20.1.2027" in notes["FIN"]
    assert "Marknadsdialog" in notes["SWE"] and "Market dialogue" in notes["ENG"] and "Helsinki time" in notes["ENG"]
    assert x("cac:TenderingProcess/cac:AdditionalInformationRequestPeriod/cbc:EndDate")[0].text == "2027-02-01+02:00"


def test_the_generated_notice_validates_against_the_xsd(consultation, region, client):
    folder = require_schemas()
    schema = etree.XMLSchema(etree.parse(str(folder / "maindoc" / "UBL-PriorInformationNotice-2.3.xsd")))
    content = _download(client, consultation, region.people["espoo_owner"]).content
    document = etree.fromstring(content, parser=hardened_parser())
    assert schema.validate(document), schema.error_log
    # The check can fail: an element out of order is refused.
    project = document.find(f"{{{NS['cac']}}}ProcurementProject")
    project.insert(0, etree.Element(f"{{{NS['cbc']}}}ProcurementTypeCode"))
    assert not schema.validate(document)


def test_the_reader_reads_the_generated_notice_back(consultation, region, client):
    from haastemoottori.procurement.eforms import parse_notice

    n = parse_notice(_download(client, consultation, region.people["espoo_owner"]).content)
    assert n.kind == "prior_information" and n.subtype == "4" and n.cpv == ["71314100", "73000000"]
    assert [b["national_id"] for b in n.buyers] == ["0101263-6", "0124610-9"]


def test_without_cpv_codes_the_owner_is_sent_back(region, make_challenge, client):
    challenge = make_challenge()
    response = _download(client, challenge, region.people["espoo_owner"])
    assert response.status_code == 302 and response["Location"].endswith(
        reverse("procurement:edit", args=[challenge.slug])
    )


@pytest.mark.parametrize("role", ["company_admin", "helsinki_owner", "outsider"])
def test_only_owners_download(consultation, region, client, role):
    assert _download(client, consultation, region.people[role]).status_code in (403, 404)
