"""The OCDS export: valid against the 1.1.5 schema and codelists, stable ocid, public data only."""

import json
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db.models import JSONField
from django.test import override_settings
from django.utils import timezone

from haastemoottori.procurement import ocds_parts, services
from haastemoottori.procurement.models import ProcurementPath

from .conftest import SECRET, move
from .ocds_schema import codelist_errors, require_schema, schema_errors

pytestmark = pytest.mark.django_db


def export(client, challenge, lang="fi"):
    response = client.get(f"/{lang}/challenges/{challenge.slug}/procurement/ocds.json")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


class FakeMilestones(list):
    def all(self):
        return self


def fake_pilot(w, *, done: bool):
    today = timezone.localdate()
    milestones = FakeMilestones(
        [
            SimpleNamespace(
                pk=1,
                title={"fi": "Asennus", "en": "Installation"},
                due_date=today,
                done_at=timezone.now() if done else None,
            ),
            SimpleNamespace(pk=2, title={"fi": "Loppuraportti"}, due_date=today + timedelta(days=90), done_at=None),
        ]
    )
    return SimpleNamespace(
        pk=7, proposal_id=w.proposal.pk, original_language="fi", created_at=timezone.now(), milestones=milestones
    )


def test_full_path_validates_against_schema_and_codelists(full_path, client, monkeypatch):
    require_schema()
    monkeypatch.setattr(ocds_parts, "pilots_of", lambda challenge: [fake_pilot(full_path, done=True)])
    package = export(client, full_path.challenge)
    assert [r["tag"] for r in package["releases"]] == [
        ["planning"],
        ["tender"],
        ["award"],
        ["contract"],
        ["implementation"],
    ]
    assert schema_errors(package) == []
    assert codelist_errors(package) == []


def test_the_schema_check_can_fail(full_path, client):
    """The validator really validates: a broken package is reported (guards against a no-op check)."""
    package = export(client, full_path.challenge)
    package["releases"][0]["tag"] = ["not-a-tag"]
    package["releases"][1]["tender"]["procurementMethod"] = "lottery"
    del package["publisher"]
    errors = schema_errors(package)
    assert any("publisher" in e for e in errors) and any("not-a-tag" in e for e in errors)
    assert any("lottery" in e for e in codelist_errors(package))


def test_release_contents(full_path, client, monkeypatch):
    w = full_path
    monkeypatch.setattr(ocds_parts, "pilots_of", lambda challenge: [fake_pilot(w, done=False)])
    package = export(client, w.challenge)
    releases = {r["tag"][0]: r for r in package["releases"]}
    assert package["version"] == "1.1" and package["publisher"]["name"]
    assert len({r["id"] for r in package["releases"]}) == 5
    assert {r["ocid"] for r in package["releases"]} == {w.path.ocid}
    planning = releases["planning"]["planning"]
    assert planning["budget"]["amount"] == {"amount": 50000, "currency": "EUR"}
    assert [m["type"] for m in planning["milestones"]] == ["engagement"]
    assert releases["planning"]["buyer"]["id"] == "FI-PRO-0101263-6"
    roles = {p["id"]: p["roles"] for p in releases["planning"]["parties"]}
    assert roles == {"FI-PRO-0101263-6": ["buyer", "procuringEntity"], "FI-PRO-0124610-9": ["buyer"]}
    tender = releases["tender"]["tender"]
    assert tender["procurementMethod"] == "open" and tender["numberOfTenderers"] == 1
    deadline_day = timezone.localtime(w.challenge.call_deadline).date().isoformat()
    assert tender["tenderPeriod"]["endDate"].startswith(deadline_day)
    assert {d["documentType"] for d in tender["documents"]} == {"plannedProcurementNotice", "tenderNotice"}
    award = releases["award"]["awards"][0]
    assert award["value"] == {"amount": 48500.5, "currency": "EUR"}
    supplier = next(p for p in releases["award"]["parties"] if p["roles"] == ["supplier"])
    assert supplier["identifier"] == {"scheme": "FI-PRO", "id": "1572860-0", "legalName": "Testiyritys Oy"}
    assert award["suppliers"] == [{"id": supplier["id"], "name": "Testiyritys Oy"}]
    contract = releases["contract"]["contracts"][0]
    assert contract["awardID"] == award["id"] and contract["status"] == "active"
    assert contract["period"]["endDate"] and contract["dateSigned"]
    implementation = releases["implementation"]["contracts"][0]["implementation"]
    assert [m["status"] for m in implementation["milestones"]] == ["scheduled", "scheduled"]


def test_no_implementation_release_without_pilots(full_path, client, monkeypatch):
    monkeypatch.setattr(ocds_parts, "pilots_of", lambda challenge: [])
    assert [r["tag"][0] for r in export(client, full_path.challenge)["releases"]] == [
        "planning",
        "tender",
        "award",
        "contract",
    ]


