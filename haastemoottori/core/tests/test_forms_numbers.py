"""Numbers typed and shown in the page language: the parser's rules, the formatting and the form field."""

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from haastemoottori.core.forms_numbers import (
    NumberField,
    NumberFormatError,
    format_number,
    format_number_for_input,
    parse_number,
)

NBSP, NNBSP = "\u00a0", "\u202f"


def _parse(text, language, **kwargs):
    with translation.override(language):
        return parse_number(text, **kwargs)


def _error(text, language, **kwargs):
    with translation.override(language), pytest.raises(NumberFormatError) as exc:
        parse_number(text, **kwargs)
    return exc.value


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("4500", "4500"),
        ("4500,50", "4500.50"),
        ("4500.50", "4500.50"),
        ("12,5", "12.5"),
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("1 234,5", "1234.5"),
        ("1 234.5", "1234.5"),
        (f"1{NBSP}234,5", "1234.5"),
        (f"1{NNBSP}234,5", "1234.5"),
        (f"12{NBSP}345{NBSP}678", "12345678"),
        ("  -3 ", "-3"),
        ("\u22123", "-3"),
        ("+7", "7"),
        ("- 2,25", "-2.25"),
        ("0,125", "0.125"),
        ("0.125", "0.125"),
        ("1,2345", "1.2345"),
        ("1.2345", "1.2345"),
        ("1,23", "1.23"),
    ],
)
def test_accepted_in_every_language(language, text, number):
    assert _parse(text, language) == Decimal(number)


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_comma_followed_by_three_digits_is_a_decimal_comma_in_finnish_and_swedish(language):
    assert _parse("1,234", language) == Decimal("1.234")
    assert _parse("1 234,567", language) == Decimal("1234.567")


def test_a_point_followed_by_three_digits_is_a_decimal_point_in_english():
    assert _parse("1.234", "en") == Decimal("1.234")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "1,234"),  # grouping in English, or a decimal comma?
        ("en", "12,500"),
        ("en", "-1,234"),
        ("en", "1 234,567"),
        ("fi", "1.234"),  # grouping by points (as in German), or a decimal point?
        ("sv", "1.234"),
        ("fi", "12.500"),
        ("sv", "1 234.567"),
    ],
)
def test_a_foreign_separator_before_three_digits_is_refused_as_ambiguous(language, text):
    error = _error(text, language)
    assert error.code == "ambiguous"
    assert text in error.message
    if language == "en":
        assert "could mean a decimal number or a number with grouped thousands" in error.message


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("text", ["1.234,5", "1,234.5", "1,234,567", "1.234.567", "1,2,3", "1.2.3"])
def test_both_separators_or_several_are_refused(language, text):
    assert _error(text, language).code == "ambiguous"


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "\u0661\u0662",
        "12 34",
        "1234 567",
        "1 2345",
        ",5",
        "5,",
        ".5",
        "5.",
        "1 234, 5",
        "--3",
        "3-",
        "1e5",
        "NaN",
        "½",
    ],
)
def test_other_text_is_refused(language, text):
    assert _error(text, language).code == "invalid"


def test_the_message_says_how_to_write_the_number_in_the_language():
    with translation.override("en"):
        assert "Write the number as 1234.5 or 1 234.5." in _error("1,234", "en").message
    fi = _error("1.234", "fi").message
    sv = _error("1.234", "sv").message
    assert "1234,5" in fi and "1 234,5" in fi and "Write the number" not in fi
    assert "1234,5" in sv and "1 234,5" in sv and "Write the number" not in sv


def test_whole_numbers():
    assert _parse("1 234", "fi", integer=True) == 1234
    assert _parse("-3", "sv", integer=True) == -3
    assert _error("1,5", "fi", integer=True).code == "invalid"
    assert "1234" in _error("2.5", "en", integer=True).message
    assert _error("1,000", "en", integer=True).code == "ambiguous"


def test_numbers_already_parsed_pass_through():
    assert _parse(Decimal("4500.50"), "fi") == Decimal("4500.50")
    assert _parse(3, "fi") == 3
    assert _parse(2.5, "en") == Decimal("2.5")
    with pytest.raises(NumberFormatError):
        _parse(True, "en")
    with pytest.raises(NumberFormatError):
        _parse(Decimal("Infinity"), "en")


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("fi", Decimal("4500.50"), f"4{NBSP}500,5"),
        ("sv", Decimal("1234.5"), f"1{NBSP}234,5"),
        ("en", Decimal("1234.5"), "1,234.5"),
        ("fi", Decimal("1234567.8900"), f"1{NBSP}234{NBSP}567,89"),
        ("fi", Decimal("900000.00"), f"900{NBSP}000"),
        ("en", Decimal("900000.00"), "900,000"),
        ("fi", Decimal("1E+3"), f"1{NBSP}000"),
        ("fi", Decimal("-3"), "-3"),
        ("fi", Decimal("0.0000"), "0"),
        ("fi", 12, "12"),
        ("fi", None, ""),
    ],
)
def test_format_number(language, value, shown):
    with translation.override(language):
        assert format_number(value) == shown


