"""Who holds a staff role: platform admins, city staff and evaluators.

These people see confidential proposals, scores and declarations, so their password sign-ins need a second
factor (middleware.SecondFactorMiddleware) and their sessions end after inactivity
(middleware.StaffIdleTimeoutMiddleware). Platform admins are known here; the apps that give the other roles sit
above accounts and register a predicate from their AppConfig.ready: organisations (a member of a city or another
public body, any role) and evaluation (an assigned evaluator).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_predicates: list[Callable[[Any], bool]] = []


def register_staff_role(predicate: Callable[[Any], bool]) -> None:
    """Add a predicate ``predicate(user) -> bool`` that tells whether the user holds a staff role."""
    if predicate not in _predicates:
        _predicates.append(predicate)


def holds_staff_role(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return any(predicate(user) for predicate in _predicates)


def request_holds_staff_role(request: Any) -> bool:
    """``holds_staff_role`` for the request's user, asked once per request."""
    cached = getattr(request, "_holds_staff_role", None)
    if cached is None:
        cached = holds_staff_role(request.user)
        request._holds_staff_role = cached
    return cached