def test_real_pilots_when_the_pilots_app_has_them(full_path, client):
    """With the pilots app's models in place, its milestones become the implementation release."""
    model = ocds_parts.pilot_model()
    if model is None:
        pytest.skip("the pilots app has no Pilot model yet: the implementation is tested with stand-in pilots")
    w = full_path
    try:
        pilot = model.objects.create(
            challenge=w.challenge,
            proposal=w.proposal,
            title={"fi": "Pilotti"},
            original_language="fi",
            status="running",
            start_date=timezone.localdate(),
            end_date=timezone.localdate() + timedelta(days=30),
        )
        title_field = pilot.milestones.model._meta.get_field("title")
        pilot.milestones.create(
            title={"fi": "Asennus"} if isinstance(title_field, JSONField) else "Asennus", due_date=timezone.localdate()
        )
    except Exception as exc:
        pytest.skip(f"could not create a pilot with the agreed fields ({exc.__class__.__name__}: {exc})")
    package = export(client, w.challenge)
    assert package["releases"][-1]["tag"] == ["implementation"]
    assert schema_errors(package) == [] and codelist_errors(package) == []


def test_ocid_is_stable_across_exports_and_edits(full_path, client):
    w = full_path
    first = export(client, w.challenge)
    assert w.path.ocid == f"ocds-hmoot1-{w.challenge.pk}"
    with override_settings(HAASTEMOOTTORI_OCID_PREFIX="ocds-zzzzzz"):
        services.path_update(actor=w.owner, challenge=w.challenge, route="pcp", description={"fi": "Muutettu"})
        services.notice_add(
            actor=w.owner,
            challenge=w.challenge,
            kind="award_notice",
            notice_id="2024-003",
            url="https://example.test/n/3",
            published_on=timezone.localdate(),
        )
        second = export(client, w.challenge, lang="en")
    ocids = {r["ocid"] for r in first["releases"] + second["releases"]}
    assert ocids == {w.path.ocid}
    assert ProcurementPath.objects.get(pk=w.path.pk).ocid == w.path.ocid
    assert second["releases"][1]["tender"]["procurementMethod"] == "selective"
    assert second["releases"][0]["language"] == "en"


@override_settings(HAASTEMOOTTORI_OCID_PREFIX="ocds-abc123")
def test_a_new_path_takes_the_configured_prefix(path_world):
    path = services.path_update(actor=path_world.owner, challenge=path_world.challenge, route="")
    assert path.ocid == f"ocds-abc123-{path_world.challenge.pk}"


def test_confidential_answers_never_reach_the_export(full_path, client, monkeypatch):
    monkeypatch.setattr(ocds_parts, "pilots_of", lambda challenge: [fake_pilot(full_path, done=True)])
    slug = full_path.challenge.slug
    for url in (
        f"/fi/challenges/{slug}/procurement/ocds.json",
        f"/api/v1/challenges/{slug}/ocds",
        f"/fi/challenges/{slug}/procurement/",
        f"/fi/challenges/{slug}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET not in body, url
        assert full_path.proposal.title not in body, url  # the export names suppliers, not proposals


def test_open_call_has_planning_and_tender_without_a_count(path_world, make_challenge, region, client):
    from conftest import publishable

    challenge = publishable(make_challenge(title={"fi": "Toinen haaste"}), region)
    challenge = move(challenge, "open_call", region.people["espoo_owner"])
    services.path_update(actor=region.people["espoo_owner"], challenge=challenge, route="agile_pilot")
    package = export(client, challenge)
    assert [r["tag"][0] for r in package["releases"]] == ["planning", "tender"]
    tender = package["releases"][1]["tender"]
    assert tender["status"] == "active" and "numberOfTenderers" not in tender
    require_schema()
    assert schema_errors(package) == [] and codelist_errors(package) == []


def test_export_is_404_unless_public_with_a_path(region, make_challenge, client):
    draft = make_challenge()
    services.path_update(actor=region.people["espoo_owner"], challenge=draft, route="pcp")
    client.force_login(region.people["espoo_owner"])
    assert client.get(f"/fi/challenges/{draft.slug}/procurement/ocds.json").status_code == 404
    assert client.get(f"/api/v1/challenges/{draft.slug}/ocds").status_code == 404
    assert client.get("/fi/challenges/no-such/procurement/ocds.json").status_code == 404


def test_public_challenge_without_a_path_has_no_export(path_world, client):
    slug = path_world.challenge.slug
    assert client.get(f"/fi/challenges/{slug}/procurement/ocds.json").status_code == 404
    response = client.get(f"/api/v1/challenges/{slug}/ocds")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_api_gives_the_same_package(full_path, client):
    response = client.get(f"/api/v1/challenges/{full_path.challenge.slug}/ocds")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    package = response.json()
    assert package["releases"][0]["ocid"] == full_path.path.ocid
    require_schema()
    assert schema_errors(package) == []
