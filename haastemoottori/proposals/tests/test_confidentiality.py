"""THE CONFIDENTIALITY TEST: a unique marker in every confidential answer, attachment name and content must
appear nowhere that anyone but the company, the owners and the assigned evaluators can reach.

It walks every URL pattern of the project (parameters filled with the fixture's objects), every API path of
the OpenAPI document, the search index tables, and the notifications and e-mails to other people. A positive
control proves the marker is there for the lead's member, so the test can fail.
"""

import itertools
import re
import uuid

import pytest
from django.core import mail
from django.db import connection, transaction
from django.urls import get_resolver

from haastemoottori.notifications.models import Notification
from haastemoottori.organisations.models import Membership
from haastemoottori.proposals import services
from haastemoottori.proposals.models import CallCriterion, CallQuestion, ProposalPartner
from haastemoottori.search.models import SearchDocument
from haastemoottori.search.services import search_index_schedule

from .conftest import PDF, close_call, upload

pytestmark = pytest.mark.django_db

MARKER = f"SECRET-{uuid.uuid4().hex}"
NUMBER = "987654321.77"  # a distinctive confidential number
NUMBER_MARKS = ("987654321", "987 654 321", "987\xa0654\xa0321")


def _hits(text: str) -> list[str]:
    return [m for m in (MARKER, *NUMBER_MARKS) if m in text]


@pytest.fixture
def secret_world(world, django_capture_on_commit_callbacks):
    lead = world.people["lead_member"]
    proposals = []
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            p = services.proposal_start(
                actor=lead, challenge=world.challenge, lead=world.lead, title=f"Ehdotus {n}", another=True
            )
            p = services.proposal_save(
                actor=lead,
                proposal=p,
                version=p.version,
                answers={
                    world.q["public"].pk: f"Julkinen kuvaus {n}",
                    world.q["secret"].pk: f"{MARKER} salaisuus {n}",
                    world.q["price"].pk: NUMBER,
                    world.q["trl"].pk: 0,
                },
            )
            services.attachment_upload(
                actor=lead,
                proposal=p,
                question=world.q["plan"],
                uploaded_file=upload(f"{MARKER}-{n}.pdf", PDF + MARKER.encode()),
            )
            if n == 0:
                partner = services.partner_invite(actor=lead, proposal=p, business_id="1572860-0")
                services.partner_respond(actor=world.people["partner_admin"], partner=partner, confirm=True)
            if n < 2:
                p = services.proposal_submit(actor=lead, proposal=p)
            proposals.append(p)
    close_call(world.challenge)  # after the deadline the summaries are public
    with transaction.atomic():
        search_index_schedule([world.challenge, world.lead, world.partner_org])
    world.proposals = proposals
    return world


def _params(w) -> dict[str, list[str]]:
    p = w.proposals
    return {
        "slug": [w.challenge.slug, "testiyritys", "kumppani", "espoo", "testikyla", "sdg-11"],
        "pk": [str(x.pk) for x in p]
        + [str(x) for x in CallCriterion.objects.values_list("pk", flat=True)]
        + [str(x) for x in CallQuestion.objects.values_list("pk", flat=True)],
        "partner_id": [str(x) for x in ProposalPartner.objects.values_list("pk", flat=True)],
        "attachment_id": [str(a.pk) for x in p for a in x.attachments.all()],
    }


def _routes() -> list[str]:
    routes: list[str] = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                routes.append(prefix + str(pattern.pattern))

    walk(get_resolver().url_patterns)
    return routes


def _urls(w) -> list[str]:
    params = _params(w)
    urls = set()
    for route in _routes():
        if route.startswith("^") or "(?P" in route or route.startswith("admin/"):
            continue
        names = re.findall(r"<(?:\w+:)?(\w+)>", route)
        choices = [
            params.get(name, ["x"]) if name != "pk" or "uuid" in route or "int" in route else params["pk"]
            for name in names
        ]
        for combo in itertools.product(*choices) if names else [()]:
            url = route
            for value in combo:
                url = re.sub(r"<(?:\w+:)?\w+>", value, url, count=1)
            urls.add("/" + url.lstrip("/"))
    return sorted(urls)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _api_urls(client, w) -> list[str]:
    spec = client.get("/api/v1/openapi.json").json()
    urls = []
    for path in spec["paths"]:
        for slug in (w.challenge.slug, "testiyritys", "kumppani", "espoo"):
            urls.append("/api/v1" + re.sub(r"\{\w+\}", slug, path) + "?q=salaisuus")
    return urls


def test_the_marker_is_shown_to_the_lead_member(client, secret_world):
    """Positive control: the walk below would find the marker if a page leaked it."""
    client.force_login(secret_world.people["lead_member"])
    for p in secret_world.proposals:
        assert MARKER in client.get(f"/fi/proposals/{p.pk}/").content.decode()
    client.force_login(secret_world.people["espoo_owner"])
    assert MARKER in _body(client.get(f"/fi/challenges/{secret_world.challenge.slug}/call/proposals.csv"))


# Walks every URL of the site (as tests/test_leak_crawl.py does for all roles): CI runs it once, on PostgreSQL.
@pytest.mark.whole_platform
@pytest.mark.parametrize("who", ["anonymous", "other_company"])
def test_the_marker_is_nowhere_else(client, secret_world, who):
    w = secret_world
    if who != "anonymous":
        client.force_login(w.people[who])
    urls = (
        _urls(w)
        + _api_urls(client, w)
        + [
            # Search for the words next to the marker (searching the marker itself would echo it back).
            "/fi/search/?q=salaisuus",
            "/fi/challenges/?q=salaisuus",
            "/fi/search/?q=plan",
        ]
    )
    assert any(u.startswith(f"/fi/challenges/{w.challenge.slug}/call/summaries") for u in urls)
    assert len(urls) > 100
    leaks, ok = [], 0
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            leaks.append((url, response.status_code))
        elif found := _hits(_body(response)):
            leaks.append((url, found))
        ok += response.status_code == 200
    assert leaks == []
    assert ok > 40  # the walk reaches real pages, not only 404s
    # The public summaries do show the public answers (so the walk reached them).
    assert "Julkinen kuvaus 0" in client.get(f"/fi/challenges/{w.challenge.slug}/call/summaries/").content.decode()


def test_the_marker_is_not_in_the_search_index(secret_world):
    rows = " ".join(str(v) for row in SearchDocument.objects.values_list() for v in row)
    assert _hits(rows) == []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if not table.startswith("search_") or table.endswith(("_data", "_idx", "_docsize", "_config")):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (table names from introspection)
            text = " ".join(str(v) for row in cursor.fetchall() for v in row)
            assert _hits(text) == [], table


def test_the_marker_is_not_in_mail_or_notifications_to_others(secret_world):
    company = set(Membership.objects.filter(organisation=secret_world.lead).values_list("user__email", flat=True))
    assert mail.outbox  # receipts and notifications were sent
    for message in mail.outbox:
        if set(message.to) - company:
            assert _hits(message.subject + message.body) == [], message.to
    for n in Notification.objects.exclude(user__email__in=company):
        assert _hits(n.subject + n.body + n.url) == [], n.kind
