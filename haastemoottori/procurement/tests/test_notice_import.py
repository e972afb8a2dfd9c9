"""Reading eForms notices into a challenge's path: idempotence, change notices in the history, awards and
contracts filled from an award notice, nothing half-imported, the command and the upload page."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from haastemoottori.audit.models import AuditEvent
from haastemoottori.challenges import services as challenge_services
from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError
from haastemoottori.procurement import services
from haastemoottori.procurement.models import Award, Contract, ProcurementNotice, ProcurementPath

from .eforms_helpers import SDK, fixture, sdk_notice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(region, make_challenge):
    challenge = make_challenge()
    challenge_services.challenge_add_owner(
        actor=region.people["espoo_owner"], challenge=challenge, organisation=region.vantaa, role="co_owner"
    )
    region.company.identifiers.create(scheme="FI-PRO", identifier="1572860-0")

    class World:
        pass

    w = World()
    w.region, w.challenge, w.owner = region, challenge, region.people["espoo_owner"]
    return w


def counts():
    return (
        ProcurementPath.objects.count(),
        ProcurementNotice.objects.count(),
        Award.objects.count(),
        Contract.objects.count(),
        AuditEvent.objects.filter(target_type__startswith="procurement.").count(),
    )


def test_contract_notice_is_read_into_the_path(world):
    result = services.notice_import(actor=world.owner, challenge=world.challenge, data=fixture("cn_espoo.xml"))
    n = ProcurementNotice.objects.get()
    assert result.status == "created" and n.path.challenge == world.challenge
    assert (n.kind, n.version, n.subtype, n.source) == ("contract_notice", "01", "16", "eforms_file")
    assert n.title["sv"] == "Innovationspartnerskap för klimatneutral uppvärmning"
    assert n.buyer == world.region.espoo and n.buyer_national_id == "0101263-6"
    assert n.cpv_codes == ["71314100", "73000000"] and n.innovative and n.innovation == ["rd-act"]
    assert n.estimated_value == Decimal("480000.00") and len(n.lots) == 2
    assert n.url == ""
    assert AuditEvent.objects.filter(target_type="procurement.procurementnotice", action="created").count() == 1


def test_same_version_again_changes_nothing(world):
    services.notice_import(actor=world.owner, challenge=world.challenge, data=fixture("cn_espoo.xml"))
    before = counts()
    result = services.notice_import(actor=world.owner, challenge=world.challenge, data=fixture("cn_espoo.xml"))
    assert result.status == "unchanged" and counts() == before


def test_change_notice_updates_and_shows_in_the_history(world):
    services.notice_import(actor=world.owner, challenge=world.challenge, data=fixture("cn_espoo.xml"))
    changed = (
        fixture("cn_espoo.xml")
        .replace(b"<cbc:VersionID>01</cbc:VersionID>", b"<cbc:VersionID>02</cbc:VersionID>")
        .replace(b"<cbc:EndDate>2027-03-01+02:00", b"<cbc:EndDate>2027-03-08+02:00")
    )
    result = services.notice_import(actor=world.owner, challenge=world.challenge, data=changed)
    n = ProcurementNotice.objects.get()
    assert result.status == "updated" and n.version == "02"
    assert n.tender_deadline.date().isoformat() == "2027-03-08"
    event = AuditEvent.objects.filter(target_type="procurement.procurementnotice", action="updated").get()
    assert set(event.changes) >= {"version", "tender_deadline", "lots"}
    assert event.changes["version"] == {"old": "01", "new": "02"}
    older = fixture("cn_espoo.xml")
    with pytest.raises(ServiceValidationError) as caught:
        services.notice_import(actor=world.owner, challenge=world.challenge, data=older)
    assert "older" in caught.value.message


def test_award_notice_fills_awards_and_contracts(world):
    services.notice_import(actor=world.owner, challenge=world.challenge, data=fixture("cn_espoo.xml"))
    result = services.notice_import(actor=world.owner, challenge=world.challenge, data=fixture("can_espoo.xml"))
    matched, unmatched = Award.objects.order_by("notice_tender")
    assert matched.supplier == world.region.company and matched.value == Decimal("285000.50")
    assert matched.date.isoformat() == "2026-11-15" and matched.notice.notice_id == result.parsed.notice_id
    assert unmatched.supplier is None and unmatched.supplier_name == "Mittausosuuskunta Lämpö"
    contract = Contract.objects.get()
    assert contract.award == matched and contract.signed_on.isoformat() == "2026-11-20"
    assert contract.value == Decimal("285000.50") and contract.notice_contract == "CON-0001"
    assert any("Mittausosuuskunta" in note for note in result.notes)
    # A newer version with a corrected value corrects the award and its contract, audited.
    v2 = (
        fixture("can_espoo.xml")
        .replace(b"<cbc:VersionID>01</cbc:VersionID>", b"<cbc:VersionID>02</cbc:VersionID>")
        .replace(b">285000.50<", b">290000<")
    )
    services.notice_import(actor=world.owner, challenge=world.challenge, data=v2)
    matched.refresh_from_db()
    assert matched.value == Decimal("290000.00") and Contract.objects.get().value == Decimal("290000.00")
    assert AuditEvent.objects.filter(target_type="procurement.award", action="updated").count() == 1


def test_unknown_buyer_is_kept_as_text_with_a_note(world):
    data = fixture("cn_espoo.xml").replace(b"0101263-6", b"7654321-0")
    result = services.notice_import(actor=world.owner, challenge=world.challenge, data=data)
    assert result.notice.buyer is None and result.notice.buyer_name == "Espoon kaupunki"
    assert any("is not on the platform" in note for note in result.notes)


@pytest.mark.parametrize(
    "data",
    [
        b"not xml at all",
        b'<ContractNotice xmlns="urn:example:x"/>',
        b'<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        b"<a>" * 50_000 + b"</a>" * 50_000,
    ],
)
def test_bad_input_changes_nothing(world, data):
    before = counts()
    with pytest.raises(ServiceValidationError):
        services.notice_import(actor=world.owner, challenge=world.challenge, data=data)
    assert counts() == before


def test_nothing_is_half_imported_when_a_later_step_fails(world, monkeypatch):
    from haastemoottori.procurement.services import notices

    def broken(**kwargs):
        raise ServiceValidationError(notices.ErrorCode.NOTICE_REJECTED, "boom")

    monkeypatch.setattr(notices, "_awards_from_notice", broken)
    before = counts()
    with pytest.raises(ServiceValidationError):
        services.notice_import(actor=world.owner, challenge=world.challenge, data=fixture("can_espoo.xml"))
    assert counts() == before


def test_only_owners_editors_may_import(world):
    with pytest.raises(ServicePermissionDenied):
        services.notice_import(
            actor=world.region.people["company_admin"], challenge=world.challenge, data=fixture("cn_espoo.xml")
        )
    assert ProcurementNotice.objects.count() == 0


def test_sdk_award_notice_is_read_with_unmatched_winners(world):
    result = services.notice_import(actor=None, challenge=world.challenge, data=sdk_notice("can_24_minimal.xml"))
    award = Award.objects.get()
    assert award.supplier is None and award.supplier_name == "Espaces Verts Lemire"
    assert award.value == Decimal("95414.00") and Contract.objects.get().signed_on.isoformat() == "2019-09-03"
    assert result.notice.buyer is None


# --- the command ----------------------------------------------------------------------------------------------


def test_command_dry_run_reads_a_folder_and_writes_nothing(tmp_path):
    (tmp_path / "a.xml").write_bytes(fixture("cn_espoo.xml"))
    (tmp_path / "b.xml").write_bytes(b"<<<")
    (tmp_path / "skip.txt").write_text("not a notice")
    out, err = StringIO(), StringIO()
    call_command("import_notices", str(tmp_path), "--dry-run", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("a.xml: read 3f1c2a9e-5b7d-4e21-9c1a-0e6f4b2d8a11 ")
    assert lines[1].startswith("b.xml: rejected ") and len(lines) == 2
    assert "1 rejected" in err.getvalue() and ProcurementNotice.objects.count() == 0


def test_command_imports_into_a_challenge_idempotently(world, tmp_path):
    path = tmp_path / "cn.xml"
    path.write_bytes(fixture("cn_espoo.xml"))
    out = StringIO()
    call_command("import_notices", str(path), "--challenge", world.challenge.slug, stdout=out)
    call_command("import_notices", str(path), "--challenge", world.challenge.slug, stdout=out)
    assert "(created)" in out.getvalue() and "(unchanged)" in out.getvalue()
    assert ProcurementNotice.objects.count() == 1


def test_command_over_the_sdk_examples():
    out = StringIO()
    call_command(
        "import_notices",
        str(sdk_notice("cn_24_minimal.xml") and SDK / "notices"),
        "--dry-run",
        stdout=out,
        stderr=StringIO(),
    )
    lines = dict(line.split(": ", 1) for line in out.getvalue().splitlines())
    assert len(lines) == 9
    assert lines["INVALID_cn_24_empty.xml"].startswith("rejected cbc:ID (BT-701")
    assert all(v.startswith("read ") for k, v in lines.items() if not k.startswith("INVALID"))


# --- the upload page ------------------------------------------------------------------------------------------


def _upload(client, world, data: bytes, name="notice.xml"):
    return client.post(
        reverse("procurement:notice-import", args=[world.challenge.slug]),
        {"upload-file": SimpleUploadedFile(name, data, content_type="application/xml")},
    )


def test_owner_uploads_a_notice(world, client):
    client.force_login(world.region.people["vantaa_owner"])
    response = _upload(client, world, fixture("cn_espoo.xml"))
    assert response.status_code == 302 and ProcurementNotice.objects.count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG not a notice", "not well-formed XML"),
        (fixture("cn_espoo.xml").replace(b'subtype">16<', b'subtype">E6<'), "E6"),
        (b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
    ],
)
def test_bad_upload_is_a_clear_400_and_changes_nothing(world, client, data, message):
    client.force_login(world.owner)
    before = counts()
    response = _upload(client, world, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert counts() == before


def test_others_cannot_upload(world, client):
    client.force_login(world.region.people["company_admin"])
    assert _upload(client, world, fixture("cn_espoo.xml")).status_code in (403, 404)
    assert ProcurementNotice.objects.count() == 0


def test_a_concurrent_first_import_is_a_clear_conflict(world, monkeypatch):
    from django.db import IntegrityError

    from haastemoottori.core.errors import ServiceConflict
    from haastemoottori.procurement.services import notices

    def racing(**kwargs):
        raise IntegrityError("notice_unique_per_path")

    monkeypatch.setattr(notices.ProcurementNotice.objects, "create", racing)
    before = counts()
    with pytest.raises(ServiceConflict) as caught:
        services.notice_import(actor=world.owner, challenge=world.challenge, data=fixture("cn_espoo.xml"))
    assert "try again" in caught.value.message and counts() == before
