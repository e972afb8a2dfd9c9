"""The credential a pilot reference is: a W3C Verifiable Credential 2.0 in the Open Badges 3.0 achievement shape.

The achievement is the pilot (what, where, when, its measured results as ``result`` with ``resultDescription``),
its ``creator`` the lead owner city, the ``evidence`` the city's statement and the signer's role. The same facts,
with every translation, are in ``credentialSubject.pilotReference`` (documented in docs/references.md), which
the pages read to show a verified reference.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.credentials.services import VC_CONTEXT, absolute, issuer_id
from haastemoottori.pilots.progress import kpi_progress

if TYPE_CHECKING:
    from haastemoottori.organisations.models import Organisation
    from haastemoottori.pilots.models import Pilot

OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def _number(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value.normalize(), "f")


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _original(values: dict[str, str], original: str) -> str:
    return (values.get(original) or next((v for v in values.values() if v), "")).strip()


def credential_build(
    *,
    reference_id: UUID,
    pilot: Pilot,
    holder: Organisation,
    issuer: Organisation,
    statement: str,
    language: str,
    signer_role: str,
    status_entry: dict[str, Any],
    issued_at: datetime,
) -> dict[str, Any]:
    """The unsigned credential (the signed payload)."""
    with translation.override(language):
        pilot_url = absolute(reverse("pilots:detail", args=[pilot.pk]))
        holder_url = absolute(reverse("organisations:detail", args=[holder.slug]))
        city_url = absolute(reverse("organisations:detail", args=[issuer.slug]))
        title = _original(pilot.title, pilot.original_language)
        city_name = _original(issuer.name, issuer.original_language)
        narrative = _("%(organisation)s took part in the pilot “%(pilot)s” of %(city)s.") % {
            "organisation": _original(holder.name, holder.original_language),
            "pilot": title,
            "city": city_name,
        }
        statement_name = _("Statement of %(city)s") % {"city": city_name}
    kpis: list[dict[str, Any]] = []
    descriptions: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for kpi in pilot.kpis.prefetch_related("measurements"):
        progress = kpi_progress(kpi)
        result_id = f"{pilot_url}#kpi-{kpi.pk}"
        name = _original(kpi.name, kpi.original_language)
        descriptions.append({"id": result_id, "type": ["ResultDescription"], "name": name, "resultType": "RawScore"})
        if progress.latest is not None:
            value = f"{_number(progress.latest)} {kpi.unit}".strip()
            results.append({"type": ["Result"], "resultDescription": result_id, "value": value})
        kpis.append(
            {
                "name": dict(kpi.name),
                "unit": kpi.unit,
                "method": kpi.method,
                "baseline": _number(kpi.baseline),
                "target": _number(kpi.target),
                "result": _number(progress.latest),
                "direction": kpi.direction,
                "co2e": kpi.is_co2e,
                "reached": progress.reached,
            }
        )
    platform = pilot.platform
    facts = {
        "title": dict(pilot.title),
        "originalLanguage": pilot.original_language,
        "holder": {"id": holder_url, "name": dict(holder.name)},
        "city": {"id": city_url, "name": dict(issuer.name)},
        "platform": {"name": dict(platform.name)} if platform else None,
        "location": pilot.location,
        "startDate": _day(pilot.start_date),
        "endDate": _day(pilot.end_date),
        "results": dict(pilot.results),
        "kpis": kpis,
        "statement": {"language": language, "text": statement},
        "signerRole": signer_role,
    }
    return {
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": f"urn:uuid:{reference_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": {"id": issuer_id(), "type": ["Profile"], "name": settings.SITE_NAME, "url": issuer_id()},
        "validFrom": issued_at.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "credentialSubject": {
            "id": holder_url,
            "type": ["AchievementSubject"],
            "achievement": {
                "id": pilot_url,
                "type": ["Achievement"],
                "achievementType": "Achievement",
                "name": title,
                "description": _original(pilot.results, pilot.original_language),
                "criteria": {"narrative": narrative},
                "creator": {"id": city_url, "type": ["Profile"], "name": city_name},
                "resultDescription": descriptions,
                "inLanguage": pilot.original_language,
            },
            "result": results,
            "pilotReference": facts,
        },
        "evidence": [
            {"type": ["Evidence"], "name": statement_name, "narrative": statement, "description": signer_role}
        ],
        "credentialStatus": status_entry,
    }
