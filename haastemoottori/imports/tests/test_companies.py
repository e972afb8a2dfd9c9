"""The companies importer (JSON Lines): validation, rejections with reasons, warnings, idempotency."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from haastemoottori.audit.models import AuditEvent
from haastemoottori.imports.models import ImportedRecord
from haastemoottori.imports.services import companies_import, company_import_upsert
from haastemoottori.imports.services.companies_parse import CompanyLookups, company_parse
from haastemoottori.organisations.models import Organisation, OrganisationIdentifier, Reference
from haastemoottori.taxonomy.models import IndustryCode

FULL = {
    "name": {"fi": "Meluton Oy", "en": "Meluton Ltd"},
    "original_language": "fi",
    "business_id": "1234560-4",
    "identifiers": [{"scheme": "se-blv", "identifier": "5560000001"}],
    "website": "https://meluton.example",
    "description": "Hiljaisia <b>katuja</b>.<script>alert(1)</script>",
    "offering": {"fi": "Melumittarit", "en": "Noise meters"},
    "capabilities": "Anturit\n\nData-analyysi",
    "industry_codes": ["26.510", "99999"],
    "themes": ["sdg-11", "no-such-theme"],
    "is_sme": True,
    "trl": 7,
    "languages_served": ["fi", "EN", "not a code"],
    "cities_served": ["espoo", "atlantis"],
    "references": [
        {
            "title": "Meluseuranta",
            "description": "Pilotti",
            "client": "Espoon kaupunki",
            "year": 2023,
            "is_pilot": True,
            "url": "https://espoo.example/melu",
        },
        {"description": "no title"},
    ],
}


def lines(*rows):
    return [row if isinstance(row, str) else json.dumps(row) for row in rows]


@pytest.fixture
def codes(region):
    IndustryCode.objects.create(code="26510", name={"fi": "Mittauslaitteet"})
    IndustryCode.objects.create(code="62010", name={"fi": "Ohjelmistot"})
    return region


def imported(source_id="1234560-4", source="companies"):
    return Organisation.objects.get(imported_from__source=source, imported_from__source_id=source_id)


def test_full_line_is_imported_with_warnings_for_what_was_dropped(codes):
    summary = companies_import(lines(FULL))
    assert (summary.imported, summary.rejected) == (1, [])
    org = imported()
    assert org.kind == "company" and org.name == {"fi": "Meluton Oy", "en": "Meluton Ltd"}
    assert org.description == {"fi": "Hiljaisia katuja."}  # sanitised: no markup, no script
    assert org.capabilities == {"fi": "Anturit\n\nData-analyysi"}
    assert org.offering == {"fi": "Melumittarit", "en": "Noise meters"}
    assert (org.website, org.is_sme, org.trl, org.is_listed) == ("https://meluton.example", True, 7, True)
    assert org.languages_served == ["fi", "en"]
    assert [c.code for c in org.industry_codes.all()] == ["26510"]
    assert [t.slug for t in org.themes.all()] == ["sdg-11"]
    assert [c.slug for c in org.cities_served.all()] == ["espoo"]
    assert sorted(org.identifiers.values_list("scheme", "identifier")) == [
        ("FI-PRO", "1234560-4"),
        ("SE-BLV", "5560000001"),
    ]
    ref = org.references.get()
    assert (ref.title, ref.client, ref.year, ref.is_pilot) == ({"fi": "Meluseuranta"}, "Espoon kaupunki", 2023, True)
    assert AuditEvent.objects.for_object(org).get().action == "created"
    warnings = " ".join(msg for _ref, msg in summary.warnings)
    assert "Unknown industry_codes skipped: 99999" in warnings
    assert "Unknown themes skipped: no-such-theme" in warnings
    assert "Unknown cities_served skipped: atlantis" in warnings
    assert "reference 2 has no title" in warnings
    assert "languages_served" in warnings


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("{not json", "Invalid JSON"),
        ("[1, 2]", "not a JSON object"),
        ({"business_id": "1234561-2"}, "no name"),
        ({"name": "Väärä Oy", "business_id": "1234561-3"}, "check digit of Business ID 1234561-3 is wrong"),
        ({"name": "Muoto Oy", "business_id": "12-34"}, "seven digits, a hyphen and a check digit"),
        ({"name": "Ei tunnusta Oy"}, "no source_id, business_id or other identifier"),
        ({"name": "Laji Oy", "business_id": "1234561-2", "kind": "city"}, "kind must be"),
        ({"name": {"de": "GmbH"}, "business_id": "1234561-2"}, "Unknown original language"),
        ({"name": "Kieli Oy", "business_id": "1234561-2", "description": {"xx": "?"}}, "Unknown language"),
    ],
)
def test_bad_lines_are_rejected_with_a_reason_and_the_rest_imported(codes, row, reason):
    summary = companies_import(
        lines({"name": "Hyvä Oy", "business_id": "1234562-0"}, row, {"name": "Toinen Oy", "business_id": "1234563-9"})
    )
    assert summary.imported == 2
    assert len(summary.rejected) == 1
    ref, message = summary.rejected[0]
    assert ref == "line 2" and reason in message


def test_business_id_of_another_organisation_is_rejected(codes):
    summary = companies_import(
        lines(
            {"name": "Helsinki-kopio", "business_id": "0201256-6"},  # the region's Helsinki has it
            {"name": "Eka Oy", "business_id": "1234564-7"},
            {"name": "Toka Oy", "source_id": "other", "business_id": "1234564-7"},
            {"name": "Kolmas Oy", "business_id": "1234564-7"},  # same source id as line 2
        )
    )
    assert summary.imported == 1
    reasons = dict(summary.rejected)
    assert "FI-PRO 0201256-6 already belongs to organisation helsinki" in reasons["line 1"]
    assert "FI-PRO 1234564-7 already belongs to organisation eka-oy" in reasons["line 3"]
    assert "Duplicate source id 1234564-7 (first on line 2)" in reasons["line 4"]
    assert OrganisationIdentifier.objects.filter(identifier="1234564-7").count() == 1


def test_rerun_is_idempotent_and_a_changed_line_updates(codes):
    first = companies_import(lines(FULL, {"name": "Toinen Oy", "business_id": "1234563-9"}))
    assert first.imported == 2
    org = imported()
    manual = Reference.objects.create(organisation=org, title={"fi": "Lisätty palvelussa"})
    events = AuditEvent.objects.count()
    again = companies_import(lines(FULL, {"name": "Toinen Oy", "business_id": "1234563-9"}))
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    assert AuditEvent.objects.count() == events and Organisation.objects.count() == 6

    changed = {
        **FULL,
        "trl": 8,
        "industry_codes": ["62010"],
        "identifiers": [],
        "references": [{"title": "Uusi referenssi", "year": 2024}],
    }
    third = companies_import(lines(changed, {"name": "Toinen Oy", "business_id": "1234563-9"}))
    assert (third.imported, third.updated, third.unchanged) == (0, 1, 1)
    org.refresh_from_db()
    assert org.trl == 8 and [c.code for c in org.industry_codes.all()] == ["62010"]
    assert list(org.identifiers.values_list("scheme", flat=True)) == ["FI-PRO"]
    assert sorted(str(r.title) for r in org.references.all()) == sorted(
        [str({"fi": "Uusi referenssi"}), str(manual.title)]
    )  # the reference added on the platform stays
    event = AuditEvent.objects.for_object(org).get(action="updated")
    assert event.changes["trl"] == {"old": 7, "new": 8} and event.data["source_id"] == "1234560-4"
    assert ImportedRecord.objects.filter(source="companies").count() == 2


def test_source_id_and_other_identifiers(codes):
    summary = companies_import(
        lines(
            {
                "name": "Swede AB",
                "original_language": "sv",
                "identifiers": [{"scheme": "SE-BLV", "identifier": "556"}],
                "kind": "research",
            },
            {"name": "Oma Oy", "source_id": 42, "business_id": "1234565-5"},
        ),
        source="crm",
    )
    assert summary.imported == 2
    assert imported("SE-BLV:556", source="crm").kind == "research"
    assert imported("42", source="crm").name == {"fi": "Oma Oy"}


def test_limit_and_resume(codes):
    rows = lines(
        *[
            {"name": f"Yritys {n}", "business_id": bid}
            for n, bid in enumerate(["1234560-4", "1234561-2", "1234562-0", "1234563-9", "1234564-7"])
        ]
    )
    first = companies_import(rows, limit=2, batch_size=2)
    assert first.imported == 2 and first.stopped_at_limit
    second = companies_import(rows, limit=2, batch_size=2)
    assert (second.imported, second.unchanged) == (2, 2)
    third = companies_import(rows, batch_size=2)
    assert (third.imported, third.unchanged) == (1, 4)


def test_command_output(codes, tmp_path):
    path = tmp_path / "companies.jsonl"
    path.write_text("\n".join(lines(FULL, "{oops", {"name": "Väärä Oy", "business_id": "1234561-3"})) + "\n\n")
    out, err = StringIO(), StringIO()
    call_command("import_companies", str(path), stdout=out, stderr=err)
    text = out.getvalue()
    assert "Imported 1, updated 0, unchanged 0, rejected 2" in text
    assert "line 2: Invalid JSON" in text and "line 3: FI-PRO 1234561-3" in text
    assert "Unknown industry_codes skipped: 99999" in text
    assert err.getvalue() == ""
    out = StringIO()
    call_command("import_companies", str(path), "--no-progress", stdout=out)
    assert "Imported 0, updated 0, unchanged 1, rejected 2" in out.getvalue()


def test_single_upsert_service(codes):
    lookups = CompanyLookups.load()
    row = company_parse(
        json.dumps(
            {
                "name": "Yksi Oy",
                "business_id": "1234566-3",
                "cities_served": ["vantaa"],
                "references": [{"title": "Pilotti"}],
            }
        ),
        lookups,
    )
    outcome, org = company_import_upsert(row=row, lookups=lookups)
    assert outcome == "imported" and [c.slug for c in org.cities_served.all()] == ["vantaa"]
    assert org.imported_from.details["references"] == [org.references.get().pk]
    assert company_import_upsert(row=row, lookups=lookups) == ("unchanged", org)
