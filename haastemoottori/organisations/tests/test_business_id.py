"""The Finnish Business ID check digit, property-based."""

import io

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.organisations.business_id import business_id_check_digit, validate_business_id
from haastemoottori.organisations.services import identifier_clean, organisation_create

seven_digits = st.text(alphabet="0123456789", min_size=7, max_size=7)


@given(seven_digits)
def test_the_computed_check_digit_validates_and_every_other_digit_fails(digits):
    check = business_id_check_digit(digits)
    for candidate in range(10):
        value = f"{digits}-{candidate}"
        if check is not None and candidate == check and digits != "0000000":
            validate_business_id(value)
        else:
            with pytest.raises(ValidationError):
                validate_business_id(value)


@given(seven_digits, st.integers(min_value=0, max_value=6), st.integers(min_value=1, max_value=9))
def test_a_single_changed_digit_is_detected(digits, position, delta):
    check = business_id_check_digit(digits)
    if check is None:
        return
    changed = digits[:position] + str((int(digits[position]) + delta) % 10) + digits[position + 1 :]
    with pytest.raises(ValidationError):
        validate_business_id(f"{changed}-{check}")


@pytest.mark.parametrize("value", ["0201256-6", "0101263-6", "0124610-9", "201256-6", " 0201256-6 "])
def test_real_city_ids_are_valid(value):
    validate_business_id(value)


@pytest.mark.parametrize(
    "value", ["", "0201256", "0201256-7", "02012567", "abcdefg-h", "0201256-66", "1-1", "0000000-0", "00000000"]
)
def test_malformed_ids_are_refused(value):
    with pytest.raises(ValidationError):
        validate_business_id(value)


def test_identifier_clean_normalises_and_explains():
    assert identifier_clean(scheme="fi-pro", identifier="201256-6") == ("FI-PRO", "0201256-6")
    assert identifier_clean(scheme="SE-BLV", identifier="556036-0793") == ("SE-BLV", "556036-0793")
    with pytest.raises(ServiceValidationError) as exc:
        identifier_clean(scheme="FI-PRO", identifier="0201256-7")
    assert exc.value.code == "business_id_check_digit"


@pytest.mark.django_db
def test_identifiers_are_unique_per_scheme():
    organisation_create(actor=None, kind="company", name={"fi": "Eka Oy"}, identifiers=[("FI-PRO", "0201256-6")])
    with pytest.raises(ServiceConflict):
        organisation_create(actor=None, kind="company", name={"fi": "Toka Oy"}, identifiers=[("FI-PRO", "201256-6")])
    # The same number in another country's register is another organisation.
    organisation_create(actor=None, kind="company", name={"fi": "Kolmas AB"}, identifiers=[("SE-BLV", "0201256-6")])


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "ok"),
    [
        (_image("PNG"), True),
        (_image("JPEG"), True),
        (_image("WEBP"), True),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, False),  # a signature is not an image
        (b"\xff\xd8\xff\xe0" + b"0" * 100, False),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", False),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", False),
        (b"GIF89a" + b"0" * 10, False),
        (b"\x89PNG\r\n\x1a\n" + b"0" * (200 * 1024), False),
    ],
)
def test_logo_type_is_checked_from_content(content, ok):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from haastemoottori.organisations.validators import validate_logo

    upload = SimpleUploadedFile("logo.png", content)
    if ok:
        validate_logo(upload)
    else:
        with pytest.raises(ValidationError):
            validate_logo(upload)


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("16180333", "1618033-3"),
        ("1618033-3", "1618033-3"),
        (" 1618 033-3 ", "1618033-3"),
        ("FI16180333", "1618033-3"),
        ("fi01120389", "0112038-9"),
        ("1618033–3", "1618033-3"),  # an en dash from a word processor
        ("201256-6", "0201256-6"),
    ],
)
def test_typed_forms_are_normalised(typed, normalised):
    assert identifier_clean(scheme="FI-PRO", identifier=typed) == ("FI-PRO", normalised)


def test_the_zero_id_is_refused_as_not_issued():
    with pytest.raises(ServiceValidationError) as exc:
        identifier_clean(scheme="FI-PRO", identifier="0000000-0")
    assert exc.value.code == "business_id_not_issued"
    assert "0000000-0" in exc.value.message
