"""Each named permission of pilot references, for every role of the pilots' world."""

import pytest
from django.contrib.auth.models import AnonymousUser

pytestmark = pytest.mark.django_db

ROLES = [
    "espoo_admin",
    "espoo_owner",
    "espoo_member",
    "vantaa_owner",
    "helsinki_owner",
    "company_admin",
    "lead_member",
    "partner_admin",
    "other_company",
    "outsider",
    "platform_admin",
]


def allowed(world, perm, obj):
    people = {role: world.people[role] for role in ROLES}
    result = {role for role, user in people.items() if user.has_perm(perm, obj)}
    if AnonymousUser().has_perm(perm, obj):
        result.add("anonymous")
    return result


def test_issue_reference_is_the_lead_citys_editors(world, finished):
    assert allowed(world, "references.issue_reference", finished) == {"espoo_admin", "espoo_owner", "platform_admin"}


def test_view_revoke_and_show(world, issued):
    reference = next(r for r in issued if r.organisation_id == world.lead.pk)
    holder_and_issuer = {"espoo_admin", "espoo_owner", "espoo_member", "company_admin", "lead_member", "platform_admin"}
    assert allowed(world, "references.view_reference", reference) == holder_and_issuer
    assert allowed(world, "references.revoke_reference", reference) == {"espoo_admin", "espoo_owner", "platform_admin"}
    assert allowed(world, "references.show_reference", reference) == {"company_admin", "platform_admin"}
    # Shown by the holder, on a public pilot: everyone may view it; revoked, only the holder and the issuer again.
    reference.is_public = True
    reference.pilot.challenge.published_at = reference.issued_at
    assert allowed(world, "references.view_reference", reference) == {*ROLES, "anonymous"}
    reference.revoked_at = reference.issued_at
    assert allowed(world, "references.view_reference", reference) == holder_and_issuer
