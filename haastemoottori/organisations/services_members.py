"""Writes for who belongs to an organisation: invitations by e-mail and requests to join.

An admin invites a colleague by e-mail with a role; the link in the e-mail lets them create an account or
sign in, and join. A person whose organisation is already registered asks to join it at sign-up; the
admins see the request once the person has confirmed the e-mail address, and approve or decline it.
"""

from __future__ import annotations

import functools
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import (
    CommonCode,
    ServiceConflict,
    ServiceError,
    ServicePermissionDenied,
    ServiceValidationError,
)
from haastemoottori.core.i18n import language_codes

from .emails import send_localised
from .errors import ErrorCode
from .models import Invitation, JoinRequest, Membership, Organisation
from .models.invitation import token_digest
from .rules import forget_memberships
from .services import membership_set

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

INVITATION_DAYS = 14
MESSAGE_MAX_LENGTH = 2000


class InvitationUnavailable(ServiceError):
    """The link was real but cannot be used any more (expired, used or withdrawn)."""

    status = 410


def _require_manage_members(actor: User | None, organisation: Organisation) -> None:
    if actor is None or not actor.has_perm("organisations.manage_members", organisation):
        raise ServicePermissionDenied(
            CommonCode.PERMISSION_DENIED,
            _("Only an admin of %(organisation)s can manage its members.") % {"organisation": organisation},
        )


def _is_member(user: User, organisation: Organisation) -> bool:
    return Membership.objects.filter(user=user, organisation=organisation).exists()


# Invitations ---------------------------------------------------------------------------------------------------


def _send_invitation(invitation: Invitation, token: str, base_url: str) -> None:
    send_localised(
        to=invitation.email,
        language=invitation.language,
        template="invitation",
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": invitation.invited_by,
            "role": invitation.get_role_display,
            "days": INVITATION_DAYS,
        },
        link_path=lambda: reverse("signup:invitation", args=[token]),
        base_url=base_url,
    )


@transaction.atomic
def invitation_create(
    *, actor: User, organisation: Organisation, email: str, role: str, language: str, base_url: str
) -> Invitation:
    """Invite a person by e-mail. A new invitation to the same address replaces an open one."""
    _require_manage_members(actor, organisation)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceValidationError(ErrorCode.INVALID_EMAIL, _("Enter a valid e-mail address."), field="email")
    if role not in Membership.Role.values:
        raise ServiceValidationError(ErrorCode.INVALID_ROLE, _("Choose a role from the list."), field="role")
    if language not in language_codes():
        raise ServiceValidationError(
            CommonCode.UNKNOWN_LANGUAGE, _("Choose a language from the list."), field="language"
        )
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ServiceConflict(
            ErrorCode.ALREADY_MEMBER,
            _("%(email)s is already a member of %(organisation)s.") % {"email": email, "organisation": organisation},
            field="email",
        )
    now = timezone.now()
    replaced = list(
        Invitation.objects.open().filter(organisation=organisation, email__iexact=email).values_list("pk", flat=True)
    )
    Invitation.objects.filter(pk__in=replaced).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        language=language,
        token_hash=token_digest(token),
        invited_by=actor,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=invitation,
        changes={"email": (None, email), "role": (None, role)},
        data={"organisation": organisation.slug, "replaces": replaced},
    )
    transaction.on_commit(lambda: _send_invitation(invitation, token, base_url))
    return invitation


def invitation_get(*, token: str, for_update: bool = False) -> Invitation:
    """The invitation a link opens, or a clear error: not valid, withdrawn, already used or expired."""
    qs = Invitation.objects.select_related("organisation", "invited_by")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    invitation = qs.filter(token_hash=token_digest(token or "")).first()
    if invitation is None:
        raise ServiceValidationError(
            ErrorCode.INVITATION_INVALID,
            _("This invitation link is not valid. Check that you copied the whole link, or ask for a new invitation."),
        )
    names = {"organisation": invitation.organisation}
    if invitation.revoked_at:
        raise InvitationUnavailable(
            ErrorCode.INVITATION_REVOKED,
            _("This invitation has been withdrawn. Ask an admin of %(organisation)s for a new one.") % names,
        )
    if invitation.accepted_at:
        raise InvitationUnavailable(
            ErrorCode.INVITATION_USED, _("This invitation has already been used. Sign in to continue.")
        )
    if invitation.is_expired:
        raise InvitationUnavailable(
            ErrorCode.INVITATION_EXPIRED,
            _("This invitation has expired. Ask an admin of %(organisation)s to send a new one.") % names,
        )
    return invitation


