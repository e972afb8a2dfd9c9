"""Optimistic concurrency for edit forms: nothing is overwritten that the editor has not seen.

An edit form carries a token of the record as it was when the form was opened (``edit_token``: its
``updated_at``, which every save moves). The service, holding the row locked, compares it with the saved
record (``token_matches``); when someone else saved in between it raises :class:`EditConflict`, which names
the inputs whose saved value ("theirs") differs from the submitted one ("yours"). The page shows them with
``core/_edit_conflict.html`` and offers the form again with the current token, so a second save is a choice
made knowing what it replaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .errors import CommonCode, ServiceConflict


@dataclass(frozen=True)
class Difference:
    """One input whose saved value differs from the one being saved."""

    field: str
    label: str
    theirs: str
    yours: str


class EditConflict(ServiceConflict):
    """Someone else saved the record after the form was opened; ``differences`` say what differs now and
    ``current_token`` is the token of the record as it is saved now."""

    def __init__(self, message, *, differences: list[Difference], current_token: str) -> None:
        super().__init__(CommonCode.EDIT_CONFLICT, message)
        self.differences = differences
        self.current_token = current_token


def edit_token(updated_at: datetime | None) -> str:
    """The token an edit form carries for a record last saved at ``updated_at``."""
    return updated_at.isoformat() if updated_at else ""


def token_matches(updated_at: datetime | None, token: str | None) -> bool:
    """Whether a form opened with ``token`` saw the record as it is saved now. ``None`` (a caller that is not
    a form, e.g. an import or the demo) skips the check."""
    if token is None:
        return True
    return edit_token(updated_at) == token


def display(value: Any) -> str:
    """A value as the conflict view shows it: lists joined, empty as a dash."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value)
    return str(value)


def differences(labels: dict[str, str], theirs: dict[str, Any], yours: dict[str, Any]) -> list[Difference]:
    """The inputs of ``yours`` whose value differs from ``theirs``, in the order of ``yours``."""
    return [
        Difference(field=name, label=labels.get(name, name), theirs=display(theirs.get(name)), yours=display(value))
        for name, value in yours.items()
        if display(theirs.get(name)) != display(value)
    ]
