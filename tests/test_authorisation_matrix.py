"""The authorisation matrix, generated from the URL conf (issue 19).

Every URL pattern (pages, the API's routes, exports, feeds, downloads, the admin) is requested as every role
(``authz_world.ROLES``) with GET, and with POST by every role that may not act there; the outcome must be the one
the declarative ``TABLE`` in ``authz_table.py`` gives (keyed by URL name). A pattern without a row fails the
test with the list of the missing names. Objects of other organisations are tried in every URL that takes an
id (IDOR): the world's objects belong to Espoo's challenge and the lead company, and the other city, the
unrelated company and the competitor reach them with their own parent object in the URL
(``test_ids_of_other_organisations_objects``).

Outcomes: ``ok`` is a 2xx, or a redirect that is not to a login page; a refusal is 403, 404, a redirect to a
login page, or 405. A POST by a role that may not act must be refused (a 400 with the form's errors counts as
refused only when nothing changed; so does a redirect carrying the service's refusal as an error message)
and leave the audit log (every state change is audited) unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from haastemoottori.audit.models import AuditEvent

from .authz_table import NOBODY, TABLE, row_for
from .authz_world import FORBIDDEN, ROLES, body_of, markers_in, module_world

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("authz-matrix"), pytest.mark.whole_platform]

# --- the URL conf ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    route: str
    params: tuple[str, ...]
    i18n: bool
    converters: tuple[str, ...] = ()


def url_routes() -> list[Route]:
    """Every named URL pattern with its full route and parameters (the language prefix as ``fi/``)."""
    from django.conf.urls.i18n import is_language_prefix_patterns_used  # noqa: F401 - the i18n patterns are used

    found: list[Route] = []

    def walk(patterns, prefix, namespace, params, i18n, types) -> None:
        for p in patterns:
            converters = getattr(p.pattern, "converters", {})
            keys = tuple(converters.keys())
            kinds = tuple(type(c).__name__ for c in converters.values())
            if not keys and hasattr(p.pattern, "regex"):  # a regular expression's named groups (the admin)
                keys = tuple(p.pattern.regex.groupindex)
                kinds = ("StringConverter",) * len(keys)
            here_i18n = i18n or type(p.pattern).__name__ == "LocalePrefixPattern"
            if isinstance(p, URLResolver):
                ns = p.namespace
                full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                walk(p.url_patterns, prefix + str(p.pattern), full_ns, params + keys, here_i18n, types + kinds)
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}:{p.name}" if namespace else p.name
                found.append(Route(name, prefix + str(p.pattern), params + keys, here_i18n, types + kinds))

    with translation.override("fi"):
        walk(get_resolver().url_patterns, "", None, (), False, ())
    return found


def test_every_url_pattern_has_a_row():
    routes = url_routes()
    assert len(routes) > 300, len(routes)  # the whole URL conf was walked (admin, API, i18n)
    missing = sorted({r.name for r in routes if row_for(r.name) is None})
    assert not missing, "URL patterns without a row in tests/authz_table.py TABLE:\n  " + "\n  ".join(missing)
    stale = sorted(set(TABLE) - {r.name for r in routes})
    assert not stale, f"rows for URL names that no longer exist: {stale}"


def test_a_new_url_without_a_row_is_named():
    """The guard above notices a pattern nobody wrote a row for."""
    assert row_for("proposals:brand-new-page") is None
    assert row_for("admin:anything") is not None  # the admin's rule covers its generated patterns


def test_every_i18n_pattern_resolves_in_every_language():
    from django.conf import settings

    for route in url_routes():
        if not route.i18n:
            continue
        kwargs = {p: _dummy(kind) for p, kind in zip(route.params, route.converters, strict=True)}
        for code, _label in settings.LANGUAGES:
            with translation.override(code):
                url = reverse(route.name, kwargs=kwargs)
            assert url.startswith(f"/{code}/"), (route.name, code, url)


def _dummy(kind: str) -> Any:
    return {"IntConverter": 1, "UUIDConverter": "00000000-0000-0000-0000-000000000001"}.get(kind, "x")


# --- object ids for each URL -----------------------------------------------------------------------------------

MISSING = 987654  # an id no object has (where the world has no object of that kind)

CHALLENGE_SLUG_NAMESPACES = ("qa", "comments", "calls", "evaluation_admin", "procurement", "challenges")
CHALLENGE_SLUG_NAMES = {
    "search:solver-suggestions",
    "search:similar-preview",
    "pilots:challenge",
    "pilots:adopt",
    "events:challenge-feed",
    "alerts:follow-challenge",
}
PLATFORM_SLUG_NAMES = {"pilots:request-create", "pilots:platform-calendar", "pilots:platform-feed"}
ORG_SLUG_NAMES = {
    "events:organisation-feed",
    "alerts:follow-organisation",
    "alerts:feed-organisation",
    "search:challenge-suggestions",
}


def kwargs_for(route: Route, w, *, mix: dict | None = None) -> dict[str, Any]:
    """The kwargs of ``route`` in the world; ``mix`` overrides the parent object (the IDOR cases)."""
    ns, _, short = route.name.rpartition(":")
    api = ns.startswith("api-")
    values: dict[str, Any] = {}
    for p in route.params:
        values[p] = _value(route.name, ns, short, p, w, api)
    if mix:
        values.update({k: v for k, v in mix.items() if k in values})
    return values


def _value(name: str, ns: str, short: str, param: str, w, api: bool) -> Any:
    if param == "slug":
        if api:
            if short == "get_organisation":
                return "espoo"
            if short == "suggested_challenges":
                return w.lead_org.slug
            if short == "get_platform":
                return "testikyla"
            if short == "get_event":
                return w.event.slug
            return w.challenge.slug
        if ns in CHALLENGE_SLUG_NAMESPACES or name in CHALLENGE_SLUG_NAMES:
            return w.challenge.slug
        if name in ORG_SLUG_NAMES:
            return "testiyritys" if name == "search:challenge-suggestions" else "espoo"
        if ns == "organisations":
            return w.lead_org.slug
        if ns == "events":
            return w.event.slug
        if ns == "alerts":
            return "sdg-11"
        if ns == "platforms" or name in PLATFORM_SLUG_NAMES:
            return "testikyla"
        if ns == "credentials":
            return w.status_list_slug
        return "x"
    if param == "city":
        return "espoo"
    if param in ("pk", "proposal_id"):
        return _pk(name, ns, w)
    simple = {
        "partner_id": w.partner.pk,
        "attachment_id": w.attachment.pk,
        "kpi_id": w.kpi.pk,
        "milestone_id": w.milestone.pk,
        "pilot_id": w.pilot.pk,
        "request_id": w.pilot_request.pk,
        "signal_id": w.signal.pk,
        "figure": "challenges-by-stage",
        "token": "not-a-valid-token",
        "uidb64": "MQ",
        "app_label": "accounts",
        "object_id": "1",
        "content_type_id": 1,
        "url": "x",
        "subject": "00000000-0000-0000-0000-000000000001",
    }
    return simple.get(param, "x")


def _pk(name: str, ns: str, w) -> Any:
    if ns == "proposals" or name in ("evaluation_admin:proposal", "evaluation_admin:decide", "pilots:create"):
        return w.p1.pk
    if ns == "qa":
        return w.question.pk
    if name == "calls:criterion-delete":
        return w.challenge.call.criteria.first().pk
    if name == "calls:question-delete":
        return w.q["public"].pk
    if name == "evaluation_admin:assignment-remove":
        return w.assignments["evaluator", "p2"].pk
    if name == "evaluation_admin:criterion-delete":
        return w.criterion.pk
    if name == "evaluation_admin:override":
        return w.score.pk
    if ns == "evaluation":
        return w.assignments["evaluator", "p1"].pk
    if ns == "pilots":
        return w.pilot.pk
    if name == "references:issue":
        return w.reference.pilot_id
    if ns == "references":
        return w.reference.pk
    if name in ("signals:import-detail", "signals:import-resume"):
        return w.signal_import.pk
    if name.startswith("signals:cluster") or name == "backlog:promote-cluster":
        return w.cluster.pk
    if name == "backlog:promote-signal":
        return w.spare_signal.pk
    if ns == "signals":
        return w.signal.pk
    if name in ("backlog:criterion", "backlog:criterion-remove"):
        return w.backlog_criterion.pk
    if ns == "backlog":
        return w.candidate.pk
    return MISSING


# --- requests and outcomes -------------------------------------------------------------------------------------

LOGIN_PATHS = ("/accounts/login/", "/admin/login/")


def outcome(response) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        return "login" if any(p in response.get("Location", "") for p in LOGIN_PATHS) else "ok"
    if 200 <= code < 300:
        return "ok"
    if code in (403, 404):
        return "refused"
    if code in (400, 401, 405):
        return str(code)
    return str(code)


REFUSED = {"refused", "login", "405", "400", "401"}  # 400: a wrong token or input, nothing done


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module; each test runs in its own transaction inside it."""
    with module_world(django_db_blocker) as w:
        yield w


