"""Every valid transition, every refused one, and that a refusal changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from conftest import publishable
from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges import services
from haastemoottori.challenges.lifecycle import TRANSITIONS, Stage, get_transition
from haastemoottori.challenges.models import Challenge, StageChange
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied

# The shortest path from draft to each stage, used to bring a challenge to a transition's source.
PATH_TO = {
    Stage.DRAFT: [],
    Stage.IN_REVIEW: ["in_review"],
    Stage.CO_DEFINITION: ["in_review", "co_definition"],
    Stage.OPEN_CALL: ["in_review", "co_definition", "open_call"],
    Stage.EVALUATION: ["in_review", "co_definition", "open_call", "evaluation"],
    Stage.PILOTING: ["in_review", "co_definition", "open_call", "evaluation", "piloting"],
    Stage.CLOSED: ["in_review", "co_definition", "open_call", "evaluation", "closed"],
    Stage.WITHDRAWN: ["in_review", "withdrawn"],
    Stage.ARCHIVED: ["in_review", "withdrawn", "archived"],
}


def bring_to(challenge, stage, region):
    """Walk the real transitions; the clock is moved past the deadline when evaluation starts."""
    owner = region.people["espoo_owner"]
    deadline = timezone.now() + timedelta(days=10)
    services.challenge_update(actor=owner, challenge=challenge, call_deadline=deadline)
    services.challenge_approve(actor=owner, challenge=challenge, organisation=region.espoo)
    for target in PATH_TO[Stage(stage)]:
        now = deadline + timedelta(hours=1) if target in ("evaluation", "piloting", "closed") else None
        if target in ("archived",) and challenge.stage == "closed":
            now = deadline + timedelta(days=2)
        challenge = services.challenge_transition(
            actor=owner,
            challenge=challenge,
            target=target,
            reason="Syy" if target == "withdrawn" else "",
            outcome="pilot_completed" if target == "closed" else "",
            now=now,
        )
    assert challenge.stage == stage
    return challenge, deadline


@pytest.mark.parametrize("transition", TRANSITIONS, ids=lambda t: f"{t.source}->{t.target}")
def test_every_valid_transition(region, make_challenge, transition):
    challenge, deadline = bring_to(make_challenge(), transition.source, region)
    now = deadline + timedelta(hours=2) if transition.source in ("open_call", "evaluation", "piloting") else None
    if transition.source == Stage.CO_DEFINITION and transition.target == Stage.OPEN_CALL:
        now = None
    events_before = AuditEvent.objects.count()
    result = services.challenge_transition(
        actor=region.people["espoo_owner"],
        challenge=challenge,
        target=transition.target,
        reason="Perustelu" if transition.needs_reason else "",
        outcome="procured" if transition.needs_outcome else "",
        now=now,
    )
    assert result.stage == transition.target
    assert StageChange.objects.filter(challenge=challenge, to_stage=transition.target).exists()
    event = AuditEvent.objects.for_object(challenge).filter(action="transitioned").first()
    assert AuditEvent.objects.count() == events_before + 1
    assert event.changes["stage"] == {"old": transition.source, "new": transition.target}
    if transition.needs_outcome:
        assert result.outcome == "procured"


INVALID = [(s, t) for s in Stage for t in Stage if get_transition(s, t) is None]


@pytest.mark.parametrize(("source", "target"), INVALID, ids=[f"{s}->{t}" for s, t in INVALID])
def test_every_invalid_transition_is_refused_and_changes_nothing(region, make_challenge, source, target):
    challenge, _deadline = bring_to(make_challenge(), source, region)
    before = (Challenge.objects.get(pk=challenge.pk).stage, AuditEvent.objects.count(), StageChange.objects.count())
    with pytest.raises(ServiceConflict) as exc:
        services.challenge_transition(
            actor=region.people["espoo_owner"], challenge=challenge, target=target, reason="x", outcome="procured"
        )
    assert exc.value.reasons[0].code == "transition_not_allowed"
    after = (Challenge.objects.get(pk=challenge.pk).stage, AuditEvent.objects.count(), StageChange.objects.count())
    assert before == after


def test_unknown_target_is_refused(region, make_challenge):
    with pytest.raises(ServiceConflict):
        services.challenge_transition(actor=region.people["espoo_owner"], challenge=make_challenge(), target="nope")


def _refusal_codes(callable_):
    with pytest.raises(ServiceConflict) as exc:
        callable_()
    return {r.code for r in exc.value.reasons}


def test_open_call_needs_a_future_deadline(region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = make_challenge()
    services.challenge_transition(actor=owner, challenge=challenge, target="in_review")
    services.challenge_approve(actor=owner, challenge=challenge, organisation=region.espoo)
    assert _refusal_codes(
        lambda: services.challenge_transition(actor=owner, challenge=challenge, target="open_call")
    ) == {"deadline_missing"}
    services.challenge_update(actor=owner, challenge=challenge, call_deadline=timezone.now() - timedelta(minutes=1))
    services.challenge_approve(actor=owner, challenge=challenge, organisation=region.espoo)
    assert _refusal_codes(
        lambda: services.challenge_transition(actor=owner, challenge=challenge, target="open_call")
    ) == {"deadline_past"}
    assert Challenge.objects.get(pk=challenge.pk).stage == "in_review"


def test_deadline_boundary_is_exact(region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = publishable(make_challenge(), region)
    deadline = challenge.call_deadline
    assert _refusal_codes(
        lambda: services.challenge_transition(actor=owner, challenge=challenge, target="open_call", now=deadline)
    ) == {"deadline_past"}
    services.challenge_transition(
        actor=owner, challenge=challenge, target="open_call", now=deadline - timedelta(seconds=1)
    )
    assert _refusal_codes(
        lambda: services.challenge_transition(
            actor=owner, challenge=challenge, target="evaluation", now=deadline - timedelta(seconds=1)
        )
    ) == {"deadline_not_passed"}
    services.challenge_transition(actor=owner, challenge=challenge, target="evaluation", now=deadline)


def test_review_needs_the_required_canvas(region, make_challenge):
    challenge = make_challenge(full=False)
    assert _refusal_codes(
        lambda: services.challenge_transition(
            actor=region.people["espoo_owner"], challenge=challenge, target="in_review"
        )
    ) == {"readiness_gaps"}


def test_withdraw_needs_a_reason_and_close_an_outcome(region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = make_challenge()
    assert _refusal_codes(
        lambda: services.challenge_transition(actor=owner, challenge=challenge, target="withdrawn", reason="  ")
    ) == {"reason_missing"}
    challenge, _deadline = bring_to(make_challenge(), "piloting", region)
    assert _refusal_codes(
        lambda: services.challenge_transition(actor=owner, challenge=challenge, target="closed", outcome="bogus")
    ) == {"outcome_missing"}


def test_refusal_reason_is_translated(region, make_challenge):
    challenge = make_challenge()
    services.challenge_transition(actor=region.people["espoo_owner"], challenge=challenge, target="in_review")
    messages = {}
    for lang in ("fi", "sv", "en"):
        with translation.override(lang):
            with pytest.raises(ServiceConflict) as exc:
                services.challenge_transition(
                    actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
                )
            messages[lang] = exc.value.reasons[0].message
    assert len(set(messages.values())) == 3, messages


def test_only_the_lead_moves_the_stage(region, make_challenge):
    challenge = make_challenge()
    services.challenge_add_owner(
        actor=region.people["espoo_owner"], challenge=challenge, organisation=region.vantaa, role="co_owner"
    )
    for who in ("vantaa_owner", "espoo_member", "espoo_evaluator", "outsider", "company_admin"):
        with pytest.raises(ServicePermissionDenied):
            services.challenge_transition(actor=region.people[who], challenge=challenge, target="in_review")
    assert Challenge.objects.get(pk=challenge.pk).stage == "draft"
    services.challenge_transition(actor=region.people["espoo_admin"], challenge=challenge, target="in_review")


def test_publication_sets_published_at_once(region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = publishable(make_challenge(), region)
    assert challenge.published_at is None
    challenge = services.challenge_transition(actor=owner, challenge=challenge, target="co_definition")
    first = challenge.published_at
    assert first is not None
    services.challenge_approve(actor=owner, challenge=challenge, organisation=region.espoo)
    challenge = services.challenge_transition(actor=owner, challenge=challenge, target="open_call")
    assert challenge.published_at == first
    assert Challenge.objects.public().filter(pk=challenge.pk).exists()
