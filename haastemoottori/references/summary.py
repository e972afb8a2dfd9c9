"""What a pages shows of a verified reference, read from the signed payload (never from our database, so a
verifier sees exactly what was signed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from haastemoottori.core.i18n import translate


def _text(values: Any, original: str = "fi") -> str:
    if isinstance(values, dict):
        return translate({str(k): str(v) for k, v in values.items() if isinstance(v, str)}, original).text
    return str(values or "")


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass
class KpiRow:
    name: str
    unit: str
    baseline: str
    target: str
    result: str
    co2e: bool


@dataclass
class Summary:
    title: str = ""
    holder: str = ""
    holder_url: str = ""
    city: str = ""
    platform: str = ""
    location: str = ""
    start: date | None = None
    end: date | None = None
    results: str = ""
    statement: str = ""
    signer_role: str = ""
    issuer: str = ""
    issued: str = ""
    kpis: list[KpiRow] = field(default_factory=list)


def _object(container: dict[str, Any], key: str) -> dict[str, Any]:
    value = container.get(key)
    return value if isinstance(value, dict) else {}


def summarise(payload: dict[str, Any]) -> Summary:
    subject = _object(payload, "credentialSubject")
    facts = _object(subject, "pilotReference")
    original = str(facts.get("originalLanguage") or "fi")
    holder = _object(facts, "holder")
    city = _object(facts, "city")
    platform = _object(facts, "platform")
    statement = _object(facts, "statement")
    issuer = _object(payload, "issuer")
    rows = []
    for kpi in facts.get("kpis") or []:
        if isinstance(kpi, dict):
            rows.append(
                KpiRow(
                    name=_text(kpi.get("name"), original),
                    unit=str(kpi.get("unit") or ""),
                    baseline=str(kpi.get("baseline") or ""),
                    target=str(kpi.get("target") or ""),
                    result=str(kpi.get("result") or ""),
                    co2e=bool(kpi.get("co2e")),
                )
            )
    return Summary(
        title=_text(facts.get("title"), original) or str(payload.get("name") or ""),
        holder=_text(holder.get("name"), original),
        holder_url=str(holder.get("id") or ""),
        city=_text(city.get("name"), original),
        platform=_text(platform.get("name"), original) if platform else "",
        location=str(facts.get("location") or ""),
        start=_day(facts.get("startDate")),
        end=_day(facts.get("endDate")),
        results=_text(facts.get("results"), original),
        statement=str(statement.get("text") or ""),
        signer_role=str(facts.get("signerRole") or ""),
        issuer=str(issuer.get("name") or ""),
        issued=str(payload.get("validFrom") or "")[:10],
        kpis=rows,
    )
