"""What every importer shares: the run summary, content hashes, and the hand-off to the search index."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import Model

IMPORTED, UPDATED, UNCHANGED = "imported", "updated", "unchanged"


class RecordRejected(Exception):
    """A record that cannot be imported; the message is the reason shown in the summary."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ImportSummary:
    """Counts of one run, with a reason for each rejected record and the warnings about kept ones."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    stopped_at_limit: bool = False

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def reject(self, ref: str, reason: str) -> None:
        self.rejected.append((ref, reason))

    def warn(self, ref: str, messages: Iterable[str]) -> None:
        self.warnings.extend((ref, message) for message in messages)

    @property
    def written(self) -> int:
        return self.imported + self.updated

    @property
    def seen(self) -> int:
        return self.imported + self.updated + self.unchanged + len(self.rejected)


def content_hash(data: Any) -> str:
    """A stable hash of what a record maps to; a change in it is what makes a re-import update."""
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def search_index_schedule(objects: Iterable[Model]) -> None:
    """Queue re-indexing of changed objects when the search app offers it (it runs on commit)."""
    objects = list(objects)
    if not objects or importlib.util.find_spec("haastemoottori.search.services") is None:
        return
    from haastemoottori.search import services as search_services

    if hasattr(search_services, "search_index_schedule"):
        search_services.search_index_schedule(objects)
