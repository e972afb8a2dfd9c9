"""The audit actions there are: one registry for every app's actions.

``AuditEvent.Action`` names the generic ones (created, updated, deleted, owners, approvals, members, follows).
An app that records more declares them in its ``audit_actions.py`` as a ``StrEnum`` decorated with
:func:`register_actions`; the audit app imports those modules when Django starts. ``audit_record`` takes only
a registered member, so a misspelt action fails at import or in a test instead of being stored; the stored
value is the member's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

# AuditEvent.action's max_length (a test checks they agree).
MAX_LENGTH = 30

E = TypeVar("E", bound=type[Enum])

_registered: dict[str, Enum] = {}
_labels: dict[str, object] = {}


def register_actions(actions: E, *, labels: Mapping[Enum, object] | None = None) -> E:
    """Register an enum of audit actions (also as a class decorator). A value that another enum has already
    registered, or one longer than the column, fails here, at import. ``labels`` are readable names for pages
    that list the actions of a record (the generic actions have theirs in AuditEvent.Action)."""
    for member in actions:
        other = _registered.get(member.value)
        if other is not None and other is not member:
            raise ValueError(f"The audit action {member!r} repeats {other!r}: use that one.")
        if len(member.value) > MAX_LENGTH:
            raise ValueError(f"The audit action {member!r} is longer than {MAX_LENGTH} characters.")
    _registered.update({member.value: member for member in actions})
    _labels.update({member.value: label for member, label in (labels or {}).items()})
    return actions


def is_registered(action: object) -> bool:
    return isinstance(action, Enum) and _registered.get(action.value) is action


def registered_actions() -> dict[str, Enum]:
    """Every registered action by its stored value."""
    return dict(_registered)


def action_label(value: str) -> object | None:
    """The readable name an app gave one of its actions, if any."""
    return _labels.get(value)
