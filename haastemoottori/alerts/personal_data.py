"""Follows and saved searches for the export and erasure of personal data (privacy/registry.py)."""

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import Follow, SavedSearch


def register() -> None:
    register_personal_data(Follow, fields={"user": Erasure.DELETE})
    register_personal_data(SavedSearch, fields={"user": Erasure.DELETE}, exclude=("feed_token",))
