"""The declarative table of the authorisation matrix (tests/test_authorisation_matrix.py): which roles of
``authz_world.ROLES`` may GET and POST each URL, keyed by URL name. A URL pattern without a row fails the matrix."""

from __future__ import annotations

from dataclasses import dataclass

from .authz_world import ROLES

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
# Members of a verified company may ask to pilot on a platform (the superuser has every permission).
REQUESTERS = COMPANY_MEMBERS | {"competitor", "admin"}


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
    "procurement:notice-import": action(OWNERS),
    "procurement:notice-hilma": action(OWNERS, note="Hilma is off in the world: owners get the form back (400)"),
    "procurement:consultation-notice": page(OWNERS, note="no CPV codes in the world: owners are sent to the edit page"),
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
    # pilot requests on Espoo's Testikylä (pilots/tests/test_requests.py): the lead company asked, Espoo approved
    "pilots:request-create": page(REQUESTERS, post=REQUESTERS, note="a member of a verified company"),
    "pilots:platform-calendar": PUBLIC,
    "pilots:platform-feed": PUBLIC,
    "pilots:requests": page(SIGNED_IN, note="one's own organisations' requests"),
    "pilots:request-detail": page({"lead", "owner", "admin"}, note="the requester's members, Espoo's staff"),
    "pilots:request-ask": action(ESPOO_STAFF),
    "pilots:request-approve": action(ESPOO_STAFF),
    "pilots:request-decline": action(ESPOO_STAFF),
    "pilots:request-answer": action({"lead", "admin"}),
    "pilots:request-withdraw": action({"lead", "admin"}),
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
    # signed pilot references (references/tests/test_references.py): the world's reference is the lead company's,
    # issued by Espoo, not shown on the profile; whoever has its id may verify it
    "credentials:jwks": PUBLIC,
    "credentials:status-list": page(EVERYONE, note="the signed revocation list the verifiers read"),
    "references:issue": page(LEAD_OWNER, post=LEAD_OWNER, note="the lead owner city issues"),
    "references:detail": page({"lead", "owner", "admin"}),
    "references:download-jwt": page({"lead", "owner", "admin"}),
    "references:download-json": page({"lead", "owner", "admin"}),
    "references:print": page({"lead", "owner", "admin"}),
    "references:revoke": page(LEAD_OWNER, post=LEAD_OWNER),
    "references:visibility": action(ADMIN, note="the holder's admins (none of these roles) and the platform admin"),
    "references:verify": page(EVERYONE, post=EVERYONE, note="anyone verifies; nothing changes"),
    "references:verify-reference": PUBLIC,
    "search:search": PUBLIC,
    "search:solver-suggestions": page(OWNER_MEMBERS),
    "search:similar-preview": action(OWNERS),
    "search:challenge-suggestions": page({"lead", "admin"}),
    "search:feedback": action(SIGNED_IN),
    "search:feedback-export": page(ADMIN),
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
    "verify_reference",
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
    "verify_reference": action(EVERYONE, note="anyone verifies a reference (POST only); nothing changes"),
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
