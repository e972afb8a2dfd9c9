"""A person with data in most apps, marked with unique strings, and a colleague with their own data."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.accounts.services import user_update_profile
from haastemoottori.alerts.models import Follow, SavedSearch
from haastemoottori.comments.models import Comment
from haastemoottori.events import services as event_services
from haastemoottori.notifications.models import AlertPreference, Notification
from haastemoottori.organisations.models import Invitation, Membership
from haastemoottori.proposals.tests.conftest import assign, make_proposal, world  # noqa: F401
from haastemoottori.qa.models import Question

Role = Membership.Role


def give_data(w, user, marker: str):
    """Rows of many kinds for ``user``, each text carrying ``marker``."""
    Comment.objects.create(
        challenge=w.challenge,
        author=user,
        text=f"Kommentti {marker}",
        language="fi",
        fingerprint=hashlib.sha256(marker.encode()).hexdigest(),
        created_at=timezone.now(),
    )
    Question.objects.create(challenge=w.challenge, asker=user, text=f"Kysymys {marker}", language="fi")
    Follow.objects.create(user=user, kind=Follow.Kind.CHALLENGE, challenge=w.challenge)
    SavedSearch.objects.create(user=user, name=f"Haku {marker}", query="q=lampo")
    AlertPreference.objects.create(user=user, frequency="weekly")
    Notification.objects.create(user=user, kind="test", language="fi", subject=f"Viesti {marker}")


@pytest.fixture
def person(world):  # noqa: F811
    """Zorblax: a member of the lead company who wrote and submitted a proposal (with a file), the only admin
    of a small company with one other member, invited by e-mail, named in a colleague's notification."""
    w = world
    user = make_user("zorblax.marker@quimby.test", w.lead, Role.MEMBER)
    user_update_profile(actor=user, full_name="Zorblax Quimbyson", preferred_language="fi")
    proposal = make_proposal(w, title="Ehdotus ZORBPROPOSAL", actor=user, submit=True)
    assign(w, proposal)
    give_data(w, user, "ZORBTEXT")
    small = make_org("zorbco", kind="company", name={"fi": "Zorbco Oy"})
    Membership.objects.create(user=user, organisation=small, role=Role.ADMIN)
    heir = make_user("heir@zorbco.test", small, Role.MEMBER)
    Invitation.objects.create(
        organisation=w.lead,
        email=user.email,
        language="fi",
        token_hash="0" * 64,
        expires_at=timezone.now() + timedelta(days=3),
    )
    Notification.objects.create(
        user=w.people["lead_admin"],
        kind="join_request",
        language="fi",
        subject="Zorblax Quimbyson (zorblax.marker@quimby.test) pyytää liittymistä",
        body="Zorblax Quimbyson haluaa liittyä.",
    )
    # One seat: the person has it; the colleague (below) waits for it.
    now = timezone.now()
    event = event_services.event_create(
        actor=w.people["espoo_owner"],
        organiser=w.region.espoo,
        original_language="fi",
        title={"fi": "Infotilaisuus"},
        challenges=[w.challenge],
        kind="info_session",
        starts_at=now + timedelta(days=5),
        ends_at=now + timedelta(days=5, hours=2),
        location="Espoo",
        language="fi",
        capacity=1,
    )
    event_services.registration_create(actor=user, event=event, note="Erikoisruokavalio ZORBTEXT")
    user.refresh_from_db()

    class Person:
        pass

    p = Person()
    p.user, p.proposal, p.small, p.heir, p.w, p.event = user, proposal, small, heir, w, event
    return p


@pytest.fixture
def colleague(person):
    """Another member of the same company with data of their own, marked QWERTYCOLL."""
    user = make_user("qwertycoll@quimby.test", person.w.lead, Role.MEMBER, full_name="Qwerty Collinsworth")
    give_data(person.w, user, "QWERTYCOLL")
    make_proposal(person.w, title="Ehdotus QWERTYPROPOSAL", actor=user)
    event_services.registration_create(actor=user, event=person.event, note="QWERTYCOLL")  # waitlisted
    return user
