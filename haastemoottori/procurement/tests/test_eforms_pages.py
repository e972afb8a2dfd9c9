"""Notices read from eForms on the challenge page, in the OCDS export and in the impact figures."""

import json
from datetime import datetime

import pytest
import time_machine
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from haastemoottori.impact.figures.procurement import innovative_procurements
from haastemoottori.impact.selectors import ImpactFilters
from haastemoottori.procurement import services

from .eforms_helpers import fixture
from .ocds_schema import codelist_errors, require_schema, schema_errors

pytestmark = pytest.mark.django_db
BEFORE_DEADLINE = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.get_fixed_timezone(120))


@pytest.fixture
def with_notices(full_path):
    w = full_path
    for name in ("cn_espoo.xml", "can_espoo.xml"):
        services.notice_import(
            actor=w.owner,
            challenge=w.challenge,
            data=fixture(name),
            url="https://www.hankintailmoitukset.fi/fi/public/procurement/9/notice/9/overview"
            if name == "cn_espoo.xml"
            else "",
        )
    return w


def section(challenge, language):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with translation.override(language):
        return Template("{% load procurement_tags %}{% procurement_section challenge %}").render(
            Context({"challenge": challenge, "request": request, "user": request.user})
        )


@time_machine.travel(BEFORE_DEADLINE, tick=False)
def test_challenge_page_shows_the_procurement_that_followed(with_notices, django_assert_num_queries):
    with django_assert_num_queries(2):
        html = section(with_notices.challenge, "fi")
    assert "Hiilineutraalin lämmityksen innovaatiokumppanuus" in html
    assert "https://www.hankintailmoitukset.fi/fi/public/procurement/9/notice/9/overview" in html
    assert "1.3.2027" in html and "Espoon kaupunki" in html
    assert "71314100-3" in html and "73000000-2" in html  # CPV with check digits
    assert "LOT-0001" in html and "Lämpöpumppujen pilotti" in html
    english = section(with_notices.challenge, "en")
    assert "open until" in english and "Helsinki time" in english
    swedish = section(with_notices.challenge, "sv")
    assert "Innovationspartnerskap för klimatneutral uppvärmning" in swedish and "Pilot med värmepumpar" in swedish


@time_machine.travel(datetime(2027, 4, 1, 12, 0, tzinfo=timezone.get_fixed_timezone(180)), tick=False)
def test_after_the_deadline_it_says_closed(with_notices):
    html = section(with_notices.challenge, "en")
    assert "closed on" in html and "open until" not in html


def export(client, challenge):
    response = client.get(f"/en/challenges/{challenge.slug}/procurement/ocds.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_ocds_tender_and_awards_from_the_notices(with_notices, client):
    package = export(client, with_notices.challenge)
    releases = {r["tag"][0]: r for r in package["releases"]}
    tender = releases["tender"]["tender"]
    assert tender["tenderPeriod"]["endDate"] == "2027-03-01T12:00:00+02:00"
    assert tender["value"] == {"amount": 480000, "currency": "EUR"}
    assert [i["classification"] for i in tender["items"]] == [
        {"scheme": "CPV", "id": "71314100"},
        {"scheme": "CPV", "id": "73000000"},
    ]
    ids = {d["id"] for d in tender["documents"]}
    assert {"3f1c2a9e-5b7d-4e21-9c1a-0e6f4b2d8a11-01", "b7e4d2c1-9a3f-4f60-8e2d-7c1b5a4e3f22-01"} <= ids
    awards = [a for a in releases["award"]["awards"] if "documents" in a]
    assert len(awards) == 2
    assert {a["documents"][0]["id"] for a in awards} == {"b7e4d2c1-9a3f-4f60-8e2d-7c1b5a4e3f22-01"}
    assert {a["value"]["amount"] for a in awards} == {285000.5, 134999.5}


def test_ocds_with_notices_is_valid(with_notices, client):
    require_schema()
    package = export(client, with_notices.challenge)
    assert schema_errors(package) == []
    assert codelist_errors(package) == []


def test_impact_counts_challenges_that_led_to_an_innovative_procurement(with_notices):
    figure = innovative_procurements(ImpactFilters())
    assert figure.rows == [["Espoon kaupunki", 1], ["Vantaan kaupunki", 1]]


def test_impact_goes_by_the_notice_not_by_what_was_typed(full_path):
    # full_path has typed notices (no eForms data): they say nothing about innovation.
    assert innovative_procurements(ImpactFilters()).rows == []
    services.notice_import(
        actor=full_path.owner,
        challenge=full_path.challenge,
        data=fixture("cn_espoo.xml").replace(
            b'<cbc:ProcurementTypeCode listName="innovative-acquisition">rd-act</cbc:ProcurementTypeCode>',
            b'<cbc:ProcurementTypeCode listName="innovative-acquisition">none</cbc:ProcurementTypeCode>',
        ),
    )
    assert innovative_procurements(ImpactFilters()).rows == []
