"""Saved searches: the public list's filters, normalised, saved and followed by a person."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceValidationError
from haastemoottori.notifications.services import preference_ensure

from ..errors import ErrorCode
from ..models import Follow, SavedSearch
from ..selectors import FILTER_PARAMS, filters_query, saved_search_describe

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

MAX_SAVED_SEARCHES = 50
NAME_MAX_LENGTH = cast(int, SavedSearch._meta.get_field("name").max_length)


def saved_search_normalise(*, params: QueryDict | dict[str, Any] | str) -> str:
    """The list's query string with only known, valid, non-empty filters, in a fixed order.

    Raises when a filter has a value the list does not know, or when no filter is set.
    """
    from haastemoottori.challenges.forms import ChallengeFilterForm

    if isinstance(params, str):
        params = QueryDict(params)
    form = ChallengeFilterForm({name: params.get(name) or "" for name in FILTER_PARAMS})
    if not form.is_valid():
        labels = ", ".join(str(form.fields[name].label) for name in form.errors if name in form.fields)
        raise ServiceValidationError(
            ErrorCode.INVALID_SEARCH, _("The search has filters that are not valid: %(filters)s.") % {"filters": labels}
        )
    query = filters_query(form.cleaned_data)
    if not query:
        raise ServiceValidationError(
            ErrorCode.EMPTY_SEARCH, _("Choose at least one filter or type a search word before saving a search.")
        )
    return query


@transaction.atomic
def saved_search_create(
    *, actor: User, params: QueryDict | dict[str, Any] | str, name: str = ""
) -> tuple[SavedSearch, bool]:
    """Save and follow a search. Saving the same filters again returns the earlier one (created False)."""
    query = saved_search_normalise(params=params)
    existing = SavedSearch.objects.filter(user=actor, query=query).first()
    if existing is not None:
        return existing, False
    if SavedSearch.objects.filter(user=actor).count() >= MAX_SAVED_SEARCHES:
        message = _("You can save at most %(count)s searches. Remove one you no longer need first.")
        raise ServiceValidationError(ErrorCode.TOO_MANY_SEARCHES, message % {"count": MAX_SAVED_SEARCHES})
    name = " ".join((name or "").split())
    if len(name) > NAME_MAX_LENGTH:
        raise ServiceValidationError(
            ErrorCode.NAME_TOO_LONG,
            _("Use a name of at most %(count)s characters.") % {"count": NAME_MAX_LENGTH},
            field="name",
        )
    name = name or saved_search_describe(query=query)[:NAME_MAX_LENGTH]
    try:
        with transaction.atomic():
            search = SavedSearch.objects.create(user=actor, name=name, query=query)
    except IntegrityError:  # saved in a parallel request
        return SavedSearch.objects.get(user=actor, query=query), False
    Follow.objects.create(user=actor, kind=Follow.Kind.SEARCH, saved_search=search)
    preference_ensure(actor)
    audit_record(
        actor=actor, action=AuditEvent.Action.FOLLOWED, target=search, data={"kind": Follow.Kind.SEARCH, "query": query}
    )
    return search, True
