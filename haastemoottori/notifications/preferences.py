"""Per-person, per-category e-mail preferences (placeholder until the preference model lands)."""

from .models import Notification


def email_mode(*, user, category: str) -> str:
    return Notification.Email.IMMEDIATE
