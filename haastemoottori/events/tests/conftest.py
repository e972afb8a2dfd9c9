from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_user, publishable
from haastemoottori.challenges import services as challenge_services
from haastemoottori.events import services
from haastemoottori.organisations.models import Membership


@pytest.fixture
def public_challenge(region, make_challenge):
    challenge = publishable(make_challenge(), region)
    return challenge_services.challenge_transition(
        actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
    )


@pytest.fixture
def make_event(region, public_challenge):
    def _make(*, actor=None, organiser=None, challenges=None, days=7, **extra):
        start = extra.pop("starts_at", None) or timezone.now() + timedelta(days=days)
        title = extra.pop("title", None) or {"fi": "Työpaja", "sv": "Verkstad", "en": "Workshop"}
        values = {
            "kind": "workshop",
            "description": {"fi": "Yhteiskehittämistä.", "sv": "Samutveckling.", "en": "Co-creation."},
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "location": "Kamreerintie 2, Espoo",
            "language": "fi",
            "capacity": 2,
            **extra,
        }
        return services.event_create(
            actor=actor or region.people["espoo_owner"],
            organiser=organiser or region.espoo,
            original_language="fi",
            challenges=[public_challenge] if challenges is None else challenges,
            title=title,
            **values,
        )

    return _make


@pytest.fixture
def company_people(region):
    """Members of the company (an admin exists in region) and of another company."""
    from conftest import make_org

    other = make_org("toinenyritys", kind="company", name={"fi": "Toinen Oy"}, business_id="1572860-0")
    return {
        "company_member": make_user("member@company.test", region.company, Membership.Role.MEMBER),
        "other_company": make_user("admin@other.test", other, Membership.Role.ADMIN),
    }
