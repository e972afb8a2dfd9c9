"""Capacity holds when people register at the same moment (PostgreSQL: the event row is locked)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from conftest import make_org, make_user
from haastemoottori.challenges.models import Challenge, ChallengeOwnership
from haastemoottori.events import services
from haastemoottori.events.models import Event, Registration

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers anyway"),
]


def test_only_capacity_people_get_a_seat_when_registering_at_once():
    espoo = make_org("espoo")
    challenge = Challenge.objects.create(
        slug="haaste",
        original_language="fi",
        title={"fi": "Haaste"},
        published_at=timezone.now(),
        stage="co_definition",
    )
    ChallengeOwnership.objects.create(challenge=challenge, organisation=espoo, role="lead")
    start = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        slug="tyopaja",
        organiser=espoo,
        kind="workshop",
        original_language="fi",
        title={"fi": "Työpaja"},
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location="Espoo",
        language="fi",
        capacity=3,
    )
    people = [make_user(f"p{n}@example.test") for n in range(8)]
    barrier = threading.Barrier(len(people))
    errors = []

    def register(person):
        try:
            barrier.wait()
            services.registration_create(actor=person, event=event)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Registration.objects.filter(status="registered").count() == 3
    assert Registration.objects.filter(status="waitlisted").count() == 5