def _clients(world, roles=ROLES):
    from django.test import Client

    clients = {}
    for role in roles:
        c = Client(raise_request_exception=False)
        if role != "anonymous":
            c.force_login(world.people[role])
        clients[role] = c
    return clients


def _check_gets(world, clients, routes) -> list[str]:
    problems = []
    for route in routes:
        row = row_for(route.name)
        assert row is not None
        with translation.override("fi"):
            url = reverse(route.name, kwargs=kwargs_for(route, world)) + row.query
        for role in clients:
            response = clients[role].get(url)
            got = outcome(response)
            if role in FORBIDDEN:  # the leak crawl's markers, on every URL of the URL conf too
                leaked = markers_in(body_of(response), FORBIDDEN[role])
                if leaked:
                    problems.append(f"GET {url} as {role}: shows {', '.join(leaked)} ({route.name})")
            if row.admin_any and role == "admin":
                ok, want = got in REFUSED | {"ok"}, "a page or the admin's refusal"
            elif row.get is None:
                ok = got in REFUSED
                want = "405/refused"
            elif role in row.get:
                ok, want = got == "ok", "ok"
            else:
                ok, want = got in REFUSED, "refused"
            if not ok:
                problems.append(f"GET {url} as {role}: {got}, expected {want} ({route.name})")
    return problems


