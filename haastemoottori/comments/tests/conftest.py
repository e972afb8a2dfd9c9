import pytest

from conftest import make_org, make_user, publishable
from haastemoottori.challenges import services as challenge_services
from haastemoottori.comments import services

ROLES = [
    "anonymous",
    "outsider",
    "company_admin",
    "other_company_member",
    "espoo_member",
    "espoo_evaluator",
    "espoo_owner",
    "espoo_admin",
    "vantaa_owner",
    "vantaa_member",
    "helsinki_owner",
    "platform_admin",
]


@pytest.fixture
def people(region):
    other = make_org("toinenyritys", kind="company", name={"fi": "Toinen Oy"})
    return {
        **region.people,
        "other_company_member": make_user("member@other.test", other, "member", full_name="Olli Muu"),
    }


def as_user(people, role):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if role == "anonymous" else people[role]


@pytest.fixture
def codef(region, make_challenge):
    """Espoo leads, Vantaa co-owns, Helsinki contributes; in co-definition."""
    owner = region.people["espoo_owner"]
    challenge = publishable(make_challenge(), region)
    challenge_services.challenge_add_owner(
        actor=owner, challenge=challenge, organisation=region.vantaa, role="co_owner"
    )
    challenge_services.challenge_add_owner(
        actor=owner, challenge=challenge, organisation=region.helsinki, role="contributor"
    )
    challenge_services.challenge_approve(
        actor=region.people["vantaa_owner"], challenge=challenge, organisation=region.vantaa
    )
    return challenge_services.challenge_transition(actor=owner, challenge=challenge, target="co_definition")


@pytest.fixture
def draft(region, make_challenge):
    return make_challenge(title={"fi": "Luonnos"})


@pytest.fixture
def comment(region, codef):
    author = region.people["company_admin"]
    author.full_name = "Aino Yrittäjä"
    author.save()
    return services.comment_create(
        actor=author,
        challenge=codef,
        section="constraints",
        text="Talvella laitteet jäätyvät.",
        language="fi",
        organisation=region.company,
    )
