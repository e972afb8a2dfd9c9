"""Figures about who takes part: companies engaged, proposals per call, followers and public answers."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Value
from django.utils.translation import gettext_lazy as _

from haastemoottori.alerts.models import Follow
from haastemoottori.challenges.models import Challenge
from haastemoottori.core.i18n import translate
from haastemoottori.organisations.models import Organisation
from haastemoottori.proposals.models import Proposal, ProposalPartner
from haastemoottori.qa.models import Question

from ..selectors import ImpactFilters, moment_in_period, visible_challenges
from .base import Figure

SUBMITTED = Proposal.Status.SUBMITTED


def _proposals_in_period(filters: ImpactFilters):
    return Proposal.objects.filter(
        moment_in_period("submitted_at", filters),
        status=SUBMITTED,
        call__challenge__in=visible_challenges(filters).order_by().values("pk"),
    )


def companies_engaged(filters: ImpactFilters) -> Figure:
    proposals = _proposals_in_period(filters).order_by()
    leads = proposals.values("lead_id")
    partners = ProposalPartner.objects.filter(
        status=ProposalPartner.Status.CONFIRMED, proposal__in=proposals.values("pk")
    ).values("organisation_id")
    engaged = Organisation.objects.filter(Q(pk__in=leads) | Q(pk__in=partners), kind__in=Organisation.SOLVER_KINDS)
    returning = Q(pk__in=[])
    if filters.start:
        # Took part before the period: any submitted proposal before its start, as lead or confirmed partner.
        returning = Exists(
            Proposal.objects.filter(lead=OuterRef("pk"), status=SUBMITTED, submitted_at__lt=filters.start)
        ) | Exists(
            ProposalPartner.objects.filter(
                organisation=OuterRef("pk"),
                status=ProposalPartner.Status.CONFIRMED,
                proposal__status=SUBMITTED,
                proposal__submitted_at__lt=filters.start,
            )
        )
    totals = engaged.aggregate(
        total=Count("pk"), sme=Count("pk", filter=Q(is_sme=True)), returning=Count("pk", filter=returning)
    )
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
    return Figure(
        key="companies-engaged",
        title=_("Companies and research organisations engaged"),
        description=_(
            "Distinct companies and research organisations that submitted a proposal in the "
            "period as its lead or as a confirmed partner."
        ),
        columns=[_("Measure"), _("Organisations"), _("Share of engaged (%)")],
        rows=[[str(label), n, share(n)] for label, n in values] if total else [],
    )


def proposals_per_call(filters: ImpactFilters, limit: int | None = None) -> Figure:
    """Counted per challenge id in the database; titles are read only for the rows kept (``limit``: the page
    shows the largest rows, the downloads all of them), never grouped by."""
    counts = list(
        _proposals_in_period(filters)
        .order_by()
        .values("call__challenge_id")
        .annotate(n=Count("pk"))
        .values_list("call__challenge_id", "n")
    )
    kept = counts
    if limit is not None and len(counts) > limit:
        # Every call with at least the limit-th largest count: ties at the edge are ordered by title below.
        floor = sorted((n for _pk, n in counts), reverse=True)[limit - 1]
        kept = [(pk, n) for pk, n in counts if n >= floor]
    titles = (
        {
            pk: translate(title, language).text
            for pk, title, language in Challenge.objects.filter(pk__in=[pk for pk, _n in kept]).values_list(
                "pk", "title", "original_language"
            )
        }
        if kept
        else {}
    )
    rows = sorted(([titles.get(pk, ""), n] for pk, n in kept), key=lambda r: (-r[1], r[0]))
    figure = Figure(
        key="proposals-per-call",
        title=_("Proposals per call"),
        description=_("Proposals submitted in the period to each challenge's call (only the count)."),
        columns=[_("Challenge"), _("Proposals")],
        rows=rows,
    )
    return figure.limited(limit, total=len(counts))


def followers_and_answers(filters: ImpactFilters) -> Figure:
    # Two counts in one query (a union of two aggregates), each over its own table: joining follows and
    # questions to the same challenges would multiply the rows (followers × questions per challenge).
    ids = visible_challenges(filters).order_by().values("pk")
    followers = (
        Follow.objects.filter(moment_in_period("created_at", filters), kind=Follow.Kind.CHALLENGE, challenge__in=ids)
        .order_by()
        .values(measure=Value(0))
        .annotate(n=Count("user_id", distinct=True))
        .values_list("measure", "n")
    )
    answers = (
        Question.objects.filter(
            moment_in_period("published_at", filters), status=Question.Status.PUBLISHED, challenge__in=ids
        )
        .order_by()
        .values(measure=Value(1))
        .annotate(n=Count("pk"))
        .values_list("measure", "n")
    )
    totals = dict(followers.union(answers, all=True))
    return Figure(
        key="followers-and-answers",
        title=_("Followers and public answers"),
        description=_(
            "People who started following a challenge in the period, and questions and "
            "clarifications published with an answer in the period."
        ),
        columns=[_("Measure"), _("Count")],
        rows=[
            [str(_("People following challenges")), totals.get(0, 0)],
            [str(_("Published answers")), totals.get(1, 0)],
        ],
    )
