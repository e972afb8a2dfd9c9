"""Every role on every proposal and call page (table-driven): 200, 302 (sign in / redirect), 403 or 404."""

import pytest

from conftest import make_org, make_user
from haastemoottori.organisations.models import Membership
from haastemoottori.proposals import services

from .conftest import assign, make_proposal

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "lead_member",
    "other_company",
    "invited_partner",
    "confirmed_partner",
    "owner_contributor",
    "owner_editor",
    "evaluator",
    "evaluator_like",
    "platform_admin",
]
PERSON = {
    "resident": "outsider",
    "confirmed_partner": "partner_member",
    "owner_contributor": "espoo_member",
    "owner_editor": "espoo_owner",
    "invited_partner": "invited_admin",
}


def _expect(ok: set, *, default: int = 404, anonymous: int = 302, ok_status: int = 200, others: dict | None = None):
    table = {role: (ok_status if role in ok else default) for role in ROLES}
    table["anonymous"] = anonymous
    table.update(others or {})
    return table


SUB_VIEWERS = {"lead_member", "confirmed_partner", "owner_contributor", "owner_editor", "evaluator", "platform_admin"}
OWNERS = {"owner_contributor", "owner_editor", "platform_admin"}
SOLVERS = {"lead_member", "other_company", "invited_partner", "confirmed_partner"}
EVERYONE = set(ROLES)

PAGES = [
    ("detail submitted", "/fi/proposals/{sub}/", _expect(SUB_VIEWERS)),
    # An invited partner gets the invitation page (what they are asked to join, no answers), not a 404.
    ("detail draft", "/fi/proposals/{draft}/", _expect({"lead_member", "platform_admin", "invited_partner"})),
    ("edit draft", "/fi/proposals/{draft}/edit/", _expect({"lead_member"}, others={"platform_admin": 302})),
    ("edit submitted", "/fi/proposals/{sub}/edit/", _expect(set(), others={r: 302 for r in SUB_VIEWERS})),
    ("partner page", "/fi/proposals/{draft}/partners/{invited}/", _expect({"invited_partner"})),
    ("download", "/fi/proposals/{sub}/attachments/{attachment}/", _expect(SUB_VIEWERS)),
    ("mine", "/fi/proposals/", _expect(EVERYONE)),
    ("call", "/fi/challenges/{slug}/call/", _expect(EVERYONE, anonymous=200)),
    ("summaries", "/fi/challenges/{slug}/call/summaries/", _expect(EVERYONE, anonymous=200)),
    ("configure", "/fi/challenges/{slug}/call/configure/", _expect({"owner_editor", "platform_admin"}, default=403)),
    ("start", "/fi/challenges/{slug}/call/start/", _expect(SOLVERS, default=403)),
    ("owner list", "/fi/challenges/{slug}/call/proposals/", _expect(OWNERS)),
    ("export", "/fi/challenges/{slug}/call/proposals.csv", _expect(OWNERS)),
]


@pytest.fixture
def setup(world):
    invited_org = make_org("kutsuttu", kind="research", name={"fi": "Tutkimuslaitos"}, business_id="0245437-2")
    world.people["invited_admin"] = make_user("admin@kutsuttu.test", invited_org, Membership.Role.ADMIN)
    sub = make_proposal(world, partner=world.partner_org, submit=True)
    draft = make_proposal(world, title="Luonnos")
    invited = services.partner_invite(actor=world.people["lead_member"], proposal=draft, business_id="0245437-2")
    assign(world, sub)
    return {
        "sub": sub.pk,
        "draft": draft.pk,
        "invited": invited.pk,
        "attachment": sub.attachments.get().pk,
        "slug": world.challenge.slug,
    }


@pytest.mark.parametrize("name,url,expected", PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("role", ROLES)
def test_every_role_on_every_page(client, world, setup, name, url, expected, role, django_assert_max_num_queries):
    if role != "anonymous":
        client.force_login(world.people[PERSON.get(role, role)])
    with django_assert_max_num_queries(25 if role != "anonymous" else 10):
        response = client.get(url.format(**setup))
    assert response.status_code == expected[role], (name, role)


@pytest.mark.parametrize("role", ROLES)
def test_post_actions_refused_for_everyone_but_the_lead(client, world, setup, role):
    if role in ("lead_member", "platform_admin"):
        return
    if role != "anonymous":
        client.force_login(world.people[PERSON.get(role, role)])
    draft = setup["draft"]
    client.post(f"/fi/proposals/{draft}/edit/", {"version": 1, "title": "Kaapattu"})
    client.post(f"/fi/proposals/{draft}/partners/", {"business_id": "2464491-9"})
    from haastemoottori.proposals.models import Proposal

    p = Proposal.objects.get(pk=draft)
    assert p.title == "Luonnos" and p.partners.count() == 1
