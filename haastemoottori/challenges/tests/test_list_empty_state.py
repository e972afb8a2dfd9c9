"""An empty challenge list says so in the visitor's language and offers ways out (issue 20)."""

import html
import re

from django.urls import reverse
from django.utils import translation

from conftest import publishable
from haastemoottori.challenges import services


def _list_url(lang):
    with translation.override(lang):
        return reverse("challenges:list")


def _published(region, make_challenge):
    challenge = make_challenge(
        title={"fi": "Hulevesien hallinta", "sv": "Dagvattenhantering", "en": "Stormwater management"},
        summary={"fi": "Tulvat kaduilla.", "sv": "Översvämningar på gator.", "en": "Floods on streets."},
    )
    challenge.themes.add(region.themes[0])
    challenge = publishable(challenge, region)
    return services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
    )


def _links(page: str) -> dict[str, str]:
    """The empty state's suggestion links: text -> href."""
    block = page.split('<ul class="drop-filters">', 1)[1].split("</ul>", 1)[0]
    return {
        html.unescape(text): html.unescape(href) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)
    }


def test_nonsense_search_shows_the_empty_state_with_working_suggestions(client, region, make_challenge):
    challenge = _published(region, make_challenge)
    url = _list_url("en")
    response = client.get(url, {"q": "zzzqqxx", "theme": "sdg-11", "language": "sv"})
    page = response.content.decode()
    assert response.status_code == 200 and response.context["paginator"].count == 0
    assert "No challenges match “zzzqqxx”." in page
    assert 'name="q"' in page and 'value="zzzqqxx"' in page  # the filters stay visible, as they were
    links = _links(page)
    assert set(links) == {
        "Remove the search “zzzqqxx”",
        "Remove the filter Theme: Sustainable cities",
        "Search in all languages",
    }
    # each link drops exactly its own filter and keeps the others
    without_q = client.get(links["Remove the search “zzzqqxx”"])
    assert [c.pk for c in without_q.context["page"].object_list] == [challenge.pk]
    assert without_q.context["form"].cleaned_data["theme"] == "sdg-11"
    all_languages = client.get(links["Search in all languages"])
    assert all_languages.context["form"].cleaned_data["language"] == ""
    assert all_languages.context["form"].cleaned_data["q"] == "zzzqqxx"
    assert all_languages.context["form"].cleaned_data["theme"] == "sdg-11"
    without_theme = client.get(links["Remove the filter Theme: Sustainable cities"])
    assert without_theme.context["form"].cleaned_data["theme"] == ""
    assert without_theme.context["form"].cleaned_data["language"] == "sv"
    # and following the search: a visitor is offered to save it (sign in first)
    assert "Save this search to get an e-mail" in page
    assert reverse("alerts:search-save") in page


def test_empty_state_in_finnish_and_swedish_and_none_when_there_are_results(client, region, make_challenge):
    _published(region, make_challenge)
    fi = client.get(_list_url("fi"), {"q": "zzzqqxx"}).content.decode()
    assert "Yksikään haaste ei vastaa hakua “zzzqqxx”." in fi and "Poista haku “zzzqqxx”" in fi
    sv = client.get(_list_url("sv"), {"q": "zzzqqxx", "language": "en"}).content.decode()
    assert "Inga utmaningar matchar “zzzqqxx”." in sv and "Sök på alla språk" in sv
    found = client.get(_list_url("en"), {"q": "stormwater"}).content.decode()
    assert "No challenges match" not in found and 'class="drop-filters"' not in found


def test_api_answers_a_nonsense_search_with_an_empty_list(client, region, make_challenge):
    _published(region, make_challenge)
    body = client.get("/api/v1/challenges", {"q": "zzzqqxx"}).json()
    assert body["count"] == 0 and body["results"] == []
    assert client.get("/api/v1/challenges", {"q": "stormwater"}).json()["count"] == 1
