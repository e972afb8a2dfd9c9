"""No Django "---------" in a select: the empty choice reads "— Choose —" in the page's language
(core/forms_renderer.py); a field that names its empty choice keeps its words."""

import pytest
from django import forms
from django.utils import translation

from haastemoottori.organisations.models import Organisation


class PickForm(forms.Form):
    organisation = forms.ModelChoiceField(label="Organisation", queryset=Organisation.objects.all(), required=False)
    named = forms.ModelChoiceField(label="Named", queryset=Organisation.objects.all(), empty_label="All")
    kind = forms.ChoiceField(label="Kind", choices=[("", "---------"), ("a", "A")])


@pytest.mark.django_db
@pytest.mark.parametrize("language, expected", [("fi", "— Valitse —"), ("sv", "— Välj —"), ("en", "— Choose —")])
def test_the_empty_choice_is_named_in_the_page_language(language, expected):
    with translation.override(language):
        html = str(PickForm())
    assert "---------" not in html
    assert html.count(f'<option value="" selected>{expected}</option>') == 2
    assert '<option value="" selected>All</option>' in html


@pytest.mark.django_db
def test_the_new_challenge_form_has_no_dashes(client, region):
    client.force_login(region.people["espoo_owner"])
    response = client.get("/fi/challenges/new/")
    assert response.status_code == 200
    assert "---------" not in response.content.decode()
