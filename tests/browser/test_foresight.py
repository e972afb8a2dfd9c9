"""Signals to the coming needs page in a real browser: an Espoo editor opens a cross-city cluster, promotes it to a
draft challenge through the promote form, lands on the candidate's page with its provenance and publishes it; the
public foresight page lists it. A resident sends a suggestion. Every page visited: zero axe violations."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from haastemoottori.backlog.models import Candidate
from haastemoottori.notifications.models import Notification
from haastemoottori.organisations.models import Department
from haastemoottori.signals import clustering
from haastemoottori.signals import services as signal_services
from haastemoottori.signals.models import Signal

from .conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "test-password-123"

# One need, written in three cities (and once by a resident): the test embedder groups them by their shared words.
NEED = [
    (
        "espoo",
        "Pyöräteiden talvikunnossapito on hidasta",
        "Pyörätiet aurataan talvella vasta autoteiden jälkeen, ja pyörätien polanne on liukas aamulla.",
    ),
    (
        "vantaa",
        "Pyöräteiden talvikunnossapito ja liukkaus",
        "Talvella pyörätiet aurataan vasta autoteiden jälkeen, ja polanne on pyörätiellä liukas aamulla.",
    ),
    (
        "helsinki",
        "Pyöräteiden talvikunnossapito aamuisin",
        "Pyörätiet aurataan talvella autoteiden jälkeen, joten pyörätien polanne on aamulla liukas.",
    ),
]


def check(page):
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(page, base, email):
    with translation.override("en"):
        login_url = reverse("accounts:login")
    page.goto(f"{base}{login_url}")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


@pytest.fixture
def need(region):
    """The three cities' signals of one need and a resident's accepted suggestion, clustered."""
    people = region.people
    cities = {"espoo": region.espoo, "vantaa": region.vantaa, "helsinki": region.helsinki}
    departments = {
        slug: Department.objects.create(
            organisation=city, slug=f"{slug}-ymparisto", name={"fi": "Kaupunkiympäristö", "en": "Urban Environment"}
        )
        for slug, city in cities.items()
    }
    authors = {"espoo": people["espoo_member"], "vantaa": people["vantaa_member"], "helsinki": people["helsinki_owner"]}
    signals = [
        signal_services.signal_create(
            actor=authors[slug],
            city=cities[slug],
            source="expert",
            title=title,
            text=text,
            language="fi",
            department=departments[slug],
            themes=[region.themes[0]],
            evidence_url=f"https://www.{slug}.example/talvi",
        )
        for slug, title, text in NEED
    ]
    resident = people["outsider"]
    suggestion = signal_services.signal_suggest(
        actor=resident,
        city=region.espoo,
        title="Pyörätiet liukkaita talvella",
        text="Pyörätiet aurataan talvella vasta autoteiden jälkeen, ja polanne on aamulla liukas.",
        language="fi",
    )
    signals.append(
        signal_services.signal_moderate(actor=people["espoo_owner"], signal=suggestion, decision=signal_services.ACCEPT)
    )
    clustering.cluster_pending()
    clusters = {s.cluster_id for s in Signal.objects.filter(pk__in=[s.pk for s in signals])}
    assert len(clusters) == 1 and None not in clusters, "the test embedder should group the need's signals"
    region.signals = signals
    region.cluster = Signal.objects.get(pk=signals[0].pk).cluster
    return region


def test_editor_promotes_a_cluster_and_publishes_it(live_server, browser, page, need):
    w = need
    cluster = w.cluster
    assert cluster.city_count == 3 and cluster.is_cross_boundary
    with translation.override("en"):
        cluster_url = reverse("signals:cluster-detail", args=[cluster.pk])
        promote_url = reverse("backlog:promote-cluster", args=[cluster.pk])
        backlog_url = reverse("backlog:city", args=["espoo"])
        foresight_url = reverse("foresight:index")
        signal_urls = {s.pk: reverse("signals:detail", args=[s.pk]) for s in w.signals}
        cross_boundary = gettext("Cross-boundary")
    base = live_server.url
    sign_in(page, base, w.people["espoo_owner"].email)

    page.goto(f"{base}{cluster_url}")
    check(page)
    assert cross_boundary in page.content()
    with page.expect_navigation():
        page.click(f"main a[href$='{promote_url}']")
    assert page.url.endswith(promote_url)
    check(page)
    assert all(s.title in page.content() for s in w.signals)  # the preview lists the observations
    page.fill("#id_title", "Cycle paths cleared before the morning rush")
    page.check(f"input[name=co_owners][value='{w.vantaa.pk}']")
    page.check(f"input[name=co_owners][value='{w.helsinki.pk}']")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    candidate = Candidate.objects.get()
    with translation.override("en"):
        candidate_url = reverse("backlog:candidate", args=[candidate.pk])
    assert page.url.endswith(candidate_url)
    check(page)
    # provenance: the candidate links back to its cluster and to each of its signals
    assert page.locator(f"main a[href$='{cluster_url}']").count() >= 1
    for url in signal_urls.values():
        assert page.locator(f"main a[href$='{url}']").count() == 1, url
    assert candidate.cluster == cluster and set(candidate.signals.all()) == set(w.signals)
    assert candidate.challenge.stage == "draft" and candidate.challenge.title == {
        "en": "Cycle paths cleared before the morning rush"
    }
    assert {o.organisation.slug: o.role for o in candidate.challenge.ownerships.all()} == {
        "espoo": "lead",
        "vantaa": "co_owner",
        "helsinki": "co_owner",
    }
    # the signals' authors were told (the resident too), once each, and not the promoter
    told = set(Notification.objects.filter(kind="signals.promoted").values_list("user__email", flat=True))
    assert told == {w.people[k].email for k in ("espoo_member", "vantaa_member", "helsinki_owner", "outsider")}

    page.fill("#id_public_reason__en", "Every city in the region has the same problem every winter.")
    with page.expect_navigation():
        page.click(f"form[action$='{candidate_url}publish/'] button[type=submit]")
    check(page)
    candidate.refresh_from_db()
    assert candidate.published_at is not None

    page.goto(f"{base}{backlog_url}")
    check(page)
    assert "Cycle paths cleared before the morning rush" in page.content()

    public = browser.new_context().new_page()
    public.goto(f"{base}{foresight_url}")
    check(public)
    content = public.content()
    assert "Cycle paths cleared before the morning rush" in content
    assert "Every city in the region has the same problem every winter." in content
    assert not any(s.title in content for s in w.signals)  # signals never reach the public page
    public.context.close()


def test_resident_sends_a_suggestion(live_server, page, region):
    resident = region.people["outsider"]
    with translation.override("en"):
        suggest_url = reverse("signals:suggest")
        mine_url = reverse("signals:mine")
    base = live_server.url
    page.goto(f"{base}{suggest_url}")
    check(page)  # anonymous: a sign-in link instead of the form
    sign_in(page, base, resident.email)
    page.goto(f"{base}{suggest_url}")
    check(page)
    with page.expect_navigation():  # nothing filled in: the errors are shown beside the fields
        page.click("main form button[type=submit]")
    check(page)
    assert page.locator("#id_title[aria-invalid=true]").count() == 1 and not Signal.objects.exists()
    page.select_option("#id_city", str(region.vantaa.pk))
    page.fill("#id_title", "The underpass floods after every heavy rain")
    page.fill("#id_text", "The underpass near the station is under water after each downpour.")
    page.fill("#id_location_name", "Tikkurila")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url.endswith(mine_url)
    check(page)
    assert "The underpass floods after every heavy rain" in page.content()
    signal = Signal.objects.get()
    assert (signal.status, signal.source, signal.city, signal.language, signal.author) == (
        "pending",
        "resident",
        region.vantaa,
        "en",
        resident,
    )
