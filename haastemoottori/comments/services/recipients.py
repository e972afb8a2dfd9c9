"""Who hears about comments: the editors of the owning organisations (lead and co-owners)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model

from haastemoottori.organisations.models import Membership

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge


def owner_editors(challenge: Challenge) -> list[User]:
    owner_ids = [o.organisation_id for o in challenge.ownerships.all() if o.role in ("lead", "co_owner")]
    return list(get_user_model().objects.filter(
        is_active=True, memberships__organisation_id__in=owner_ids, memberships__role__in=Membership.EDITOR_ROLES,
    ).distinct().order_by("pk"))
