"""Staff-only API endpoints of signals (registered in haastemoottori/api/api.py).

Unlike the rest of the open API, signals are not public: a request must come from a signed-in session (the
same sign-in as the site) of city staff (``signals.view_signals``). Without a session the answer is 401,
without the permission 403. What a person sees is what the staff list shows them: accepted signals of every
city, and pending or rejected suggestions only of the cities they edit. The resident who sent a suggestion
is never named here.
"""

from datetime import datetime
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from haastemoottori.core import api_schemas as schemas
from haastemoottori.core.errors import CommonCode
from haastemoottori.organisations.models import Organisation

from .models import Signal
from .selectors import SignalFilters, signal_get_visible, signal_list

router = Router(tags=["signals"])

SourceChoice = Literal[tuple(Signal.Source.values)]  # type: ignore[valid-type]
StatusChoice = Literal[tuple(Signal.Status.values)]  # type: ignore[valid-type]


class SignalOut(Schema):
    id: int
    source: str = Field(description="expert, resident, strategy, foresight, csv or open311")
    status: str = Field(description="pending, accepted or rejected")
    title: str
    language: str
    city: str = Field(description="Slug of the city")
    department: dict[str, str] | None = Field(description="The department's name by language code")
    themes: list[str] = Field(description="Theme slugs")
    location_name: str
    latitude: float | None
    longitude: float | None
    evidence_url: str
    observed_at: datetime
    cluster: int | None = Field(description="Id of the signal's cluster, if it has been clustered")
    external_source: str
    external_id: str


class SignalDetailOut(SignalOut):
    text: str


class SignalPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[SignalOut]


class SignalQuery(Schema):
    city: str = Field("", max_length=80, description="City slug")
    source: SourceChoice | Literal[""] = ""  # type: ignore[valid-type]
    status: StatusChoice | Literal[""] = ""  # type: ignore[valid-type]
    theme: str = Field("", max_length=60, description="Theme slug")
    language: str = Field("", max_length=10)
    q: str = Field("", max_length=200, description="Words in the title, text or place")
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(50, ge=1, le=200)


def _refuse(request):
    if not request.user.is_authenticated:
        return Status(401, {"code": CommonCode.NOT_SIGNED_IN, "message": _("Sign in as city staff to read signals.")})
    if not request.user.has_perm("signals.view_signals"):
        return Status(403, {"code": CommonCode.PERMISSION_DENIED, "message": _("Only city staff can read signals.")})
    return None


def _signal(s: Signal, *, detail: bool = False) -> dict:
    data = {
        "id": s.pk,
        "source": s.source,
        "status": s.status,
        "title": s.title,
        "language": s.language,
        "city": s.city.slug,
        "department": s.department.name if s.department else None,
        "themes": [t.slug for t in s.themes.all()],
        "location_name": s.location_name,
        "latitude": float(s.latitude) if s.latitude is not None else None,
        "longitude": float(s.longitude) if s.longitude is not None else None,
        "evidence_url": s.evidence_url,
        "observed_at": s.observed_at,
        "cluster": s.cluster_id,
        "external_source": s.external_source,
        "external_id": s.external_id,
    }
    if detail:
        data["text"] = s.text
    return data


@router.get(
    "/signals",
    response={200: SignalPage, 401: schemas.ErrorOut, 403: schemas.ErrorOut, 422: schemas.ValidationErrorOut},
)
def list_signals(request, filters: Query[SignalQuery]):
    """Signals the signed-in staff member may see, newest observation first (staff only)."""
    refused = _refuse(request)
    if refused is not None:
        return refused
    city_id = None
    if filters.city:
        city_id = Organisation.objects.filter(slug=filters.city).values_list("pk", flat=True).first() or 0
    qs = signal_list(
        user=request.user,
        filters=SignalFilters(
            city=city_id,
            source=filters.source,
            status=filters.status,
            theme=filters.theme,
            language=filters.language,
            q=filters.q.strip(),
        ),
    )
    start = (filters.page - 1) * filters.page_size
    items = list(qs[start : start + filters.page_size])
    return {
        "count": qs.count(),
        "page": filters.page,
        "page_size": filters.page_size,
        "results": [_signal(s) for s in items],
    }


@router.get(
    "/signals/{signal_id}",
    response={
        200: SignalDetailOut,
        401: schemas.ErrorOut,
        403: schemas.ErrorOut,
        404: schemas.ErrorOut,
        422: schemas.ValidationErrorOut,
    },
)
def get_signal(request, signal_id: int):
    """One signal with its text (staff only)."""
    refused = _refuse(request)
    if refused is not None:
        return refused
    signal = signal_get_visible(user=request.user, pk=signal_id)
    if signal is None:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No signal with this identifier.")})
    return _signal(signal, detail=True)
