"""Reads for the Q&A. The public reads never load the asker or the asker's own wording."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet, Window
from django.utils import timezone

from haastemoottori.challenges.models import Challenge

from .models import Question

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from haastemoottori.accounts.models import User

# Columns nobody outside the asker and the owners may see; public reads defer them.
PRIVATE_FIELDS = ("text", "asker", "asker_organisation", "decline_reason", "answered_by", "merged_into")
MAX_PENDING_PER_PERSON = 10


def challenge_for_qa(*, slug: str) -> Challenge | None:
    """A challenge with its owners (the permission rules read them), published or not."""
    return Challenge.objects.prefetch_related("ownerships").filter(slug=slug).first()


def questions_public(*, challenge: Challenge) -> QuerySet[Question]:
    """The public log: published questions and clarifications by number."""
    return Question.objects.published().filter(challenge=challenge).defer(*PRIVATE_FIELDS).order_by("number")


def questions_latest(*, challenge: Challenge, limit: int = 3) -> tuple[int, list[Question]]:
    """How many items the log has and the latest ``limit`` of them, in one query."""
    rows = list(
        Question.objects.published()
        .filter(challenge=challenge)
        .defer(*PRIVATE_FIELDS)
        .annotate(total=Window(Count("id")))
        .order_by("-published_at", "-number")[:limit]
    )
    return (rows[0].total if rows else 0), rows  # type: ignore[attr-defined]  # annotated above


def questions_of_asker(*, challenge: Challenge, user: User | AnonymousUser) -> QuerySet[Question]:
    """What the person has asked about the challenge, in every status (only they see this)."""
    if not user.is_authenticated:
        return Question.objects.none()
    return (
        Question.objects.filter(challenge=challenge, asker=user, kind=Question.Kind.QUESTION)
        .select_related("merged_into")
        .order_by("-created_at", "-id")
    )


def questions_pending(*, challenge: Challenge) -> QuerySet[Question]:
    return (
        Question.objects.pending()
        .filter(challenge=challenge)
        .select_related("asker", "asker_organisation")
        .prefetch_related("duplicates")
        .order_by("created_at", "id")
    )


def questions_pending_count(*, challenge: Challenge) -> int:
    return Question.objects.pending().filter(challenge=challenge).count()


def questions_merge_targets(*, challenge: Challenge) -> QuerySet[Question]:
    """Questions a duplicate can be merged into: the pending and published ones."""
    return (
        Question.objects.filter(challenge=challenge, status__in=(Question.Status.PENDING, Question.Status.PUBLISHED))
        .defer("answer")
        .order_by("number", "id")
    )


def pending_count_of_asker(*, challenge: Challenge, user: User) -> int:
    return Question.objects.pending().filter(challenge=challenge, asker=user).count()


def questions_closing_time(*, challenge: Challenge) -> datetime | None:
    """When asking ends: the questions deadline, else the call deadline (the earlier of the two)."""
    moments = [m for m in (challenge.questions_deadline, challenge.call_deadline) if m is not None]
    return min(moments) if moments else None


def questions_open(*, challenge: Challenge, now: datetime | None = None) -> bool:
    """Questions are accepted in a published stage that takes them, until (not at) the deadline."""
    if not challenge.is_public or not challenge.stage_info.accepts_questions:
        return False
    closes = questions_closing_time(challenge=challenge)
    return closes is None or (now or timezone.now()) < closes


def challenge_followers(*, challenge: Challenge) -> QuerySet[User]:
    from haastemoottori.accounts.models import User
    from haastemoottori.alerts.models import Follow

    return User.objects.filter(
        follows__kind=Follow.Kind.CHALLENGE, follows__challenge=challenge, is_active=True
    ).distinct()
