"""The read-only open API, ``/api/v1/`` (OpenAPI 3.1 at ``/api/v1/openapi.json``).

Only public data is exposed: challenges that have been published, organisations and platforms.
Endpoints are thin and read through the same selectors as the pages.
"""

from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

from haastemoottori.backlog.api import router as backlog_router
from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import (
    ChallengeFilters,
    challenge_card_prefetch_ids,
    challenge_detail_queryset,
    challenge_list_prefetch,
    challenge_list_public,
)
from haastemoottori.comments.api import router as comments_router
from haastemoottori.core import fragments
from haastemoottori.core.errors import CommonCode
from haastemoottori.evaluation.api import router as evaluation_router
from haastemoottori.events.api import router as events_router
from haastemoottori.impact.api import router as impact_router
from haastemoottori.organisations.models import Organisation
from haastemoottori.organisations.selectors import organisation_get_public
from haastemoottori.pilots.api import router as pilots_router
from haastemoottori.platforms.models import DevelopmentPlatform
from haastemoottori.procurement.api import router as procurement_router
from haastemoottori.proposals.api import router as proposals_router
from haastemoottori.qa.api import router as qa_router
from haastemoottori.references.api import router as references_router
from haastemoottori.signals.api import router as signals_router
from haastemoottori.taxonomy.models import Theme

from . import schemas
from .docs import StaticSwagger
from .search import router as search_router

api = NinjaAPI(
    title="Haastemoottori open API",
    version="1.0.0",
    description="Public challenges of the cities, their owners and development platforms. "
    "Translated texts are objects keyed by language code; `original_language` names the source.",
    docs_url="/docs",
    docs=StaticSwagger(),
)


api.add_router("/", search_router)
api.add_router("/", qa_router)
api.add_router("/", comments_router)
api.add_router("/", events_router)
api.add_router("/", proposals_router)
api.add_router("/", evaluation_router)
api.add_router("/", pilots_router)
api.add_router("/", references_router)
api.add_router("/", procurement_router)
api.add_router("/", impact_router)
api.add_router("/", signals_router)
api.add_router("/", backlog_router)


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    details = [
        {"field": ".".join(str(p) for p in e.get("loc", [])[1:]), "message": e.get("msg", "")} for e in exc.errors
    ]
    return api.create_response(
        request, {"code": CommonCode.INVALID_INPUT, "message": _("Invalid input."), "details": details}, status=422
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """A body that is not JSON (the one POST route, references' verify) answers in our error shape."""
    if exc.status_code == 400:
        body = {"code": CommonCode.INVALID_INPUT, "message": _("The request body is not valid JSON.")}
        return api.create_response(request, body, status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


PublicStage = Literal[tuple(s.value for s in Stage if s not in (Stage.DRAFT, Stage.IN_REVIEW))]  # type: ignore[valid-type]


# Slugs are letters, digits, hyphens and underscores; no text may hold a NUL byte (PostgreSQL refuses it).
SLUG_PATTERN = r"^[-a-zA-Z0-9_]*$"
NO_NUL_PATTERN = r"^[^\x00]*$"


class ChallengeQuery(Schema):
    city: str = Field("", max_length=80, pattern=SLUG_PATTERN, description="Owner organisation slug")
    theme: str = Field("", max_length=60, pattern=SLUG_PATTERN, description="Theme slug, e.g. sdg-11")
    stage: PublicStage | Literal[""] = ""  # type: ignore[valid-type]
    platform: str = Field("", max_length=80, pattern=SLUG_PATTERN)
    q: str = Field(
        "",
        max_length=200,
        pattern=NO_NUL_PATTERN,
        description="Search words in any served language (full-text and semantic)",
    )
    sort: Literal["relevance", "newest", "closing"] = Field(
        "relevance", description="relevance (best match first when q is given, else newest), newest or closing"
    )
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(20, ge=1, le=100)


def _org_ref(o: Organisation) -> dict:
    return {"slug": o.slug, "kind": o.kind, "name": o.name}


def _summary(request: HttpRequest, c: Challenge) -> dict:
    return _with_url(request, _summary_data(c))


def _with_url(request: HttpRequest, data: dict) -> dict:
    return {**data, "url": request.build_absolute_uri(reverse("challenges:detail", args=[data["slug"]]))}


def _summary_data(c: Challenge) -> dict:
    """A challenge's list entry without its URL (the same for every client and host: cacheable)."""
    return {
        "slug": c.slug,
        "original_language": c.original_language,
        "title": c.title,
        "summary": c.summary,
        "stage": c.stage,
        "route": c.route,
        "owners": [
            {
                "organisation": _org_ref(o.organisation),
                "role": o.role,
                "department": o.department.name if o.department else None,
                "budget_share": float(o.budget_share) if o.budget_share is not None else None,
            }
            for o in c.ownerships.all()
        ],
        "themes": [t.slug for t in c.themes.all()],
        "platform": {"slug": c.platform.slug, "name": c.platform.name} if c.platform else None,
        "call_deadline": c.call_deadline,
        "published_at": c.published_at,
    }


def _page_summaries(qs, start: int, stop: int) -> list[dict]:
    """The entries of one page of public challenges. With the fragment cache on, the page query reads ids only
    and each entry comes from the cache (keyed by the challenge's ``updated_at`` and the public content
    generation, which every public change bumps); the missing ones are loaded in one batch."""
    if not fragments.enabled():
        return [_summary_data(c) for c in challenge_list_prefetch(qs)[start:stop]]
    rows = list(qs.only("id", "updated_at")[start:stop])
    if not rows:
        return []
    generation = fragments.public_generation()
    keys = {
        c.pk: fragments.fragment_key(
            "api-challenge-summary", c.pk, c.updated_at.timestamp(), generation=generation, language="any"
        )
        for c in rows
    }

    def load(ids: list[int]) -> dict[int, dict]:
        return {c.pk: _summary_data(c) for c in challenge_card_prefetch_ids(ids)}

    found = fragments.cached_many(keys, load)
    return [found[c.pk] for c in rows if c.pk in found]


@api.get("/challenges", response={200: schemas.ChallengePage, 422: schemas.ValidationErrorOut}, tags=["challenges"])
def list_challenges(request, filters: Query[ChallengeQuery]):
    """Published challenges, newest first, with the same filters as the public list page."""
    qs = challenge_list_public(
        filters=ChallengeFilters(
            city=filters.city,
            theme=filters.theme,
            stage=filters.stage,
            platform=filters.platform,
            q=filters.q.strip(),
            sort=filters.sort,
        )
    )
    start = (filters.page - 1) * filters.page_size
    summaries = _page_summaries(qs, start, start + filters.page_size)
    return {
        "count": qs.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_with_url(request, data) for data in summaries],
    }


@api.get("/challenges/{slug}", response={200: schemas.ChallengeOut, 404: schemas.ErrorOut}, tags=["challenges"])
def get_challenge(request, slug: str):
    c = challenge_detail_queryset().public().filter(slug=slug).first()
    if c is None:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No public challenge with this identifier.")})
    data = _summary(request, c)
    data.update(
        {
            f: getattr(c, f)
            for f in (
                "problem",
                "affected",
                "root_causes",
                "tried",
                "desired_outcome",
                "constraints",
                "data_available",
                "ip_terms",
                "outcome_note",
                "budget_min",
                "budget_max",
                "call_opens_at",
                "pilot_start",
                "pilot_end",
                "outcome",
            )
        }
    )
    data["indicators"] = [
        {
            "name": i.name,
            "unit": i.unit,
            "baseline": float(i.baseline) if i.baseline is not None else None,
            "target": float(i.target) if i.target is not None else None,
        }
        for i in c.indicators.all()
    ]
    data["timeline"] = [
        {"from_stage": s.from_stage, "to_stage": s.to_stage, "changed_at": s.changed_at} for s in c.stage_changes.all()
    ]
    return data


def _organisation(o: Organisation) -> dict:
    return {
        **_org_ref(o),
        "original_language": o.original_language,
        "description": o.description,
        "capabilities": o.capabilities,
        "website": o.website,
        "identifiers": [{"scheme": i.scheme, "identifier": i.identifier} for i in o.identifiers.all()],
        "industry_codes": [c.code for c in o.industry_codes.all()],
        "departments": [{"slug": d.slug, "name": d.name} for d in o.departments.all()],
    }


class OrganisationQuery(Schema):
    kind: Literal["", "city", "company", "research", "public"] = ""
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=200)


