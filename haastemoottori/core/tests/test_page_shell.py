"""The page shell: field hints screen readers can reach, and a page for a form address opened as a page."""

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


def test_a_form_address_opened_as_a_page_explains_and_links_back(client, region, make_challenge):
    from django.utils import translation

    from conftest import publishable
    from haastemoottori.challenges import services

    challenge = publishable(make_challenge(), region)
    challenge = services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
    )
    client.force_login(region.people["espoo_owner"])
    response = client.get(f"/sv/challenges/{challenge.slug}/questions/ask/")
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    with translation.override("sv"):
        assert translation.gettext("This address is for sending a form") in response.content.decode()
    assert f'href="/sv/challenges/{challenge.slug}/questions/"' in response.content.decode()
    assert client.post("/api/v1/challenges").status_code == 405  # the API keeps its own answer
