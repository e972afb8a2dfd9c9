"""Issuing, revoking and showing pilot references; verifying them on the page, through the API and after key
rotation; the printable page and the downloads; who may do what."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from haastemoottori.audit.models import AuditEvent
from haastemoottori.core.errors import ServiceError
from haastemoottori.credentials.verification import Outcome, verify_presented
from haastemoottori.notifications.models import Notification
from haastemoottori.references import services
from haastemoottori.references.models import PilotReference

from .factories import finish, issue_all

pytestmark = pytest.mark.django_db


def lead_reference(world, issued):
    return next(r for r in issued if r.organisation_id == world.lead.pk)


def test_issue_signs_one_reference_per_participating_organisation(world, issued):
    assert {r.organisation_id for r in issued} == {world.lead.pk, world.partner_org.pk}  # not the cities
    reference = lead_reference(world, issued)
    assert reference.issuer == world.region.espoo
    payload = reference.credential
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = payload["credentialSubject"]["achievement"]
    assert achievement["creator"]["name"] == "Espoon kaupunki"
    facts = payload["credentialSubject"]["pilotReference"]
    assert facts["platform"]["name"]["en"] == "Test Village"
    assert facts["startDate"] == "2026-01-01" and facts["endDate"] == "2026-06-30"
    assert facts["kpis"][0] | {"name": None} == {
        "name": None,
        "unit": "t CO2e/a",
        "method": "GHG Protocol, kulutusdata",
        "baseline": "100",
        "target": "60",
        "result": "80",
        "direction": "decrease",
        "co2e": True,
        "reached": False,
    }
    assert payload["credentialSubject"]["result"][0]["value"] == "80 t CO2e/a"
    assert facts["signerRole"] == "Älykaupunkiyksikön päällikkö"
    assert payload["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert verify_presented(reference.token).outcome == Outcome.VALID
    assert AuditEvent.objects.filter(action="reference_issued").count() == 2
    # The company's people are told (the lead company's members, the partner's admin).
    told = set(Notification.objects.filter(url__contains=str(reference.pk)).values_list("user__email", flat=True))
    assert "member@company.test" in told and "admin@company.test" in told


def test_only_the_lead_city_issues_and_only_for_a_finished_pilot(world, tracked):
    people = world.people
    with pytest.raises(ServiceError) as caught:
        issue_all(tracked, people["espoo_owner"])
    assert caught.value.code == "reference_pilot_not_finished"
    tracked = finish(tracked, people["espoo_owner"])
    for role in ("vantaa_owner", "espoo_member", "company_admin", "lead_member", "outsider", "helsinki_owner"):
        with pytest.raises(ServiceError) as caught:
            issue_all(tracked, people[role])
        assert caught.value.code == "permission_denied", role
    assert not PilotReference.objects.exists()
    issue_all(tracked, people["espoo_admin"])
    with pytest.raises(ServiceError) as caught:
        issue_all(tracked, people["espoo_owner"])  # once per organisation while valid
    assert caught.value.code == "reference_already_issued"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"statement": " "}, "reference_statement_missing"),
        ({"statement": "x" * 3001}, "reference_statement_too_long"),
        ({"signer_role": ""}, "reference_role_missing"),
        ({"organisations": []}, "reference_nobody_chosen"),
        ({"language": "de"}, "reference_unknown_language"),
    ],
)
def test_bad_issue_input_changes_nothing(world, finished, data, code):
    values = {
        "organisations": [world.lead],
        "statement": "Hyvä.",
        "signer_role": "Johtaja",
        "language": "fi",
    } | data
    with pytest.raises(ServiceError) as caught:
        services.reference_issue(actor=world.people["espoo_owner"], pilot=finished, **values)
    assert caught.value.code == code
    assert not PilotReference.objects.exists()


def test_a_non_participant_gets_no_reference(world, finished):
    with pytest.raises(ServiceError) as caught:
        services.reference_issue(
            actor=world.people["espoo_owner"],
            pilot=finished,
            organisations=[world.other],
            statement="Hyvä.",
            signer_role="Johtaja",
            language="fi",
        )
    assert caught.value.code == "reference_not_participant"


def test_a_revoked_reference_says_revoked_with_the_reason(client, world, issued):
    reference = lead_reference(world, issued)
    for role in ("company_admin", "vantaa_owner", "outsider"):
        with pytest.raises(ServiceError):
            services.reference_revoke(actor=world.people[role], reference=reference, reason="x")
    with pytest.raises(ServiceError) as caught:
        services.reference_revoke(actor=world.people["espoo_owner"], reference=reference, reason="  ")
    assert caught.value.code == "reference_reason_missing"
    services.reference_revoke(actor=world.people["espoo_owner"], reference=reference, reason="Tiedot virheellisiä.")
    assert verify_presented(reference.token).outcome == Outcome.REVOKED
    other = next(r for r in issued if r.pk != reference.pk)
    assert verify_presented(other.token).outcome == Outcome.VALID  # only that entry
    assert AuditEvent.objects.filter(action="reference_revoked", target_id=str(reference.pk)).exists()
    assert Notification.objects.filter(user__email="admin@company.test", url__contains=str(reference.pk)).count() == 2
    response = client.post("/en/verify/", {"reference": reference.token})
    text = response.content.decode()
    assert "Revoked: the signature is genuine" in text and "Tiedot virheellisiä." in text
    api = client.post(
        "/api/v1/references/verify", {"credential": reference.token}, content_type="application/json"
    ).json()
    assert api["outcome"] == "revoked" and api["revocation_reason"] == "Tiedot virheellisiä." and not api["valid"]
    # A new reference can be issued after revoking.
    again = services.reference_issue(
        actor=world.people["espoo_owner"],
        pilot=reference.pilot,
        organisations=[world.lead],
        statement="Korjattu.",
        signer_role="Johtaja",
        language="fi",
    )
    assert verify_presented(again[0].token).outcome == Outcome.VALID


def test_a_reference_verifies_after_key_rotation_and_fails_after_one_changed_byte(client, world, issued):
    reference = lead_reference(world, issued)
    call_command("rotate_signing_key", stdout=io.StringIO())
    download = client.force_login(world.people["company_admin"]) or client.get(
        f"/fi/references/{reference.pk}/reference.json"
    )
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('.json"')
    signed = download.content.decode()
    assert json.loads(signed)["type"] == "EnvelopedVerifiableCredential"
    client.logout()
    ok = client.post("/fi/verify/", {"reference": signed})
    assert ok.status_code == 200 and 'data-outcome="valid"' in ok.content.decode()
    assert "Yritys toimi erinomaisesti." in ok.content.decode()  # what was signed is shown
    # One changed byte of the signed token: tampered, in the page's language.
    position = signed.index(reference.token) + reference.token.index(".") + 20  # inside the signed payload
    changed = signed[:position] + ("B" if signed[position] != "B" else "C") + signed[position + 1 :]
    with translation.override("sv"):
        bad = client.post("/sv/verify/", {"reference": changed})
    assert 'data-outcome="tampered"' in bad.content.decode()
    assert "Inte giltig: innehållet har ändrats efter att det signerades" in bad.content.decode()  # in Swedish
    api = client.post("/api/v1/references/verify", {"credential": json.loads(changed)}, content_type="application/json")
    assert api.status_code == 200 and api.json()["outcome"] == "tampered" and api.json()["credential"] is None


def test_the_verify_page_names_each_bad_input_and_never_fails(client, world, issued):
    from django.core.files.uploadedfile import SimpleUploadedFile

    cases = [
        ({"reference": "ei JSONia"}, "not_json", 400),
        ({"reference": ""}, "empty", 400),
        ({"reference": '{"type": ["VerifiableCredential"]}'}, "not_signed", 400),
        ({"file": SimpleUploadedFile("huge.json", b"{" + b" " * 200_000 + b"}")}, "too_large", 400),
        ({"file": SimpleUploadedFile("ref.jwt", issued[0].token.encode())}, "valid", 200),
    ]
    for data, outcome, status in cases:
        response = client.post("/en/verify/", data)
        assert response.status_code == status, outcome
        assert f'data-outcome="{outcome}"' in response.content.decode(), outcome
    assert client.get("/fi/verify/").status_code == 200
    bad = client.post("/api/v1/references/verify", {"credential": 5}, content_type="application/json")
    assert bad.status_code == 422


def test_printable_page_in_each_language_with_a_qr_code_to_the_verify_page(client, world, issued):
    reference = lead_reference(world, issued)
    client.force_login(world.people["lead_member"])
    for code, word in (("fi", "Pilottireferenssi"), ("sv", "Pilotreferens"), ("en", "Pilot reference")):
        response = client.get(f"/{code}/references/{reference.pk}/print/")
        text = response.content.decode()
        assert response.status_code == 200 and f'lang="{code}"' in text
        assert "<svg" in text and f"/{code}/verify/{reference.pk}/" in text
        assert word in text, code
    landing = client.get(f"/fi/verify/{reference.pk}/")
    assert 'data-outcome="valid"' in landing.content.decode()


def test_the_company_chooses_whether_the_profile_shows_it(client, world, issued):
    reference = lead_reference(world, issued)
    Challenge = type(reference.pilot.challenge)
    Challenge.objects.filter(pk=reference.pilot.challenge_id).update(published_at="2026-01-01T00:00:00Z")
    profile = f"/fi/organisations/{world.lead.slug}/"
    assert str(reference.pk) not in client.get(profile).content.decode()
    assert client.get(f"/fi/references/{reference.pk}/").status_code == 404
    client.force_login(world.people["lead_member"])  # a member, not an admin: cannot choose
    assert client.post(f"/fi/references/{reference.pk}/visibility/", {"is_public": "1"}).status_code == 403
    client.force_login(world.people["espoo_owner"])  # the issuer cannot choose for the company either
    assert client.post(f"/fi/references/{reference.pk}/visibility/", {"is_public": "1"}).status_code == 403
    client.force_login(world.people["company_admin"])
    assert str(reference.pk) in client.get(profile).content.decode()  # its members see it, marked not shown
    client.post(f"/fi/references/{reference.pk}/visibility/", {"is_public": "1"})
    reference.refresh_from_db()
    assert reference.is_public
    assert AuditEvent.objects.filter(action="reference_visibility", target_id=str(reference.pk)).exists()
    client.logout()
    assert str(reference.pk) in client.get(profile).content.decode()
    assert client.get(f"/fi/references/{reference.pk}/").status_code == 200
    services.reference_revoke(actor=world.people["espoo_owner"], reference=reference, reason="Virhe.")
    assert client.get(f"/fi/references/{reference.pk}/").status_code == 404  # revoked: no longer shown


def test_issue_and_revoke_pages(client, world, finished):
    url = f"/fi/references/pilot/{finished.pk}/issue/"
    client.force_login(world.people["vantaa_owner"])  # a co-owner city does not issue
    assert client.get(url).status_code == 403
    client.force_login(world.people["espoo_owner"])
    page = client.get(url)
    assert page.status_code == 200 and "Testiyritys Oy" in page.content.decode()
    bad = client.post(url, {"organisations": [world.lead.pk], "statement": "", "signer_role": "Johtaja"})
    assert bad.status_code == 400 and not PilotReference.objects.exists()
    done = client.post(url, {"organisations": [world.lead.pk], "statement": "Hyvä työ.", "signer_role": "Johtaja"})
    assert done.status_code == 302
    reference = PilotReference.objects.get()
    assert reference.language == "fi"
    revoke = f"/fi/references/{reference.pk}/revoke/"
    assert client.post(revoke, {"reason": ""}).status_code == 400
    assert client.post(revoke, {"reason": "Virhe."}).status_code == 302
    reference.refresh_from_db()
    assert reference.is_revoked


def test_the_jwks_has_no_private_parts(client, world, issued):
    keys = client.get("/.well-known/jwks.json").json()["keys"]
    assert keys and all(set(k) == {"kty", "crv", "x", "kid", "alg", "use"} for k in keys)
