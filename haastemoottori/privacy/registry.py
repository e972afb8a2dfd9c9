"""The registry of personal data: every app that stores something about a person says here, from its
``AppConfig.ready()``, what the person gets in their export and what happens to it when they delete their
account.

The privacy app sits just above ``accounts`` so that every app holding personal data (organisations and up)
can register without importing upward; the export and erasure services (``services_export.py``,
``services_erasure.py``) only walk this registry. ``tests/test_registry.py`` fails when a model with a
foreign key to the user model is not registered, field by field, so a new model cannot be forgotten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User


class Erasure(StrEnum):
    """What happens to a row that points at the person when they delete their account."""

    # The row is the person's own (a follow, a notification, a membership): it is deleted.
    DELETE = "delete"
    # The row belongs to someone else (an organisation's proposal, a challenge): the link to the person is
    # cleared, the row stays.
    DETACH = "detach"
    # The row must stay linked to *an* account (an evaluation, a comment on a challenge): it stays linked to
    # the anonymised account, which has no name, no e-mail address and cannot sign in.
    KEEP = "keep"


@dataclass(frozen=True)
class PersonalData:
    model: type[models.Model]
    # Each foreign key to the user model, and what erasure does to the rows where it points at the person.
    fields: Mapping[str, Erasure]
    # Shown on the delete page before the person confirms: what stays and why (None: nothing stays).
    kept: Any = None
    # Left out of the export (secrets, hashes, other people's data).
    exclude: tuple[str, ...] = ()
    # File fields whose files go into the export's zip.
    files: tuple[str, ...] = ()
    # Text fields in which the person's name and e-mail address are replaced wherever they appear (texts
    # rendered for other people, such as notifications that name them).
    scrub: tuple[str, ...] = ()
    # Runs before the field policies (cancel a seat, hand an organisation over to another admin).
    eraser: Callable[[User], None] | None = None
    # Which rows are the person's, when not simply "any of ``fields`` is the person".
    rows: Callable[[User], models.QuerySet[Any]] | None = None

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


@dataclass(frozen=True)
class ExtraExport:
    """Rows about the person reached through another model (an evaluation through its assignment)."""

    key: str
    rows: Callable[[User], models.QuerySet[Any]]
    exclude: tuple[str, ...] = ()


@dataclass
class _Registry:
    models: dict[type[models.Model], PersonalData] = field(default_factory=dict)
    extra: dict[str, ExtraExport] = field(default_factory=dict)
    notices: list[Callable[[User], Iterable[str]]] = field(default_factory=list)


_registry = _Registry()


def register_personal_data(
    model: type[models.Model],
    *,
    fields: Mapping[str, Erasure],
    kept: Any = None,
    exclude: Iterable[str] = (),
    files: Iterable[str] = (),
    scrub: Iterable[str] = (),
    eraser: Callable[[User], None] | None = None,
    rows: Callable[[User], models.QuerySet[Any]] | None = None,
) -> None:
    """Register a model that points at people. Every foreign key to the user model must be in ``fields``."""
    for name, policy in fields.items():
        model._meta.get_field(name)  # a misspelt field fails at start-up
        if not isinstance(policy, Erasure):
            raise TypeError(f"{model.__name__}.{name}: the policy is an Erasure member, not {policy!r}.")
    _registry.models[model] = PersonalData(
        model=model,
        fields=dict(fields),
        kept=kept,
        exclude=tuple(exclude),
        files=tuple(files),
        scrub=tuple(scrub),
        eraser=eraser,
        rows=rows,
    )


def register_extra_export(key: str, rows: Callable[[User], models.QuerySet[Any]], exclude: Iterable[str] = ()) -> None:
    _registry.extra[key] = ExtraExport(key=key, rows=rows, exclude=tuple(exclude))


def register_erasure_notice(notice: Callable[[User], Iterable[str]]) -> None:
    """A function that tells the person, before they delete their account, what will happen that concerns
    others (e.g. they are the only admin of an organisation)."""
    _registry.notices.append(notice)


def registered() -> dict[type[models.Model], PersonalData]:
    return dict(_registry.models)


def extra_exports() -> dict[str, ExtraExport]:
    return dict(_registry.extra)


def erasure_notices(user: User) -> list[str]:
    return [str(text) for notice in _registry.notices for text in notice(user)]
