"""Every example Business ID shown to people has a valid check digit (issue 21, item 9g)."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from haastemoottori.organisations.business_id import validate_business_id
from haastemoottori.proposals.forms import PartnerForm

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = re.compile(r"(?<![\d-])\d{7}-\d(?![\d-])")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_partner_field_hint_has_a_valid_example(language):
    with translation.override(language):
        hint = str(PartnerForm().fields["business_id"].help_text)
    (example,) = EXAMPLE.findall(hint)
    validate_business_id(example)


def test_examples_in_the_catalogues_are_valid():
    for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        for example in set(EXAMPLE.findall(po.read_text(encoding="utf-8"))):
            validate_business_id(example)  # raises on a wrong check digit
