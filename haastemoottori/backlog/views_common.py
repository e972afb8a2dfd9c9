"""Helpers shared by the backlog views."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import NoReverseMatch, reverse

from .rules import can_score
from .selectors import candidate_get_visible, city_get


def city_or_404(request, slug: str, perm: str):
    """The city named by ``slug`` (404 when there is none) if the user has ``perm`` on it (else 403).

    ``backlog.score`` is checked without the superuser shortcut (platform admins do not score)."""
    city = city_get(slug=slug)
    if city is None:
        raise Http404
    allowed = can_score(request.user, city) if perm == "backlog.score" else request.user.has_perm(perm, city)
    if not allowed:
        raise PermissionDenied
    return city


def candidate_or_404(request, pk: int):
    candidate = candidate_get_visible(pk=pk, user=request.user)
    if candidate is None:
        raise Http404
    return candidate


def url_or_none(names: tuple[str, ...], *args) -> str | None:
    """The first of ``names`` that resolves (pages of another app that may not exist yet), else None."""
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


SIGNAL_URL_NAMES = ("signals:detail",)
CLUSTER_URL_NAMES = ("signals:cluster", "signals:cluster-detail")
