"""Public pages: languages, filters, fallback marking, visibility and a constant number of queries."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from conftest import FULL_CANVAS, publishable
from haastemoottori.challenges import services
from haastemoottori.challenges.models import Challenge, ChallengeOwnership

FULL_SUMMARY = FULL_CANVAS["summary"]


STAGES = ["open_call", "open_call", "piloting", "closed", "co_definition"]


def bulk_public_challenges(region, n: int, start: int = 0):
    """Published challenges written straight to the database (a fixture for query counting)."""
    now = timezone.now()
    challenges = Challenge.objects.bulk_create(
        [
            Challenge(
                slug=f"bulk-{start + i}",
                original_language="fi",
                title={"fi": f"Haaste {start + i}"},
                summary={"fi": "Tiivistelmä", "sv": "Sammanfattning"},
                stage=STAGES[(start + i) % len(STAGES)],
                call_deadline=now + timedelta(days=i % 60 + 1),
                published_at=now - timedelta(minutes=i),
                platform=region.platform,
                search_text=f"haaste {start + i}",
            )
            for i in range(n)
        ]
    )
    ChallengeOwnership.objects.bulk_create(
        [ChallengeOwnership(challenge=c, organisation=region.espoo, role="lead") for c in challenges]
        + [ChallengeOwnership(challenge=c, organisation=region.vantaa, role="co_owner") for c in challenges[::2]]
    )
    Through = Challenge.themes.through
    Through.objects.bulk_create([Through(challenge=c, theme=t) for c in challenges for t in region.themes])
    return challenges


def _url(name, lang="fi", *args):
    with translation.override(lang):
        return reverse(name, args=args)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["challenges:list", "site:home"])
def test_list_pages_run_a_constant_number_of_queries(client, region, url_name):
    bulk_public_challenges(region, 10)
    small = _queries(client, _url(url_name))
    bulk_public_challenges(region, 990, start=10)
    assert Challenge.objects.public().count() == 1000
    large = _queries(client, _url(url_name))
    assert small == large
    assert large <= 10
    filtered = _queries(client, _url(url_name) + "?city=vantaa&theme=sdg-11&sort=closing&q=haaste")
    assert filtered <= 10


def test_detail_page_runs_a_constant_number_of_queries(client, region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = publishable(make_challenge(), region)
    challenge = services.challenge_transition(actor=owner, challenge=challenge, target="co_definition")
    url = _url("challenges:detail", "fi", challenge.slug)
    before = _queries(client, url)
    for i in range(5):
        services.challenge_set_indicators(
            actor=owner,
            challenge=challenge,
            indicators=[{"name": {"fi": f"Mittari {j}"}, "unit": "kpl", "target": str(j)} for j in range(i + 2)],
        )
    services.challenge_add_owner(actor=owner, challenge=challenge, organisation=region.helsinki, role="contributor")
    services.challenge_update(actor=owner, challenge=challenge, themes=region.themes)
    assert _queries(client, url) == before
    assert before <= 13  # the canvas and its sections (see core/tests/test_every_view.py)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_pages_answer_in_every_language(client, region, make_challenge, lang):
    challenge = publishable(make_challenge(), region)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="co_definition")
    for url in [
        _url("site:home", lang),
        _url("challenges:list", lang),
        _url("challenges:detail", lang, challenge.slug),
        _url("organisations:detail", lang, "espoo"),
        _url("organisations:list", lang),
        _url("platforms:detail", lang, "testikyla"),
        _url("platforms:list", lang),
        _url("site:accessibility", lang),
        _url("site:privacy", lang),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert 'hreflang="sv"' in html and 'hreflang="en"' in html and 'hreflang="fi"' in html


def test_list_shows_only_published_challenges_and_filters(client, region, make_challenge):
    draft = make_challenge(title={"fi": "Salainen luonnos"})
    published = publishable(make_challenge(title={"fi": "Julkinen haaste lämmitykseen"}), region)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=published, target="co_definition")
    html = client.get(_url("challenges:list")).content.decode()
    assert "Julkinen haaste" in html and "Salainen luonnos" not in html
    assert "Salainen" not in client.get(_url("challenges:list") + "?q=salainen").content.decode()
    assert "Julkinen haaste" in client.get(_url("challenges:list") + "?q=LÄMMITYKSEEN").content.decode()
    assert "Julkinen haaste" not in client.get(_url("challenges:list") + "?city=vantaa").content.decode()
    assert "Julkinen haaste" in client.get(_url("challenges:list") + "?stage=co_definition&city=espoo").content.decode()
    assert client.get(_url("challenges:detail", "fi", draft.slug)).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "?stage=draft",
        "?city=nowhere",
        "?theme=%00",
        "?sort=random",
        "?deadline=abc",
        "?q=" + "x" * 500,
        "?page=-1",
        "?page=abc",
        "?page=99999",
    ],
)
def test_bad_filters_never_give_a_500(client, region, query):
    response = client.get(_url("challenges:list", "en") + query)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "Check the filters" in response.content.decode()


def test_bad_filter_error_is_in_the_page_language(client, region):
    response = client.get(_url("challenges:list", "sv") + "?stage=bogus")
    assert response.status_code == 400
    assert "Kontrollera filtren" in response.content.decode()


def test_missing_translation_falls_back_and_says_so(client, region, make_challenge):
    challenge = publishable(make_challenge(title={"fi": "Vain suomeksi"}, summary={"fi": "Tiivistelmä"}), region)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="co_definition")
    html = client.get(_url("challenges:detail", "sv", challenge.slug)).content.decode()
    assert '<h1 lang="fi">Vain suomeksi</h1>' in html
    assert 'class="fallback-note"' in html
    html_fi = client.get(_url("challenges:detail", "fi", challenge.slug)).content.decode()
    assert "<h1>Vain suomeksi</h1>" in html_fi and 'class="fallback-note"' not in html_fi


def test_draft_is_visible_to_its_owners_only(client, region, make_challenge):
    challenge = make_challenge()
    url = _url("challenges:detail", "fi", challenge.slug)
    for who, status in [("outsider", 404), ("helsinki_owner", 404), ("espoo_member", 200)]:
        client.force_login(region.people[who])
        assert client.get(url).status_code == status, who


def test_detail_has_schema_org_json_ld(client, region, make_challenge):
    challenge = publishable(make_challenge(), region)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="co_definition")
    html = client.get(_url("challenges:detail", "en", challenge.slug)).content.decode()
    assert re.search(r'<script type="application/ld\+json" nonce="[^"]+">', html) and '"GovernmentOrganization"' in html


def test_unknown_pages_are_404(client, region):
    assert client.get("/fi/challenges/ei-ole/").status_code == 404
    assert client.get("/fi/organisations/ei-ole/").status_code == 404
    assert client.get("/fi/platforms/ei-ole/").status_code == 404


def test_the_lead_owner_is_listed_first(client, region, make_challenge):
    challenge = publishable(make_challenge(), region)
    for org in (region.vantaa, region.helsinki):
        services.challenge_add_owner(
            actor=region.people["espoo_owner"],
            challenge=challenge,
            organisation=org,
            role="co_owner" if org == region.vantaa else "contributor",
        )
    services.challenge_approve(actor=region.people["vantaa_owner"], challenge=challenge, organisation=region.vantaa)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="co_definition")
    html = client.get(_url("challenges:list", "en")).content.decode()
    card = html[html.index('class="challenge-list"') :]
    assert card.index("City of Espoo") < card.index("City of Vantaa") < card.index("City of Helsinki")


def test_canvas_text_is_escaped_and_paragraphed(client, region, make_challenge):
    challenge = publishable(make_challenge(problem={"fi": "Eka <b>kappale</b>.\n\nToka kappale."}), region)
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="co_definition")
    html = client.get(_url("challenges:detail", "fi", challenge.slug)).content.decode()
    assert "<p>Eka &lt;b&gt;kappale&lt;/b&gt;.</p>" in html and "<p>Toka kappale.</p>" in html


def test_language_filter_keeps_only_translated_challenges(client, region, make_challenge):
    owner = region.people["espoo_owner"]
    for title, summary in (
        ({"fi": "Kolmikielinen", "sv": "Trespråkig", "en": "Trilingual"}, FULL_SUMMARY),
        ({"fi": "Vain suomeksi"}, {"fi": "Tiivistelmä"}),
    ):
        challenge = publishable(make_challenge(title=title, summary=summary), region)
        services.challenge_transition(actor=owner, challenge=challenge, target="co_definition")
    html = client.get(_url("challenges:list", "en") + "?language=sv").content.decode()
    assert "Trilingual" in html and "Vain suomeksi" not in html
    assert client.get(_url("challenges:list", "en") + "?language=xx").status_code == 400


def test_workspace_groups_by_stage_and_lists_deadlines(client, region, make_challenge):
    challenge = make_challenge()
    services.challenge_update(
        actor=region.people["espoo_owner"], challenge=challenge, call_deadline=timezone.now() + timedelta(days=10)
    )
    client.force_login(region.people["espoo_member"])
    html = client.get("/en/challenges/workspace/").content.decode()
    assert "Deadlines within a month" in html and html.count(challenge.slug) >= 2
    assert "Draft (1)" in html


def test_pagination_keeps_the_filters(client, region):
    bulk_public_challenges(region, 40)
    html = client.get(_url("challenges:list", "en") + "?city=espoo").content.decode()
    assert "Page 1 of 3" in html and 'href="?city=espoo&amp;page=2"' in html
    page3 = client.get(_url("challenges:list", "en") + "?city=espoo&page=3").content.decode()
    assert "Page 3 of 3" in page3 and page3.count('class="challenge-card"') == 10
