"""One line of a companies JSON Lines file → a validated :class:`CompanyRow` (format: docs/imports.md).

A line is rejected when it cannot identify or name the organisation (invalid JSON, no name, a bad
Business ID or identifier, an unknown kind or language). A value that is merely unusable (an unknown
industry code, theme or city, a TRL outside 1–9, a malformed website or reference) is dropped with
a warning, and the rest of the line is imported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.core.errors import ServiceError
from haastemoottori.core.i18n import clean_translations, language_codes
from haastemoottori.organisations.models import Organisation, OrganisationIdentifier
from haastemoottori.organisations.services import identifier_clean
from haastemoottori.taxonomy.models import IndustryCode, Theme

from .common import RecordRejected, content_hash
from .text import one_line, text_clean

MAPPING_VERSION = 1
KINDS = (Organisation.Kind.COMPANY, Organisation.Kind.RESEARCH)
TEXT_FIELDS = ("description", "offering", "capabilities")
KNOWN_KEYS = frozenset(
    {
        "source_id",
        "name",
        "original_language",
        "business_id",
        "identifiers",
        "kind",
        "website",
        *TEXT_FIELDS,
        "industry_codes",
        "themes",
        "is_sme",
        "trl",
        "languages_served",
        "cities_served",
        "is_listed",
        "references",
    }
)
REFERENCE_KEYS = frozenset({"title", "description", "client", "year", "is_pilot", "url"})
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_url_valid = URLValidator(schemes=["http", "https"])


@dataclass
class CompanyLookups:
    """Reference data loaded once per run, so a line needs no queries to be checked."""

    industry_codes: dict[str, int]
    themes: dict[str, int]
    cities: dict[str, int]

    @classmethod
    def load(cls) -> CompanyLookups:
        return cls(
            industry_codes=dict(IndustryCode.objects.values_list("code", "pk")),
            themes=dict(Theme.objects.values_list("slug", "pk")),
            cities=dict(Organisation.objects.cities().values_list("slug", "pk")),
        )


@dataclass
class CompanyRow:
    source_id: str
    kind: str
    name: dict[str, str]
    original_language: str
    identifiers: list[tuple[str, str]]
    fields: dict[str, Any]  # description, offering, capabilities, website, is_sme, trl, languages_served, is_listed
    industry_codes: list[str]
    themes: list[str]
    cities_served: list[str]
    references: list[dict[str, Any]]
    content_hash: str = ""
    warnings: list[str] = field(default_factory=list)


def _translations(value: Any, language: str, label: str, *, single_line: bool = False) -> dict[str, str]:
    clean = one_line if single_line else text_clean
    if isinstance(value, str):
        value = {language: value}
    elif value is not None and not isinstance(value, dict):
        raise RecordRejected(_("%(field)s must be text or an object keyed by language code.") % {"field": label})
    if isinstance(value, dict):
        value = {code: clean(text) if isinstance(text, str) else text for code, text in value.items()}
    try:
        return clean_translations(value, field_label=label)
    except ValidationError as exc:
        raise RecordRejected(f"{label}: {exc.messages[0]}") from exc


def _identifiers(data: dict[str, Any]) -> list[tuple[str, str]]:
    raw: list[tuple[Any, Any]] = []
    if data.get("business_id") not in (None, ""):
        raw.append((OrganisationIdentifier.FINNISH_BUSINESS_ID, data["business_id"]))
    others = data.get("identifiers") or []
    if not isinstance(others, list) or not all(isinstance(i, dict) for i in others):
        raise RecordRejected(_('identifiers must be a list of {"scheme", "identifier"} objects.'))
    raw.extend((i.get("scheme"), i.get("identifier")) for i in others)
    cleaned: list[tuple[str, str]] = []
    for scheme, identifier in raw:
        if not isinstance(scheme, str) or not isinstance(identifier, (str, int)):
            raise RecordRejected(_("Give a registry scheme and an identifier."))
        try:
            pair = identifier_clean(scheme=scheme, identifier=str(identifier))
        except ServiceError as exc:
            raise RecordRejected(f"{scheme} {identifier}: {exc.message}") from exc
        if pair not in cleaned:
            cleaned.append(pair)
    return cleaned


def _slugs(
    data: dict[str, Any],
    key: str,
    known: dict[str, int],
    warnings: list[str],
    *,
    normalise: Callable[[str], str] = str.strip,
) -> list[str]:
    values = data.get(key) or []
    if not isinstance(values, list):
        warnings.append(_("%(field)s must be a list; ignored.") % {"field": key})
        return []
    found, unknown = [], []
    for value in values:
        code = normalise(str(value)) if isinstance(value, (str, int)) else ""
        if code in known:
            if code not in found:
                found.append(code)
        else:
            unknown.append(str(value))
    if unknown:
        warnings.append(_("Unknown %(field)s skipped: %(values)s.") % {"field": key, "values": ", ".join(unknown)})
    return sorted(found)


def _industry_code(value: str) -> str:
    return value.replace(".", "").replace(" ", "").upper()


def _website(value: Any, label: str, warnings: list[str]) -> str:
    if value in (None, ""):
        return ""
    text = value.strip() if isinstance(value, str) else ""
    try:
        if len(text) > 200:
            raise ValidationError("too long")
        _url_valid(text)
    except ValidationError:
        warnings.append(
            _("%(field)s “%(value)s” is not an http(s) address; ignored.") % {"field": label, "value": str(value)[:80]}
        )
        return ""
    return text


def _reference(raw: Any, language: str, index: int, warnings: list[str]) -> dict[str, Any] | None:
    where = _("reference %(n)s") % {"n": index}
    if not isinstance(raw, dict):
        warnings.append(_("%(where)s is not an object; skipped.") % {"where": where})
        return None
    try:
        title = _translations(raw.get("title"), language, "title", single_line=True)
        description = _translations(raw.get("description"), language, "description")
    except RecordRejected as exc:
        warnings.append(f"{where}: {exc.reason}")
        return None
    if not title:
        warnings.append(_("%(where)s has no title; skipped.") % {"where": where})
        return None
    year = raw.get("year")
    if year is not None and not (
        isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= timezone.now().year + 1
    ):
        warnings.append(_("%(where)s: year “%(value)s” ignored.") % {"where": where, "value": year})
        year = None
    return {
        "title": title,
        "description": description,
        "original_language": language if language in title else next(iter(title)),
        "client": one_line(raw.get("client") or "")[:200] if isinstance(raw.get("client"), str) else "",
        "year": year,
        "is_pilot": raw.get("is_pilot") is True,
        "url": _website(raw.get("url"), f"{where} url", warnings),
    }


def _optional_bool(data: dict[str, Any], key: str, warnings: list[str], default: bool | None = None) -> bool | None:
    value = data.get(key, default)
    if value is None or isinstance(value, bool):
        return value
    warnings.append(_("%(field)s must be true or false; ignored.") % {"field": key})
    return default


def company_parse(line: str, lookups: CompanyLookups) -> CompanyRow:
    """Validate one line. Raises RecordRejected with the reason."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordRejected(_("Invalid JSON: %(error)s") % {"error": exc}) from exc
    if not isinstance(data, dict):
        raise RecordRejected(_("The line is not a JSON object."))
    warnings: list[str] = []
    unknown_keys = sorted(set(data) - KNOWN_KEYS)
    if unknown_keys:
        warnings.append(_("Unknown fields ignored: %(fields)s.") % {"fields": ", ".join(unknown_keys)})

    name = data.get("name")
    language = data.get("original_language")
    if language is None:
        language = "fi" if not isinstance(name, dict) or "fi" in name or not name else next(iter(name))
    if language not in language_codes():
        raise RecordRejected(
            _("Unknown original language “%(code)s”; use one of: %(codes)s.")
            % {"code": language, "codes": ", ".join(language_codes())}
        )
    name = _translations(name, language, "name", single_line=True)
    if not name.get(language):
        raise RecordRejected(_("The line has no name in its original language (%(code)s).") % {"code": language})
    kind = data.get("kind") or Organisation.Kind.COMPANY
    if kind not in KINDS:
        raise RecordRejected(_("kind must be “company” or “research”, not “%(kind)s”.") % {"kind": kind})
    identifiers = _identifiers(data)
    source_id = data.get("source_id")
    if source_id is not None and (not isinstance(source_id, (str, int)) or not str(source_id).strip()):
        raise RecordRejected(_("source_id must be non-empty text."))
    if source_id is None:
        if not identifiers:
            raise RecordRejected(_("The line has no source_id, business_id or other identifier."))
        scheme, identifier = identifiers[0]
        source_id = identifier if scheme == OrganisationIdentifier.FINNISH_BUSINESS_ID else f"{scheme}:{identifier}"
    source_id = str(source_id).strip()
    if len(source_id) > 200:
        raise RecordRejected(_("source_id can be at most 200 characters."))

    fields: dict[str, Any] = {key: _translations(data.get(key), language, key) for key in TEXT_FIELDS}
    fields["website"] = _website(data.get("website"), "website", warnings)
    fields["is_sme"] = _optional_bool(data, "is_sme", warnings)
    fields["is_listed"] = _optional_bool(data, "is_listed", warnings, default=True)
    trl = data.get("trl")
    if trl is not None and (isinstance(trl, bool) or not isinstance(trl, int) or not 1 <= trl <= 9):
        warnings.append(_("trl must be a whole number from 1 to 9, not “%(value)s”; ignored.") % {"value": trl})
        trl = None
    fields["trl"] = trl
    languages = data.get("languages_served") or []
    if not isinstance(languages, list):
        languages = [languages]
    codes = list(dict.fromkeys(str(c).strip().lower() for c in languages if isinstance(c, str)))
    good = [c for c in codes if _LANGUAGE_CODE.match(c)]
    if len(good) < len(codes) or not all(isinstance(c, str) for c in languages):
        warnings.append(_("languages_served takes language codes such as “fi”; other values ignored."))
    fields["languages_served"] = good

    references = data.get("references") or []
    if not isinstance(references, list):
        warnings.append(_("references must be a list; ignored."))
        references = []
    refs = [r for i, raw in enumerate(references, start=1) if (r := _reference(raw, language, i, warnings))]
    row = CompanyRow(
        source_id=source_id,
        kind=kind,
        name=name,
        original_language=language,
        identifiers=identifiers,
        fields=fields,
        industry_codes=_slugs(data, "industry_codes", lookups.industry_codes, warnings, normalise=_industry_code),
        themes=_slugs(data, "themes", lookups.themes, warnings),
        cities_served=_slugs(data, "cities_served", lookups.cities, warnings),
        references=refs,
        warnings=warnings,
    )
    row.content_hash = content_hash(
        {
            "v": MAPPING_VERSION,
            "kind": kind,
            "name": name,
            "language": language,
            "identifiers": identifiers,
            "fields": fields,
            "codes": row.industry_codes,
            "themes": row.themes,
            "cities": row.cities_served,
            "references": refs,
        }
    )
    return row
