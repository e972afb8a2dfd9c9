"""The fallback note writes the language's name as the page's language wants it (issue 21, item 9d)."""

import pytest
from django.utils import translation

from haastemoottori.core.i18n import language_name, translate
from haastemoottori.core.templatetags.content import tr


@pytest.mark.parametrize(("page", "original"), [("en", "fi"), ("sv", "fi"), ("fi", "sv")])
def test_fallback_note_capitalises_the_language_name_only_in_english(page, original):
    with translation.override(page):
        html = str(tr(translate({original: "Pyörätie"}, original, page)))
        name = language_name(original)
    if page == "en":
        assert "(Shown in Finnish: no English translation yet.)" in html
    else:  # Finnish and Swedish write language names in lower case
        assert name.lower() in html and name[:1].upper() + name[1:].lower() not in html
