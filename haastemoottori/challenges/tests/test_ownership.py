"""Co-ownership: every co-owner approves the current version; a substantive edit resets approvals."""

import pytest

from conftest import publishable
from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges import services
from haastemoottori.challenges.models import ChallengeOwnership
from haastemoottori.challenges.selectors import challenge_missing_approvals, challenge_owner_editors
from haastemoottori.core.errors import ServiceConflict, ServicePermissionDenied, ServiceValidationError


@pytest.fixture
def shared(region, make_challenge):
    challenge = publishable(make_challenge(), region)
    services.challenge_add_owner(
        actor=region.people["espoo_owner"],
        challenge=challenge,
        organisation=region.vantaa,
        role="co_owner",
        budget_share="40",
    )
    services.challenge_add_owner(
        actor=region.people["espoo_owner"], challenge=challenge, organisation=region.helsinki, role="contributor"
    )
    challenge.refresh_from_db()
    return challenge


def test_the_owner_editors_are_the_active_editors_of_the_lead_and_co_owners_once(
    region, shared, django_assert_num_queries
):
    people = region.people
    both = people["vantaa_owner"]
    both.memberships.create(organisation=region.espoo, role="admin")  # an editor in two owners is listed once
    people["espoo_admin"].is_active = False
    people["espoo_admin"].save(update_fields=["is_active"])
    with django_assert_num_queries(1):
        editors = list(challenge_owner_editors(challenge=shared))
    # Not: members and evaluators, the contributor Helsinki's owner, inactive people, other organisations.
    assert editors == sorted([people["espoo_owner"], both], key=lambda u: u.pk)


def test_publication_waits_for_every_co_owner(region, shared):
    owner = region.people["espoo_owner"]
    with pytest.raises(ServiceConflict) as exc:
        services.challenge_transition(actor=owner, challenge=shared, target="co_definition")
    assert [r.code for r in exc.value.reasons] == ["approvals_missing"]
    assert "Vantaa" in str(exc.value.reasons[0].message)
    services.challenge_approve(actor=region.people["vantaa_owner"], challenge=shared, organisation=region.vantaa)
    # The contributor (Helsinki) does not approve.
    assert challenge_missing_approvals(challenge=shared) == []
    assert services.challenge_transition(actor=owner, challenge=shared, target="co_definition").stage == "co_definition"


def test_substantive_edit_resets_every_approval(region, shared):
    services.challenge_approve(actor=region.people["vantaa_owner"], challenge=shared, organisation=region.vantaa)
    version = shared.version
    shared = services.challenge_update(
        actor=region.people["vantaa_owner"], challenge=shared, problem={"fi": "Uusi ongelman kuvaus."}
    )
    assert shared.version == version + 1
    missing = {o.organisation.slug for o in challenge_missing_approvals(challenge=shared)}
    assert missing == {"espoo", "vantaa"}
    reset = AuditEvent.objects.for_object(shared).filter(action="approvals_reset").first()
    assert sorted(reset.data["organisations"]) == ["espoo", "vantaa"]
    assert reset.data["fields"] == ["problem"]
    with pytest.raises(ServiceConflict):
        services.challenge_transition(actor=region.people["espoo_owner"], challenge=shared, target="co_definition")


@pytest.mark.parametrize(
    "edit",
    [
        {"budget_max": 60000},
        {"route": "pcp"},
        {"title": {"fi": "Uusi otsikko", "sv": "Klimatneutral uppvärmning", "en": "Carbon-neutral heating"}},
    ],
)
def test_facts_and_original_text_are_substantive(region, shared, edit):
    version = shared.version
    shared = services.challenge_update(actor=region.people["espoo_owner"], challenge=shared, **edit)
    assert shared.version == version + 1


def test_translation_only_edit_keeps_approvals(region, shared):
    services.challenge_approve(actor=region.people["vantaa_owner"], challenge=shared, organisation=region.vantaa)
    version = shared.version
    shared = services.challenge_update(
        actor=region.people["espoo_owner"],
        challenge=shared,
        problem={"fi": "Ongelma kuvattuna.", "sv": "Problemet beskrivet."},
    )
    assert shared.version == version
    assert challenge_missing_approvals(challenge=shared) == []


def test_an_edit_that_changes_nothing_is_not_recorded(region, shared):
    count = AuditEvent.objects.count()
    services.challenge_update(actor=region.people["espoo_owner"], challenge=shared, budget_min=10000)
    assert AuditEvent.objects.count() == count


def test_approval_only_for_own_organisation(region, shared):
    with pytest.raises(ServicePermissionDenied):
        services.challenge_approve(actor=region.people["espoo_owner"], challenge=shared, organisation=region.vantaa)
    with pytest.raises(ServicePermissionDenied):
        services.challenge_approve(actor=region.people["vantaa_member"], challenge=shared, organisation=region.vantaa)
    with pytest.raises(ServicePermissionDenied):
        services.challenge_approve(actor=region.people["platform_admin"], challenge=shared, organisation=region.vantaa)
    with pytest.raises(ServiceValidationError):
        services.challenge_approve(
            actor=region.people["helsinki_owner"], challenge=shared, organisation=region.helsinki
        )
    assert not ChallengeOwnership.objects.get(challenge=shared, organisation=region.vantaa).approved_version


def test_withdrawing_approval_blocks_publication(region, shared):
    vantaa_owner = region.people["vantaa_owner"]
    services.challenge_approve(actor=vantaa_owner, challenge=shared, organisation=region.vantaa)
    services.challenge_withdraw_approval(actor=vantaa_owner, challenge=shared, organisation=region.vantaa)
    assert [o.organisation for o in challenge_missing_approvals(challenge=shared)] == [region.vantaa]
    assert AuditEvent.objects.for_object(shared).filter(action="approval_withdrawn").count() == 1


def test_owner_rules(region, shared):
    owner = region.people["espoo_owner"]
    with pytest.raises(ServiceConflict):
        services.challenge_add_owner(actor=owner, challenge=shared, organisation=region.vantaa, role="co_owner")
    with pytest.raises(ServiceValidationError):
        services.challenge_add_owner(actor=owner, challenge=shared, organisation=region.company, role="co_owner")
    with pytest.raises(ServicePermissionDenied):
        services.challenge_add_owner(
            actor=region.people["vantaa_owner"], challenge=shared, organisation=region.helsinki, role="co_owner"
        )
    with pytest.raises(ServiceValidationError):
        services.challenge_remove_owner(actor=owner, challenge=shared, organisation=region.espoo)
    with pytest.raises(ServiceValidationError):
        services.challenge_add_owner(actor=owner, challenge=shared, organisation=region.helsinki, role="lead")
    services.challenge_remove_owner(actor=owner, challenge=shared, organisation=region.helsinki)
    for share in ("-1", "100.5", "abc", "NaN"):
        with pytest.raises(ServiceValidationError):
            services.challenge_add_owner(
                actor=owner, challenge=shared, organisation=region.helsinki, role="contributor", budget_share=share
            )
    assert not shared.ownerships.filter(organisation=region.helsinki).exists()
