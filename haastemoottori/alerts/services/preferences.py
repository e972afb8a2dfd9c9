"""How often the digest comes, and unsubscribing from it in one click with a signed link."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.accounts.signed_links import user_from_token, user_token
from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.notifications.models import AlertPreference

from ..errors import ErrorCode

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

UNSUBSCRIBE_SALT = "haastemoottori.alerts.unsubscribe"


def invalid_link_message() -> str:
    return _(
        "The unsubscribe link is not valid. Open the link from the latest e-mail, or sign in and change your "
        "alert settings."
    )


def unsubscribe_token(user: User) -> str:
    """A signed token naming the person; the unsubscribe link works without signing in and does not expire."""
    return user_token(user, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_user(token: str) -> User | None:
    """The person a token names, or None when the token is not valid."""
    return user_from_token(token, salt=UNSUBSCRIBE_SALT)


def _set_frequency(*, actor: User, preference: AlertPreference, frequency: str, via: str) -> AlertPreference:
    old = preference.frequency
    if old != frequency:
        preference.frequency = frequency
        preference.save(update_fields=["frequency", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATED,
            target=preference,
            changes={"frequency": (old, frequency)},
            data={"via": via},
        )
    return preference


@transaction.atomic
def preference_set_frequency(*, actor: User, frequency: str) -> AlertPreference:
    """Choose how often the digest comes: never, daily or weekly."""
    if frequency not in AlertPreference.Frequency.values:
        raise ServiceValidationError(
            ErrorCode.UNKNOWN_FREQUENCY, _("Choose how often you want the digest from the list."), field="frequency"
        )
    preference, _created = AlertPreference.objects.select_for_update().get_or_create(user=actor)
    return _set_frequency(actor=actor, preference=preference, frequency=frequency, via="settings")


@transaction.atomic
def digest_unsubscribe(*, token: str) -> User:
    """Stop the digest for the person the signed token names. Returns the person; raises on a bad token."""
    user = unsubscribe_token_user(token)
    if user is None:
        raise ServiceValidationError(ErrorCode.LINK_INVALID, invalid_link_message())
    preference, _created = AlertPreference.objects.select_for_update().get_or_create(user=user)
    _set_frequency(actor=user, preference=preference, frequency=AlertPreference.Frequency.OFF, via="unsubscribe_link")
    return user
