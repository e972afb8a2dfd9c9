"""One formatter for the values of a change history (the audit log's ``changes``: ``{field: {"old", "new"}}``).

What the audit recorded is JSON: a choice's stored value (``agile_pilot``), a date-time's ``str()``
(``2020-01-01 10:00:00+02:00``), a translated text as a dict (``{"sv": "Antal översvämningar per år"}``), lists
of them, records as dicts. People read instead the choice's label, the date in the page language's format (in
the site's time zone), the translated text in the page's language (else its first language), numbers with the
language's decimal comma, and a record as its values.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.db.models import Field
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from .forms_numbers import format_number
from .i18n import current_language, language_codes

EMPTY = "\N{EM DASH}"
_DECIMAL = re.compile(r"-?\d+\.\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_translated_text(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and set(value) <= set(language_codes())


def _text(value: str) -> str:
    if _DATE.fullmatch(value):
        parsed_date = parse_date(value)
        if parsed_date:
            return formats.date_format(parsed_date, "SHORT_DATE_FORMAT")
    if _DATE.match(value) and len(value) > 10:
        try:
            parsed = parse_datetime(value)
        except ValueError:
            parsed = None
        if parsed is not None:
            if timezone.is_aware(parsed):
                parsed = timezone.localtime(parsed)
            return formats.date_format(parsed, "SHORT_DATETIME_FORMAT")
    if _DECIMAL.fullmatch(value):
        return format_number(Decimal(value))
    return value


def change_value(value: Any, field: Field | None = None) -> str:
    """``value`` as a person reads it; ``field`` (the model field that changed), when known, names a choice."""
    if value is None or value == "" or value == {} or value == []:
        return EMPTY
    choices = dict(field.flatchoices) if field is not None and getattr(field, "choices", None) else {}
    if isinstance(value, list):
        return ", ".join(change_value(item, field) for item in value)
    if isinstance(value, dict):
        if "label" in value:
            return str(value["label"])
        if is_translated_text(value):
            language = current_language()
            return str(value.get(language) or next((v for v in value.values() if v), "")) or EMPTY
        parts = [change_value(item) for item in value.values() if item not in (None, "", {}, [])]
        return "; ".join(parts) or EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, (int, float, Decimal)):
        return format_number(value, grouping=False) if isinstance(value, int) else format_number(value)
    return str(value)
