"""Writes for imports: map a source's records to our models and upsert them idempotently by source id."""

from .challengegov import challengegov_import, challengegov_map, challengegov_read
from .challenges import challenge_import_upsert
from .common import ImportSummary, RecordRejected
from .companies import companies_import, company_import_upsert

__all__ = [
    "ImportSummary",
    "RecordRejected",
    "challenge_import_upsert",
    "challengegov_import",
    "challengegov_map",
    "challengegov_read",
    "companies_import",
    "company_import_upsert",
]
