"""Reads for comments. Each returns in a fixed number of queries whatever the number of comments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet

from haastemoottori.challenges.models import Challenge, ChallengeOwnership

from .models import Comment, CommentReport, Section

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User

SECTION_ORDER = list(Section.values)


def challenge_for_comments(*, slug: str, user: User) -> Challenge | None:
    """The challenge (with its owners) if ``user`` may read it, else None: two queries."""
    challenge = (
        Challenge.objects.filter(slug=slug)
        .prefetch_related(Prefetch("ownerships", queryset=ChallengeOwnership.objects.order_by("id")))
        .first()
    )
    if challenge is None:
        return None
    if challenge.is_public or user.has_perm("challenges.view_challenge", challenge):
        return challenge
    return None


def comments_for_challenge(*, challenge: Challenge) -> QuerySet[Comment]:
    """Every comment (hidden ones too: the page shows their placeholder) with what a page shows: one query."""
    return (
        Comment.objects.filter(challenge=challenge)
        .select_related("author", "author_organisation")
        .only(
            "id",
            "challenge_id",
            "section",
            "text",
            "language",
            "created_at",
            "status",
            "hidden_reason",
            "hidden_at",
            "taken_into_account_at",
            "owner_note",
            "author_id",
            "author__full_name",
            "author_organisation__id",
            "author_organisation__slug",
            "author_organisation__name",
            "author_organisation__original_language",
        )
        .order_by("created_at", "id")
    )


@dataclass
class SectionGroup:
    section: Section
    comments: list[Comment] = field(default_factory=list)


def group_by_section(comments: list[Comment]) -> list[SectionGroup]:
    """Comments grouped in canvas order; only sections that have comments."""
    groups = {value: SectionGroup(Section(value)) for value in SECTION_ORDER}
    for comment in comments:
        groups[comment.section].comments.append(comment)
    return [group for group in groups.values() if group.comments]


def comment_counts(*, challenge: Challenge) -> dict[str, int]:
    """Visible comments and how many of them were taken into account: one query."""
    visible = Q(status=Comment.Status.VISIBLE)
    return Comment.objects.filter(challenge=challenge).aggregate(
        total=Count("id", filter=visible),
        taken=Count("id", filter=visible & Q(taken_into_account_at__isnull=False)),
    )


def reported_comment_ids(*, user: User | AnonymousUser, challenge: Challenge) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        CommentReport.objects.filter(reporter=user, comment__challenge=challenge).values_list("comment_id", flat=True)
    )


def open_reports(*, challenge: Challenge) -> list[CommentReport]:
    """Open reports with their comment and reporter, oldest first: one query."""
    return list(
        CommentReport.objects.open()
        .filter(comment__challenge=challenge)
        .select_related("comment", "comment__author", "comment__author_organisation", "reporter")
        .order_by("created_at", "id")
    )


def hidden_comments(*, challenge: Challenge) -> list[Comment]:
    return list(
        Comment.objects.filter(challenge=challenge, status=Comment.Status.HIDDEN)
        .select_related("author", "author_organisation")
        .order_by("-hidden_at", "-id")
    )


def open_report_counts(*, challenge: Challenge) -> dict[int, int]:
    rows = (
        CommentReport.objects.open()
        .filter(comment__challenge=challenge)
        .values("comment_id")
        .annotate(n=Count("id"))
        .values_list("comment_id", "n")
    )
    return dict(rows)


def is_open(challenge: Challenge) -> bool:
    """Comments are taken while the published challenge is in co-definition."""
    from haastemoottori.challenges.lifecycle import Stage

    return challenge.published_at is not None and challenge.stage == Stage.CO_DEFINITION
