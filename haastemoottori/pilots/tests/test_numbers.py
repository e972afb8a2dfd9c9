"""The pilots' own number parsing goes through core's parser: a decimal comma is never a hundredfold."""

from decimal import Decimal

import pytest
from django.utils import translation

from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.pilots.errors import ErrorCode
from haastemoottori.pilots.services._common import decimal


@pytest.mark.parametrize(
    ("language", "text", "number"),
    [
        ("fi", "4500,50", "4500.50"),
        ("fi", "1 234,5", "1234.5"),
        ("fi", "1\u00a0234,5", "1234.5"),
        ("sv", "12,5", "12.5"),
        ("en", "4500.50", "4500.50"),
        ("en", "1 234.5", "1234.5"),
    ],
)
def test_numbers_in_the_language(language, text, number):
    with translation.override(language):
        assert decimal(text, "budget_total") == Decimal(number)


@pytest.mark.parametrize(("language", "text"), [("en", "1,234"), ("fi", "1.234"), ("fi", "1.234,5"), ("sv", "12 34")])
def test_ambiguous_or_malformed_numbers_are_refused(language, text):
    with translation.override(language), pytest.raises(ServiceValidationError) as exc:
        decimal(text, "budget_total")
    assert exc.value.code == ErrorCode.NOT_A_NUMBER and exc.value.field == "budget_total"


def test_negative_refused_when_a_minimum_is_given():
    with translation.override("en"), pytest.raises(ServiceValidationError) as exc:
        decimal("-1", "budget_total", minimum=Decimal(0))
    assert exc.value.code == ErrorCode.TOO_SMALL
