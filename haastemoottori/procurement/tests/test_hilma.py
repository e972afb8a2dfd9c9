"""The Hilma client against a local HTTP server on a real socket: notices, errors, timeouts, the key header."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import translation

from haastemoottori.procurement import hilma
from haastemoottori.procurement.models import ProcurementNotice

from .eforms_helpers import fixture

KEY = "test-subscription-key"


class Handler(BaseHTTPRequestHandler):
    seen: list[dict] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Handler.seen.append({"path": self.path, "key": self.headers.get("Ocp-Apim-Subscription-Key")})
        if self.headers.get("Ocp-Apim-Subscription-Key") != KEY:
            return self._send(401, b"")
        name = self.path.rsplit("/", 1)[-1]
        if name == "slow":
            time.sleep(1.5)
            return self._send(200, fixture("cn_espoo.xml"))
        if name == "broken":
            return self._send(503, b"maintenance")
        if name == "huge":
            return self._send(200, b"<a>" + b"x" * (6 * 1024 * 1024) + b"</a>")
        if name == "3f1c2a9e-5b7d-4e21-9c1a-0e6f4b2d8a11":
            return self._send(200, fixture("cn_espoo.xml"))
        return self._send(404, b"")

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture
def server(settings):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    settings.HAASTEMOOTTORI_HILMA_URL = f"http://127.0.0.1:{httpd.server_address[1]}/api"
    settings.HAASTEMOOTTORI_HILMA_KEY = KEY
    settings.HAASTEMOOTTORI_HILMA_TIMEOUT = 0.5
    settings.HAASTEMOOTTORI_HILMA_NOTICE_PATH = "/eforms/notices/{id}"
    Handler.seen = []
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_off_by_default(settings):
    settings.HAASTEMOOTTORI_HILMA_URL = ""
    assert not hilma.is_configured()
    with pytest.raises(hilma.HilmaOff):
        hilma.fetch_notice("123")


def test_fetches_a_notice_with_the_key(server):
    assert hilma.fetch_notice("3f1c2a9e-5b7d-4e21-9c1a-0e6f4b2d8a11") == fixture("cn_espoo.xml")
    assert Handler.seen == [{"path": "/api/eforms/notices/3f1c2a9e-5b7d-4e21-9c1a-0e6f4b2d8a11", "key": KEY}]


def test_the_notice_id_is_quoted_into_the_path(server):
    with pytest.raises(hilma.HilmaNotFound):
        hilma.fetch_notice("../../admin?x=1")
    assert Handler.seen[0]["path"] == "/api/eforms/notices/..%2F..%2Fadmin%3Fx%3D1"


@pytest.mark.parametrize(
    "notice_id, error, words",
    [
        ("missing", hilma.HilmaNotFound, "no notice"),
        ("broken", hilma.HilmaUnavailable, "503"),
        ("slow", hilma.HilmaUnavailable, "in time"),
        ("huge", hilma.HilmaUnavailable, "too large"),
    ],
)
def test_errors_and_timeouts(server, notice_id, error, words):
    with pytest.raises(error) as caught:
        hilma.fetch_notice(notice_id)
    assert words in str(caught.value)


def test_wrong_key_is_refused(server, settings):
    settings.HAASTEMOOTTORI_HILMA_KEY = "wrong"
    with pytest.raises(hilma.HilmaUnavailable, match="subscription key"):
        hilma.fetch_notice("3f1c2a9e-5b7d-4e21-9c1a-0e6f4b2d8a11")


def test_nobody_listening(settings):
    settings.HAASTEMOOTTORI_HILMA_URL = "http://127.0.0.1:9"
    settings.HAASTEMOOTTORI_HILMA_TIMEOUT = 0.5
    with pytest.raises(hilma.HilmaUnavailable, match="cannot be reached"):
        hilma.fetch_notice("1")


@pytest.mark.django_db
def test_owner_fetches_from_hilma_on_the_page(server, region, make_challenge, client):
    challenge = make_challenge()
    client.force_login(region.people["espoo_owner"])
    url = reverse("procurement:notice-hilma", args=[challenge.slug])
    response = client.post(url, {"hilma-notice_id": "missing"})
    assert response.status_code == 400 and "no notice" in response.content.decode()
    response = client.post(url, {"hilma-notice_id": "3f1c2a9e-5b7d-4e21-9c1a-0e6f4b2d8a11"})
    assert response.status_code == 302
    assert ProcurementNotice.objects.get().source == "hilma"


@pytest.mark.django_db
def test_the_page_says_when_hilma_is_off(settings, region, make_challenge, client):
    settings.HAASTEMOOTTORI_HILMA_URL = ""
    challenge = make_challenge()
    client.force_login(region.people["espoo_owner"])
    page = client.get(reverse("procurement:edit", args=[challenge.slug])).content.decode()
    assert "not configured" in page and 'name="hilma-notice_id"' not in page
    response = client.post(reverse("procurement:notice-hilma", args=[challenge.slug]), {"hilma-notice_id": "1"})
    assert response.status_code == 400 and "not configured" in response.content.decode()
