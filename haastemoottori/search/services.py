"""Writes of the search engine: scheduling re-indexing, and feedback on the matcher's suggestions."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError
from haastemoottori.organisations.models import Organisation

from . import indexing
from .errors import ErrorCode
from .models import MatchFeedback, SearchDocument


def _kind(obj) -> str:
    if isinstance(obj, Challenge):
        return SearchDocument.Kind.CHALLENGE
    if isinstance(obj, Organisation):
        return SearchDocument.Kind.ORGANISATION
    raise TypeError(f"not searchable: {type(obj).__name__}")


def search_index_schedule(objects: Iterable) -> None:
    """Re-index these challenges/organisations now, and queue the embedding of changed texts on commit.

    The lexical part is cheap and lives in the same transaction as the data, so search never shows what
    was rolled back; the embeddings (tens of milliseconds to seconds a text) are computed by the worker.
    """

    pending = getattr(_batch, "pending", None)
    if pending is not None:  # inside search_index_batch(): indexed together when the batch ends
        for obj in objects:
            pending[_kind(obj)].add(obj.pk)
        return
    by_kind: dict[str, set[int]] = defaultdict(set)
    for obj in objects:
        by_kind[_kind(obj)].add(obj.pk)
    _index_now(by_kind)


_batch = threading.local()


@contextmanager
def search_index_batch():
    """Collect the re-indexing that services ask for in this block and do it once at its end (imports)."""
    if getattr(_batch, "pending", None) is not None:  # nested: the outer batch indexes
        yield
        return
    _batch.pending = defaultdict(set)
    try:
        yield
        pending = _batch.pending
    finally:
        _batch.pending = None
    _index_now(pending)


def _index_now(by_kind: dict[str, set[int]]) -> None:
    from .tasks import embed_dirty_task

    dirty = False
    for kind, ids in by_kind.items():
        docs = indexing.index_objects(kind, ids)
        dirty = dirty or any(d.embedding_dirty for d in docs)
    if dirty:
        transaction.on_commit(embed_dirty_task.enqueue)


@transaction.atomic
def match_feedback_record(*, actor, challenge: Challenge, organisation: Organisation, direction: str, useful: bool,
                          rank: int | None = None, score: float | None = None) -> MatchFeedback:
    """Keep a person's verdict on a suggestion: an owner of the challenge, or a member of the solver."""
    if direction not in MatchFeedback.Direction.values:
        raise ServiceValidationError(ErrorCode.INVALID_DIRECTION, _("Unknown kind of suggestion."))
    permission = ("search.view_solver_suggestions" if direction == MatchFeedback.Direction.SOLVER_FOR_CHALLENGE
                  else "search.view_challenge_suggestions")
    target = challenge if direction == MatchFeedback.Direction.SOLVER_FOR_CHALLENGE else organisation
    if not actor.is_authenticated or not actor.has_perm(permission, target):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot rate this suggestion."))
    feedback, _created = MatchFeedback.objects.update_or_create(
        challenge=challenge, organisation=organisation, direction=direction, user=actor,
        defaults={"useful": useful, "rank": rank, "score": score})
    audit_record(actor=actor, action=AuditEvent.Action.UPDATED, target=challenge,
                 changes={"match_feedback": (None, "useful" if useful else "not useful")},
                 data={"organisation": organisation.slug, "direction": direction})
    return feedback
