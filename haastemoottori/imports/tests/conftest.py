import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """The reasons and warnings are checked in English (the default language is Finnish)."""
    with translation.override("en"):
        yield
