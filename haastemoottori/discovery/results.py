"""Search results as pages show them: the ranked ids turned into records, in rank order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Model

from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import challenge_list_prefetch
from haastemoottori.organisations.models import Organisation
from haastemoottori.search.models import SearchDocument
from haastemoottori.search.selectors import search_ids

T = TypeVar("T", bound=Model)


def _in_order(ids: list[int], objects: Iterable[T]) -> list[T]:
    by_id = {o.pk: o for o in objects}
    return [by_id[i] for i in ids if i in by_id]


def challenge_results(*, query: str, limit: int = 200) -> list[Challenge]:
    ids = search_ids(kind=SearchDocument.Kind.CHALLENGE, query=query, limit=limit)
    # The index says public; the records say it again, so a stale index entry can never leak a draft.
    return _in_order(ids, challenge_list_prefetch(Challenge.objects.public().filter(pk__in=ids)))


def organisation_results(*, query: str, limit: int = 200) -> list[Organisation]:
    ids = search_ids(kind=SearchDocument.Kind.ORGANISATION, query=query, limit=limit)
    qs = Organisation.objects.listed().filter(pk__in=ids).prefetch_related("themes")
    return _in_order(ids, qs)
