from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from haastemoottori.registry.models import RegisterEntry
from haastemoottori.registry.selectors import register_entry_for

from .models import (
    Department,
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationIdentifier,
    Reference,
    VerificationDispute,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User


def organisation_get_public(*, slug: str, include_unlisted: bool = False) -> Organisation | None:
    """An organisation with what its public page shows. Unlisted profiles only when asked for (the page
    shows them to their own members)."""
    qs = Organisation.objects.all() if include_unlisted else Organisation.objects.listed()
    return (
        qs.prefetch_related(  # type: ignore[type-var]  # django-stubs: Prefetch objects of different models
            "identifiers",
            "industry_codes",
            "themes",
            Prefetch("departments", queryset=Department.objects.order_by("slug")),
            Prefetch(
                "cities_served",
                queryset=Organisation.objects.only("id", "slug", "name", "original_language").order_by("slug"),
            ),
            Prefetch("references", queryset=Reference.objects.select_related("client_organisation")),
        )
        .filter(slug=slug)
        .first()
    )


def organisation_solvers_listed() -> QuerySet[Organisation]:
    """Companies and research organisations on the public list (unlisted profiles left out)."""
    return (
        Organisation.objects.filter(kind__in=Organisation.SOLVER_KINDS)
        .listed()
        .defer("description", "offering", "capabilities")
        .order_by("kind", "slug", "id")
    )


def organisation_team(*, organisation: Organisation) -> dict[str, QuerySet[Any]]:
    """The people of an organisation, its open invitations and the join requests its admins can decide."""
    return {
        "memberships": Membership.objects.filter(organisation=organisation)
        .select_related("user", "department")
        .order_by("user__full_name", "user__email"),
        "invitations": Invitation.objects.open().filter(organisation=organisation).select_related("invited_by"),
        "join_requests": JoinRequest.objects.visible_to_admins()
        .filter(organisation=organisation)
        .select_related("user")
        .order_by("created_at", "id"),
    }


def organisations_of(*, user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations a person belongs to, for the workspace's "Our organisation" links."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(memberships__user=user)
        .only("id", "slug", "name", "original_language")
        .order_by("slug")
    )


def verification_queue() -> dict[str, Any]:
    """What the platform staff review: organisations not yet verified (with their identifiers and admins)
    and open ownership claims. Rejected ones are listed too, for a second review."""
    pending_qs = (
        Organisation.objects.exclude(verification_status=Organisation.Verification.VERIFIED)
        .prefetch_related(
            "identifiers",
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role=Membership.Role.ADMIN).select_related("user"),
                to_attr="admin_memberships",
            ),
        )
        .order_by("verification_status", "created_at", "id")
    )
    pending = list(pending_qs)
    for organisation in pending:
        organisation.register_entry = organisation_register_entry(organisation)  # type: ignore[attr-defined]
    disputes = (
        VerificationDispute.objects.open()
        .select_related("organisation", "user")
        .prefetch_related("organisation__identifiers")
        .order_by("created_at", "id")
    )
    return {"pending": pending, "disputes": disputes}


def organisation_register_entry(organisation: Organisation) -> RegisterEntry | None:
    """What the trade register mirror says about a company's or research organisation's Finnish Business ID,
    if anything (cities and public bodies are not checked against it)."""
    if not organisation.has_solver_profile:
        return None
    for identifier in organisation.identifiers.all():
        if identifier.scheme == OrganisationIdentifier.FINNISH_BUSINESS_ID:
            return register_entry_for(identifier.identifier)
    return None


def is_public_body_member(user: User) -> bool:
    """A member, in any role, of a city or another public body: city staff (accounts/staff_roles.py)."""
    return Membership.objects.filter(user=user, organisation__kind__in=Organisation.OWNER_KINDS).exists()
