"""CPV codes (Common Procurement Vocabulary, Regulation (EC) 2195/2002): ``NNNNNNNN-C``.

The check digit is the weighted sum of the eight digits (weights 3, 7, 1 repeating) modulo 10, which holds for
the codes of the vocabulary (e.g. 72000000-5, 73000000-2, 71314100-3, 79710000-4). eForms notices carry the
eight digits only (BT-262); people copy codes with the check digit, so both are accepted and the check digit,
when given, must match.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.conf import settings

WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7)
PATTERN = re.compile(r"^(\d{8})(?:-(\d))?$")


def check_digit(code: str) -> int:
    return sum(int(d) * w for d, w in zip(code, WEIGHTS, strict=True)) % 10


def parse_cpv(value: str) -> str | None:
    """``"72000000-5"`` or ``"72000000"`` → ``"72000000-5"``; None when the format or check digit is wrong."""
    match = PATTERN.match((value or "").strip())
    if not match:
        return None
    digits, given = match.groups()
    if digits == "00000000":
        return None
    expected = check_digit(digits)
    if given is not None and int(given) != expected:
        return None
    return f"{digits}-{expected}"


@cache
def _labels(folder: str) -> dict[str, dict[str, str]]:
    """CPV labels from the eForms SDK code lists beside the schemas (only the social-service list ships)."""
    from lxml import etree

    labels: dict[str, dict[str, str]] = {}
    path = Path(folder).parent / "codelists" / "cpv_social-service-cpv.gc"
    if not path.is_file():
        return labels
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.parse(str(path), parser=parser).getroot()
    for row in root.iter("Row"):
        values = {v.get("ColumnRef"): (v.findtext("SimpleValue") or "").strip() for v in row.iter("Value")}
        code = values.get("code", "")[:8]
        if code:
            labels[code] = {
                "fi": values.get("fin_label", ""),
                "sv": values.get("swe_label", ""),
                "en": values.get("eng_label", ""),
            }
    return labels


def cpv_label(code: str, language: str) -> str:
    """The code's label in ``language`` where a code list has it, else ""."""
    folder = getattr(settings, "HAASTEMOOTTORI_EFORMS_SCHEMAS", "") or ""
    if not folder:
        return ""
    return _labels(folder).get(code[:8], {}).get(language, "")
