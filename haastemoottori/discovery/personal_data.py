"""Ratings of suggestions for the export and erasure of personal data (privacy/registry.py)."""

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import MatchFeedback


def register() -> None:
    register_personal_data(MatchFeedback, fields={"user": Erasure.DELETE})
