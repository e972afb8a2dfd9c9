"""Procurement value by city, from the procurement app (awards and contracts).

The procurement app may not have its models yet; then the figure says “no data yet”.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Sum, Value
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import translate

from ..selectors import OWNER_ROLES, ImpactFilters, day_in_period, optional_model, visible_challenges
from .base import Figure


def procurement_value(filters: ImpactFilters) -> Figure:
    figure = Figure(
        key="procurement-value",
        title=_("Procurement value by city"),
        description=_(
            "Sum of award values (by award date) and of contract values (by signing date) "
            "in the period, for the counted challenges, by owning city. A co-owned "
            "challenge counts in full for every owning city."
        ),
        columns=[_("City"), _("Currency"), _("Awarded"), _("Contracted")],
        chart_column=3,
    )
    award, contract = optional_model("procurement", "Award"), optional_model("procurement", "Contract")
    if award is None or contract is None:
        figure.available = False
        return figure
    ids = visible_challenges(filters).order_by().values("pk")
    parts = []
    for model, prefix, date_field, column in (
        (award, "path__", "date", 0),
        (contract, "award__path__", "signed_on", 1),
    ):
        owner = f"{prefix}challenge__ownerships__"
        parts.append(
            model._default_manager.filter(
                day_in_period(date_field, filters),
                **{
                    f"{prefix}challenge__in": ids,
                    f"{owner}role__in": OWNER_ROLES,
                    f"{owner}organisation__kind": "city",
                },
            )
            .order_by()
            .values(
                f"{owner}organisation_id",
                f"{owner}organisation__name",
                f"{owner}organisation__original_language",
                "currency",
            )
            .annotate(column=Value(column), total=Sum("value"))
            .values_list(
                "column", "currency", "total", f"{owner}organisation__name", f"{owner}organisation__original_language"
            )
        )
    totals: dict[tuple, list] = {}
    # Awards and contracts in one query.
    for column, currency, total, name, language in parts[0].union(parts[1], all=True):
        key = (translate(name, language).text, currency)
        totals.setdefault(key, [Decimal("0"), Decimal("0")])[column] += total or 0
    figure.rows = [
        [city, currency, awarded, contracted] for (city, currency), (awarded, contracted) in sorted(totals.items())
    ]
    return figure


def innovative_procurements(filters: ImpactFilters) -> Figure:
    """Challenges that led to an innovative procurement, as the notices read from eForms say (BT-776)."""
    figure = Figure(
        key="innovative-procurements",
        title=_("Challenges that led to an innovative procurement"),
        description=_(
            "Challenges with a contract or award notice, published in the period, that the notice itself marks as "
            "an innovative procurement (eForms BT-776), by owning city. A co-owned challenge counts for every "
            "owning city."
        ),
        columns=[_("City"), _("Challenges")],
        chart_column=1,
    )
    notice = optional_model("procurement", "ProcurementNotice")
    if notice is None or "innovative" not in {f.name for f in notice._meta.get_fields()}:
        figure.available = False
        return figure
    ids = visible_challenges(filters).order_by().values("pk")
    owner = "path__challenge__ownerships__"
    rows = (
        notice._default_manager.filter(
            day_in_period("published_on", filters),
            innovative=True,
            kind__in=["contract_notice", "award_notice"],
            path__challenge__in=ids,
            **{f"{owner}role__in": OWNER_ROLES, f"{owner}organisation__kind": "city"},
        )
        .order_by()
        .values(f"{owner}organisation_id", f"{owner}organisation__name", f"{owner}organisation__original_language")
        .annotate(total=Count("path__challenge", distinct=True))
        .values_list(f"{owner}organisation__name", f"{owner}organisation__original_language", "total")
    )
    figure.rows = sorted([translate(name, language).text, total] for name, language, total in rows)
    return figure
