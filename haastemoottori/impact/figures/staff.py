"""Figures only the staff dashboard shows."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from haastemoottori.challenges.models import ChallengeOwnership

from ..selectors import ImpactFilters, challenges_in_period
from .base import Figure
from .challenges import _department_label


def own_departments(filters: ImpactFilters) -> Figure:
    qs = ChallengeOwnership.objects.filter(
        challenge__in=challenges_in_period(filters).order_by().values("pk"), department__isnull=False
    )
    if not filters.all_orgs:
        qs = qs.filter(organisation_id__in=filters.owner_org_ids)
    grouped = (
        qs.order_by()
        .values(
            "department_id",
            "department__name",
            "department__original_language",
            "organisation__name",
            "organisation__original_language",
        )
        .annotate(
            total=Count("challenge", distinct=True),
            unpublished=Count("challenge", distinct=True, filter=Q(challenge__published_at__isnull=True)),
        )
    )
    rows = sorted(
        ([_department_label(g), g["total"], g["total"] - g["unpublished"], g["unpublished"]] for g in grouped),
        key=lambda r: (-r[1], r[0]),
    )
    return Figure(
        key="own-departments",
        title=_("Challenges of your organisations' departments"),
        description=_(
            "Challenges dated in the period (published in it, or created in it when not "
            "published) where a department of your organisation is named, with drafts and "
            "challenges in review."
        ),
        columns=[_("Department"), _("Challenges"), _("Published"), _("Not published")],
        rows=rows,
    )
