"""What the engine indexes: each domain app registers its searchable records here, once, at start-up.

The engine knows documents, not challenges or organisations. An app that wants its records found calls
``register_source`` from its ``AppConfig.ready()`` with the document kind, the model, a queryset of the
records to index (with whatever it prefetches) and a function that builds a document from one record.
Services then call ``search_index_schedule(objects)`` with their records, and the management command
``search_reindex`` walks every registered source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypedDict

from django.db import models


class Document(TypedDict):
    """A record's public face to the index: whether it may be found, its texts per language, its passages."""

    is_public: bool
    texts: dict[str, dict[str, str]]  # language -> {"title": ..., "body": ...}
    passages: list[list[str]]  # [text, language] pairs to embed


@dataclass(frozen=True)
class Source:
    kind: str
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet[Any]]
    build: Callable[[Any], Document]


_sources: dict[str, Source] = {}


def register_source(
    *,
    kind: str,
    model: type[models.Model],
    build: Callable[[Any], Document],
    queryset: Callable[[], models.QuerySet[Any]] | None = None,
) -> None:
    """Make ``model``'s records searchable as documents of ``kind`` (call from ``AppConfig.ready``)."""
    existing = _sources.get(kind)
    if existing is not None and existing.model is not model:
        raise ValueError(f"search kind {kind!r} is already registered for {existing.model.__name__}")
    _sources[kind] = Source(kind=kind, model=model, queryset=queryset or model._default_manager.all, build=build)


def source(kind: str) -> Source:
    try:
        return _sources[kind]
    except KeyError:
        raise LookupError(f"no search source registered for kind {kind!r}") from None


def source_for(obj: object) -> Source:
    for candidate in _sources.values():
        if isinstance(obj, candidate.model):
            return candidate
    raise TypeError(f"not searchable: {type(obj).__name__}")


def kinds() -> list[str]:
    return list(_sources)
