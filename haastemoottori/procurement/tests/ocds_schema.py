"""Validate an OCDS release package against the OCDS 1.1.5 schemas and closed codelists in ../shared/data."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

SCHEMA_DIR = Path(settings.BASE_DIR).parent / "shared" / "data" / "ocds-1.1.5"


def require_schema() -> Path:
    if not (SCHEMA_DIR / "release-package-schema.json").exists():
        pytest.skip(f"OCDS 1.1.5 schema folder not found at {SCHEMA_DIR}: schema validation skipped")
    return SCHEMA_DIR


@cache
def _validator():
    from jsonschema import Draft4Validator, FormatChecker
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    package = json.loads((SCHEMA_DIR / "release-package-schema.json").read_text())
    release = json.loads((SCHEMA_DIR / "release-schema.json").read_text())
    # The package schema refers to the release schema by its URL: serve it from the local file.
    registry = Registry().with_resources(
        [
            (release["id"], DRAFT4.create_resource(release)),
            (package["id"], DRAFT4.create_resource(package)),
        ]
    )
    checker = FormatChecker()

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value) -> bool:
        if not isinstance(value, str):
            return True
        parsed = datetime.fromisoformat(value)
        return "T" in value and parsed.tzinfo is not None

    @checker.checks("uri")
    def _uri(value) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlparse(value)
        return bool(parts.scheme and parts.netloc)

    return Draft4Validator(package, registry=registry, format_checker=checker)


def schema_errors(package: dict) -> list[str]:
    require_schema()
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator().iter_errors(package)]


@cache
def codes(name: str) -> frozenset[str]:
    with open(SCHEMA_DIR / "codelists" / name, newline="", encoding="utf-8") as f:
        return frozenset(row["Code"] for row in csv.DictReader(f))


def codelist_errors(package: dict) -> list[str]:
    """Codes we use that are not in their codelist (the closed ones and the open ones we rely on)."""
    require_schema()
    errors = []

    def check(value, codelist, where):
        if value is not None and value not in codes(codelist):
            errors.append(f"{where}: {value!r} not in {codelist}")

    for r in package["releases"]:
        rid = r["id"]
        for tag in r["tag"]:
            check(tag, "releaseTag.csv", f"{rid} tag")
        check(r["initiationType"], "initiationType.csv", f"{rid} initiationType")
        for p in r.get("parties", []):
            for role in p.get("roles") or []:
                check(role, "partyRole.csv", f"{rid} party {p['id']}")
        planning, tender = r.get("planning", {}), r.get("tender", {})
        check(tender.get("procurementMethod"), "method.csv", f"{rid} procurementMethod")
        check(tender.get("status"), "tenderStatus.csv", f"{rid} tender.status")
        documents = [*planning.get("documents", []), *tender.get("documents", [])]
        milestones = [*planning.get("milestones", [])]
        for a in r.get("awards", []):
            check(a.get("status"), "awardStatus.csv", f"{rid} award.status")
            check(a["value"]["currency"], "currency.csv", f"{rid} award currency")
        for c in r.get("contracts", []):
            check(c.get("status"), "contractStatus.csv", f"{rid} contract.status")
            check(c["value"]["currency"], "currency.csv", f"{rid} contract currency")
            milestones += c.get("implementation", {}).get("milestones", [])
        for d in documents:
            check(d.get("documentType"), "documentType.csv", f"{rid} documentType")
        for m in milestones:
            check(m.get("type"), "milestoneType.csv", f"{rid} milestone.type")
            check(m.get("status"), "milestoneStatus.csv", f"{rid} milestone.status")
    return errors
