"""Shared by the pilot-request tests: confidential markers and a request submitted through the service."""

from datetime import timedelta

from django.utils import timezone

from haastemoottori.pilots import services
from haastemoottori.pilots.models import PilotRequest

SAFETY = "SALAINEN-TURVALLISUUS-7c1"
DATA = "SALAINEN-TIETOSUOJA-9e2"
NEEDS = "SALAINEN-TARPEET-4b4"
QUESTION = "SALAINEN-KYSYMYS-2a9"
CONDITIONS = "SALAINEN-EHDOT-5f5"


def _today():
    return timezone.localdate()


def submit(w, who="lead_member", **extra):
    values = {
        "platform": w.region.platform,
        "requester": w.lead,
        "title": "Autonominen lumiaura",
        "summary": "Pieni aura puhdistaa kevyen liikenteen väylää yöllä.",
        "site_area": "Rantaraitti",
        "start_date": _today() + timedelta(days=10),
        "end_date": _today() + timedelta(days=40),
        "needs": ["power", "access"],
        "needs_details": NEEDS,
        "safety_notes": SAFETY,
        "data_protection_notes": DATA,
        "language": "fi",
    }
    values.update(extra)
    return services.pilot_request_submit(actor=w.people[who], **values)


def fresh(request):
    return PilotRequest.objects.select_related("platform", "requester").get(pk=request.pk)
