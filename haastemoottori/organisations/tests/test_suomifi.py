"""Suomi.fi e-Authorizations (Valtuudet) as a route to a verified organisation, against a local server on a
real socket that speaks the Web API protocol and checks the HMAC signature of every signed request."""

import base64
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from haastemoottori.audit.models import AuditEvent
from haastemoottori.organisations.models import OrganisationIdentifier
from haastemoottori.organisations.suomifi import HEADER, SuomifiClient, SuomifiError

from .conftest import COMPANY_BUSINESS_ID

CLIENT_ID, API_KEY, OAUTH_SECRET, PERSON = "haaste-client", "api-key-123", "oauth-secret-456", "010170-999R"


class Valtuudet:
    """What the fake service is told to answer and what it saw."""

    def __init__(self):
        self.companies = [{"name": "Yritys Oy", "identifier": COMPANY_BUSINESS_ID, "roles": ["NIMKO"]}]
        self.fail = 0  # an HTTP status for every call
        self.delay = 0.0
        self.seen: list[str] = []
        self.bad_signatures = 0


def _signature_ok(path: str, header: str) -> bool:
    try:
        client_id, timestamp, checksum = header.split(" ")
    except ValueError:
        return False
    expected = base64.b64encode(hmac.new(API_KEY.encode(), f"{path} {timestamp}".encode(), hashlib.sha256).digest())
    return client_id == CLIENT_ID and hmac.compare_digest(expected.decode(), checksum)


@pytest.fixture
def valtuudet(settings):
    state = Valtuudet()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _handle(self):
            state.seen.append(f"{self.command} {self.path.split('?')[0]}")
            if state.delay:
                time.sleep(state.delay)
            if state.fail:
                return self._answer(state.fail, {"error": "down"})
            path = urllib.parse.urlsplit(self.path).path
            if path.startswith("/service/") and not _signature_ok(self.path, self.headers.get(HEADER, "")):
                state.bad_signatures += 1
                return self._answer(401, {"error": "checksum"})
            if path == f"/service/ypa/user/register/{CLIENT_ID}/{PERSON}" and self.command == "GET":
                return self._answer(200, {"sessionId": "sess-1", "userId": "user-1"})
            if path == "/oauth/token" and self.command == "POST":
                basic = base64.b64encode(f"{CLIENT_ID}:{OAUTH_SECRET}".encode()).decode()
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
                if self.headers.get("Authorization") != f"Basic {basic}" or query.get("code") != ["code-1"]:
                    return self._answer(401, {"error": "invalid_client"})
                return self._answer(200, {"access_token": "token-1", "expires_in": 600})
            if path == "/service/ypa/api/organizationRoles/sess-1" and self.command == "GET":
                if self.headers.get("Authorization") != "Bearer token-1":
                    return self._answer(401, {"error": "token"})
                return self._answer(200, state.companies)
            return self._answer(404, {"error": "not found"})

        do_GET = do_POST = _handle

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.HAASTEMOOTTORI_SUOMIFI_MANDATES = True
    settings.HAASTEMOOTTORI_SUOMIFI_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.HAASTEMOOTTORI_SUOMIFI_CLIENT_ID = CLIENT_ID
    settings.HAASTEMOOTTORI_SUOMIFI_API_KEY = API_KEY
    settings.HAASTEMOOTTORI_SUOMIFI_OAUTH_SECRET = OAUTH_SECRET
    settings.HAASTEMOOTTORI_SUOMIFI_TIMEOUT = 1.0
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def company(region):
    company = region.company
    company.verification_status = "unverified"
    company.verification_method = ""
    company.save(update_fields=["verification_status", "verification_method"])
    OrganisationIdentifier.objects.get_or_create(organisation=company, scheme="FI-PRO", identifier=COMPANY_BUSINESS_ID)
    return company


@pytest.fixture
def admin_client(client, region, company):
    client.force_login(region.people["company_admin"])
    session = client.session
    session["suomifi_person_id"] = PERSON
    session.save()
    return client


def _round_trip(client, company):
    started = client.post(f"/en/organisations/{company.slug}/suomifi/")
    return started, client.get("/en/organisations/verification/suomifi/callback/?code=code-1", follow=True)


