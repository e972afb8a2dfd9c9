"""Indicator baselines and targets: read in the page language, shown back in it, never negative."""

from decimal import Decimal

import pytest
from django.utils import translation

from haastemoottori.challenges import services
from haastemoottori.core.errors import ServiceValidationError

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def owner_client(client, region):
    client.force_login(region.people["espoo_owner"])
    return client


def _post(client, challenge, language, baseline, target="1"):
    return client.post(
        f"/{language}/challenges/{challenge.slug}/edit/",
        {
            "step": "outcome",
            "desired_outcome__fi": "Vähemmän tulvia",
            "ind-TOTAL_FORMS": "1",
            "ind-INITIAL_FORMS": "0",
            "ind-0-name__sv": "Antal översvämningar per år",
            "ind-0-unit": "st",
            "ind-0-baseline": baseline,
            "ind-0-target": target,
        },
    )


def test_a_negative_count_is_refused(owner_client, make_challenge):
    challenge = make_challenge()
    response = _post(owner_client, challenge, "sv", "\u22123")
    assert response.status_code == 400
    with translation.override("sv"):
        message = str(services.canvas.INDICATOR_NEGATIVE_MESSAGE)
    assert message in response.content.decode()
    assert not challenge.indicators.exists()
    response = _post(owner_client, challenge, "en", "-3")
    assert "An indicator&#x27;s baseline and target cannot be negative." in response.content.decode()


def test_swedish_decimal_comma_and_grouping_are_read_and_shown_back(owner_client, make_challenge):
    challenge = make_challenge()
    response = _post(owner_client, challenge, "sv", "12,5", f"1{NBSP}500")
    assert response.status_code == 302, response.content.decode()
    indicator = challenge.indicators.get()
    assert (indicator.baseline, indicator.target) == (Decimal("12.5"), Decimal("1500"))
    html = owner_client.get(f"/sv/challenges/{challenge.slug}/edit/?step=outcome").content.decode()
    assert 'value="12,5"' in html and f'value="1{NBSP}500"' in html
    html = owner_client.get(f"/en/challenges/{challenge.slug}/edit/?step=outcome").content.decode()
    assert 'value="12.5"' in html and 'value="1500"' in html  # an English input groups no thousands


def test_an_ambiguous_english_number_is_refused(owner_client, make_challenge):
    challenge = make_challenge()
    response = _post(owner_client, challenge, "en", "1,234")
    assert response.status_code == 400
    assert "Write the number as 1234.5 or 1 234.5." in response.content.decode()
    assert not challenge.indicators.exists()


def test_the_service_refuses_negatives_and_ambiguity_too(region, make_challenge):
    challenge = make_challenge()
    owner = region.people["espoo_owner"]
    row = {"name": {"fi": "Tulvat vuodessa"}, "unit": "kpl", "baseline": "-3", "target": "0"}
    with pytest.raises(ServiceValidationError) as exc:
        services.challenge_set_indicators(actor=owner, challenge=challenge, indicators=[row])
    assert exc.value.code == "indicator_negative"
    with translation.override("en"), pytest.raises(ServiceValidationError) as exc:
        services.challenge_set_indicators(actor=owner, challenge=challenge, indicators=[{**row, "baseline": "1,234"}])
    assert exc.value.code == "indicator_not_number"
    with translation.override("fi"):
        services.challenge_set_indicators(actor=owner, challenge=challenge, indicators=[{**row, "baseline": "4500,50"}])
    assert challenge.indicators.get().baseline == Decimal("4500.50")
