"""Notifications and preferences for the export and erasure of personal data (privacy/registry.py)."""

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import AlertPreference, Notification, NotificationPreference


def register() -> None:
    # Other people's notifications may name the person (a join request, a comment): the name is scrubbed.
    register_personal_data(Notification, fields={"user": Erasure.DELETE}, scrub=("subject", "body"))
    register_personal_data(NotificationPreference, fields={"user": Erasure.DELETE})
    register_personal_data(AlertPreference, fields={"user": Erasure.DELETE})