def _check_posts(world, clients, routes) -> list[str]:
    problems = []
    for route in routes:
        row = row_for(route.name)
        assert row is not None
        allowed = row.post if row.post is not None else (row.get or NOBODY)
        with translation.override("fi"):
            url = reverse(route.name, kwargs=kwargs_for(route, world))
        for role in clients:
            if role in allowed:
                continue
            before = AuditEvent.objects.count()
            response = clients[role].post(url, {})
            got = outcome(response)
            if got == "ok" and response.status_code in (302, 303) and _error_message(response):
                got = "refused"  # sent back with the service's refusal as an error message
            changed = AuditEvent.objects.count() != before
            if changed or not (got in REFUSED or (got == "400")):
                problems.append(f"POST {url} as {role}: {got}{' and changed data' if changed else ''} ({route.name})")
    return problems


def _error_message(response) -> bool:
    """The view answered with a redirect carrying an error message (a service refused the action)."""
    storage = getattr(response.wsgi_request, "_messages", None)
    return storage is not None and any(m.level_tag == "error" for m in storage)


def _routes(admin: bool) -> list[Route]:
    return [r for r in url_routes() if r.name.startswith("admin:") == admin]


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(world, role):
    problems = _check_gets(world, _clients(world, [role]), _routes(admin=False))
    assert not problems, f"{len(problems)} unexpected outcomes:\n  " + "\n  ".join(problems)


def test_post_matrix(world):
    problems = _check_posts(world, _clients(world), _routes(admin=False))
    assert not problems, f"{len(problems)} unexpected outcomes:\n  " + "\n  ".join(problems)


def test_admin_matrix(world):
    """The admin's generated patterns: the platform admin only (GET; a POST by anyone else is refused)."""
    clients = _clients(world)
    routes = _routes(admin=True)
    problems = _check_gets(world, clients, routes) + _check_posts(
        world, {r: c for r, c in clients.items() if r in ("anonymous", "owner", "lead")}, routes
    )
    assert not problems, f"{len(problems)} unexpected outcomes:\n  " + "\n  ".join(problems)


# --- IDOR: the other organisations' objects under one's own parent object ----------------------------------------


def _mixes(w) -> list[tuple[str, str, dict]]:
    """(the namespace prefix or name, who asks, the parent they own): each asker puts an object of theirs
    first in the URL and the world's (Espoo's, the lead company's) child object after it."""
    from haastemoottori.pilots.models import Pilot

    other_pilot = Pilot.objects.create(challenge=w.other_challenge, title={"fi": "Helsingin pilotti"})
    return [
        ("challenge", "other_city", {"slug": w.other_challenge.slug}),
        ("proposals:", "competitor", {"pk": w.p2.pk}),
        ("pilots:", "other_city", {"pk": other_pilot.pk}),
        ("backlog:", "other_city", {"city": "helsinki"}),
    ]


def _mixable(route: Route, kind: str) -> bool:
    ids = [p for p, c in zip(route.params, route.converters, strict=True) if c in ("IntConverter", "UUIDConverter")]
    if kind == "challenge":
        ns = route.name.rpartition(":")[0]
        return "slug" in route.params and bool(ids) and ns in CHALLENGE_SLUG_NAMESPACES
    if kind == "backlog:":
        return route.name.startswith(kind) and "city" in route.params and bool(ids)
    return route.name.startswith(kind) and len(ids) >= 2  # a parent id and a child id


def test_ids_of_other_organisations_objects(world):
    """Every URL that takes an object id under a parent is requested with the asker's own parent and another
    organisation's object: GET and POST are refused and nothing changes."""
    from django.test import Client

    problems, tried = [], 0
    routes = _routes(admin=False)
    for kind, who, parent in _mixes(world):
        client = Client()
        client.force_login(world.people[who])
        for route in routes:
            if not _mixable(route, kind):
                continue
            with translation.override("fi"):
                url = reverse(route.name, kwargs=kwargs_for(route, world, mix=parent))
            tried += 1
            got = outcome(client.get(url))
            if got not in REFUSED:
                problems.append(f"GET {url} as {who}: {got} ({route.name})")
            before = AuditEvent.objects.count()
            response = client.post(url, {})
            got = outcome(response)
            if got == "ok" and response.status_code in (302, 303) and _error_message(response):
                got = "refused"
            if got not in REFUSED or AuditEvent.objects.count() != before:
                problems.append(f"POST {url} as {who}: {got} ({route.name})")
    assert tried > 30, tried  # the mixes reached the URLs that take a child id
    assert not problems, f"{len(problems)} objects reached through another parent:\n  " + "\n  ".join(problems)
