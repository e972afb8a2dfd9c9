"""Named permissions for calls and proposals (the ``rules`` library). Tested per role in tests/."""

from collections.abc import Callable, Iterable
from typing import Any

import rules

from haastemoottori.challenges.rules import is_owner_editor, is_owner_member
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.rules import editor_organisation_ids, is_platform_admin, member_organisation_ids

from .deadline import call_is_open


def solver_organisation_ids(user) -> set[int]:
    """The companies and research organisations the user is a member of (cached per request user)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_solver_orgs_cache", None)
    if cached is None:
        ids = member_organisation_ids(user)
        cached = (
            set(
                Organisation.objects.filter(pk__in=ids, kind__in=Organisation.SOLVER_KINDS).values_list("pk", flat=True)
            )
            if ids
            else set()
        )
        user._solver_orgs_cache = cached
    return cached


# --- on a challenge -------------------------------------------------------------------------------


@rules.predicate
def is_call_open(user, challenge) -> bool:
    return challenge is not None and call_is_open(challenge)


@rules.predicate
def is_solver_member(user) -> bool:
    return bool(solver_organisation_ids(user))


# --- on a proposal --------------------------------------------------------------------------------


def _partner_org_ids(proposal, statuses) -> set[int]:
    return {p.organisation_id for p in proposal.partners.all() if p.status in statuses}


@rules.predicate
def is_lead_member(user, proposal) -> bool:
    return proposal is not None and proposal.lead_id in member_organisation_ids(user)


@rules.predicate
def is_confirmed_partner_member(user, proposal) -> bool:
    return proposal is not None and bool(_partner_org_ids(proposal, ("confirmed",)) & member_organisation_ids(user))


@rules.predicate
def is_invited_partner_editor(user, proposal) -> bool:
    """An admin (or challenge owner) of a partner organisation that has been invited or has answered."""
    return proposal is not None and bool(
        _partner_org_ids(proposal, ("invited", "confirmed", "declined")) & editor_organisation_ids(user)
    )


@rules.predicate
def is_submitted(user, proposal) -> bool:
    return proposal is not None and proposal.status == "submitted"


@rules.predicate
def is_proposal_owner_member(user, proposal) -> bool:
    return proposal is not None and is_owner_member(user, proposal.call.challenge)


# Who else reads a submitted proposal besides its owners: the evaluation app (a layer above) registers its
# assigned, not recused evaluators here when it starts (``evaluation/apps.py``); proposals never imports it.
_submitted_readers: list[rules.Predicate] = []


def register_submitted_reader(predicate: rules.Predicate) -> None:
    """Let ``predicate(user, proposal)`` read submitted proposals, confidential answers included."""
    if predicate not in _submitted_readers:
        _submitted_readers.append(predicate)


@rules.predicate
def is_registered_reader(user, proposal) -> bool:
    return proposal is not None and any(p.test(user, proposal) for p in _submitted_readers)


# Who must not read a proposal at all, whatever other role they hold (a member of a co-owner city, an owner's
# editor): each hook returns the ids of the proposals the user is excluded from. The evaluation app registers
# the proposals an evaluator is recused from (a declared or detected conflict of interest) in
# ``EvaluationConfig.ready``. The exclusion closes the owners' side (owner membership, evaluator role); the
# applicant's own access (lead or confirmed partner) stays, as the conflict usually is that membership.
_excluded_reader_hooks: list[Callable[[Any], Iterable[Any]]] = []


def register_excluded_readers(hook: Callable[[Any], Iterable[Any]]) -> None:
    """Let ``hook(user)`` name the proposals (their ids) the user must not read on the owners' side."""
    if hook not in _excluded_reader_hooks:
        _excluded_reader_hooks.append(hook)


def excluded_proposal_ids(user) -> set:
    """The ids of the proposals the user is excluded from (one query per registered hook)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    ids: set = set()
    for hook in _excluded_reader_hooks:
        ids.update(hook(user))
    return ids


@rules.predicate
def is_excluded_reader(user, proposal) -> bool:
    return proposal is not None and proposal.pk in excluded_proposal_ids(user)


@rules.predicate
def is_proposal_call_open(user, proposal) -> bool:
    return proposal is not None and call_is_open(proposal.call.challenge)


_sees_submitted = is_submitted & ~is_excluded_reader & (is_proposal_owner_member | is_registered_reader)

rules.add_perm("proposals.configure_call", is_owner_editor | is_platform_admin)
rules.add_perm("proposals.start_proposal", is_solver_member & is_call_open)
rules.add_perm("proposals.view_proposal_list", is_owner_member | is_platform_admin)
rules.add_perm("proposals.assign_evaluators", is_owner_editor | is_platform_admin)
rules.add_perm("proposals.change_proposal", is_lead_member & is_proposal_call_open)
rules.add_perm(
    "proposals.view_proposal", is_lead_member | is_confirmed_partner_member | _sees_submitted | is_platform_admin
)
rules.add_perm(
    "proposals.view_confidential", is_lead_member | is_confirmed_partner_member | _sees_submitted | is_platform_admin
)
# The partner's page shows what the partner is asked to join: the title, lead and public answers.
rules.add_perm("proposals.respond_partner", is_invited_partner_editor)

# The actions of a company (start, change, answer an invitation) are tested with ``rules.has_perm``, which
# does not give a platform admin (a superuser) every permission as Django's ``user.has_perm`` does.
