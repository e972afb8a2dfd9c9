"""Named permissions for pilots, as predicates (the ``rules`` library). Tested per role in tests/test_permissions.py.

Each predicate takes a Pilot or a Challenge (creating a pilot is checked against its challenge).
"""

import rules

from haastemoottori.challenges.rules import is_owner_editor, is_owner_member
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import editor_organisation_ids, is_platform_admin, member_organisation_ids


def _challenge(obj):
    return getattr(obj, "challenge", obj) if obj is not None else None


@rules.predicate
def is_public_pilot(user, obj) -> bool:
    challenge = _challenge(obj)
    return challenge is not None and challenge.published_at is not None


@rules.predicate
def is_pilot_owner_editor(user, obj) -> bool:
    """An organisation admin or challenge owner in the lead or a co-owner of the pilot's challenge."""
    return is_owner_editor(user, _challenge(obj))


@rules.predicate
def is_pilot_owner_member(user, obj) -> bool:
    return is_owner_member(user, _challenge(obj))


def participant_ids(pilot, roles=None) -> set[int]:
    return {p.organisation_id for p in pilot.participants.all() if roles is None or p.role in roles}


@rules.predicate
def is_pilot_company_member(user, obj) -> bool:
    """Any member of a company (or research) organisation taking part in the pilot."""
    if obj is None or not hasattr(obj, "participants"):
        return False
    return bool(participant_ids(obj, ("company", "research")) & member_organisation_ids(user))


def adopting_organisations(user) -> list[Organisation]:
    """The cities and public bodies in which the user may create challenges (one query; none when anonymous)."""
    ids = editor_organisation_ids(user)
    if not ids:
        return []
    return list(Organisation.objects.filter(pk__in=ids, kind__in=Organisation.OWNER_KINDS).order_by("slug"))


@rules.predicate
def can_adopt_anywhere(user) -> bool:
    return bool(adopting_organisations(user))


# Public pages show public pilots; the people involved also see their own before the challenge is public.
rules.add_perm(
    "pilots.view_pilot", is_public_pilot | is_pilot_owner_member | is_pilot_company_member | is_platform_admin
)
# Check-in next steps, authors and the staff pages.
rules.add_perm("pilots.view_pilot_internal", is_pilot_owner_member | is_pilot_company_member | is_platform_admin)
# Create, edit, KPIs and measurements, milestones, results and the scale-up decision.
rules.add_perm("pilots.manage_pilot", is_pilot_owner_editor | is_platform_admin)
rules.add_perm("pilots.check_in", is_pilot_owner_editor | is_pilot_company_member | is_platform_admin)
# Adopt a public challenge into one's own city: an editor of a city or public body (the service checks which).
rules.add_perm("pilots.adopt_challenge", is_public_pilot & can_adopt_anywhere)


# --- pilot requests on development platforms (docs/pilots.md, "Pilot requests") ------------------------------
# The predicates below take a PilotRequest (``request_pilot``: the DevelopmentPlatform).


def _platform(obj):
    return getattr(obj, "platform", obj) if obj is not None else None


@rules.predicate
def is_platform_owner_member(user, obj) -> bool:
    """Any member of the city (or public body) that owns the development platform: its staff."""
    platform = _platform(obj)
    return platform is not None and platform.owner_id in member_organisation_ids(user)


@rules.predicate
def is_platform_owner_editor(user, obj) -> bool:
    platform = _platform(obj)
    return platform is not None and platform.owner_id in editor_organisation_ids(user)


@rules.predicate
def is_requester_member(user, obj) -> bool:
    requester_id = getattr(obj, "requester_id", None)
    return requester_id is not None and requester_id in member_organisation_ids(user)


def requesting_organisations(user) -> list[Organisation]:
    """The verified companies and research organisations the user is a member of: they may ask to pilot."""
    ids = member_organisation_ids(user)
    if not ids:
        return []
    return list(Organisation.objects.verified().filter(pk__in=ids, kind__in=Organisation.SOLVER_KINDS).order_by("slug"))


@rules.predicate
def can_request_anywhere(user) -> bool:
    return bool(requesting_organisations(user))


# Ask to pilot on a platform: a member of a verified company or research organisation.
rules.add_perm("pilots.request_pilot", can_request_anywhere)
# The whole request, confidential details and thread included: the requester's members and the owner's staff.
rules.add_perm("pilots.view_pilot_request", is_requester_member | is_platform_owner_member | is_platform_admin)
# Ask questions, approve with conditions, decline with a reason: an editor of the owner city.
rules.add_perm("pilots.review_pilot_request", is_platform_owner_editor | is_platform_admin)
# Answer the owner's questions and withdraw: the requester's members.
rules.add_perm("pilots.answer_pilot_request", is_requester_member)
