"""Writes of the trade register mirror, and the look-up that the rest of the platform asks.

``register_lookup`` answers from the mirror when it knows the ID and, when the API is on, asks the register
for a fresher word (storing it). The mirror is the register's copy, not the platform's data: it is not
audited (the bulk load would write hundreds of thousands of events); what the platform does with it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from .client import Outcome, TradeRegisterClient
from .models import RegisterEntry
from .parsing import entry_fields

UPDATE_FIELDS = [
    "name",
    "names",
    "company_form",
    "company_form_names",
    "status",
    "trade_register_status",
    "registration_date",
    "end_date",
    "main_business_line",
    "main_business_line_names",
    "address",
    "website",
    "last_modified",
    "source",
    "fetched_at",
]
FRESH_FOR = timedelta(days=1)


@dataclass(frozen=True)
class RegisterAnswer:
    """``known``: the register (or its mirror) answered; ``entry`` is None when it has no such company."""

    known: bool
    entry: RegisterEntry | None = None

    @property
    def pending(self) -> bool:
        return not self.known


def entries_upsert(companies: Iterable[dict[str, Any]], *, source: str = RegisterEntry.Source.BULK) -> int:
    """Insert or update a batch of company records (one transaction); returns how many were written.
    Records without an ID are skipped; an unchanged ``lastModified`` is written again (cheap, idempotent)."""
    now = timezone.now()
    rows: dict[str, RegisterEntry] = {}
    for company in companies:
        try:
            fields = entry_fields(company)
        except ValueError:
            continue
        rows[fields["business_id"]] = RegisterEntry(**fields, source=source, fetched_at=now)
    if not rows:
        return 0
    with transaction.atomic():
        RegisterEntry.objects.bulk_create(
            list(rows.values()), update_conflicts=True, unique_fields=["business_id"], update_fields=UPDATE_FIELDS
        )
    return len(rows)


def register_lookup(business_id: str, *, client: TradeRegisterClient | None = None) -> RegisterAnswer:
    """What the register says about a (normalised) Business ID. The mirror's entry if fresh; else the API
    (stored in the mirror); else the mirror's older entry; else unknown (the check is pending)."""
    entry = RegisterEntry.objects.filter(business_id=business_id).first()
    if entry is not None and entry.fetched_at >= timezone.now() - FRESH_FOR:
        return RegisterAnswer(known=True, entry=entry)
    answer = (client or TradeRegisterClient()).company(business_id)
    if answer.outcome == Outcome.FOUND and answer.company is not None:
        entries_upsert([answer.company], source=RegisterEntry.Source.API)
        return RegisterAnswer(known=True, entry=RegisterEntry.objects.get(business_id=business_id))
    if answer.outcome == Outcome.NOT_FOUND:
        return RegisterAnswer(known=True, entry=None)
    return RegisterAnswer(known=entry is not None, entry=entry)


def register_refresh(business_ids: Iterable[str], *, client: TradeRegisterClient | None = None) -> dict[str, int]:
    """Ask the register again for each ID (the scheduled refresh of the organisations on the platform)."""
    client = client or TradeRegisterClient()
    counts = {"updated": 0, "not_found": 0, "unavailable": 0}
    for business_id in business_ids:
        answer = client.company(business_id)
        if answer.outcome == Outcome.FOUND and answer.company is not None:
            entries_upsert([answer.company], source=RegisterEntry.Source.API)
            counts["updated"] += 1
        elif answer.outcome == Outcome.NOT_FOUND:
            counts["not_found"] += 1
        else:
            counts["unavailable"] += 1
    return counts
