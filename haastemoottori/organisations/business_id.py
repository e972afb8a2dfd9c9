"""The Finnish Business ID (Y-tunnus / FO-nummer): seven digits, a hyphen and a check digit.

Typed forms are normalised before the check: spaces dropped, the old six-digit form padded with a zero,
eight digits without the hyphen (``16180333``) and the VAT form (``FI16180333``) given the hyphen.
``0000000-0`` passes the check digit but is no one's ID, so it is refused."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .errors import ErrorCode

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
_FORMAT = re.compile(r"^(\d{6,7})-(\d)$")
_BARE = re.compile(r"^(?:FI)?(\d{7})[-‐‑–—]?(\d)$", re.IGNORECASE)  # no hyphen, a dash, or the VAT form
_NOT_ISSUED = frozenset({"0000000"})


def business_id_check_digit(digits: str) -> int | None:
    """The check digit for seven digits, or None when no check digit can make them valid."""
    remainder = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalise_business_id(value: str) -> str:
    """Strip spaces; give eight bare digits (or the VAT form FI + eight digits) their hyphen; pad the old
    six-digit form with a leading zero."""
    value = (value or "").strip().replace(" ", "").replace("\u00a0", "")
    bare = _BARE.match(value)
    if bare:
        value = f"{bare.group(1)}-{bare.group(2)}"
    match = _FORMAT.match(value)
    if match and len(match.group(1)) == 6:
        value = "0" + value
    return value


def validate_business_id(value: str) -> None:
    normalised = normalise_business_id(value)
    match = _FORMAT.match(normalised)
    if not match:
        raise ValidationError(
            _("A Business ID is seven digits, a hyphen and a check digit, e.g. 0201256-6."),
            code=ErrorCode.BUSINESS_ID_FORMAT,
        )
    if match.group(1) in _NOT_ISSUED:
        raise ValidationError(
            _("%(value)s is not a Business ID that has been issued to anyone."),
            code=ErrorCode.BUSINESS_ID_NOT_ISSUED,
            params={"value": normalised},
        )
    if business_id_check_digit(match.group(1)) != int(match.group(2)):
        raise ValidationError(
            _("The check digit of Business ID %(value)s is wrong."),
            code=ErrorCode.BUSINESS_ID_CHECK_DIGIT,
            params={"value": normalised},
        )
