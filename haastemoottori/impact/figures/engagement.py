"""Figures about who takes part: companies engaged, proposals per call, followers and public answers."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from haastemoottori.challenges.models import Challenge
from haastemoottori.core.i18n import translate
from haastemoottori.organisations.models import Organisation
from haastemoottori.proposals.models import Proposal, ProposalPartner
from haastemoottori.qa.models import Question

from ..selectors import ImpactFilters, moment_in_period, visible_challenges
from .base import Figure

SUBMITTED = Proposal.Status.SUBMITTED


def _proposals_in_period(filters: ImpactFilters):
    return Proposal.objects.filter(moment_in_period("submitted_at", filters), status=SUBMITTED,
                                   call__challenge__in=visible_challenges(filters).order_by().values("pk"))


def companies_engaged(filters: ImpactFilters) -> Figure:
    proposals = _proposals_in_period(filters).order_by()
    leads = proposals.values("lead_id")
    partners = ProposalPartner.objects.filter(status=ProposalPartner.Status.CONFIRMED,
                                              proposal__in=proposals.values("pk")).values("organisation_id")
    first_lead = Proposal.objects.filter(lead=OuterRef("pk"), status=SUBMITTED).order_by("submitted_at")
    first_partner = ProposalPartner.objects.filter(
        organisation=OuterRef("pk"), status=ProposalPartner.Status.CONFIRMED,
        proposal__status=SUBMITTED).order_by("proposal__submitted_at")
    engaged = Organisation.objects.filter(Q(pk__in=leads) | Q(pk__in=partners), kind__in=Organisation.SOLVER_KINDS)
    returning = Q(pk__in=[])
    if filters.start:
        engaged = engaged.annotate(
            first_lead=Subquery(first_lead.values("submitted_at")[:1]),
            first_partner=Subquery(first_partner.values("proposal__submitted_at")[:1]))
        returning = Q(first_lead__lt=filters.start) | Q(first_partner__lt=filters.start)
    totals = engaged.aggregate(total=Count("pk"), sme=Count("pk", filter=Q(is_sme=True)),
                               returning=Count("pk", filter=returning))
    total = totals["total"]

    def share(n: int) -> Decimal:
        return Decimal(str(round(100 * n / total, 1))) if total else Decimal("0")

    values = [
        (_("Engaged organisations"), total),
        (_("SMEs"), totals["sme"]),
        (_("Not SMEs or not told"), total - totals["sme"]),
        (_("New: first proposal in the period"), total - totals["returning"]),
        (_("Returning: took part before the period"), totals["returning"]),
    ]
    return Figure(key="companies-engaged", title=_("Companies and research organisations engaged"),
                  description=_("Distinct companies and research organisations that submitted a proposal in the "
                                "period as its lead or as a confirmed partner."),
                  columns=[_("Measure"), _("Organisations"), _("Share of engaged (%)")],
                  rows=[[str(label), n, share(n)] for label, n in values] if total else [])


def proposals_per_call(filters: ImpactFilters) -> Figure:
    grouped = (_proposals_in_period(filters).order_by()
               .values("call__challenge__slug", "call__challenge__title", "call__challenge__original_language")
               .annotate(n=Count("pk")))
    rows = sorted(([translate(g["call__challenge__title"], g["call__challenge__original_language"]).text, g["n"]]
                   for g in grouped), key=lambda r: (-r[1], r[0]))
    return Figure(key="proposals-per-call", title=_("Proposals per call"),
                  description=_("Proposals submitted in the period to each challenge's call (only the count)."),
                  columns=[_("Challenge"), _("Proposals")], rows=rows)


def followers_and_answers(filters: ImpactFilters) -> Figure:
    follows = Q(follows__kind="challenge") & moment_in_period("follows__created_at", filters)
    answers = Q(questions__status=Question.Status.PUBLISHED) & moment_in_period("questions__published_at", filters)
    totals = Challenge.objects.filter(pk__in=visible_challenges(filters).order_by().values("pk")).aggregate(
        followers=Count("follows__user", filter=follows, distinct=True),
        answers=Count("questions", filter=answers, distinct=True))
    return Figure(key="followers-and-answers", title=_("Followers and public answers"),
                  description=_("People who started following a challenge in the period, and questions and "
                                "clarifications published with an answer in the period."),
                  columns=[_("Measure"), _("Count")],
                  rows=[[str(_("People following challenges")), totals["followers"]],
                        [str(_("Published answers")), totals["answers"]]])
