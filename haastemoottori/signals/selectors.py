"""Reads for signals. Signals are staff-only: every read here takes the user and returns only what they may see.

Accepted signals are read by the staff of every city in the region (needs cross city lines); pending and
rejected resident suggestions only by the editors of their city (who moderate them) and platform admins.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from haastemoottori.organisations.models import Department, Organisation
from haastemoottori.organisations.rules import is_platform_admin

from .models import Signal, SignalImport
from .rules import editor_city_ids, staff_city_ids

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User


@dataclass(frozen=True)
class SignalFilters:
    city: int | None = None
    department: int | None = None
    source: str = ""
    status: str = ""
    theme: str = ""
    language: str = ""
    q: str = ""


def signals_visible(*, user: User) -> QuerySet[Signal]:
    if is_platform_admin(user):
        return Signal.objects.all()
    if not staff_city_ids(user):
        return Signal.objects.none()
    return Signal.objects.filter(Q(status=Signal.Status.ACCEPTED) | Q(city_id__in=editor_city_ids(user)))


def signal_list(*, user: User, filters: SignalFilters) -> QuerySet[Signal]:
    qs = signals_visible(user=user)
    if filters.city is not None:
        qs = qs.filter(city_id=filters.city)
    if filters.department is not None:
        qs = qs.filter(department_id=filters.department)
    if filters.source:
        qs = qs.filter(source=filters.source)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.theme:
        qs = qs.filter(themes__slug=filters.theme)
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.q:
        for word in filters.q.split()[:10]:
            qs = qs.filter(Q(title__icontains=word) | Q(text__icontains=word) | Q(location_name__icontains=word))
    return (
        qs.select_related("city", "department", "cluster")
        .prefetch_related("themes")
        .defer("embedding", "text")
        .order_by("-observed_at", "-id")
    )


def signal_get_visible(*, user: User, pk: int) -> Signal | None:
    return (
        signals_visible(user=user)
        .select_related("city", "department", "cluster", "author", "moderated_by")
        .prefetch_related("themes")
        .defer("embedding")
        .filter(pk=pk)
        .first()
    )


def signals_pending(*, user: User) -> QuerySet[Signal]:
    """Resident suggestions waiting for moderation in the cities the user moderates, oldest first."""
    qs = Signal.objects.pending()
    if not is_platform_admin(user):
        qs = qs.filter(city_id__in=editor_city_ids(user))
    return qs.select_related("city").prefetch_related("themes").defer("embedding").order_by("created_at", "id")


def signals_of_author(*, user: User | AnonymousUser) -> QuerySet[Signal]:
    """A resident's own suggestions, in every status (only they see this page)."""
    if not user.is_authenticated:
        return Signal.objects.none()
    return (
        Signal.objects.filter(author=user, source=Signal.Source.RESIDENT)
        .select_related("city")
        .defer("embedding")
        .order_by("-created_at", "-id")
    )


def cities_for_adding(*, user: User) -> QuerySet[Organisation]:
    """Where the user may add a staff signal (``signals.add_signal``)."""
    qs = Organisation.objects.owners()
    return qs if is_platform_admin(user) else qs.filter(pk__in=staff_city_ids(user))


def cities_for_editing(*, user: User) -> QuerySet[Organisation]:
    """Where the user may edit, moderate and import (``signals.change_signal`` / ``import_signals``)."""
    qs = Organisation.objects.owners()
    return qs if is_platform_admin(user) else qs.filter(pk__in=editor_city_ids(user))


def may_moderate_somewhere(user: User) -> bool:
    return is_platform_admin(user) or bool(editor_city_ids(user))


def departments_of(*, cities: Iterable[Organisation]) -> QuerySet[Department]:
    return Department.objects.filter(organisation__in=cities).select_related("organisation")


def suggestion_cities() -> QuerySet[Organisation]:
    """The cities a resident may send a suggestion to."""
    return Organisation.objects.cities().order_by("slug")


def imports_visible(*, user: User) -> QuerySet[SignalImport]:
    qs = SignalImport.objects.select_related("city", "created_by")
    return qs if is_platform_admin(user) else qs.filter(city_id__in=editor_city_ids(user))


def import_get_visible(*, user: User, pk: int) -> SignalImport | None:
    return imports_visible(user=user).filter(pk=pk).first()
