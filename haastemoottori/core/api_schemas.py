"""Schema pieces that every app's API endpoints share: errors, translated texts, a reference to an
organisation. The API app mounts the routers; the domain apps build their endpoints from these."""

from ninja import Schema

Translations = dict[str, str]


class ErrorOut(Schema):
    code: str
    message: str


class ErrorDetail(Schema):
    field: str
    message: str


class ValidationErrorOut(ErrorOut):
    details: list[ErrorDetail]


class OrganisationRef(Schema):
    slug: str
    kind: str
    name: Translations