def test_a_mandate_for_the_organisation_verifies_it(valtuudet, admin_client, company):
    page = admin_client.get(f"/en/organisations/{company.slug}/").content.decode()
    assert "Verify with Suomi.fi e-Authorizations" in page
    started, back = _round_trip(admin_client, company)
    assert started.status_code == 302
    authorize = urllib.parse.urlsplit(started["Location"])
    query = urllib.parse.parse_qs(authorize.query)
    assert authorize.path == "/oauth/authorize" and query["user"] == ["user-1"] and query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"][0].endswith("/organisations/verification/suomifi/callback/")
    company.refresh_from_db()
    assert company.is_verified and company.verification_method == "suomifi"
    assert "is verified with Suomi.fi e-Authorizations" in back.content.decode()
    assert valtuudet.bad_signatures == 0
    assert AuditEvent.objects.for_object(company).filter(action__endswith="organisation_verified").exists()


def test_a_mandate_for_another_company_only_is_refused(valtuudet, admin_client, company):
    valtuudet.companies = [{"name": "Muu Oy", "identifier": "0201256-6", "roles": ["NIMKO"]}]
    _, back = _round_trip(admin_client, company)
    company.refresh_from_db()
    assert not company.is_verified
    assert "you may not act for" in back.content.decode()


@pytest.mark.parametrize("fault", ["500", "timeout"])
def test_the_service_down_or_slow_changes_nothing(valtuudet, admin_client, company, fault):
    if fault == "500":
        valtuudet.fail = 500
    else:
        valtuudet.delay = 1.5
    started = admin_client.post(f"/en/organisations/{company.slug}/suomifi/", follow=True)
    assert started.status_code == 200
    assert "could not be reached. Nothing was changed" in started.content.decode()
    company.refresh_from_db()
    assert not company.is_verified


def test_the_service_failing_after_the_redirect_changes_nothing(valtuudet, admin_client, company):
    admin_client.post(f"/en/organisations/{company.slug}/suomifi/")
    valtuudet.fail = 503
    back = admin_client.get("/en/organisations/verification/suomifi/callback/?code=code-1", follow=True)
    assert back.status_code == 200 and "could not be reached" in back.content.decode()
    company.refresh_from_db()
    assert not company.is_verified


def test_a_wrong_api_key_is_refused_by_the_service(valtuudet, settings):
    with pytest.raises(SuomifiError):
        SuomifiClient(api_key="wrong").register(PERSON)
    assert valtuudet.bad_signatures == 1
    assert SuomifiClient().register(PERSON) == ("sess-1", "user-1")


def test_off_hides_the_button_and_the_routes_are_404(valtuudet, settings, admin_client, company):
    settings.HAASTEMOOTTORI_SUOMIFI_MANDATES = False
    page = admin_client.get(f"/en/organisations/{company.slug}/").content.decode()
    assert "Verify with Suomi.fi e-Authorizations" not in page
    assert admin_client.post(f"/en/organisations/{company.slug}/suomifi/").status_code == 404
    assert admin_client.get("/en/organisations/verification/suomifi/callback/?code=code-1").status_code == 404
    assert valtuudet.seen == []


def test_only_an_admin_may_start(valtuudet, client, region, company):
    client.force_login(region.people["outsider"])
    assert client.post(f"/en/organisations/{company.slug}/suomifi/").status_code == 404
    assert valtuudet.seen == []


def test_without_strong_identification_the_person_is_told(valtuudet, client, region, company):
    client.force_login(region.people["company_admin"])
    page = client.post(f"/en/organisations/{company.slug}/suomifi/", follow=True).content.decode()
    assert "strong identification" in page and valtuudet.seen == []


def test_the_refusal_is_in_the_persons_language(valtuudet, admin_client, company):
    valtuudet.companies = []
    admin_client.post(f"/fi/organisations/{company.slug}/suomifi/")
    back = admin_client.get("/fi/organisations/verification/suomifi/callback/?code=code-1", follow=True)
    assert "et voi asioida organisaation" in back.content.decode()
    company.refresh_from_db()
    assert not company.is_verified
