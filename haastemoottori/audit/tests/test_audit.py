"""Every create, edit, approval and transition is recorded with who, when, fields, old and new values."""

import pytest

from conftest import publishable
from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges import services


def test_create_edit_approve_transition_are_all_audited(region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = make_challenge()
    created = AuditEvent.objects.for_object(challenge).get(action="created")
    assert created.actor == owner and created.actor_label == owner.email
    assert created.changes["title"]["new"]["fi"] == "Hiilineutraali lämmitys"
    assert created.changes["budget_max"] == {"old": None, "new": 50000}

    services.challenge_update(actor=owner, challenge=challenge, budget_max=70000, summary={"fi": "Uusi tiivistelmä"})
    edit = AuditEvent.objects.for_object(challenge).filter(action="updated").first()
    assert edit.changes["budget_max"] == {"old": 50000, "new": 70000}
    assert edit.changes["summary"]["old"]["fi"] == "Tiivistelmä"
    assert edit.changes["summary"]["new"] == {"fi": "Uusi tiivistelmä"}
    assert not edit.is_public  # a draft's edits are not public

    services.challenge_set_indicators(
        actor=owner,
        challenge=challenge,
        indicators=[{"name": {"fi": "Päästöt"}, "unit": "t CO2e", "baseline": "100", "target": "60"}],
    )
    ind = AuditEvent.objects.for_object(challenge).filter(action="updated").first()
    assert ind.changes["indicators"]["new"][0]["target"] == "60"

    challenge = publishable(challenge, region)
    assert AuditEvent.objects.for_object(challenge).filter(action="approved").exists()
    services.challenge_transition(actor=owner, challenge=challenge, target="co_definition")
    moved = AuditEvent.objects.for_object(challenge).filter(action="transitioned").first()
    assert moved.changes["stage"] == {"old": "in_review", "new": "co_definition"}
    assert moved.is_public


def test_public_history_shows_only_public_events(region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = publishable(make_challenge(), region)
    challenge = services.challenge_transition(actor=owner, challenge=challenge, target="co_definition")
    services.challenge_update(actor=owner, challenge=challenge, constraints={"fi": "Uudet rajoitteet"})
    public = list(AuditEvent.objects.for_object(challenge).public().values_list("action", flat=True))
    assert public == ["updated", "transitioned"]
    assert AuditEvent.objects.for_object(challenge).count() > len(public)


def test_audit_events_are_append_only(region, make_challenge):
    event = AuditEvent.objects.for_object(make_challenge()).first()
    event.action = "tampered"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().update(action="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


def test_membership_changes_are_audited(region):
    from haastemoottori.organisations.services import membership_set

    membership_set(
        actor=region.people["espoo_admin"], organisation=region.espoo, user=region.people["outsider"], role="evaluator"
    )
    event = AuditEvent.objects.for_object(region.espoo).get(action="member_added")
    assert event.data["user"] == "someone@example.test"
    membership_set(
        actor=region.people["espoo_admin"],
        organisation=region.espoo,
        user=region.people["outsider"],
        role="challenge_owner",
    )
    changed = AuditEvent.objects.for_object(region.espoo).get(action="member_changed")
    assert changed.changes["role"] == {"old": "evaluator", "new": "challenge_owner"}
