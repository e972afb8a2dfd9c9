"""Checks every proposal write shares: who may change it, and whether the call is still open."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied

from ..deadline import call_check_open
from ..errors import ErrorCode
from ..models import Proposal
from ..rules import is_lead_member

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


def lock(proposal: Proposal) -> Proposal:
    """Re-read the proposal row under a lock so parallel saves queue up (a no-op on SQLite)."""
    return Proposal.objects.select_for_update().select_related("call__challenge").get(pk=proposal.pk)


def check_lead_change(actor: User, proposal: Proposal, *, editable_only: bool = True) -> None:
    """The actor is a member of the lead, the call is open and (for content edits) the proposal is not submitted."""
    if not is_lead_member(actor, proposal):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED, _("Only members of the lead organisation may change this proposal.")
        )
    call_check_open(proposal.call.challenge, timezone.now())
    if not rules.has_perm("proposals.change_proposal", actor, proposal):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You may not change this proposal."))
    if editable_only and proposal.status == Proposal.Status.SUBMITTED:
        raise ServiceConflict(
            ErrorCode.SUBMITTED,
            _(
                "The proposal has been submitted. Withdraw it first to change it; "
                "remember to submit it again before the deadline."
            ),
        )