def test_format_number_with_decimal_places():
    with translation.override("fi"):
        assert format_number(Decimal("4500.5"), decimal_places=2) == f"4{NBSP}500,50"


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_what_is_shown_is_read_back_as_the_same_number(language):
    with translation.override(language):
        for value in (Decimal("4500.5"), Decimal("1234567.25"), Decimal("-0.75"), Decimal("12")):
            assert parse_number(format_number(value)) == value


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("fi", Decimal("4500.50"), f"4{NBSP}500,5"),
        ("sv", Decimal("1234567.25"), f"1{NBSP}234{NBSP}567,25"),
        ("en", Decimal("4500.50"), "4500.5"),  # "4,500.5" would be refused as ambiguous when sent back
        ("en", Decimal("1234567.25"), "1234567.25"),
        ("en", Decimal("999.5"), "999.5"),
        ("en", 1200, "1200"),
    ],
)
def test_an_input_shows_what_the_parser_reads_back(language, value, shown):
    with translation.override(language):
        assert format_number_for_input(value) == shown
        assert parse_number(shown) == value


class _Form(forms.Form):
    price = NumberField(required=False, min_value=0, max_value=900000, max_digits=18, decimal_places=2)
    count = NumberField(required=False, integer=True, min_value=1)
    share = NumberField(required=False, max_value=100)
    delta = NumberField(required=False, min_value=0, negative_message="No negatives.")


def _form(data, language="fi"):
    with translation.override(language):
        form = _Form(data)
        form.is_valid()
        return form, {name: list(errors) for name, errors in form.errors.items()}


def test_the_field_reads_the_language_and_gives_decimals_and_ints():
    form, errors = _form({"price": "4500,50", "count": "1 200"})
    assert errors == {}
    assert form.cleaned_data["price"] == Decimal("4500.50") and form.cleaned_data["count"] == 1200
    assert isinstance(form.cleaned_data["count"], int)
    form, errors = _form({"price": "", "count": ""})
    assert errors == {} and form.cleaned_data["price"] is None


def test_the_widget_is_a_text_input_with_inputmode_and_shows_the_language():
    with translation.override("fi"):
        html = str(_Form(initial={"price": Decimal("4500.50"), "count": 1200})["price"])
        count_html = str(_Form(initial={"count": 1200})["count"])
    assert 'type="text"' in html and 'inputmode="decimal"' in html and 'type="number"' not in html
    assert f'value="4{NBSP}500,5"' in html
    assert 'inputmode="numeric"' in count_html and f'value="1{NBSP}200"' in count_html


def test_a_refused_value_is_shown_back_as_typed():
    with translation.override("en"):
        form = _Form({"price": "1,234"})
        form.is_valid()
        assert 'value="1,234"' in str(form["price"])


def test_limits_in_messages_are_in_the_language():
    _, errors = _form({"price": "-1"})
    assert errors["price"] == [f"Syötä luku väliltä 0–900{NBSP}000."]
    _, errors = _form({"price": "-1"}, "en")
    assert errors["price"] == ["Enter a number from 0 to 900,000."]
    _, errors = _form({"share": "100,5"}, "sv")
    assert "100" in errors["share"][0] and "100.00" not in errors["share"][0]
    _, errors = _form({"count": "0"}, "en")
    assert errors["count"] == ["Enter a number of at least 1."]
    _, errors = _form({"delta": "-3"}, "en")
    assert errors["delta"] == ["No negatives."]


def test_decimal_places_and_digits():
    _, errors = _form({"price": "1,234"})
    assert errors["price"] == ["Käytä enintään 2 desimaalia."]
    _, errors = _form({"price": "1,5"}, "en")
    assert errors == {}
    with translation.override("en"):
        field = NumberField(max_digits=5, decimal_places=2)
        with pytest.raises(forms.ValidationError) as exc:
            field.clean("1234")
    assert exc.value.messages == ["The number is too large: at most 999."]


def test_has_changed_compares_numbers():
    field = NumberField()
    with translation.override("fi"):
        assert not field.has_changed(Decimal("4500.50"), "4 500,5")
        assert field.has_changed(Decimal("4500.50"), "4 500,6")
        assert field.has_changed(None, "1.234")
