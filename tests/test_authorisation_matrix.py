"""The authorisation matrix, generated from the URL conf (issue 19).

Every URL pattern (pages, the API's routes, exports, feeds, downloads, the admin) is requested as every role
(``authz_world.ROLES``) with GET, and with POST by every role that may not act there; the outcome must be the one
the declarative ``TABLE`` below gives (keyed by URL name). A pattern without a row fails the test with the list of
the missing names. Objects of other organisations are tried in every URL that takes an id (IDOR): the world's
objects belong to Espoo's challenge and the lead company, and the other city, the unrelated company and the
competitor reach them with their own parent object in the URL (``test_ids_of_other_organisations_objects``).

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

from .authz_world import FORBIDDEN, ROLES, body_of, markers_in, module_world

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("authz-matrix"), pytest.mark.whole_platform]

# --- the roles, in groups -------------------------------------------------------------------------------------

EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
SIGNED_IN = EVERYONE - {"anonymous", "unverified"}  # the unverified registrant cannot sign in
ADMIN = frozenset({"admin"})
OWNERS = frozenset({"owner", "co_owner", "admin"})  # editors in the challenge's owner organisations
# Any member of an owner organisation: the recused evaluator is a member of co-owner Vantaa; the pages
# they reach leave out the proposals they are recused from (evaluation/tests/test_recusal_access.py).
OWNER_MEMBERS = OWNERS | {"recused"}
LEAD_OWNER = frozenset({"owner", "admin"})
CITY_EDITORS = frozenset({"owner", "co_owner", "other_city", "admin"})  # an editor in some city
CITY_MEMBERS = CITY_EDITORS | {"recused"}  # any member of some city
APPLICANTS = frozenset({"lead", "partner"})
PROPOSAL_READERS = OWNERS | APPLICANTS | {"evaluator"}  # the recused evaluator is not one
COMPANY_MEMBERS = frozenset({"unrelated", "lead", "partner"})
ESPOO_STAFF = frozenset({"owner", "admin"})


@dataclass(frozen=True)
class Row:
    """``get``: the roles whose GET succeeds (``None``: the route takes POST only, a GET gets 405 or a refusal).
    ``post``: the roles that may POST there (``None``: not an action; a POST is then checked only for the roles
    not in ``get``). ``any_get``: a token route: whatever the role, a GET with a wrong token must not succeed."""

    get: frozenset[str] | None
    post: frozenset[str] | None = None
    note: str = ""
    query: str = ""
    admin_any: bool = False  # the admin's own pages: the platform admin gets a page or the admin's own refusal


POST_ONLY = None


def page(roles, post=None, note="", query=""):
    return Row(frozenset(roles), None if post is None else frozenset(post), note, query)


def action(roles, note=""):
    return Row(None, frozenset(roles), note)


PUBLIC = page(EVERYONE)
TOKEN = Row(NOBODY, None, "a wrong token: refused for everyone")

# --- the table: one row per URL name ----------------------------------------------------------------------------

TABLE: dict[str, Row] = {
    # outside the language prefix
    "healthz": PUBLIC,
    "robots": PUBLIC,
    "sitemap": PUBLIC,
    "set_language": page(EVERYONE, post=EVERYONE, note="changes the session's language only"),
    # site and accounts
    "site:home": PUBLIC,
    "site:accessibility": PUBLIC,
    "site:privacy": PUBLIC,
    "accounts:login": page(EVERYONE, post=EVERYONE, note="signing in is open to all"),
    "accounts:logout": action(EVERYONE),
    "accounts:profile": page(SIGNED_IN, post=SIGNED_IN),
    "accounts:password_reset": page(EVERYONE, post=EVERYONE),
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": page(EVERYONE, note="an invalid link page for a wrong token"),
    "accounts:password_reset_complete": PUBLIC,
    # the second factor (accounts/tests/test_second_factor.py): one's own devices, for anyone signed in
    "accounts:security": page(SIGNED_IN),
    "accounts:security_totp": page(SIGNED_IN, post=SIGNED_IN),
    "accounts:security_verify": page(SIGNED_IN, post=SIGNED_IN, note="without a device: sent to set one up"),
    "accounts:security_recovery_codes": action(SIGNED_IN, note="needs a fresh second factor"),
    "accounts:security_remove": action(SIGNED_IN, note="needs a fresh second factor"),
    "otp_webauthn:credential-registration-begin": action(SIGNED_IN, note="one's own passkey (JSON ceremony)"),
    "otp_webauthn:credential-registration-complete": action(SIGNED_IN, note="one's own passkey (JSON ceremony)"),
    "otp_webauthn:credential-authentication-begin": action(SIGNED_IN, note="the second step of one's own sign-in"),
    "otp_webauthn:credential-authentication-complete": action(SIGNED_IN, note="the second step of one's own sign-in"),
    "otp_webauthn:js-i18n-catalog": PUBLIC,
    # personal data rights (privacy/tests): one's own data only
    "privacy:my_data": page(SIGNED_IN, post=SIGNED_IN),
    "privacy:delete_account": page(SIGNED_IN, post=SIGNED_IN, note="needs the password: nothing is deleted here"),
    "gdpr_api:profile": Row(
        NOBODY, NOBODY, "off unless the GDPR API is enabled; tokens: privacy/tests/test_gdpr_api.py"
    ),
    # city sign-in (sso/tests): the world has no provider, so every start and callback goes back to the login page
    "sso:start": Row(NOBODY, None, "no provider with this slug"),
    "sso_callback:callback": Row(NOBODY, None, "no provider with this slug"),
    "signup:signup": page(EVERYONE, post=EVERYONE),
    "signup:verify": TOKEN,
    "signup:invitation": TOKEN,
    # challenges
    "challenges:list": PUBLIC,
    "challenges:workspace": page(SIGNED_IN),
    "challenges:create": page(CITY_EDITORS, post=CITY_EDITORS),
    "challenges:detail": PUBLIC,
    "challenges:manage": page(OWNER_MEMBERS),
    "challenges:edit": page(OWNERS, post=OWNERS),
    "challenges:readiness": action(OWNERS),
    "challenges:approve": action(OWNERS),
    "challenges:owner-add": action(LEAD_OWNER),
    "challenges:transition": action(LEAD_OWNER),
    # Q&A
    "qa:log": PUBLIC,
    "qa:ask": action(SIGNED_IN),
    "qa:export-csv": PUBLIC,
    "qa:export-json": PUBLIC,
    "qa:manage": page(OWNER_MEMBERS),
    "qa:clarify": action(OWNERS),
    "qa:deadline": action(OWNERS),
    "qa:publish": action(OWNERS),
    "qa:merge": action(OWNERS),
    "qa:decline": action(OWNERS),
    # comments
    "comments:list": PUBLIC,
    "comments:moderation": page(OWNER_MEMBERS),
    "comments:export": page(OWNER_MEMBERS),
    "comments:report": action(SIGNED_IN),
    "comments:take-into-account": action(OWNERS),
    "comments:undo-taken": action(OWNERS),
    "comments:hide": action(OWNERS),
    "comments:unhide": action(OWNERS),
    "comments:resolve": action(OWNERS),
    # the call and the proposals
    "calls:detail": PUBLIC,
    "calls:configure": page(OWNERS, post=OWNERS),
    "calls:criterion-add": action(OWNERS),
    "calls:criterion-delete": action(OWNERS),
    "calls:question-add": action(OWNERS),
    "calls:question-delete": action(OWNERS),
    "calls:start": page(SIGNED_IN, post=NOBODY, note="the closed call's page; starting is refused"),
    "calls:proposals": page(OWNER_MEMBERS),
    "calls:export": page(OWNER_MEMBERS),
    "calls:summaries": PUBLIC,
    "proposals:mine": page(SIGNED_IN),
    "proposals:detail": page(PROPOSAL_READERS),
    "proposals:edit": page(PROPOSAL_READERS, post=NOBODY, note="submitted: a redirect to the proposal"),
    "proposals:submit": action({"lead"}),
    "proposals:withdraw": action({"lead"}),
    "proposals:partner-add": action({"lead"}),
    "proposals:partner": page(NOBODY, post=NOBODY, note="only the partner's admins answer (not a role here)"),
    "proposals:partner-remove": action({"lead"}),
    "proposals:attachment-upload": action({"lead"}),
    "proposals:attachment": page(PROPOSAL_READERS),
    "proposals:attachment-delete": action({"lead"}),
    # evaluation
    "evaluation_admin:overview": page(OWNER_MEMBERS),
    "evaluation_admin:assign": action(OWNERS),
    "evaluation_admin:assignment-remove": action(OWNERS),
    "evaluation_admin:form": page(OWNERS, post=OWNERS),
    "evaluation_admin:prefill": action(OWNERS),
    "evaluation_admin:criterion-delete": action(OWNERS),
    "evaluation_admin:results": page(OWNER_MEMBERS),
    "evaluation_admin:export": page(OWNER_MEMBERS),
    "evaluation_admin:proposal": page(OWNERS, note="the recused member: 404 on the proposal they are recused from"),
    "evaluation_admin:decide": action(OWNERS),
    "evaluation_admin:override": action(LEAD_OWNER),
    "evaluation_admin:feedback": action(OWNERS),
    "evaluation_admin:record": page(OWNER_MEMBERS),
    "evaluation:mine": page(SIGNED_IN),
    "evaluation:relationships": page(SIGNED_IN, post=SIGNED_IN),
    "evaluation:assignment": page({"evaluator"}, post={"evaluator"}),
    "evaluation:declare": action({"evaluator"}),
    # procurement
    "procurement:detail": PUBLIC,
    "procurement:ocds": page(NOBODY, note="no procurement path in the world yet: 404"),
    "procurement:edit": page(OWNERS, post=OWNERS),
    "procurement:notice-add": action(OWNERS),
    "procurement:notice-remove": action(OWNERS),
    "procurement:award-add": action(OWNERS),
    "procurement:award-edit": page(NOBODY, post=OWNERS, note="no award in the world: 404"),
    "procurement:award-delete": action(OWNERS),
    "procurement:contract-add": action(OWNERS),
    "procurement:contract-edit": page(NOBODY, post=OWNERS, note="no contract in the world: 404"),
    "procurement:contract-delete": action(OWNERS),
    # events
    "events:list": PUBLIC,
    "events:my": page(SIGNED_IN),
    "events:my-feed": TOKEN,
    "events:my-feed-renew": action(SIGNED_IN, note="renews one's own calendar address"),
    "events:create": page(CITY_EDITORS, post=CITY_EDITORS),
    "events:challenge-feed": PUBLIC,
    "events:organisation-feed": PUBLIC,
    "events:ics": PUBLIC,
    "events:detail": PUBLIC,
    "events:register": action(SIGNED_IN),
    "events:unregister": action(SIGNED_IN),
    "events:edit": page(ESPOO_STAFF, post=ESPOO_STAFF),
    "events:cancel": action(ESPOO_STAFF),
    "events:participants": page(ESPOO_STAFF),
    "events:participants-csv": page(ESPOO_STAFF),
    # pilots
    "pilots:list": PUBLIC,
    "pilots:detail": PUBLIC,
    "pilots:adopt": page({"other_city"}, post={"other_city"}, note="another city adopts"),
    "pilots:challenge": page(OWNERS),
    "pilots:create": page(OWNERS, post=OWNERS),
    "pilots:edit": page(OWNERS, post=OWNERS),
    "pilots:manage": page(OWNERS),
    "pilots:kpi-add": action(OWNERS),
    "pilots:kpi-edit": page(OWNERS, post=OWNERS),
    "pilots:kpi-delete": page(OWNERS, post=OWNERS, note="a confirmation page"),
    "pilots:measurement-add": action(OWNERS),
    "pilots:milestone-add": action(OWNERS),
    "pilots:milestone-done": action(OWNERS),
    "pilots:milestone-edit": page(OWNERS, post=OWNERS),
    "pilots:milestone-delete": page(OWNERS, post=OWNERS, note="a confirmation page"),
    "pilots:check-in": page(OWNERS, post=OWNERS),
    "pilots:results": page(OWNERS, post=OWNERS),
    # impact
    "impact:dashboard": PUBLIC,
    "impact:staff": page(CITY_MEMBERS),
    "impact:workbook": PUBLIC,
    "impact:figure-csv": PUBLIC,
    "impact:figure-xlsx": PUBLIC,
    # signals, the backlog and foresight
    "signals:list": page(CITY_MEMBERS),
    "signals:create": page(CITY_MEMBERS, post=CITY_MEMBERS),
    "signals:detail": page(CITY_MEMBERS),
    "signals:edit": page(ESPOO_STAFF, post=ESPOO_STAFF),
    "signals:moderation": page(CITY_EDITORS),
    "signals:moderate": action(ESPOO_STAFF),
    "signals:imports": page(CITY_EDITORS, post=CITY_EDITORS),
    "signals:import-detail": page(ESPOO_STAFF),
    "signals:import-resume": action(ESPOO_STAFF),
    "signals:suggest": page(EVERYONE, post=EVERYONE),
    "signals:mine": page(SIGNED_IN),
    "signals:cluster-list": page(CITY_MEMBERS),
    "signals:cluster-detail": page(CITY_MEMBERS),
    "signals:cluster-rename": action(CITY_EDITORS),
    "signals:cluster-merge": action(CITY_EDITORS),
    "signals:cluster-signals": action(CITY_EDITORS),
    "backlog:index": page(CITY_MEMBERS),
    "backlog:promote-cluster": page(CITY_EDITORS, post=CITY_EDITORS),
    "backlog:promote-signal": page(CITY_EDITORS, post=CITY_EDITORS),
    "backlog:candidate": page(ESPOO_STAFF, post=ESPOO_STAFF),
    "backlog:candidate-publish": action(ESPOO_STAFF),
    "backlog:candidate-unpublish": action(ESPOO_STAFF),
    "backlog:city": page(ESPOO_STAFF),
    "backlog:criteria": page(ESPOO_STAFF, post=ESPOO_STAFF),
    "backlog:criteria-recommended": action(ESPOO_STAFF),
    "backlog:criterion": page(ESPOO_STAFF, post=ESPOO_STAFF),
    "backlog:criterion-remove": action(ESPOO_STAFF),
    "backlog:pairwise": page({"owner"}, post={"owner"}, note="the city's own members"),
    "backlog:score": page({"owner"}, post={"owner"}, note="the city's own members"),
    "foresight:index": PUBLIC,
    "foresight:feed": PUBLIC,
    # notifications and alerts
    "notifications:inbox": page(SIGNED_IN),
    "notifications:mark-read": action(NOBODY, note="no notification with this id is anyone's"),
    "notifications:mark-all-read": action(SIGNED_IN),
    "notifications:settings": page(SIGNED_IN, post=SIGNED_IN),
    "notifications:unsubscribe": TOKEN,
    "alerts:settings": page(SIGNED_IN, post=SIGNED_IN),
    "alerts:unfollow": action(NOBODY, note="no follow with this id is anyone's"),
    "alerts:follow-challenge": action(SIGNED_IN),
    "alerts:follow-theme": action(SIGNED_IN),
    "alerts:follow-organisation": action(SIGNED_IN),
    "alerts:search-save": page(SIGNED_IN, post=SIGNED_IN, query="?theme=sdg-11"),
    "alerts:unsubscribe": TOKEN,
    "alerts:feed-theme": PUBLIC,
    "alerts:feed-organisation": PUBLIC,
    "alerts:feed-search": TOKEN,
    # organisations and platforms (the slug is the lead company's)
    "organisations:list": PUBLIC,
    "organisations:detail": PUBLIC,
    "organisations:team": page({"lead", "admin"}),
    "organisations:invite": action(ADMIN),
    "organisations:invitation-revoke": action(ADMIN),
    "organisations:join-request-decide": action(ADMIN),
    # the platform staff's verification queue (organisations/tests/test_verification.py)
    "organisations:verification": page(ADMIN),
    "organisations:verification-decide": action(ADMIN),
    "organisations:dispute-decide": action(ADMIN, note="no open claim in the world: refused for everyone"),
    "organisations:suomifi-start": Row(NOBODY, NOBODY, "off unless HAASTEMOOTTORI_SUOMIFI_MANDATES (test_suomifi.py)"),
    "organisations:suomifi-callback": Row(NOBODY, None, "off unless HAASTEMOOTTORI_SUOMIFI_MANDATES (test_suomifi.py)"),
    "organisations:profile": page(ADMIN, post=ADMIN),
    "organisations:reference-create": page(ADMIN, post=ADMIN),
    "organisations:reference-edit": page(NOBODY, post=ADMIN, note="no reference in the world: 404"),
    "organisations:reference-delete": action(ADMIN),
    "platforms:list": PUBLIC,
    "platforms:detail": PUBLIC,
    # search and discovery
    "search:search": PUBLIC,
    "search:solver-suggestions": page(OWNER_MEMBERS),
    "search:similar-preview": action(OWNERS),
    "search:challenge-suggestions": page({"lead", "admin"}),
    "search:feedback": action(SIGNED_IN),
}

# The API (django-ninja): read-only and public; a POST is not a method of any of its routes.
API_PUBLIC = {
    "openapi-json",
    "openapi-view",
    "api-root",
    "list_challenges",
    "get_challenge",
    "list_organisations",
    "get_organisation",
    "list_platforms",
    "get_platform",
    "list_themes",
    "list_languages",
    "search",
    "suggested_solvers",
    "suggested_challenges",
    "list_questions",
    "list_comments",
    "list_events",
    "get_event",
    "get_call",
    "list_proposal_summaries",
    "list_decisions",
    "list_pilots",
    "get_pilot",
    "get_ocds_package",
    "list_signals",
    "get_signal",
    "list_published",
    "city_ranking",
}


def _api_namespace() -> str:
    from haastemoottori.api.api import api

    return api.urls_namespace


API_ROWS = {
    "openapi-json": page(EVERYONE, post=EVERYONE, note="the schema, whatever the method; nothing to change"),
    "openapi-view": page(EVERYONE, post=EVERYONE, note="the interactive docs page, whatever the method"),
    "api-root": page(NOBODY, post=NOBODY, note="no view at the API's root: 404"),
    "search": page(EVERYONE, post=NOBODY, query="?q=l%C3%A4mp%C3%B6"),
    "city_ranking": page(ESPOO_STAFF, post=NOBODY, note="the city's own ranking: its staff"),
    "list_signals": page(CITY_MEMBERS, post=NOBODY, note="signals are the cities' own (401 anonymous)"),
    "get_signal": page(CITY_MEMBERS, post=NOBODY),
    "get_ocds_package": page(NOBODY, post=NOBODY, note="no procurement path in the world yet: 404"),
}
for _name in API_PUBLIC:
    TABLE[f"{_api_namespace()}:{_name}"] = API_ROWS.get(_name, page(EVERYONE, post=NOBODY))

# The admin: the platform admin only; everyone else is sent to the admin's login page. Its own login page is
# open, and so is its logout (which ends one's own session only).
ADMIN_OPEN = {
    "admin:login": page(EVERYONE, post=EVERYONE),
    "admin:logout": Row(EVERYONE, EVERYONE, "ends one's own session (staff: POST only)", admin_any=True),
}


def row_for(name: str) -> Row | None:
    if name in TABLE:
        return TABLE[name]
    if name.startswith("admin:"):
        return ADMIN_OPEN.get(name, Row(ADMIN, ADMIN, "the admin's own permission per model", admin_any=True))
    return None


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
    assert not missing, "URL patterns without a row in tests/test_authorisation_matrix.py TABLE:\n  " + "\n  ".join(
        missing
    )
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
        if ns == "platforms":
            return "testikyla"
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