@api.get(
    "/organisations", response={200: schemas.OrganisationPage, 422: schemas.ValidationErrorOut}, tags=["organisations"]
)
def list_organisations(request, filters: Query[OrganisationQuery]):
    """Organisations by identifier, a page at a time."""
    qs = Organisation.objects.listed().order_by("slug", "id")
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    start = (filters.page - 1) * filters.page_size
    items = qs.prefetch_related("identifiers", "industry_codes", "departments")[start : start + filters.page_size]
    return {
        "count": qs.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_organisation(o) for o in items],
    }


@api.get(
    "/organisations/{slug}", response={200: schemas.OrganisationOut, 404: schemas.ErrorOut}, tags=["organisations"]
)
def get_organisation(request, slug: str):
    o = organisation_get_public(slug=slug)
    if o is None:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No organisation with this identifier.")})
    return _organisation(o)


def _platform(p: DevelopmentPlatform) -> dict:
    return {
        "slug": p.slug,
        "name": p.name,
        "owner": _org_ref(p.owner),
        "original_language": p.original_language,
        "description": p.description,
        "location": p.location,
        "testing": p.testing,
        "latitude": float(p.latitude) if p.latitude is not None else None,
        "longitude": float(p.longitude) if p.longitude is not None else None,
        "contact_name": p.contact_name,
        "contact_email": p.contact_email,
        "website": p.website,
    }


@api.get("/platforms", response=list[schemas.PlatformOut], tags=["platforms"])
def list_platforms(request):
    return [_platform(p) for p in DevelopmentPlatform.objects.select_related("owner")]


@api.get("/platforms/{slug}", response={200: schemas.PlatformOut, 404: schemas.ErrorOut}, tags=["platforms"])
def get_platform(request, slug: str):
    p = DevelopmentPlatform.objects.select_related("owner").filter(slug=slug).first()
    if p is None:
        return Status(
            404, {"code": CommonCode.NOT_FOUND, "message": _("No development platform with this identifier.")}
        )
    return _platform(p)


@api.get("/themes", response=list[schemas.ThemeOut], tags=["themes"])
def list_themes(request):
    return list(Theme.objects.all())


@api.get("/languages", tags=["meta"])
def list_languages(request) -> list[dict]:
    """The languages this deployment serves; translated texts use these codes."""
    return [{"code": code, "default": code == settings.LANGUAGE_CODE} for code, _name in settings.LANGUAGES]
