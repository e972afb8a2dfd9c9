"""Every page renders, for the people who can see it, within a fixed number of queries."""

import re
from datetime import timedelta

import pytest
from django.urls import get_resolver
from django.utils import timezone

from conftest import publishable
from haastemoottori.backlog.models import Candidate, Criterion
from haastemoottori.challenges import services
from haastemoottori.events import services as event_services
from haastemoottori.pilots.models import Pilot
from haastemoottori.signals.models import Signal, SignalCluster, SignalImport


def _reference(challenge, region):
    """A finished pilot of ``challenge`` with Espoo's signed reference to the company."""
    from haastemoottori.pilots.models import PilotParticipant
    from haastemoottori.references.services import reference_issue

    pilot = Pilot.objects.create(
        challenge=challenge,
        title={"fi": "Päättynyt"},
        original_language="fi",
        status=Pilot.Status.FINISHED,
        results={"fi": "Tulokset"},
    )
    PilotParticipant.objects.create(pilot=pilot, organisation=region.company, role="company")
    (reference,) = reference_issue(
        actor=region.people["espoo_owner"],
        pilot=pilot,
        organisations=[region.company],
        statement="Hyvä.",
        signer_role="Johtaja",
        language="fi",
    )
    return reference


@pytest.fixture
def pages(region, make_challenge):
    owner = region.people["espoo_owner"]
    draft = make_challenge(title={"fi": "Luonnos"})
    published = publishable(make_challenge(), region)
    services.challenge_add_owner(actor=owner, challenge=published, organisation=region.vantaa, role="co_owner")
    services.challenge_approve(actor=region.people["vantaa_owner"], challenge=published, organisation=region.vantaa)
    published = services.challenge_transition(actor=owner, challenge=published, target="co_definition")
    now = timezone.now()
    event_services.event_create(
        actor=owner,
        organiser=region.espoo,
        original_language="fi",
        title={"fi": "Työpaja"},
        challenges=[published],
        kind="workshop",
        starts_at=now + timedelta(days=7),
        ends_at=now + timedelta(days=7, hours=2),
        location="Espoo",
        language="fi",
    )
    pilot = Pilot.objects.create(challenge=published, title={"fi": "Pilotti"}, original_language="fi")
    reference = _reference(published, region)
    cluster = SignalCluster.objects.create(name={"fi": "Talvipyöräily"}, signal_count=1, city_count=1)
    signal = Signal.objects.create(
        source="expert",
        title="Pyörätiet jäässä",
        text="Auraus myöhässä",
        language="fi",
        city=region.espoo,
        observed_at=now,
        cluster=cluster,
    )
    spare = Signal.objects.create(
        source="expert", title="Valaistus puuttuu", language="fi", city=region.espoo, observed_at=now
    )
    run = SignalImport.objects.create(format="csv", city=region.espoo, file_name="palaute.csv", status="done")
    candidate = Candidate.objects.create(challenge=draft)
    criterion = Criterion.objects.create(organisation=region.espoo, name={"fi": "Vaikuttavuus"}, weight=50)
    public = [
        "/{l}/",
        "/.well-known/jwks.json",
        "/{l}/verify/",
        f"/{{l}}/verify/{reference.pk}/",
        "/{l}/challenges/",
        f"/{{l}}/challenges/{published.slug}/",
        "/{l}/organisations/",
        "/{l}/organisations/espoo/",
        "/{l}/organisations/testiyritys/",
        "/{l}/platforms/",
        "/{l}/platforms/testikyla/",
        "/{l}/accessibility/",
        "/{l}/privacy/",
        "/{l}/accounts/login/",
        "/{l}/accounts/signup/",
        "/{l}/accounts/password-reset/",
        "/{l}/accounts/password-reset/sent/",
        "/{l}/accounts/password-reset/done/",
        "/{l}/search/?q=l%C3%A4mmitys",
        f"/{{l}}/challenges/{published.slug}/questions/",
        f"/{{l}}/challenges/{published.slug}/comments/",
        "/{l}/events/",
        "/{l}/events/tyopaja/",
        f"/{{l}}/challenges/{published.slug}/call/",
        f"/{{l}}/challenges/{published.slug}/call/summaries/",
        f"/{{l}}/challenges/{published.slug}/procurement/",
        "/{l}/pilots/",
        f"/{{l}}/pilots/{pilot.pk}/",
        "/{l}/pilots/platform/testikyla/calendar/",
        "/{l}/pilots/platform/testikyla/calendar.ics",
        "/{l}/impact/",
        "/{l}/signals/suggest/",
        "/{l}/foresight/",
        "/{l}/foresight/feed.atom",
        "/sitemap.xml",  # outside the language prefix (what they contain: site/tests/test_sitemap.py)
        "/robots.txt",
    ]
    staff = [
        "/{l}/challenges/workspace/",
        "/{l}/challenges/new/",
        f"/{{l}}/challenges/{draft.slug}/",
        f"/{{l}}/challenges/{draft.slug}/manage/",
        f"/{{l}}/challenges/{draft.slug}/edit/",
        f"/{{l}}/challenges/{published.slug}/manage/",
        "/{l}/accounts/profile/",
        "/{l}/accounts/privacy/my-data/",  # the delete page: privacy/tests/test_erasure.py
        "/{l}/accounts/security/",
        "/{l}/accounts/security/authenticator-app/",
        "/{l}/alerts/",
        "/{l}/alerts/searches/save/?theme=sdg-11",
        "/{l}/organisations/espoo/team/",
        f"/{{l}}/search/challenges/{published.slug}/solvers/",
        f"/{{l}}/challenges/{published.slug}/questions/manage/",
        f"/{{l}}/challenges/{published.slug}/comments/moderation/",
        "/{l}/events/my/",
        "/{l}/events/new/",
        "/{l}/events/tyopaja/edit/",
        "/{l}/events/tyopaja/participants/",
        "/{l}/notifications/",
        "/{l}/notifications/settings/",
        f"/{{l}}/challenges/{published.slug}/call/configure/",
        f"/{{l}}/challenges/{published.slug}/call/proposals/",
        "/{l}/proposals/",
        f"/{{l}}/challenges/{published.slug}/evaluation/",
        f"/{{l}}/challenges/{published.slug}/evaluation/form/",
        f"/{{l}}/challenges/{published.slug}/evaluation/results/",
        f"/{{l}}/challenges/{published.slug}/evaluation/record/",
        "/{l}/evaluation/",
        "/{l}/evaluation/relationships/",
        f"/{{l}}/challenges/{published.slug}/procurement/edit/",
        f"/{{l}}/pilots/{pilot.pk}/manage/",
        f"/{{l}}/pilots/{pilot.pk}/edit/",
        f"/{{l}}/pilots/{pilot.pk}/results/",
        f"/{{l}}/pilots/{pilot.pk}/check-in/",
        f"/{{l}}/pilots/challenge/{published.slug}/",
        "/{l}/pilots/requests/",
        f"/{{l}}/references/pilot/{reference.pilot_id}/issue/",
        f"/{{l}}/references/{reference.pk}/",
        f"/{{l}}/references/{reference.pk}/print/",
        f"/{{l}}/references/{reference.pk}/reference.jwt",
        f"/{{l}}/references/{reference.pk}/reference.json",
        "/{l}/impact/staff/",
        "/{l}/signals/",
        "/{l}/signals/new/",
        f"/{{l}}/signals/{signal.pk}/",
        f"/{{l}}/signals/{signal.pk}/edit/",
        "/{l}/signals/moderation/",
        "/{l}/signals/imports/",
        f"/{{l}}/signals/imports/{run.pk}/",
        "/{l}/signals/suggest/mine/",
        "/{l}/signals/clusters/",
        f"/{{l}}/signals/clusters/{cluster.pk}/",
        "/{l}/backlog/",
        "/{l}/backlog/espoo/",
        "/{l}/backlog/espoo/criteria/",
        f"/{{l}}/backlog/espoo/criteria/{criterion.pk}/",
        "/{l}/backlog/espoo/compare/",
        f"/{{l}}/backlog/candidates/{candidate.pk}/",
        f"/{{l}}/backlog/espoo/candidates/{candidate.pk}/score/",
        f"/{{l}}/backlog/promote/cluster/{cluster.pk}/",
        f"/{{l}}/backlog/promote/signal/{spare.pk}/",
    ]
    return public, staff


