"""Numbers typed and shown in the page language: one parser, one form field and one widget for every amount.

What is accepted, in every language (the page language only decides what is ambiguous):

- an optional sign (``+``, ``-`` or the minus sign ``−``), then digits;
- at most ONE decimal separator, a comma or a point, with at least one digit on each side;
- grouping of the whole part by spaces (a space, a no-break space U+00A0 or a narrow no-break space U+202F):
  the first group has one to three digits and every later group exactly three (``1 234 567,5``).

What is refused with a message saying how to write the number (never guessed):

- both a comma and a point (``1.234,5``, ``1,234.5``), several commas or points (``1,234,567``);
- the separator that is *not* the language's decimal separator followed by exactly three digits, when the
  whole part is not zero: there it may be meant as grouping (``1,234`` in English, ``1.234`` in Finnish and
  Swedish). ``0,125`` and ``1,5`` are not ambiguous, nor is the language's own separator (``1,234`` in Finnish
  is 1.234);
- anything else (letters, a lone separator, misplaced spaces).

Numbers are shown back in the language's form with grouping: ``1 234,5`` in Finnish and Swedish (no-break
space), ``1,234.5`` in English.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

SPACES = " \u00a0\u202f"
_SIGNS = {"+": "", "-": "-", "\u2212": "-"}
_WHOLE = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+", re.ASCII)
_FRACTION = re.compile(r"\d+", re.ASCII)


class NumberFormatError(ValueError):
    """The text is not a number as accepted here; ``message`` says (in the page language) how to write it."""

    def __init__(self, message: str, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.code = code


def decimal_separator(language: str | None = None) -> str:
    return str(get_format("DECIMAL_SEPARATOR", language or get_language(), use_l10n=True))


def _examples(language: str | None, integer: bool) -> dict[str, str]:
    sep = decimal_separator(language)
    if integer:
        return {"plain": "1234", "grouped": "1 234"}
    return {"plain": f"1234{sep}5", "grouped": f"1 234{sep}5"}


def _how_to_write(language: str | None, integer: bool) -> str:
    if integer:
        return _("Enter a whole number, written as %(plain)s or %(grouped)s.") % _examples(language, integer)
    return _("Write the number as %(plain)s or %(grouped)s.") % _examples(language, integer)


def parse_number(text: Any, *, language: str | None = None, integer: bool = False) -> Decimal:
    """The number in ``text`` (see the module's rules); NumberFormatError if it is not one or is ambiguous."""
    if isinstance(text, bool):
        raise NumberFormatError(_how_to_write(language, integer))
    if isinstance(text, Decimal | int):
        number = Decimal(text)
    elif isinstance(text, float):
        number = Decimal(str(text))
    else:
        number = _parse_text(str(text), language, integer)
    if not number.is_finite():
        raise NumberFormatError(_how_to_write(language, integer))
    if integer and number != number.to_integral_value():
        raise NumberFormatError(_how_to_write(language, integer))
    return number


def _parse_text(raw: str, language: str | None, integer: bool) -> Decimal:
    text = raw.strip(SPACES + "\t\r\n")
    sign = ""
    if text[:1] in _SIGNS:
        sign = _SIGNS[text[0]]
        text = text[1:].lstrip(SPACES)
    commas, points = text.count(","), text.count(".")
    if (commas and points) or commas > 1 or points > 1:
        raise NumberFormatError(
            _("“%(value)s” has more than one separator, so it could mean different numbers.") % {"value": raw.strip()}
            + " "
            + _how_to_write(language, integer),
            code="ambiguous",
        )
    whole, separator, fraction = text, "", ""
    for mark in (",", "."):
        if mark in text:
            whole, fraction = text.split(mark)
            separator = mark
    if not _WHOLE.fullmatch(whole) or (separator and not _FRACTION.fullmatch(fraction)):
        raise NumberFormatError(_how_to_write(language, integer))
    digits = "".join(c for c in whole if c.isdigit())
    if separator and separator != decimal_separator(language) and len(fraction) == 3 and int(digits) != 0:
        raise NumberFormatError(
            _("“%(value)s” could mean a decimal number or a number with grouped thousands.") % {"value": raw.strip()}
            + " "
            + _how_to_write(language, integer),
            code="ambiguous",
        )
    if separator and integer:
        raise NumberFormatError(_how_to_write(language, integer))
    try:
        return Decimal(f"{sign}{digits}.{fraction}" if separator else f"{sign}{digits}")
    except InvalidOperation as exc:  # pragma: no cover - the patterns above only let digits through
        raise NumberFormatError(_how_to_write(language, integer)) from exc


def format_number(value: Any, *, decimal_places: int | None = None, grouping: bool = True) -> str:
    """``value`` in the page language with grouping: ``1 234,5`` (fi, sv), ``1,234.5`` (en). Trailing zeros of
    the decimals are dropped unless ``decimal_places`` is given; None and "" are shown as ""."""
    if value is None or value == "":
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if decimal_places is None and number.is_finite():
        number = number.normalize()
        if number.as_tuple().exponent > 0:  # type: ignore[operator]
            number = number.quantize(Decimal(1))
    return number_format(number, decimal_pos=decimal_places, use_l10n=True, force_grouping=grouping)


def format_number_for_input(value: Any) -> str:
    """``value`` as an input shows it: in the language's form when the parser reads that form back (``1 234,5`` in
    Finnish and Swedish), else without grouping. English groups by commas (``1,234.5``), which the parser refuses
    as ambiguous, so an English input shows ``1234.5``: a form sent back unchanged must stay valid."""
    shown = format_number(value)
    try:
        if parse_number(shown) == Decimal(str(value)):
            return shown
    except NumberFormatError:
        pass
    return format_number(value, grouping=False)


class NumberInput(forms.TextInput):
    """A text input for numbers (``type=number`` drops a decimal comma): the number keyboard on phones through
    ``inputmode``; a number is shown in the page language, text typed by the person is shown as typed."""

    def __init__(self, attrs: dict | None = None, *, integer: bool = False):
        super().__init__({"inputmode": "numeric" if integer else "decimal", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return format_number_for_input(value)
        return super().format_value(value)


class NumberField(forms.Field):
    """A decimal number (a Decimal) typed in the page language; ``integer=True`` for whole numbers (an int).

    ``min_value``, ``max_value``, ``max_digits`` and ``decimal_places`` work as in Django's DecimalField; their
    messages show the limits in the page language."""

    widget = NumberInput

    def __init__(
        self,
        *,
        min_value: Decimal | int | None = None,
        max_value: Decimal | int | None = None,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        integer: bool = False,
        negative_message: Any = None,
        **kwargs: Any,
    ):
        self.min_value = None if min_value is None else Decimal(min_value)
        self.max_value = None if max_value is None else Decimal(max_value)
        self.max_digits, self.decimal_places = max_digits, (0 if integer else decimal_places)
        self.integer = integer
        self.negative_message = negative_message
        kwargs.setdefault("widget", NumberInput(integer=integer))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | int | None:
        if value in self.empty_values:
            return None
        try:
            number = parse_number(value, integer=self.integer)
        except NumberFormatError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc
        return int(number) if self.integer else number

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        number = Decimal(value)
        low, high = self.min_value, self.max_value
        if low is not None and number < low:
            if low == 0 and self.negative_message:
                raise ValidationError(self.negative_message, code="min_value")
            if high is not None:
                raise ValidationError(self._between(low, high), code="min_value")
            raise ValidationError(
                _("Enter a number of at least %(min)s.") % {"min": format_number(low)}, code="min_value"
            )
        if high is not None and number > high:
            if low is not None:
                raise ValidationError(self._between(low, high), code="max_value")
            raise ValidationError(
                _("Enter a number of at most %(max)s.") % {"max": format_number(high)}, code="max_value"
            )
        self._check_digits(number)

    @staticmethod
    def _between(low: Decimal, high: Decimal) -> str:
        return _("Enter a number from %(min)s to %(max)s.") % {"min": format_number(low), "max": format_number(high)}

    def _check_digits(self, number: Decimal) -> None:
        _sign, digit_tuple, exponent = number.as_tuple()
        if not isinstance(exponent, int):  # pragma: no cover - finite numbers only
            return
        if exponent >= 0:
            digits, decimals = len(digit_tuple) + exponent, 0
        else:
            digits, decimals = max(len(digit_tuple), -exponent), -exponent
        if self.decimal_places is not None and decimals > self.decimal_places:
            n = self.decimal_places
            raise ValidationError(
                ngettext("Use at most %(n)d decimal.", "Use at most %(n)d decimals.", n) % {"n": n},
                code="max_decimal_places",
            )
        if self.max_digits is not None and self.decimal_places is not None:
            whole_max = self.max_digits - self.decimal_places
            if digits - decimals > whole_max:
                raise ValidationError(
                    _("The number is too large: at most %(max)s.")
                    % {"max": format_number(Decimal(10) ** whole_max - 1)},
                    code="max_whole_digits",
                )

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True
