"""Search and the matcher's suggestions in the open API. Public data only: published challenges and
listed organisations; the same selectors as the pages."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import CommonCode
from haastemoottori.core.i18n import current_language, translate
from haastemoottori.discovery.recommendations import challenges_for_solver, solvers_for_challenge
from haastemoottori.discovery.results import challenge_results, organisation_results
from haastemoottori.organisations.models import Organisation
from haastemoottori.search.highlight import highlight
from haastemoottori.search.models import SearchDocument

from . import schemas

router = Router(tags=["search"])


class SearchQuery(Schema):
    q: str = Field(
        ..., min_length=1, max_length=200, pattern=r"^[^\x00]*$", description="Words in any of the served languages"
    )
    kind: Literal["challenge", "organisation"] = "challenge"
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=200)


class SearchHitOut(Schema):
    kind: str
    slug: str
    url: str
    name: schemas.Translations
    snippet: str = Field(
        description="Plain-text excerpt in the request's language (Accept-Language), the matched words between « and »"
    )


class SearchPage(Schema):
    count: int
    results: list[SearchHitOut]


class SuggestionOut(Schema):
    rank: int
    score: float
    reasons: list[str]
    matched_words: list[str]
    not_joinable: list[str] = Field(default=[], description="why the solver cannot take part (empty: it can)")


class SolverSuggestionOut(SuggestionOut):
    organisation: schemas.OrganisationRef


class ChallengeSuggestionOut(SuggestionOut):
    challenge: schemas.OrganisationRef = Field(description="slug, kind ('challenge') and title")


def _plain_snippet(values: dict, original: str, query: str) -> str:
    text = translate(values, original)
    html = str(highlight(text.text, query, text.language, max_chars=220))
    from html import unescape

    return unescape(html.replace("<mark>", "«").replace("</mark>", "»"))


@router.get("/search", response={200: SearchPage, 422: schemas.ValidationErrorOut})
def search(request, params: Query[SearchQuery]):
    """Challenges or organisations matching the words, best first: full-text in every language fused with
    multilingual semantic similarity, so a Swedish query also finds a Finnish challenge."""
    query = params.q.strip()
    items: list[Challenge] | list[Organisation]
    if params.kind == SearchDocument.Kind.CHALLENGE.value:
        items = challenge_results(query=query)
        results = [
            {
                "kind": "challenge",
                "slug": c.slug,
                "name": c.title,
                "url": request.build_absolute_uri(f"/{current_language()}/challenges/{c.slug}/"),
                "snippet": _plain_snippet(c.summary, c.original_language, query),
            }
            for c in items[params.offset : params.offset + params.limit]
        ]
    else:
        items = organisation_results(query=query)
        results = [
            {
                "kind": o.kind,
                "slug": o.slug,
                "name": o.name,
                "url": request.build_absolute_uri(f"/{current_language()}/organisations/{o.slug}/"),
                "snippet": _plain_snippet(o.offering or o.capabilities, o.original_language, query),
            }
            for o in items[params.offset : params.offset + params.limit]
        ]
    return {"count": len(items), "results": results}


class SuggestionQuery(Schema):
    limit: int = Field(10, ge=1, le=50)


@router.get(
    "/challenges/{slug}/suggested-solvers",
    response={200: list[SolverSuggestionOut], 404: schemas.ErrorOut, 422: schemas.ValidationErrorOut},
)
def suggested_solvers(request, slug: str, params: Query[SuggestionQuery]):
    """Listed companies and research organisations whose profiles fit a published challenge, with reasons."""
    challenge = Challenge.objects.public().filter(slug=slug).first()
    if challenge is None:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No public challenge with this identifier.")})
    return [
        {
            "rank": s.rank,
            "score": round(s.score, 5),
            "reasons": s.reasons,
            "matched_words": s.matched_words,
            "not_joinable": s.not_joinable,
            "organisation": {"slug": s.organisation.slug, "kind": s.organisation.kind, "name": s.organisation.name},
        }
        for s in solvers_for_challenge(challenge=challenge, k=params.limit)
    ]


@router.get(
    "/organisations/{slug}/suggested-challenges",
    response={200: list[ChallengeSuggestionOut], 404: schemas.ErrorOut, 422: schemas.ValidationErrorOut},
)
def suggested_challenges(request, slug: str, params: Query[SuggestionQuery]):
    """Open published challenges that fit a listed company's or research organisation's profile, with reasons."""
    organisation = Organisation.objects.matchable().filter(slug=slug).first()
    if organisation is None:
        return Status(
            404,
            {
                "code": CommonCode.NOT_FOUND,
                "message": _("No listed company or research organisation with this identifier."),
            },
        )
    return [
        {
            "rank": s.rank,
            "score": round(s.score, 5),
            "reasons": s.reasons,
            "matched_words": s.matched_words,
            "not_joinable": s.not_joinable,
            "challenge": {"slug": s.challenge.slug, "kind": "challenge", "name": s.challenge.title},
        }
        for s in challenges_for_solver(organisation=organisation, k=params.limit)
    ]
