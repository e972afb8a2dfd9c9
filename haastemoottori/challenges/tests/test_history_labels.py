"""The change history in people's words (core/history.py): choice labels, not stored values; dates in the page
language's format; translated texts in the page's language; the public history names the stages."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from conftest import publishable
from haastemoottori.challenges import services
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.history import change_value

ROUTE = Challenge._meta.get_field("route")


@pytest.mark.parametrize(
    "language, expected", [("fi", "Ketterä kokeilu"), ("sv", "Agilt försök"), ("en", "Agile pilot")]
)
def test_a_choice_shows_its_label(language, expected):
    with translation.override(language):
        shown = change_value("agile_pilot", ROUTE)
    assert shown != "agile_pilot"
    with translation.override(language):
        assert shown == str(dict(ROUTE.flatchoices)["agile_pilot"])


def test_dates_and_times_in_the_language_format():
    with translation.override("fi"):
        assert change_value("2020-01-01 10:00:00+02:00") == "1.1.2020 10.00"
        assert change_value("2027-01-04") == "4.1.2027"
    with translation.override("en"):
        assert change_value(str(datetime(2027, 1, 4, 14, 0, tzinfo=ZoneInfo("UTC")))) == "4 Jan 2027, 16:00"


def test_translated_texts_in_the_page_language_and_records_as_values():
    name = {"fi": "Tulvien määrä vuodessa", "sv": "Antal översvämningar per år"}
    with translation.override("sv"):
        assert change_value(name) == "Antal översvämningar per år"
    with translation.override("en"):  # no English: the first language, never the dict
        assert change_value(name) == "Tulvien määrä vuodessa"
    indicator = {"name": {"sv": "Antal översvämningar per år"}, "unit": "kpl", "baseline": "12.5", "target": None}
    with translation.override("fi"):
        shown = change_value([indicator])
    assert "{" not in shown and "'" not in shown
    assert shown == "Antal översvämningar per år; kpl; 12,5"


def test_empty_values_and_flags():
    with translation.override("fi"):
        assert change_value(None) == change_value("") == change_value([]) == "\N{EM DASH}"
        assert change_value(True) == "kyllä"


def test_the_owner_history_and_the_public_history_use_labels(client, region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = make_challenge(route="agile_pilot")
    services.challenge_update(actor=owner, challenge=challenge, route="innovation_procurement")
    challenge = publishable(challenge, region)
    services.challenge_transition(actor=owner, challenge=challenge, target="open_call")
    client.force_login(owner)
    with translation.override("fi"):
        old, new = (str(dict(ROUTE.flatchoices)[v]) for v in ("agile_pilot", "innovation_procurement"))
        stage = Challenge._meta.get_field("stage")
        review, call = (str(dict(stage.flatchoices)[v]) for v in ("in_review", "open_call"))
    manage = client.get(f"/fi/challenges/{challenge.slug}/manage/").content.decode()
    assert f"{old} → {new}" in manage
    assert "agile_pilot" not in manage.split('id="history-title"')[1]
    client.logout()
    public = client.get(f"/fi/challenges/{challenge.slug}/").content.decode()
    assert f"{review} → {call}" in public


@pytest.mark.parametrize("language, expected", [("fi", "10\xa0000–50\xa0000 €"), ("en", "10,000–50,000 €")])
def test_the_budget_is_grouped_in_the_page_language(client, region, make_challenge, language, expected):
    challenge = publishable(make_challenge(), region)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="open_call")
    page = client.get(f"/{language}/challenges/{challenge.slug}/").content.decode()
    assert expected in page
