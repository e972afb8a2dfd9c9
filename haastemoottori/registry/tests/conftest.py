"""A stand-in of the register's API on a real socket (http.server in a thread), answering as documented."""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from .fixtures import CEASED, LIQUIDATION, NOKIA

COMPANIES = {c["businessId"]["value"]: c for c in (NOKIA, CEASED, LIQUIDATION)}


class Handler(BaseHTTPRequestHandler):
    mode = "normal"  # normal | 429 | 500 | slow | garbage
    requests: list[str] = []

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        Handler.requests.append(self.path)
        url = urlsplit(self.path)
        if Handler.mode == "slow":
            time.sleep(1.5)
        if Handler.mode in ("429", "500"):
            self.send_response(int(Handler.mode))
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"message": "error"}')
            return
        if Handler.mode == "garbage":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>maintenance</html>")
            return
        if url.path.endswith("/companies"):
            business_id = parse_qs(url.query).get("businessId", [""])[0]
            found = [COMPANIES[business_id]] if business_id in COMPANIES else []
            body = json.dumps({"totalResults": len(found), "companies": found}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)
            return
        self.send_response(404)
        self.end_headers()


@pytest.fixture
def register_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.mode, Handler.requests = "normal", []
    yield Handler, f"http://127.0.0.1:{server.server_address[1]}/opendata-ytj-api/v3"
    server.shutdown()
    server.server_close()


@pytest.fixture
def register_on(settings, register_server):
    handler, url = register_server
    settings.HAASTEMOOTTORI_TRADE_REGISTER_API = True
    settings.HAASTEMOOTTORI_TRADE_REGISTER_URL = url
    settings.HAASTEMOOTTORI_TRADE_REGISTER_TIMEOUT = 0.5
    return handler