# The challenge page shows sections beside the canvas (similar challenges; questions and answers; comments;
# events; the call; where it was adopted; pilots (from the evaluation stage on) and procurement),
# one query each, and the similar challenges' search.
def anonymous_budget(url: str) -> int:
    if re.fullmatch(r"/\{l\}/challenges/[^/]+/", url):
        return 16
    return IMPACT_QUERIES if url == "/{l}/impact/" else 10


# The public impact dashboard reads each figure with one aggregate query (fourteen figures and filters);
# anonymous visitors get it from the page cache. Counted per figure in impact/tests/test_views.py.
IMPACT_QUERIES = 16


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_page_renders_with_bounded_queries(client, region, pages, lang, django_assert_max_num_queries):
    public, staff = pages
    for url in public:
        with django_assert_max_num_queries(anonymous_budget(url)):
            assert client.get(url.format(l=lang)).status_code == 200, url
    client.force_login(region.people["espoo_owner"])
    for url in public + staff:
        with django_assert_max_num_queries(25):  # signed in: session, user, memberships, permissions
            assert client.get(url.format(l=lang)).status_code == 200, url


def test_the_list_above_covers_every_page_route(pages):
    """A new page route must be added to the test above (or here, with the reason it is not a page)."""
    not_pages = {
        "healthz",
        "admin/",
        "i18n/",
        "api/v1/",
        "logout/",
        "verify/<str:token>/",
        "approve/",
        "owners/",
        "transition/",
        "readiness/",
        "follow/",
        "password-reset/<uidb64>/<token>/",
        # POST-only actions, and the admin-only profile pages (counted in organisations/tests/test_profile.py)
        "team/invite/",
        "revoke/",
        "references/<int:pk>/delete/",
        # POST-only (htmx preview, ratings); a company's own suggestions page (per role in search/tests)
        "similar/",
        "feedback/",
        "organisations/<slug:slug>/challenges/",
        # staff's export of the ratings (a download, discovery/tests/test_reasons_and_joinability.py)
        "feedback/export/",
        # Q&A: POST-only actions and the public log's exports (qa/tests/test_views.py)
        "ask/",
        "clarify/",
        "deadline/",
        "publish/",
        "merge/",
        "decline/",
        "questions.csv",
        "questions.json",
        # comments: POST-only moderation actions and the owners' export (comments/tests/test_views.py)
        "comments.csv",
        "report/",
        "taken-into-account/",
        "undo/",
        "hide/",
        "unhide/",
        "resolve/",
        # events: POST-only actions and the organisers' export (events/tests/test_permissions.py)
        "register/",
        "unregister/",
        "cancel/",
        "participants.csv",
        "feed/renew/",  # renewing the calendar address (accounts/tests/test_signed_links.py)
        # notifications: POST-only
        "read/",
        "read-all/",
        # proposals: starting needs a company member and an open call, the owners' export, POST-only
        # actions (proposals/tests/test_permissions.py, per role)
        "start/",
        "proposals.csv",
        "submit/",
        "withdraw/",
        "partners/",
        "remove/",
        "attachments/",
        "delete/",
        "criteria/",
        # evaluation: POST-only actions and the results export; the scoring and per-proposal pages
        # need an assigned evaluator and a submitted proposal (evaluation/tests/test_permissions.py)
        "results.csv",
        "prefill/",
        "decide/",
        "override/",
        "declare/",
        "add/",
        "proposals/<uuid:proposal_id>/",
        "evaluation/<int:pk>/",
        # procurement: the OCDS export and POST-only actions (procurement/tests/test_views.py)
        "ocds.json",
        "notices/",
        "notices/import/",
        "notices/hilma/",
        "consultation.xml",
        "awards/",
        "contracts/",
        # references: showing on the profile is a POST-only action of the holder's admins (references/tests)
        "visibility/",
        # pilots: POST-only actions; adopting needs another city's editor (pilots/tests/test_adoption.py)
        "kpis/",
        "measurements/",
        "milestones/",
        "done/",
        "adopt/<slug:slug>/",
        # pilot requests: asking needs a company member; the request's page and its POST-only actions need a
        # request (per role in pilots/tests/test_requests.py)
        "platform/<slug:slug>/request/",
        "answer/",
        # impact: the downloads of each figure and of all figures (impact/tests/test_views.py)
        "impact.xlsx",
        "<str:figure>.csv",
        "<str:figure>.xlsx",
        # signals, clusters and the backlog: POST-only actions (per role in signals/tests and backlog/tests)
        "moderate/",
        "resume/",
        "rename/",
        "clusters/<int:pk>/signals/",
        "unpublish/",
        "recommended/",
        # city sign-in: redirects to the city's identity provider and back (sso/tests/test_sign_in.py)
        "callback/",
        # organisations: the platform staff's verification queue and its POST-only decisions (per role in
        # organisations/tests/test_verification.py)
        "organisations/verification/",
        # Suomi.fi e-Authorizations: a POST-only start and the service's callback, off by default
        # (organisations/tests/test_suomifi.py)
        "suomifi/",
        # the second factor: verifying needs a device, POST-only actions, the passkey ceremonies' JSON endpoints
        # and their script catalogue (accounts/tests/test_second_factor.py)
        "security/verify/",
        "recovery-codes/",
        "webauthn/",
    }
    public, staff = pages
    covered = " ".join(public + staff)
    routes = []

    def walk(patterns, prefix=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                walk(p.url_patterns, prefix + str(p.pattern))
            else:
                routes.append(prefix + str(p.pattern))

    walk(get_resolver().url_patterns)
    for route in routes:
        tail = route.split("/", 1)[-1] if route.startswith("^") else route
        if any(route.endswith(n) or n in route for n in not_pages):
            continue
        last = tail.rstrip("/").split("/")[-1] if tail.strip("/") else ""
        assert last.startswith("<") or last in covered, route
