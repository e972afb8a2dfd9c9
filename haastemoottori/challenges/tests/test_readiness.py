from haastemoottori.challenges import services
from haastemoottori.challenges.readiness import readiness_check


def test_an_empty_draft_lists_concrete_gaps(region, make_challenge):
    challenge = make_challenge(full=False, title={"fi": "Pelkkä otsikko"})
    result = readiness_check(challenge)
    codes = {gap.code for gap in result.gaps}
    assert {
        "no_summary",
        "no_problem",
        "no_measurable_target",
        "no_budget_range",
        "no_route",
        "no_themes",
        "no_sv_summary",
        "no_en_summary",
        "no_sv_title",
        "no_en_title",
    } <= codes
    assert "no_title" not in codes
    assert {g.code for g in result.blocking} == {"no_summary", "no_problem"}
    assert 0 < result.score < 30
    assert not result.ready_for_review


def test_gaps_close_as_the_canvas_fills(region, make_challenge):
    owner = region.people["espoo_owner"]
    challenge = make_challenge()
    before = readiness_check(challenge)
    assert before.ready_for_review
    assert "no_measurable_target" in {g.code for g in before.gaps}
    services.challenge_set_indicators(
        actor=owner,
        challenge=challenge,
        indicators=[{"name": {"fi": "Energiankulutus"}, "unit": "MWh/a", "baseline": "1200", "target": ""}],
    )
    # An indicator without a target is not measurable yet.
    assert "no_measurable_target" in {g.code for g in readiness_check(challenge).gaps}
    services.challenge_set_indicators(
        actor=owner,
        challenge=challenge,
        indicators=[{"name": {"fi": "Energiankulutus"}, "unit": "MWh/a", "baseline": "1200", "target": "900"}],
    )
    services.challenge_update(
        actor=owner,
        challenge=challenge,
        themes=region.themes,
        platform=region.platform,
        summary={"fi": "Tiivistelmä", "sv": "Sammanfattning", "en": "Summary"},
    )
    challenge.refresh_from_db()
    after = readiness_check(challenge)
    assert after.score > before.score
    assert {g.code for g in after.gaps} == {"no_call_deadline"}


def test_gap_messages_name_the_language(region, make_challenge):
    from django.utils import translation

    challenge = make_challenge(full=False, title={"fi": "Otsikko"})
    with translation.override("en"):
        messages = [str(g.message) for g in readiness_check(challenge).gaps]
    assert "No summary in Swedish" in messages


def test_a_call_deadline_in_the_past_is_flagged_before_the_call(region, make_challenge):
    from datetime import timedelta

    from django.utils import timezone

    owner = region.people["espoo_owner"]
    challenge = make_challenge()
    services.challenge_update(actor=owner, challenge=challenge, call_deadline=timezone.now() + timedelta(days=30))
    challenge.refresh_from_db()
    future = readiness_check(challenge)
    assert "call_deadline_past" not in {g.code for g in future.gaps}
    services.challenge_update(actor=owner, challenge=challenge, call_deadline=timezone.now() - timedelta(days=1))
    challenge.refresh_from_db()
    past = readiness_check(challenge)
    gap = next(g for g in past.gaps if g.code == "call_deadline_past")
    assert gap.field == "call_deadline"
    assert past.score < future.score
