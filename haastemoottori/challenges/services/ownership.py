from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.organisations.models import Department, Organisation
from haastemoottori.organisations.rules import editor_organisation_ids

from ..errors import ErrorCode
from ..lifecycle import STAGE_INFO, Stage
from ..models import Challenge, ChallengeOwnership

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

Role = ChallengeOwnership.Role


def _lock(challenge: Challenge) -> Challenge:
    return Challenge.objects.select_for_update().get(pk=challenge.pk)


def _clean_share(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        share = Decimal(str(value))
    except InvalidOperation as exc:
        raise ServiceValidationError(
            ErrorCode.INVALID_BUDGET_SHARE, _("A budget share is a percentage from 0 to 100."), field="budget_share"
        ) from exc
    if not share.is_finite() or share < 0 or share > 100:
        raise ServiceValidationError(
            ErrorCode.INVALID_BUDGET_SHARE, _("A budget share is a percentage from 0 to 100."), field="budget_share"
        )
    return share.quantize(Decimal("0.01"))


@transaction.atomic
def challenge_add_owner(
    *,
    actor: User,
    challenge: Challenge,
    organisation: Organisation,
    role: str,
    department: Department | None = None,
    budget_share: Any = None,
) -> ChallengeOwnership:
    """Invite a co-owner or contributor organisation. A co-owner must then approve before publication."""
    challenge = _lock(challenge)
    if not actor.has_perm("challenges.manage_owners", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Only the lead owner can change the owners."))
    if role not in (Role.CO_OWNER, Role.CONTRIBUTOR):
        raise ServiceValidationError(ErrorCode.INVALID_ROLE, _("Choose co-owner or contributor."), field="role")
    if not organisation.can_own_challenges:
        raise ServiceValidationError(
            ErrorCode.NOT_OWNER_KIND, _("Only a city or another public body can own a challenge."), field="organisation"
        )
    if department is not None and department.organisation_id != organisation.pk:
        raise ServiceValidationError(
            ErrorCode.DEPARTMENT_MISMATCH, _("The department must belong to the organisation."), field="department"
        )
    if STAGE_INFO[Stage(challenge.stage)].terminal:
        raise ServiceValidationError(ErrorCode.NOT_EDITABLE, _("The owners of an ended challenge cannot change."))
    if challenge.ownerships.filter(organisation=organisation).exists():
        raise ServiceConflict(
            ErrorCode.ALREADY_OWNER,
            _("%(organisation)s is already an owner of this challenge.") % {"organisation": organisation},
            field="organisation",
        )
    share = _clean_share(budget_share)
    ownership = ChallengeOwnership.objects.create(
        challenge=challenge, organisation=organisation, role=role, department=department, budget_share=share
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.OWNER_ADDED,
        target=challenge,
        changes={"owners": (None, organisation.slug)},
        data={
            "organisation": organisation.slug,
            "role": role,
            "department": department.slug if department else None,
            "budget_share": str(share) if share is not None else None,
        },
        is_public=challenge.is_public,
    )
    if challenge.is_public:
        public_content_changed()
    return ownership


@transaction.atomic
def challenge_remove_owner(*, actor: User, challenge: Challenge, organisation: Organisation) -> None:
    challenge = _lock(challenge)
    if not actor.has_perm("challenges.manage_owners", challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Only the lead owner can change the owners."))
    ownership = challenge.ownerships.filter(organisation=organisation).first()
    if ownership is None:
        raise ServiceValidationError(
            ErrorCode.NOT_OWNER,
            _("%(organisation)s is not an owner of this challenge.") % {"organisation": organisation},
            field="organisation",
        )
    if ownership.role == Role.LEAD:
        raise ServiceValidationError(
            ErrorCode.LEAD_CANNOT_LEAVE, _("The lead owner cannot be removed."), field="organisation"
        )
    if challenge.is_public and ownership.role == Role.CO_OWNER:
        raise ServiceValidationError(
            ErrorCode.PUBLISHED_OWNER, _("A co-owner cannot be removed after publication."), field="organisation"
        )
    ownership.delete()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.OWNER_REMOVED,
        target=challenge,
        changes={"owners": (organisation.slug, None)},
        data={"organisation": organisation.slug},
        is_public=challenge.is_public,
    )
    if challenge.is_public:
        public_content_changed()


def _approver_ownership(actor: User, challenge: Challenge, organisation: Organisation) -> ChallengeOwnership:
    ownership = challenge.ownerships.filter(organisation=organisation).first()
    if ownership is None or not ownership.must_approve:
        raise ServiceValidationError(
            ErrorCode.NOT_APPROVER,
            _("%(organisation)s does not approve this challenge.") % {"organisation": organisation},
            field="organisation",
        )
    if organisation.pk not in editor_organisation_ids(actor):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED,
            _("Only an admin or challenge owner of %(organisation)s can approve for it.")
            % {"organisation": organisation},
        )
    if not STAGE_INFO[Stage(challenge.stage)].approvable:
        raise ServiceValidationError(
            ErrorCode.NOT_APPROVABLE,
            _("Approvals cannot change in stage “%(stage)s”.") % {"stage": Stage(challenge.stage).label},
        )
    return ownership


@transaction.atomic
def challenge_approve(*, actor: User, challenge: Challenge, organisation: Organisation) -> ChallengeOwnership:
    """Approve the current version on behalf of ``organisation``."""
    challenge = _lock(challenge)
    ownership = _approver_ownership(actor, challenge, organisation)
    if ownership.has_approved(challenge.version):
        return ownership
    previous = ownership.approved_version
    ownership.approved_version = challenge.version
    ownership.approved_at = timezone.now()
    ownership.approved_by = actor
    ownership.save(update_fields=["approved_version", "approved_at", "approved_by"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.APPROVED,
        target=challenge,
        changes={"approved_version": (previous, challenge.version)},
        data={"organisation": organisation.slug, "version": challenge.version},
    )
    return ownership


@transaction.atomic
def challenge_withdraw_approval(*, actor: User, challenge: Challenge, organisation: Organisation) -> ChallengeOwnership:
    challenge = _lock(challenge)
    ownership = _approver_ownership(actor, challenge, organisation)
    if ownership.approved_version is None:
        return ownership
    previous = ownership.approved_version
    ownership.approved_version = None
    ownership.approved_at = None
    ownership.approved_by = None
    ownership.save(update_fields=["approved_version", "approved_at", "approved_by"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.APPROVAL_WITHDRAWN,
        target=challenge,
        changes={"approved_version": (previous, None)},
        data={"organisation": organisation.slug},
    )
    return ownership
