"""Open API endpoints of the pilots app (registered in haastemoottori/api/api.py).

Public pilots only (those of a published challenge), public fields only: no check-in authors or next steps,
no measurement recorders, no proposal content.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from haastemoottori.core import api_schemas as schemas
from haastemoottori.core.errors import CommonCode

from .models import Pilot
from .progress import kpi_progress
from .selectors import PilotFilters, pilot_detail_queryset, pilot_list_public

router = Router(tags=["pilots"])


class ErrorOut(Schema):
    code: str
    message: str


class PilotOrganisationOut(Schema):
    slug: str
    name: dict[str, str]


class ParticipantOut(Schema):
    organisation: PilotOrganisationOut
    role: str


class PilotSummaryOut(Schema):
    id: int
    challenge: str
    title: dict[str, str]
    original_language: str
    status: str
    platform: str | None
    location: str
    start_date: date | None
    end_date: date | None
    participants: list[ParticipantOut]


class ShareOut(Schema):
    organisation: PilotOrganisationOut
    amount: Decimal


class MeasurementOut(Schema):
    value: Decimal
    measured_on: date
    note: str
    correction: bool


class KPIOut(Schema):
    id: int
    name: dict[str, str]
    unit: str
    method: str
    baseline: Decimal
    target: Decimal
    direction: str
    is_co2e: bool
    latest: Decimal | None
    percent: Decimal | None
    reached: bool
    measurements: list[MeasurementOut]


class MilestoneOut(Schema):
    title: dict[str, str]
    due_date: date
    done_at: datetime | None


class CheckInOut(Schema):
    date: date
    organisation: PilotOrganisationOut | None
    status: str
    summary: str
    language: str


class PilotOut(PilotSummaryOut):
    scope: dict[str, str]
    budget_total: Decimal | None
    budget_shares: list[ShareOut]
    kpis: list[KPIOut]
    milestones: list[MilestoneOut]
    check_ins: list[CheckInOut]
    results: dict[str, str]
    lessons: dict[str, str]
    scale_up: str
    scale_up_reasons: str


def _org(org):
    return {"slug": org.slug, "name": org.name} if org is not None else None


def _summary(pilot: Pilot) -> dict:
    return {
        "id": pilot.pk,
        "challenge": pilot.challenge.slug,
        "title": pilot.title,
        "original_language": pilot.original_language,
        "status": pilot.status,
        "platform": pilot.platform.slug if pilot.platform else None,
        "location": pilot.location,
        "start_date": pilot.start_date,
        "end_date": pilot.end_date,
        "participants": [{"organisation": _org(p.organisation), "role": p.role} for p in pilot.participants.all()],
    }


def _kpi(kpi) -> dict:
    progress = kpi_progress(kpi)
    return {
        "id": kpi.pk,
        "name": kpi.name,
        "unit": kpi.unit,
        "method": kpi.method,
        "baseline": kpi.baseline,
        "target": kpi.target,
        "direction": kpi.direction,
        "is_co2e": kpi.is_co2e,
        "latest": progress.latest,
        "percent": progress.percent,
        "reached": progress.reached,
        "measurements": [
            {"value": m.value, "measured_on": m.measured_on, "note": m.note, "correction": m.corrects_id is not None}
            for m in kpi.measurements.all()
        ],
    }


@router.get("/pilots", response=list[PilotSummaryOut])
def list_pilots(request, city: str = "", platform: str = "", status: str = ""):
    """Public pilots, newest first; filter by a city's identifier, a platform's identifier or a status."""
    qs = pilot_list_public(filters=PilotFilters(city=city, platform=platform, status=status))
    return [_summary(p) for p in qs[:500]]


@router.get("/pilots/{pilot_id}", response={200: PilotOut, 404: ErrorOut, 422: schemas.ValidationErrorOut})
def get_pilot(request, pilot_id: int):
    pilot = pilot_detail_queryset().public().filter(pk=pilot_id).first()
    if pilot is None:
        return Status(404, {"code": CommonCode.NOT_FOUND, "message": _("No public pilot with this identifier.")})
    return {
        **_summary(pilot),
        "scope": pilot.scope,
        "budget_total": pilot.budget_total,
        "budget_shares": [
            {"organisation": _org(s.organisation), "amount": s.amount} for s in pilot.budget_shares.all()
        ],
        "kpis": [_kpi(k) for k in pilot.kpis.all()],
        "milestones": [
            {"title": m.title, "due_date": m.due_date, "done_at": m.done_at} for m in pilot.milestones.all()
        ],
        "check_ins": [
            {
                "date": c.date,
                "organisation": _org(c.organisation),
                "status": c.status,
                "summary": c.summary,
                "language": c.language,
            }
            for c in pilot.check_ins.all()
        ],
        "results": pilot.results,
        "lessons": pilot.lessons,
        "scale_up": pilot.scale_up,
        "scale_up_reasons": pilot.scale_up_reasons,
    }
