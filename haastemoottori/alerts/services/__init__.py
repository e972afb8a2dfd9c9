"""Writes for alerts: following, saved searches, digest preferences, unsubscribing and sending digests."""

from .digests import digest_send_due, digest_send_one
from .follows import challenge_follow, follow_delete, organisation_follow, theme_follow
from .preferences import digest_unsubscribe, preference_set_frequency, unsubscribe_token
from .searches import saved_search_create, saved_search_normalise

__all__ = [
    "challenge_follow",
    "digest_send_due",
    "digest_send_one",
    "digest_unsubscribe",
    "follow_delete",
    "organisation_follow",
    "preference_set_frequency",
    "saved_search_create",
    "saved_search_normalise",
    "theme_follow",
    "unsubscribe_token",
]
