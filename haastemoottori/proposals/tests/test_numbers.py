"""Numbers in the proposal form are read and shown in the page language, and never reinterpreted silently."""

from decimal import Decimal

import pytest
from django.utils import translation

from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.proposals import services
from haastemoottori.proposals.models import ProposalAnswer as Answer

from .conftest import make_proposal

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def _post_price(client, world, language, price):
    p = make_proposal(world)
    client.force_login(world.people["lead_member"])
    response = client.post(
        f"/{language}/proposals/{p.pk}/edit/",
        {"version": p.version, "title": p.title, f"q{world.q['price'].pk}": price},
    )
    return p, response


def _price(p, world):
    return Answer.objects.get(proposal=p, question=world.q["price"]).number


def test_a_finnish_decimal_comma_saves_the_price_and_it_is_shown_back_in_finnish(client, world):
    p, response = _post_price(client, world, "fi", "4500,50")
    assert response.status_code == 302
    assert _price(p, world) == Decimal("4500.50")
    html = client.get(f"/fi/proposals/{p.pk}/edit/").content.decode()
    assert f'value="4{NBSP}500,5"' in html and 'inputmode="decimal"' in html
    assert 'type="number"' not in html


def test_finnish_grouping_with_a_no_break_space(client, world):
    p, response = _post_price(client, world, "fi", f"1{NBSP}234,5")
    assert response.status_code == 302 and _price(p, world) == Decimal("1234.50")


def test_swedish_decimal_comma_is_accepted(client, world):
    p, response = _post_price(client, world, "sv", "12,5")
    assert response.status_code == 302 and _price(p, world) == Decimal("12.50")


def test_a_point_still_works_in_finnish(client, world):
    p, response = _post_price(client, world, "fi", "4500.50")
    assert response.status_code == 302 and _price(p, world) == Decimal("4500.50")


def test_an_ambiguous_english_number_is_refused_with_a_clear_message(client, world):
    p, response = _post_price(client, world, "en", "1,234")
    assert response.status_code == 400
    html = response.content.decode()
    assert "could mean a decimal number or a number with grouped thousands" in html
    assert "Write the number as 1234.5 or 1 234.5." in html
    assert 'value="1,234"' in html  # what was typed is kept
    assert _price(p, world) == Decimal("12345.67")  # unchanged


def test_a_finnish_point_before_three_digits_is_refused(client, world):
    p, response = _post_price(client, world, "fi", "4.500")
    assert response.status_code == 400
    assert "1234,5" in response.content.decode()
    assert _price(p, world) == Decimal("12345.67")


def test_limits_are_shown_in_the_language(client, world):
    _p, response = _post_price(client, world, "en", "-5")
    assert response.status_code == 400
    assert "Enter a number of at least 0." in response.content.decode()


def test_the_service_reads_numbers_by_the_same_rules(world):
    member = world.people["lead_member"]
    p = make_proposal(world)
    with translation.override("fi"):
        p = services.proposal_save(
            actor=member, proposal=p, version=p.version, answers={world.q["price"].pk: "4500,50"}
        )
    assert _price(p, world) == Decimal("4500.50")
    with translation.override("en"), pytest.raises(ServiceValidationError) as exc:
        services.proposal_save(actor=member, proposal=p, version=p.version, answers={world.q["price"].pk: "1,234"})
    assert exc.value.code == "number" and "could mean" in str(exc.value.message)
    assert _price(p, world) == Decimal("4500.50")


def test_the_service_range_message_shows_localised_limits(world):
    member = world.people["lead_member"]
    question = world.q["price"]
    type(question).objects.filter(pk=question.pk).update(max_value=Decimal("900000.00"))
    p = make_proposal(world)
    with translation.override("fi"), pytest.raises(ServiceValidationError) as exc:
        services.proposal_save(actor=member, proposal=p, version=p.version, answers={question.pk: "1000000"})
    message = str(exc.value.message)
    assert f"900{NBSP}000" in message and "900000.00" not in message and "0.00" not in message
