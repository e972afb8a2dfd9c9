"""Start and stop following a challenge, a theme or a challenge owner (a city)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError
from haastemoottori.notifications.services import preference_ensure
from haastemoottori.organisations.models import Organisation

from ..errors import ErrorCode
from ..models import Follow

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge
    from haastemoottori.taxonomy.models import Theme


def _follow_set(*, actor: User, kind: str, target: Model, follow: bool) -> bool:
    field = Follow.TARGETS[Follow.Kind(kind)]
    existing = Follow.objects.filter(user=actor, kind=kind, **{field: target})
    if follow and not existing.exists():
        try:
            with transaction.atomic():
                Follow.objects.create(user=actor, kind=kind, **{field: target})
        except IntegrityError:
            return True  # followed in a parallel request
        preference_ensure(actor)
        audit_record(actor=actor, action=AuditEvent.Action.FOLLOWED, target=target, data={"kind": kind})
    elif not follow and existing.exists():
        existing.delete()
        audit_record(actor=actor, action=AuditEvent.Action.UNFOLLOWED, target=target, data={"kind": kind})
    return follow


@transaction.atomic
def challenge_follow(*, actor: User, challenge: Challenge, follow: bool) -> bool:
    """Start or stop following a public challenge. Returns whether the user now follows it."""
    if not challenge.is_public:
        raise ServiceValidationError(ErrorCode.NOT_PUBLIC, _("Only a published challenge can be followed."))
    return _follow_set(actor=actor, kind=Follow.Kind.CHALLENGE, target=challenge, follow=follow)


@transaction.atomic
def theme_follow(*, actor: User, theme: Theme, follow: bool) -> bool:
    """Start or stop following a theme: new public challenges with it come in the digest."""
    return _follow_set(actor=actor, kind=Follow.Kind.THEME, target=theme, follow=follow)


@transaction.atomic
def organisation_follow(*, actor: User, organisation: Organisation, follow: bool) -> bool:
    """Start or stop following a city (or another public body that owns challenges)."""
    if not organisation.can_own_challenges or not organisation.is_public:
        raise ServiceValidationError(
            ErrorCode.NOT_AN_OWNER, _("Only cities and other public bodies that publish challenges can be followed.")
        )
    return _follow_set(actor=actor, kind=Follow.Kind.ORGANISATION, target=organisation, follow=follow)


@transaction.atomic
def follow_delete(*, actor: User, follow: Follow) -> None:
    """Stop following, from the alerts settings. Removing a saved search's follow removes the search."""
    if follow.user_id != actor.pk:
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You can only change what you follow yourself."))
    current = Follow.objects.select_related("saved_search").filter(pk=follow.pk).first()
    if current is None:
        return  # removed in a parallel request
    follow = current
    target = follow.target
    audit_record(actor=actor, action=AuditEvent.Action.UNFOLLOWED, target=target, data={"kind": follow.kind})
    if follow.kind == Follow.Kind.SEARCH:
        target.delete()  # its follow goes with it
    else:
        follow.delete()
