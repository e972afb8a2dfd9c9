"""The shared field template: a field's hint is the element its aria-describedby points at."""

import re

from django import forms
from django.template.loader import render_to_string


class HintForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As it should appear on the page.")


def test_hint_is_what_the_input_is_described_by():
    html = render_to_string("includes/field.html", {"field": HintForm()["name"]})
    described_by = re.search(r'aria-describedby="([^"]+)"', html).group(1)
    assert f'id="{described_by}"' in html
    assert "As it should appear on the page." in html
