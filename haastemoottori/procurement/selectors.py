"""Reads for procurement paths. Pages, the export and the API call these with a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import challenge_detail_queryset

from .models import Award, Contract, ProcurementNotice, ProcurementPath

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.organisations.models import Organisation
    from haastemoottori.proposals.models import Proposal


def challenge_for_procurement(*, slug: str, user: User) -> Challenge | None:
    """The challenge behind a procurement URL if ``user`` may see it (public, or an owner's member)."""
    challenge = challenge_detail_queryset().filter(slug=slug).first()
    if challenge is None or not user.has_perm("challenges.view_challenge", challenge):
        return None
    return challenge


def _path_queryset() -> QuerySet[ProcurementPath]:
    return ProcurementPath.objects.prefetch_related(
        "notices",
        Prefetch(
            "awards",
            queryset=Award.objects.select_related("supplier").prefetch_related(
                Prefetch("contracts", queryset=Contract.objects.order_by("signed_on", "id"))
            ),
        ),
    )


def path_for_challenge(*, challenge: Challenge) -> ProcurementPath | None:
    """The path with its notices, awards (suppliers and their identifiers) and contracts."""
    return _path_queryset().filter(challenge=challenge).first()


def path_for_export(*, slug: str) -> ProcurementPath | None:
    """The path of a published challenge, with everything the OCDS export reads, in a fixed 6 queries.

    The challenge comes joined; the time the call opened and the number of submitted proposals (a count
    only) are annotated, so the export needs no per-challenge look-ups beyond events and pilots.
    """
    from haastemoottori.challenges.models import ChallengeOwnership, StageChange
    from haastemoottori.proposals.models import Proposal

    opened = (
        StageChange.objects.filter(challenge=OuterRef("challenge_id"), to_stage="open_call")
        .order_by("changed_at")
        .values("changed_at")[:1]
    )
    submitted = (
        Proposal.objects.filter(call__challenge=OuterRef("challenge_id"), status=Proposal.Status.SUBMITTED)
        .order_by()
        .values("call__challenge")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        _path_queryset()
        .select_related("challenge")
        .prefetch_related(
            Prefetch("challenge__ownerships", queryset=ChallengeOwnership.objects.select_related("organisation"))
        )
        .filter(challenge__slug=slug, challenge__published_at__isnull=False)
        .annotate(
            open_call_at=Subquery(opened),
            submitted_proposals=Coalesce(Subquery(submitted, output_field=IntegerField()), Value(0)),
        )
        .first()
    )


def path_summary(*, challenge: Challenge) -> ProcurementPath | None:
    """The path with its number of notices and awards (for the challenge page), in one query; a second one
    loads the procurement that followed (``path.followed``: the latest contract or award notice read from
    eForms) when there is one."""
    followed = (
        ProcurementNotice.objects.filter(
            path=OuterRef("pk"),
            kind__in=[ProcurementNotice.Kind.CONTRACT_NOTICE, ProcurementNotice.Kind.AWARD_NOTICE],
        )
        .exclude(source=ProcurementNotice.Source.MANUAL)
        .order_by("-kind", "-published_on", "-id")
        .values("pk")[:1]
    )
    path = (
        ProcurementPath.objects.filter(challenge_id=challenge.pk)
        .annotate(
            notice_count=Count("notices", distinct=True),
            award_count=Count("awards", distinct=True),
            followed_id=Subquery(followed),
        )
        .first()
    )
    if path is not None:
        followed_notice = ProcurementNotice.objects.filter(pk=path.followed_id).first() if path.followed_id else None
        path.followed = followed_notice  # type: ignore[attr-defined]
    return path


def award_choices(*, path: ProcurementPath | None) -> QuerySet[Award]:
    if path is None:
        return Award.objects.none()
    return Award.objects.filter(path=path).order_by("date", "id")


def selected_proposals(*, challenge: Challenge) -> QuerySet[Proposal]:
    """Submitted proposals of the challenge's call that the owners selected (for the award form)."""
    from haastemoottori.proposals.models import Proposal

    return (
        Proposal.objects.filter(
            call__challenge=challenge, status=Proposal.Status.SUBMITTED, decision__outcome="selected"
        )
        .select_related("lead")
        .order_by("title")
    )


def proposal_suppliers(*, proposals: Iterable[Proposal]) -> list[Organisation]:
    """The leads and confirmed partners of the given (selected) proposals, leads first, each once (one query)."""
    from haastemoottori.proposals.models import ProposalPartner

    proposals = list(proposals)
    found = {p.lead_id: p.lead for p in proposals}
    partners = (
        (
            ProposalPartner.objects.filter(
                proposal__in=[p.pk for p in proposals], status=ProposalPartner.Status.CONFIRMED
            )
            .select_related("organisation")
            .order_by("proposal_id", "id")
        )
        if proposals
        else []
    )
    for partner in partners:
        found.setdefault(partner.organisation_id, partner.organisation)
    return list(found.values())


def award_for_edit(*, challenge: Challenge, pk: int) -> Award | None:
    return (
        Award.objects.select_related("path__challenge", "supplier", "proposal")
        .prefetch_related("contracts")
        .filter(pk=pk, path__challenge=challenge)
        .first()
    )


def contract_for_edit(*, challenge: Challenge, pk: int) -> Contract | None:
    return (
        Contract.objects.select_related("award__path__challenge")
        .filter(pk=pk, award__path__challenge=challenge)
        .first()
    )


def consultation_events(*, challenge: Challenge) -> list[Any]:
    """The challenge's published market dialogues and workshops (the consultation schedule), in time order."""
    from haastemoottori.events.models import Event

    return list(
        Event.objects.filter(
            challenges=challenge,
            status=Event.Status.PUBLISHED,
            kind__in=[Event.Kind.MARKET_DIALOGUE, Event.Kind.WORKSHOP, Event.Kind.INFO_SESSION],
        ).order_by("starts_at", "id")
    )