@transaction.atomic
def invitation_accept(*, actor: User, token: str) -> Membership:
    """The invited person joins with the role in the invitation (an existing member keeps their role)."""
    invitation = invitation_get(token=token, for_update=True)
    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Sign in to accept the invitation."))
    if actor.email.lower() != invitation.email.lower():
        raise ServicePermissionDenied(
            ErrorCode.INVITATION_OTHER_EMAIL,
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email},
        )
    organisation = invitation.organisation
    now = timezone.now()
    membership = Membership.objects.filter(user=actor, organisation=organisation).first()
    if membership is None:
        membership = Membership.objects.create(user=actor, organisation=organisation, role=invitation.role)
        forget_memberships(actor)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.MEMBER_ADDED,
            target=organisation,
            changes={"role": (None, invitation.role)},
            data={
                "user": actor.email,
                "invitation": invitation.pk,
                "invited_by": invitation.invited_by.email if invitation.invited_by else None,
            },
        )
    invitation.accepted_at, invitation.accepted_by = now, actor
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    # A request to join the same organisation is answered by the invitation.
    for request in JoinRequest.objects.pending().filter(user=actor, organisation=organisation):
        _decide(
            request,
            actor=invitation.invited_by,
            status=JoinRequest.Status.APPROVED,
            now=now,
            reason="invitation_accepted",
        )
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    _require_manage_members(actor, invitation.organisation)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise ServiceConflict(ErrorCode.INVITATION_CLOSED, _("This invitation has already been used or withdrawn."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=invitation,
        changes={"revoked_at": (None, invitation.revoked_at)},
        data={"organisation": invitation.organisation.slug},
    )
    return invitation


# Join requests -------------------------------------------------------------------------------------------------


def _notify_admins(join_request: JoinRequest, base_url: str) -> None:
    organisation = join_request.organisation
    admins = get_user_model().objects.filter(
        memberships__organisation=organisation, is_active=True, memberships__role=Membership.Role.ADMIN
    )
    for admin in admins:
        send_localised(
            to=admin.email,
            language=admin.preferred_language,
            template="join_request",
            context={"join_request": join_request, "requester": join_request.user, "organisation": organisation},
            link_path=lambda: reverse("organisations:team", args=[organisation.slug]),
            base_url=base_url,
        )


def _send_decision(join_request: JoinRequest, base_url: str) -> None:
    user = join_request.user
    send_localised(
        to=user.email,
        language=user.preferred_language,
        template="join_decision",
        context={
            "join_request": join_request,
            "organisation": join_request.organisation,
            "approved": join_request.status == JoinRequest.Status.APPROVED,
        },
        link_path=lambda: reverse("challenges:workspace"),
        base_url=base_url,
    )


@transaction.atomic
def join_request_create(
    *, user: User, organisation: Organisation, message: str = "", base_url: str = ""
) -> JoinRequest:
    """Ask to join a registered organisation. Its admins see the request once the e-mail is confirmed."""
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ServiceValidationError(
            ErrorCode.MESSAGE_TOO_LONG,
            _("Write at most %(n)s characters.") % {"n": MESSAGE_MAX_LENGTH},
            field="message",
        )
    if _is_member(user, organisation):
        raise ServiceConflict(
            ErrorCode.ALREADY_MEMBER,
            _("You are already a member of %(organisation)s.") % {"organisation": organisation},
        )
    if JoinRequest.objects.pending().filter(user=user, organisation=organisation).exists():
        raise ServiceConflict(
            ErrorCode.JOIN_REQUEST_PENDING,
            _("Your request to join %(organisation)s is waiting for its admins.") % {"organisation": organisation},
        )
    join_request = JoinRequest.objects.create(user=user, organisation=organisation, message=message)
    audit_record(
        actor=user,
        action=AuditEvent.Action.CREATED,
        target=join_request,
        data={"organisation": organisation.slug, "user": user.email},
    )
    if user.is_active:
        transaction.on_commit(lambda: _notify_admins(join_request, base_url))
    return join_request


def join_requests_notify_admins(*, user: User, base_url: str = "") -> None:
    """After a person confirms the e-mail address, tell the admins about the requests they had waiting."""
    for join_request in JoinRequest.objects.pending().filter(user=user).select_related("organisation", "user"):
        transaction.on_commit(functools.partial(_notify_admins, join_request, base_url))


def _decide(join_request: JoinRequest, *, actor: User | None, status: str, now: datetime, reason: str = "") -> None:
    join_request.status, join_request.decided_by, join_request.decided_at = status, actor, now
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.UPDATED,
        target=join_request,
        changes={"status": (JoinRequest.Status.PENDING, status)},
        data={
            "organisation": join_request.organisation.slug,
            "user": join_request.user.email,
            **({"reason": reason} if reason else {}),
        },
    )


@transaction.atomic
def join_request_decide(*, actor: User, join_request: JoinRequest, approve: bool, base_url: str = "") -> JoinRequest:
    """Approve (the person becomes a member) or decline; the person is e-mailed the decision."""
    _require_manage_members(actor, join_request.organisation)
    join_request = (
        JoinRequest.objects.select_for_update(of=("self",))
        .select_related("organisation", "user")
        .get(pk=join_request.pk)
    )
    if join_request.status != JoinRequest.Status.PENDING:
        raise ServiceConflict(ErrorCode.JOIN_REQUEST_DECIDED, _("This request has already been decided."))
    if not join_request.user.is_active:
        raise ServiceConflict(
            ErrorCode.JOIN_REQUEST_UNCONFIRMED, _("The person has not confirmed their e-mail address yet.")
        )
    if approve and not _is_member(join_request.user, join_request.organisation):
        membership_set(
            actor=actor, organisation=join_request.organisation, user=join_request.user, role=Membership.Role.MEMBER
        )
    status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    _decide(join_request, actor=actor, status=status, now=timezone.now())
    transaction.on_commit(lambda: _send_decision(join_request, base_url))
    return join_request
