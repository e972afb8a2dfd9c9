"""Named permissions for organisations and the membership helpers other apps' rules build on."""

import rules

from .models import Membership


def _memberships(user) -> list[Membership]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user).only("organisation_id", "role"))
        user._memberships_cache = cached
    return cached


def member_organisation_ids(user) -> set[int]:
    return {m.organisation_id for m in _memberships(user)}


def editor_organisation_ids(user) -> set[int]:
    return {m.organisation_id for m in _memberships(user) if m.role in Membership.EDITOR_ROLES}


def admin_organisation_ids(user) -> set[int]:
    return {m.organisation_id for m in _memberships(user) if m.role == Membership.Role.ADMIN}


def forget_memberships(user) -> None:
    """Drop the per-request cache after memberships change."""
    if hasattr(user, "_memberships_cache"):
        del user._memberships_cache


@rules.predicate
def is_platform_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return organisation is not None and any(
        m.organisation_id == organisation.pk and m.role == Membership.Role.ADMIN for m in _memberships(user)
    )


@rules.predicate
def is_organisation_editor(user, organisation) -> bool:
    return organisation is not None and organisation.pk in editor_organisation_ids(user)


@rules.predicate
def is_organisation_member(user, organisation) -> bool:
    return organisation is not None and organisation.pk in member_organisation_ids(user)


@rules.predicate
def is_listed(user, organisation) -> bool:
    return organisation is not None and organisation.is_public


rules.add_perm("organisations.view_organisation", is_listed | is_organisation_member | is_platform_admin)
rules.add_perm("organisations.view_members", is_organisation_member | is_platform_admin)
rules.add_perm("organisations.manage_members", is_organisation_admin | is_platform_admin)
rules.add_perm("organisations.change_organisation", is_organisation_admin | is_platform_admin)
# The public profile, its listing and logo speak for the whole organisation: admins only. A challenge
# owner acts on challenges and may be made an admin when they should also edit the profile.
rules.add_perm("organisations.change_profile", is_organisation_admin | is_platform_admin)
rules.add_perm("organisations.create_challenge_for", is_organisation_editor | is_platform_admin)


@rules.predicate
def is_platform_staff(user) -> bool:
    """The platform's own staff (``is_staff``: "platform admin" in the user admin) or a superuser."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and (user.is_staff or user.is_superuser))


# The verification queue: who vouches that an organisation is who it says (docs/identity.md). Platform
# staff only; an organisation's own admins never verify themselves.
rules.add_perm("organisations.review_verification", is_platform_staff)
