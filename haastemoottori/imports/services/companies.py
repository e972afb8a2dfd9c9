"""Writing imported companies and research organisations, idempotently by source id.

New organisations are made with ``organisation_create`` (which validates, audits and registers the
identifiers). An update writes the changed profile fields directly and audits them; it touches only
what the import itself set: the identifiers, industry codes, themes, cities and references it
recorded last time (``ImportedRecord.details``), so whatever a company added on the platform stays.
Lines are written in transactions of ``batch_size``; a failing line rolls back only its savepoint.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceError
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.organisations.models import Organisation, OrganisationIdentifier, Reference
from haastemoottori.organisations.services import organisation_create
from haastemoottori.search.services import search_index_batch

from ..models import ImportedRecord
from .common import IMPORTED, UNCHANGED, UPDATED, ImportSummary, RecordRejected, content_hash, search_index_schedule
from .companies_parse import CompanyLookups, CompanyRow, company_parse

DEFAULT_SOURCE = "companies"
PROFILE_FIELDS = (
    "kind",
    "name",
    "original_language",
    "description",
    "offering",
    "capabilities",
    "website",
    "is_sme",
    "trl",
    "languages_served",
    "is_listed",
)


def _details(row: CompanyRow, reference_ids: list[int]) -> dict[str, Any]:
    return {
        "identifiers": [list(pair) for pair in row.identifiers],
        "industry_codes": row.industry_codes,
        "themes": row.themes,
        "cities_served": row.cities_served,
        "references": reference_ids,
        "references_hash": content_hash(row.references),
    }


def _ids(lookup: dict[str, int], keys: list[str]) -> list[int]:
    return [lookup[key] for key in keys]


def _create(row: CompanyRow, lookups: CompanyLookups) -> Organisation:
    """The organisation itself, through ``organisation_create`` (validated, audited, own savepoint)."""
    return organisation_create(
        actor=None,
        kind=row.kind,
        name=row.name,
        original_language=row.original_language,
        identifiers=row.identifiers,
        industry_codes=_ids(lookups.industry_codes, row.industry_codes),
        themes=_ids(lookups.themes, row.themes),
        # A platform admin runs the import and answers for its source (docs/identity.md).
        verification_method=Organisation.VerificationMethod.IMPORT,
        **row.fields,
    )


def _create_references(pairs: list[tuple[CompanyRow, Organisation]]) -> dict[int, list[int]]:
    """References of many organisations in one insert; returns their ids per organisation."""
    created = Reference.objects.bulk_create(
        [Reference(organisation=org, **ref) for row, org in pairs for ref in row.references]
    )
    ids: dict[int, list[int]] = {}
    for ref in created:
        ids.setdefault(ref.organisation_id, []).append(ref.pk)
    return ids


def _finish_created(pairs: list[tuple[CompanyRow, Organisation]], *, source: str, lookups: CompanyLookups) -> None:
    """What ``organisation_create`` does not set, for a whole batch at once: cities, references, records."""
    if not pairs:
        return
    through = Organisation.cities_served.through
    through.objects.bulk_create(
        [
            through(from_organisation_id=org.pk, to_organisation_id=city_id)
            for row, org in pairs
            for city_id in _ids(lookups.cities, row.cities_served)
        ]
    )
    references = _create_references(pairs)
    ImportedRecord.objects.bulk_create(
        [
            ImportedRecord(
                source=source,
                source_id=row.source_id,
                organisation=org,
                content_hash=row.content_hash,
                details=_details(row, references.get(org.pk, [])),
            )
            for row, org in pairs
        ]
    )


@transaction.atomic
def company_import_upsert(
    *, row: CompanyRow, lookups: CompanyLookups, source: str = DEFAULT_SOURCE
) -> tuple[str, Organisation]:
    """Create or update the organisation imported as ``source``/``row.source_id``; returns (outcome, org).

    Unchanged (same content hash) → nothing is written. Raises RecordRejected or ServiceError (e.g. an
    identifier that belongs to another organisation) before anything is written.
    """
    record = (
        ImportedRecord.objects.select_related("organisation").filter(source=source, source_id=row.source_id).first()
    )
    if record is not None:
        if record.content_hash == row.content_hash:
            assert record.organisation is not None  # a company source's record names its organisation
            return UNCHANGED, record.organisation
        return _update(record, row, lookups)
    organisation = _create(row, lookups)
    _finish_created([(row, organisation)], source=source, lookups=lookups)
    return IMPORTED, organisation


def _update(record: ImportedRecord, row: CompanyRow, lookups: CompanyLookups) -> tuple[str, Organisation]:
    organisation, old = record.organisation, record.details or {}
    assert organisation is not None  # a company source's record names its organisation
    new_values = {"kind": row.kind, "name": row.name, "original_language": row.original_language, **row.fields}
    changes: dict[str, tuple[Any, Any]] = {}
    for name in PROFILE_FIELDS:
        if getattr(organisation, name) != new_values[name]:
            changes[name] = (getattr(organisation, name), new_values[name])
            setattr(organisation, name, new_values[name])

    new_ids = [list(pair) for pair in row.identifiers]
    if old.get("identifiers") != new_ids:
        _sync_identifiers(organisation, [tuple(p) for p in old.get("identifiers", [])], row.identifiers)
        changes["identifiers"] = (old.get("identifiers"), new_ids)
    for name, lookup, manager in (
        ("industry_codes", lookups.industry_codes, organisation.industry_codes),
        ("themes", lookups.themes, organisation.themes),
        ("cities_served", lookups.cities, organisation.cities_served),
    ):
        new = getattr(row, name)
        if old.get(name) != new:
            # Remove what the previous import added, keep what was added on the platform.
            manager.remove(*[lookup[k] for k in old.get(name, []) if k in lookup and k not in new])
            manager.add(*_ids(lookup, new))
            changes[name] = (old.get(name), new)
    reference_ids = old.get("references", [])
    if old.get("references_hash") != content_hash(row.references):
        Reference.objects.filter(organisation=organisation, pk__in=reference_ids).delete()
        reference_ids = _create_references([(row, organisation)]).get(organisation.pk, [])
        changes["references"] = (len(old.get("references", [])), len(reference_ids))

    if any(name in PROFILE_FIELDS for name in changes):
        organisation.save(update_fields=[n for n in PROFILE_FIELDS if n in changes] + ["updated_at"])
    record.content_hash, record.details = row.content_hash, _details(row, reference_ids)
    record.save(update_fields=["content_hash", "details", "updated_at"])
    if not changes:
        return UNCHANGED, organisation
    audit_record(
        actor=None,
        action=AuditEvent.Action.UPDATED,
        target=organisation,
        changes=changes,
        data={"source": record.source, "source_id": record.source_id},
        is_public=True,
    )
    return UPDATED, organisation


def _sync_identifiers(organisation: Organisation, old: list[tuple[str, str]], new: list[tuple[str, str]]) -> None:
    for scheme, identifier in old:
        if (scheme, identifier) not in new:
            OrganisationIdentifier.objects.filter(
                organisation=organisation, scheme=scheme, identifier=identifier
            ).delete()
    existing = set(organisation.identifiers.values_list("scheme", "identifier"))
    for scheme, identifier in new:
        if (scheme, identifier) in existing:
            continue
        if OrganisationIdentifier.objects.filter(scheme=scheme, identifier=identifier).exists():
            raise RecordRejected(
                _("%(scheme)s %(id)s already belongs to another organisation.") % {"scheme": scheme, "id": identifier}
            )
        OrganisationIdentifier.objects.create(organisation=organisation, scheme=scheme, identifier=identifier)


class _Run:
    """One import run: reads lines, writes them a batch at a time, keeps the summary."""

    def __init__(self, *, source: str, summary: ImportSummary, limit: int | None, batch_size: int) -> None:
        self.source, self.summary, self.limit, self.batch_size = source, summary, limit, batch_size
        self.lookups = CompanyLookups.load()
        self.first_line: dict[str, int] = {}  # source id → the line that had it first
        self.changed_any = False

    def full(self) -> bool:
        if self.limit is not None and self.summary.written >= self.limit:
            self.summary.stopped_at_limit = True
        return self.summary.stopped_at_limit

    def parse(self, ref: str, number: int, line: str) -> CompanyRow | None:
        try:
            row = company_parse(line, self.lookups)
        except RecordRejected as exc:
            self.summary.reject(ref, exc.reason)
            return None
        if row.source_id in self.first_line:
            self.summary.reject(
                ref,
                _("Duplicate source id %(id)s (first on line %(line)s).")
                % {"id": row.source_id, "line": self.first_line[row.source_id]},
            )
            return None
        self.first_line[row.source_id] = number
        return row

    def write(self, batch: list[tuple[str, CompanyRow]]) -> None:
        with transaction.atomic(), search_index_batch():
            records = {
                r.source_id: r
                for r in ImportedRecord.objects.select_related("organisation").filter(
                    source=self.source, source_id__in=[row.source_id for _ref, row in batch]
                )
            }
            wanted = {pair for _ref, row in batch for pair in row.identifiers}
            owners = {
                (s, i): (org_id, slug)
                for s, i, org_id, slug in OrganisationIdentifier.objects.filter(
                    identifier__in={i for _s, i in wanted}
                ).values_list("scheme", "identifier", "organisation_id", "organisation__slug")
                if (s, i) in wanted
            }
            changed: list[Organisation] = []
            created: list[tuple[CompanyRow, Organisation]] = []
            for ref, row in batch:
                if self.full():
                    break
                record = records.get(row.source_id)
                own_id = record.organisation_id if record else None
                taken = [
                    (s, i, owners[(s, i)][1])
                    for s, i in row.identifiers
                    if (s, i) in owners and owners[(s, i)][0] != own_id
                ]
                if taken:
                    self.summary.reject(
                        ref,
                        "; ".join(
                            _("%(scheme)s %(id)s already belongs to organisation %(org)s.")
                            % {"scheme": s, "id": i, "org": slug}
                            for s, i, slug in taken
                        ),
                    )
                    continue
                try:
                    if record is None:
                        organisation, outcome = _create(row, self.lookups), IMPORTED
                        created.append((row, organisation))
                    elif record.content_hash == row.content_hash:
                        assert record.organisation is not None
                        organisation, outcome = record.organisation, UNCHANGED
                    else:
                        with transaction.atomic():
                            outcome, organisation = _update(record, row, self.lookups)
                except RecordRejected as exc:
                    self.summary.reject(ref, exc.reason)
                    continue
                except ServiceError as exc:
                    self.summary.reject(ref, str(exc.message))
                    continue
                owners.update({pair: (organisation.pk, organisation.slug) for pair in row.identifiers})
                self.summary.warn(ref, row.warnings)
                self.summary.count(outcome)
                if outcome != UNCHANGED:
                    changed.append(organisation)
            _finish_created(created, source=self.source, lookups=self.lookups)
            search_index_schedule(changed)
            self.changed_any = self.changed_any or bool(changed)


def companies_import(
    lines: Iterable[str],
    *,
    source: str = DEFAULT_SOURCE,
    summary: ImportSummary | None = None,
    limit: int | None = None,
    batch_size: int = 500,
) -> ImportSummary:
    """Import JSON Lines. ``limit`` stops after that many lines were imported or updated (see docs/imports.md)."""
    summary = summary if summary is not None else ImportSummary()
    run = _Run(source=source, summary=summary, limit=limit, batch_size=batch_size)
    batch: list[tuple[str, CompanyRow]] = []
    for number, line in enumerate(lines, start=1):
        if run.full():
            break
        if not line.strip():
            continue
        ref = _("line %(n)s") % {"n": number}
        row = run.parse(ref, number, line)
        if row is not None:
            batch.append((ref, row))
        if len(batch) >= batch_size:
            run.write(batch)
            batch = []
    if batch and not run.full():
        run.write(batch)
    if run.changed_any:
        public_content_changed()
    return summary
