"""API endpoints of the backlog (registered in haastemoottori/api/api.py).

- ``GET /backlog/published``: public. The published candidates: the challenge's title and summary, the cities,
  rank and result (0..100) in the lead city's backlog (or in the city asked for), the public reason. Never
  signals, score sheets or unpublished candidates.
- ``GET /backlog/{city}/ranking``: the city's staff and platform admins (signed in; 403 for everyone else). The
  same independence as on the pages: a scorer who has not submitted their own sheet for a candidate gets no
  result, spread or pairwise score for it (``hidden: true``).
"""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from haastemoottori.core.api_schemas import ValidationErrorOut
from haastemoottori.core.errors import CommonCode

from .selectors import backlog_for, city_get, published_candidates

router = Router(tags=["backlog"])


class ErrorOut(Schema):
    code: str
    message: str


class CityOut(Schema):
    slug: str
    name: dict[str, str]


class PublishedOut(Schema):
    challenge: str
    title: dict[str, str]
    summary: dict[str, str]
    original_language: str
    themes: list[str]
    cities: list[CityOut]
    rank: int | None
    score: float | None
    public_reason: dict[str, str]
    published_at: datetime
    url: str | None = Field(description="The challenge's public page, once the challenge itself is published")


class PublishedQuery(Schema):
    city: str = Field("", max_length=80, description="Only the candidates in this city's backlog (its slug)")


class RankingRowOut(Schema):
    candidate: int
    challenge: str
    title: dict[str, str]
    original_language: str
    stage: str
    rank: int | None
    score: float | None
    spread: float | None
    spread_flagged: bool
    scorers: int
    pairwise_score: float | None
    comparisons: int | None
    your_status: str | None = Field(description="none, draft or submitted; null when you do not score here")
    hidden: bool = Field(description="True until you submit your own scores for the candidate")
    published: bool


def _city_ref(o) -> dict:
    return {"slug": o.slug, "name": o.name}


@router.get("/backlog/published", response={200: list[PublishedOut], 404: ErrorOut, 422: ValidationErrorOut})
def list_published(request, filters: Query[PublishedQuery]):
    """Published candidate challenges, best rank first: what is coming before a call opens."""
    city = None
    if filters.city:
        city = city_get(slug=filters.city)
        if city is None:
            return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No city with this identifier.")})
    items = []
    for p in published_candidates(city=city):
        c = p.challenge
        items.append(
            {
                "challenge": c.slug,
                "title": c.title,
                "summary": c.summary,
                "original_language": c.original_language,
                "themes": [t.slug for t in c.themes.all()],
                "cities": [_city_ref(o) for o in p.cities],
                "rank": p.rank,
                "score": round(p.score, 1) if p.score is not None else None,
                "public_reason": p.candidate.public_reason,
                "published_at": p.published_at,
                "url": request.build_absolute_uri(reverse("challenges:detail", args=[c.slug])) if c.is_public else None,
            }
        )
    return items


@router.get("/backlog/{city}/ranking", response={200: list[RankingRowOut], 403: ErrorOut, 404: ErrorOut})
def city_ranking(request, city: str):
    """The ranked backlog of a city, for its staff (signed in with the site's session)."""
    organisation = city_get(slug=city)
    if organisation is None:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No city with this identifier.")})
    if not request.user.has_perm("backlog.view_backlog", organisation):
        return Status(
            403,
            {
                "code": CommonCode.PERMISSION_DENIED,
                "message": _("Only the staff of %(city)s can read its backlog.") % {"city": organisation},
            },
        )
    backlog = backlog_for(city=organisation, user=request.user)
    rows = []
    for row in backlog.rows + backlog.hidden:
        result = row.result
        c = row.candidate.challenge
        rows.append(
            {
                "candidate": row.candidate.pk,
                "challenge": c.slug,
                "title": c.title,
                "original_language": c.original_language,
                "stage": c.stage,
                "rank": row.position,
                "score": round(result.score, 2) if result and result.score is not None else None,
                "spread": round(result.spread, 2) if result and result.spread is not None else None,
                "spread_flagged": bool(result and result.spread_flagged),
                "scorers": row.scorers,
                "pairwise_score": round(row.pairwise, 2) if row.pairwise is not None else None,
                "comparisons": row.comparisons if not row.hidden else None,
                "your_status": row.own_status or None,
                "hidden": row.hidden,
                "published": row.published,
            }
        )
    return rows
