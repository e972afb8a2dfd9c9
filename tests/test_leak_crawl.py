"""The leak crawl (issue 19): unique markers are planted in every confidential field and file of the world
(``authz_world.MARKERS``: confidential answers, the private attachment's content and name, a draft, an unanswered
question, a score's comment, a conflict declaration, a decision not yet communicated, personal e-mail addresses),
then every public surface is crawled as each role that must not see them, and no marker may appear:

- pages, by following links from the home page and the lists in every language (in Finnish the whole site the
  links reach; in Swedish and English two links deep);
- the API, by walking its OpenAPI schema's GET paths with the world's real slugs and ids;
- exports, Atom and iCalendar feeds, OCDS, the sitemap and every page it lists;
- search, on the site and in the API, for each marker;
- the notification e-mails sent while the world was built (``django.core.mail.outbox``) to these people.

The world is built once for the module (``authz_world.module_world``) and each test runs in a transaction of
its own inside it.

(The authorisation matrix also checks every URL of the URL conf, as every role, for these markers.)
A marker found is reported with the role, the URL and the marker's name.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import quote, urldefrag, urlsplit

import pytest
from django.test import Client

from .authz_world import FORBIDDEN, MARKERS, body_of, markers_in, module_world

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("authz-crawl"), pytest.mark.whole_platform]

LANGUAGES = ("fi", "sv", "en")
LIST_PAGES = ("/{l}/", "/{l}/challenges/", "/{l}/organisations/", "/{l}/events/", "/{l}/pilots/", "/{l}/impact/")
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
SKIP = ("/static/", "/media/", "/admin/", "/i18n/", "/logout/", "mailto:", "tel:")
MAX_PAGES = 400  # per role; the world's site has fewer pages than this


def links(html: str) -> set[str]:
    out = set()
    for href in LINK.findall(html):
        href = urldefrag(href.replace("&amp;", "&"))[0]
        if not href.startswith("/") or href.startswith("//") or any(s in href for s in SKIP):
            continue
        out.add(href)
    return out


def _new_shape(url: str, seen_shapes: dict[str, int]) -> bool:
    """At most two query-string variants (filters, pages, sorting) of one path are followed."""
    path = urlsplit(url).path
    seen_shapes[path] = seen_shapes.get(path, 0) + 1
    return seen_shapes[path] <= (1 if "?" not in url else 2)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with module_world(django_db_blocker) as w:
        yield w


def _client(world, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


def _crawl(client, starts, depth_limit) -> dict[str, str]:
    """Follow same-site links breadth first from ``starts`` (at most ``depth_limit`` links deep); the bodies."""
    seen: dict[str, str] = {}
    shapes: dict[str, int] = {}
    queue = deque((url, 0) for url in starts)
    while queue and len(seen) < MAX_PAGES:
        url, depth = queue.popleft()
        if url in seen or not _new_shape(url, shapes):
            continue
        response = client.get(url)
        text = body_of(response)
        seen[url] = text
        if depth < depth_limit and "html" in response.get("Content-Type", ""):
            for link in links(text):
                if link not in seen:
                    queue.append((link, depth + 1))
    return seen


def _api_paths(client, world) -> list[str]:
    schema = client.get("/api/v1/openapi.json").json()
    values = {
        "slug": {
            "/challenges/": [world.challenge.slug, world.other_challenge.slug],
            "/organisations/": ["espoo", world.lead_org.slug, world.partner_org.slug, world.other_org.slug],
            "/platforms/": ["testikyla"],
            "/events/": [world.event.slug],
        },
        "pilot_id": [str(world.pilot.pk)],
        "signal_id": [str(world.signal.pk)],
        "city": ["espoo", "vantaa"],
    }
    urls = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        candidates = [path]
        for name in re.findall(r"{(\w+)}", path):
            options = values.get(name, ["x"])
            if isinstance(options, dict):
                options = next((v for k, v in options.items() if path.startswith("/api/v1" + k)), ["x"])
            candidates = [c.replace("{" + name + "}", v) for c in candidates for v in options]
        urls += candidates
    return urls


def _surfaces(client, world) -> dict[str, str]:
    bodies: dict[str, str] = {}
    starts = [u.format(l="fi") for u in LIST_PAGES]
    bodies.update(_crawl(client, starts, depth_limit=50))
    for lang in ("sv", "en"):
        bodies.update(_crawl(client, [u.format(l=lang) for u in LIST_PAGES], depth_limit=2))
    for url in _api_paths(client, world):
        bodies[url] = body_of(client.get(url))
    sitemap = body_of(client.get("/sitemap.xml"))
    bodies["/sitemap.xml"] = sitemap
    for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap):
        path = urlsplit(loc).path
        if path not in bodies:
            bodies[path] = body_of(client.get(path))
    slug = world.challenge.slug
    for url in (
        f"/fi/challenges/{slug}/questions/questions.csv",
        f"/fi/challenges/{slug}/questions/questions.json",
        f"/fi/challenges/{slug}/procurement/ocds.json",
        f"/fi/events/challenge/{slug}.ics",
        "/fi/events/organisation/espoo.ics",
        f"/fi/events/{world.event.slug}.ics",
        "/fi/foresight/feed.atom",
        "/fi/alerts/feeds/themes/sdg-11.atom",
        "/fi/alerts/feeds/cities/espoo.atom",
        "/fi/impact/impact.xlsx",
        f"/fi/challenges/{slug}/call/summaries/",
        f"/api/v1/challenges/{slug}/proposals",
    ):
        bodies[url] = body_of(client.get(url))
    for name, marker in MARKERS.items():
        # The marker without its last part: a page echoing the query shows that, a leaked hit the whole marker.
        query = quote(re.split(r"[-.@](?=[^-.@]*$)", marker)[0])
        for url in (f"/fi/search/?q={query}", f"/api/v1/search?q={query}"):
            bodies[f"{url} ({name})"] = body_of(client.get(url))
    return bodies


@pytest.mark.parametrize("role", sorted(FORBIDDEN))
def test_no_marker_on_any_surface(world, role):
    client = _client(world, role)
    bodies = _surfaces(client, world)
    assert len(bodies) > 60, len(bodies)  # the crawl reached the site (pages, API, feeds, exports)
    assert any(f"/challenges/{world.challenge.slug}/" in url for url in bodies)  # the challenge was reached
    leaks = [f"{name} at {url}" for url, text in bodies.items() for name in markers_in(text, FORBIDDEN[role])]
    assert not leaks, f"markers seen by {role}:\n  " + "\n  ".join(leaks)


def test_no_marker_in_the_mail_of_those_who_may_not_see_it(world):
    """The e-mails sent while the world was built (sign-up, invitations, receipts, notices to owners)."""
    assert world.outbox, "the world sends e-mail (receipts, invitations): none captured"
    addresses = {world.people[role].email.lower(): role for role in FORBIDDEN if role != "anonymous"}
    leaks = []
    for message in world.outbox:
        text = message.subject + "\n" + message.body
        text += "".join(str(content) for content, _type in getattr(message, "alternatives", []))
        for recipient in message.to + message.cc + message.bcc:
            role = addresses.get(recipient.lower())
            forbidden = FORBIDDEN.get(role, set())
            leaks += [f"{name} in {message.subject!r} to {role}" for name in markers_in(text, forbidden)]
    assert not leaks, "\n".join(leaks)


def test_the_crawl_sees_what_it_looks_for(world):
    """The other half: the same crawl, as the lead company's member, finds their confidential answer and the
    private attachment's name (so a leak would be seen), and an owner's export carries the answer."""
    client = _client(world, "lead")
    bodies = _crawl(client, ["/fi/proposals/"], depth_limit=2)
    assert any(MARKERS["confidential_answer"] in text for text in bodies.values())
    assert any(MARKERS["attachment_name"] in text for text in bodies.values())
    owner = _client(world, "owner")
    export = body_of(owner.get(f"/fi/challenges/{world.challenge.slug}/call/proposals.csv"))
    assert MARKERS["confidential_answer"] in export
