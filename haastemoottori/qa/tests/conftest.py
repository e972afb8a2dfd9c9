import pytest

from conftest import make_org, make_user, publishable
from haastemoottori.challenges import services as challenge_services
from haastemoottori.organisations.models import Membership


@pytest.fixture
def people(region):
    """Every role the Q&A knows: anonymous is the test client without a login."""
    other = make_org("toinenyritys", kind="company", name={"fi": "Toinen Yritys Oy"})
    return {
        **region.people,
        "other_company": make_user("member@other.test", other, Membership.Role.MEMBER),
        "researcher": make_user("researcher@uni.test", make_org("yliopisto", kind="research"), Membership.Role.MEMBER),
    }


@pytest.fixture
def challenge(region, make_challenge, people):
    """A challenge in its open call (Espoo leads; Vantaa co-owns) with the deadline 30 days away."""
    owner = region.people["espoo_owner"]
    draft = make_challenge(title={"fi": "Hiilineutraali lämmitys", "en": "Carbon-neutral heating"})
    challenge_services.challenge_add_owner(actor=owner, challenge=draft, organisation=region.vantaa, role="co_owner")
    challenge = publishable(draft, region)
    challenge_services.challenge_approve(
        actor=region.people["vantaa_owner"], challenge=challenge, organisation=region.vantaa
    )
    return challenge_services.challenge_transition(actor=owner, challenge=challenge, target="open_call")


def ask(challenge, user, text="Saako tarjouksen jättää englanniksi?", **kwargs):
    from haastemoottori.qa import services

    return services.question_ask(
        actor=user, challenge=challenge, text=text, language=kwargs.pop("language", "fi"), **kwargs
    )


def answer(question, actor, text="Kyllä saa.", public_text=None):
    from haastemoottori.qa import services

    return services.question_publish(
        actor=actor,
        question=question,
        public_text=public_text or question.public_text,
        answer={"fi": text},
        original_language="fi",
    )
