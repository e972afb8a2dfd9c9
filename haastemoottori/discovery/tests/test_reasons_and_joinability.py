"""Suggestions use the whole profile, never the name; reasons are content words in base form; a company is
not offered a challenge it cannot join; staff export the ratings."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_org
from haastemoottori.challenges.models import Challenge
from haastemoottori.discovery import recommendations
from haastemoottori.discovery.models import MatchFeedback
from haastemoottori.discovery.reasons import STOP, base_form, name_terms, reason_terms
from haastemoottori.organisations.models import Reference
from haastemoottori.search import analysis

from .conftest import reindex

needs_voikko = pytest.mark.skipif(not analysis.has_voikko(), reason="needs libvoikko and voikko-fi")

# Words shown as reasons before issue 20 / 21: verbs, a numeral, an idiom, a place, filler, a city's name.
FILLER_SEEN = {"fi": ["kaupungeille", "Olemme", "Osaamme", "kymmenen", "Tarjoamme", "käteen"], "sv": ["Esbo", "Färre"]}


@needs_voikko
def test_filler_words_are_never_reasons():
    cities = name_terms(["Espoon kaupunki", "Esbo stad", "City of Espoo"])
    for language, words in FILLER_SEEN.items():
        assert reason_terms(words, language=language, excluded=cities) == [], language
    # content words come back in their base form, once
    assert reason_terms(["hulevesien", "Hulevesiä", "viherkatoilla"], language="fi") == ["hulevesi", "viherkatto"]
    assert base_form("dagvatten", "sv") == "dagvatten"


def test_name_words_are_not_reasons_unless_the_profile_says_them_too():
    excluded = name_terms(["Hulevesi Holding Oy"], also_in=["Sähkönkäytön ohjaus kouluissa."])
    assert reason_terms(["hulevesien", "kouluissa"], language="fi", excluded=excluded) == [base_form("kouluissa", "fi")]
    # the same word in the profile's own texts is evidence
    excluded = name_terms(["Hulevesi Holding Oy"], also_in=["Hulevesien viivytys kaduilla."])
    assert reason_terms(["hulevesien"], language="fi", excluded=excluded) == [base_form("hulevesien", "fi")]


@pytest.fixture
def flood(region, make_challenge, publish):
    challenge = publish(
        make_challenge(
            title={"fi": "Hulevesitulvat keskustassa"},
            summary={"fi": "Hulevedet tulvivat kaduilla; kaupungeille tarvitaan viherkattoja ja viivytystä."},
        )
    )
    challenge.themes.add(region.themes[0])
    return challenge


@pytest.fixture
def schools(region, make_challenge, publish):
    return publish(
        make_challenge(
            title={"fi": "Koulujen sähkönkäytön ohjaus"},
            summary={"fi": "Sähkönkäytön ohjaus kouluissa ja päiväkodeissa pörssihinnan mukaan."},
        )
    )


@pytest.fixture
def named_after_water(region):
    """A company whose name says stormwater and whose profile is about schools' electricity."""
    org = make_org("hulevesi-holding", kind="company", name={"fi": "Hulevesi Holding Oy"})
    org.offering = {"fi": "Sähkönkäytön ohjaus kouluissa ja päiväkodeissa. Olemme tehneet kymmenen kohdetta."}
    org.capabilities = {"fi": "Osaamme rakennusautomaation. Tarjoamme palvelun avaimet käteen kaupungeille."}
    org.languages_served = ["fi"]
    org.save()
    return org


def test_suggestions_never_cite_words_only_in_the_name(region, flood, schools, named_after_water):
    reindex()
    recommendations.forget()
    found = recommendations.challenges_for_solver(organisation=named_after_water)
    assert found and found[0].challenge.pk == schools.pk
    for s in found:
        cited = " ".join(s.matched_words + s.reasons).casefold()
        assert "hulevesi" not in cited and "holding" not in cited
    for s in recommendations.solvers_for_challenge(challenge=flood):
        if s.organisation.pk == named_after_water.pk:
            assert not {"hulevesi", "hulevesitulvat", "hulevedet"} & set(s.matched_words)


def test_reasons_hold_no_stop_words_or_filler(region, flood, schools, named_after_water):
    water = region.company
    water.offering = {"fi": "Olemme hulevesien hallinnan asiantuntija. Tarjoamme viherkattoja kaupungeille."}
    water.languages_served = ["fi"]
    water.save()
    Reference.objects.create(
        organisation=water, title={"fi": "Viherkatot kymmenen koulun katoille"}, description={"fi": "Hulevedet."}
    )
    reindex()
    recommendations.forget()
    shown = []
    for org in (water, named_after_water):
        for s in recommendations.challenges_for_solver(organisation=org):
            shown += s.matched_words
    for s in recommendations.solvers_for_challenge(challenge=flood):
        shown += s.matched_words
    assert shown  # something matched
    for word in shown:
        assert word.casefold() not in STOP, word
        assert word.casefold() not in {w.casefold() for words in FILLER_SEEN.values() for w in words}, word


def test_closed_or_wrong_language_challenge_is_not_suggested_as_joinable(
    region, flood, make_challenge, publish, client
):
    water = region.company
    water.offering = {"fi": "Hulevesien hallinta ja viherkatot"}
    water.languages_served = ["fi"]
    water.save()
    closed = publish(make_challenge(title={"fi": "Hulevesien viivytys"}, summary={"fi": "Hulevedet ja viherkatot."}))
    Challenge.objects.filter(pk=closed.pk).update(stage="open_call", call_deadline=timezone.now() - timedelta(days=1))
    reindex()
    recommendations.forget()
    found = recommendations.challenges_for_solver(organisation=water)
    assert closed.pk not in [s.challenge.pk for s in found]
    assert found and found[0].challenge.pk == flood.pk and found[0].not_joinable == []
    # the same company serving English only: the Finnish-only challenge is marked, with why
    water.languages_served = ["en"]
    water.save()
    found = recommendations.challenges_for_solver(organisation=water)
    assert found and all(s.not_joinable for s in found if s.challenge.pk == flood.pk)
    assert "suomi" in " ".join(found[0].not_joinable).casefold() or "finnish" in " ".join(found[0].not_joinable)
    client.force_login(region.people["company_admin"])
    page = client.get(f"/fi/search/organisations/{water.slug}/challenges/").content.decode()
    assert "Ei voi osallistua:" in page and closed.slug not in page
    api = client.get(f"/api/v1/organisations/{water.slug}/suggested-challenges").json()
    assert api and api[0]["not_joinable"]


def test_staff_export_the_ratings_as_csv_and_json(region, flood, client):
    MatchFeedback.objects.create(
        challenge=flood,
        organisation=region.company,
        direction=MatchFeedback.Direction.CHALLENGE_FOR_SOLVER,
        useful=True,
        rank=1,
        score=2.5,
        user=region.people["company_admin"],
    )
    client.force_login(region.people["company_admin"])
    assert client.get("/fi/search/feedback/export/").status_code == 404
    client.force_login(region.people["platform_admin"])
    response = client.get("/fi/search/feedback/export/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "challenge,organisation,direction,useful,rank,score,given"
    assert f"{flood.slug},{region.company.slug},challenge,True,1,2.5," in text
    assert "admin@company.test" not in text  # not who rated
    rows = json.loads(client.get("/fi/search/feedback/export/", {"format": "json"}).content)
    assert rows == [
        {
            "challenge": flood.slug,
            "organisation": region.company.slug,
            "direction": "challenge",
            "useful": True,
            "rank": 1,
            "score": 2.5,
            "given": rows[0]["given"],
        }
    ]
