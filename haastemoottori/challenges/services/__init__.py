"""Writes for challenges. Each function checks permission and invariants, changes, and audits."""

from .canvas import challenge_create, challenge_set_indicators, challenge_update
from .ownership import challenge_add_owner, challenge_approve, challenge_remove_owner, challenge_withdraw_approval
from .transitions import challenge_transition

__all__ = [
    "challenge_add_owner",
    "challenge_approve",
    "challenge_create",
    "challenge_remove_owner",
    "challenge_set_indicators",
    "challenge_transition",
    "challenge_update",
    "challenge_withdraw_approval",
]
