"""The register client against a local HTTP server on a real socket: found, not found, ceased, 429, 500,
timeout, a body that is not JSON, and the API switched off."""

import pytest

from haastemoottori.registry.client import Outcome, TradeRegisterClient
from haastemoottori.registry.models import RegisterEntry
from haastemoottori.registry.services import register_lookup, register_refresh


def test_found(register_on):
    answer = TradeRegisterClient().company("0112038-9")
    assert answer.outcome == Outcome.FOUND and answer.company["names"][0]["name"] == "Nokia Oyj"
    assert register_on.requests == ["/opendata-ytj-api/v3/companies?businessId=0112038-9"]


def test_not_found(register_on):
    assert TradeRegisterClient().company("2331972-7").outcome == Outcome.NOT_FOUND


@pytest.mark.parametrize("mode", ["429", "500", "slow", "garbage"])
def test_failures_are_unavailable_not_exceptions(register_on, mode):
    register_on.mode = mode
    answer = TradeRegisterClient().company("0112038-9")
    assert answer.outcome == Outcome.UNAVAILABLE and answer.detail


def test_refused_connection_is_unavailable():
    client = TradeRegisterClient(base_url="http://127.0.0.1:9", enabled=True, timeout=0.5)
    assert client.company("0112038-9").outcome == Outcome.UNAVAILABLE


def test_switched_off_it_asks_nothing(settings, register_server):
    handler, url = register_server
    settings.HAASTEMOOTTORI_TRADE_REGISTER_API = False
    settings.HAASTEMOOTTORI_TRADE_REGISTER_URL = url
    assert TradeRegisterClient().company("0112038-9").outcome == Outcome.UNAVAILABLE
    assert handler.requests == []


@pytest.mark.django_db
def test_a_lookup_stores_what_the_register_says(register_on):
    answer = register_lookup("0112038-9")
    assert answer.known and answer.entry.name == "Nokia Oyj"
    entry = RegisterEntry.objects.get(business_id="0112038-9")
    assert entry.status == "active" and entry.company_form == "17" and entry.source == "api"
    assert entry.main_business_line == "62010" and entry.main_business_line_names["sv"].startswith("Programvaru")
    assert entry.address == {"street": "Karakaari 7", "post_code": "02610", "city": "ESPOO"}
    assert entry.website_domain == "nokia.com"
    assert str(entry.registration_date) == "1978-03-15"
    register_on.mode = "500"  # the mirror answers now, without asking again
    assert register_lookup("0112038-9").entry == entry and len(register_on.requests) == 1


@pytest.mark.django_db
def test_ceased_and_liquidation(register_on):
    assert register_lookup("1618033-3").entry.status == "ceased"
    assert register_lookup("0201256-6").entry.status == "liquidation"
    answer = register_lookup("2331972-7")
    assert answer.known and answer.entry is None


@pytest.mark.django_db
def test_unreachable_without_a_mirror_entry_is_pending(register_on):
    register_on.mode = "slow"
    answer = register_lookup("0112038-9")
    assert answer.pending and answer.entry is None


@pytest.mark.django_db
def test_the_refresh_counts_what_happened(register_on):
    counts = register_refresh(["0112038-9", "2331972-7"])
    assert counts == {"updated": 1, "not_found": 1, "unavailable": 0}
    register_on.mode = "429"
    assert register_refresh(["0112038-9"]) == {"updated": 0, "not_found": 0, "unavailable": 1}


@pytest.mark.django_db
def test_the_scheduled_refresh_verifies_by_the_refreshed_website(register_on):
    from conftest import make_org, make_user
    from haastemoottori.organisations.models import Membership, OrganisationIdentifier
    from haastemoottori.organisations.tasks import refresh_register_entries_task

    company = make_org("nokia", kind="company", name={"fi": "Nokia Oyj"}, verified=False)
    OrganisationIdentifier.objects.create(organisation=company, scheme="FI-PRO", identifier="0112038-9")
    make_user("anna@nokia.com", company, Membership.Role.ADMIN)
    counts = refresh_register_entries_task.call()
    assert counts == {"updated": 1, "not_found": 0, "unavailable": 0, "verified": 1}
    company.refresh_from_db()
    assert company.is_verified and company.verification_method == "email_domain"
