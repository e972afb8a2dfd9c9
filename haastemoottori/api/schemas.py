"""Response schemas of the open API. Translated texts are objects keyed by language code."""

from datetime import date, datetime

from ninja import Schema

from haastemoottori.core.api_schemas import (  # noqa: F401 (re-exported for api.py)
    ErrorDetail,
    ErrorOut,
    OrganisationRef,
    Translations,
    ValidationErrorOut,
)


class ThemeOut(Schema):
    slug: str
    kind: str
    number: int | None
    name: Translations


class OwnerOut(Schema):
    organisation: OrganisationRef
    role: str
    department: Translations | None
    budget_share: float | None


class IndicatorOut(Schema):
    name: Translations
    unit: str
    baseline: float | None
    target: float | None


class PlatformRef(Schema):
    slug: str
    name: Translations


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    changed_at: datetime


class ChallengeSummaryOut(Schema):
    slug: str
    url: str
    original_language: str
    title: Translations
    summary: Translations
    stage: str
    route: str
    owners: list[OwnerOut]
    themes: list[str]
    platform: PlatformRef | None
    call_deadline: datetime | None
    published_at: datetime | None


class ChallengeOut(ChallengeSummaryOut):
    problem: Translations
    affected: Translations
    root_causes: Translations
    tried: Translations
    desired_outcome: Translations
    constraints: Translations
    data_available: Translations
    ip_terms: Translations
    indicators: list[IndicatorOut]
    budget_min: int | None
    budget_max: int | None
    call_opens_at: datetime | None
    pilot_start: date | None
    pilot_end: date | None
    outcome: str
    outcome_note: Translations
    timeline: list[StageChangeOut]


class ChallengePage(Schema):
    count: int
    page: int
    page_size: int
    results: list[ChallengeSummaryOut]


class IdentifierOut(Schema):
    scheme: str
    identifier: str


class OrganisationOut(OrganisationRef):
    original_language: str
    description: Translations
    capabilities: Translations
    website: str
    identifiers: list[IdentifierOut]
    industry_codes: list[str]
    departments: list[dict]


class PlatformOut(PlatformRef):
    owner: OrganisationRef
    original_language: str
    description: Translations
    location: Translations
    testing: Translations
    latitude: float | None
    longitude: float | None
    contact_name: str
    contact_email: str
    website: str


class OrganisationPage(Schema):
    count: int
    page: int
    page_size: int
    results: list[OrganisationOut]
