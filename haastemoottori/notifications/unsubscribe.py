"""One-click unsubscribe from digest e-mails that carry notifications (RFC 8058), with a signed link.

The link stops that e-mail completely: the alerts digest is turned off and every notification category the
person had in the digest is set to "not by e-mail". Notifications still appear in the inbox.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from haastemoottori.accounts.signed_links import user_from_token, user_token

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

UNSUBSCRIBE_SALT = "haastemoottori.notifications.unsubscribe"


def invalid_link_message() -> str:
    return _(
        "The unsubscribe link is not valid. Open the link from the latest e-mail, or sign in and change your "
        "notification settings."
    )


def unsubscribe_token(user: User) -> str:
    """A signed token naming the person; the unsubscribe link works without signing in and does not expire."""
    return user_token(user, salt=UNSUBSCRIBE_SALT)


def unsubscribe_token_user(token: str) -> User | None:
    """The person a token names, or None when the token is not valid."""
    return user_from_token(token, salt=UNSUBSCRIBE_SALT)
