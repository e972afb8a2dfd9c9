"""The one error summary and field partial: every error tied to its input by id, aria-describedby and
aria-invalid; the summary links to each input (a group's first input), takes the focus, names each field once;
Django's own messages in the page's language."""

import re

import pytest
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import translation

CHOICES = [("1", "One"), ("2", "Two")]


class GroupForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the page.")
    score = forms.ChoiceField(label="Score", choices=CHOICES, widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(label="Days", choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    agree = forms.BooleanField(label="I agree")


def _render(form) -> str:
    fields = "".join(render_to_string("includes/field.html", {"field": field}) for field in form)
    return render_to_string("includes/error_summary.html", {"form": form}) + fields


@pytest.fixture
def html():
    form = GroupForm(data={"name": ""})
    assert not form.is_valid()
    return _render(form)


def test_the_summary_links_every_error_to_its_input(html):
    summary = html.split("</section>")[0]
    links = re.findall(r'<a href="#([^"]*)"', summary)
    assert links == ["id_name", "id_score_0", "id_days_0", "id_agree"]
    for target in links:
        assert f'id="{target}"' in html  # each link leads to an input on the page
    assert 'href="#"' not in html


def test_each_error_has_one_id_that_its_input_or_group_is_described_by(html):
    for name in ("name", "score", "days", "agree"):
        assert html.count(f'id="id_{name}_error"') == 1
    name_input = re.search(r"<input[^>]*name=\"name\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in name_input
    assert re.search(r'aria-describedby="id_name_helptext id_name_error"', name_input)
    agree_input = re.search(r"<input[^>]*name=\"agree\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_agree_error"' in agree_input
    for group in ("score", "days"):
        fieldset = re.search(rf'<fieldset aria-describedby="([^"]+)">\s*<legend>{group.title()}', html)
        assert fieldset and fieldset.group(1) == f"id_{group}_error"


def test_the_summary_takes_the_focus_and_names_each_field_once(html):
    summary = html.split("</section>")[0]
    assert 'id="error-summary"' in summary and "autofocus" in summary and 'tabindex="-1"' in summary
    assert summary.count("Name:") == 1 and summary.count("Score:") == 1


def test_a_valid_form_shows_no_summary():
    form = GroupForm(data={"name": "x", "score": "1", "days": ["2"], "agree": "on"})
    assert form.is_valid()
    html = _render(form)
    assert "error-summary" not in html and "aria-invalid" not in html


@pytest.mark.parametrize(
    "language, expected", [("fi", "Salasana on liian lyhyt"), ("sv", "Det här lösenordet är för kort")]
)
def test_django_password_messages_are_in_the_page_language(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as caught:
        validate_password("a8#q")
    assert any(message.startswith(expected) for message in caught.value.messages), caught.value.messages
