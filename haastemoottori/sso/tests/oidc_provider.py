"""A small but real OpenID Connect provider for the tests, on a real socket in its own thread.

It serves a discovery document, a JWKS, an authorization endpoint (an HTML sign-in form: pick a person) and a
token endpoint that checks the client secret and the PKCE verifier and returns an ID token signed with RS256.
``fault`` makes it misbehave the way a broken or hostile provider would: a token for another audience, an
expired one, one signed with a key that is not in the JWKS, a wrong nonce or issuer; ``down`` answers 503.
"""

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

FAULTS = {
    None,
    "wrong_aud",
    "expired",
    "forged",
    "wrong_nonce",
    "wrong_issuer",
    "no_id_token",
    "slow",
    "garbage_discovery",
    "garbage_jwks",
}


class OidcTestProvider:
    def __init__(self, *, client_id: str, client_secret: str, users: dict[str, dict[str, Any]]) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.users = users
        self.key = RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(4), "use": "sig", "alg": "RS256"})
        self.fault: str | None = None
        self.down = False
        self.codes: dict[str, dict[str, Any]] = {}
        self.token_requests: list[dict[str, Any]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/realms/city"

    def __enter__(self) -> "OidcTestProvider":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/protocol/openid-connect/auth",
            "token_endpoint": f"{self.issuer}/protocol/openid-connect/token",
            "jwks_uri": f"{self.issuer}/protocol/openid-connect/certs",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        }

    def id_token(self, grant: dict[str, Any]) -> str:
        now = int(time.time())
        claims = {
            **self.users[grant["username"]],
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
        }
        key = self.key
        if self.fault == "wrong_aud":
            claims["aud"] = "another-client"
        elif self.fault == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        elif self.fault == "wrong_nonce":
            claims["nonce"] = "not-the-nonce"
        elif self.fault == "wrong_issuer":
            claims["iss"] = "https://login.example.test/other"
        elif self.fault == "forged":  # the same kid, another key: the signature cannot verify
            key = RSAKey.generate_key(2048, parameters={"kid": self.key.kid, "alg": "RS256"})
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)


def _handler(provider: OidcTestProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _json(self, status: int, data: dict[str, Any]) -> None:
            self._send(status, json.dumps(data).encode(), "application/json")

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length", "0"))
            return {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}

        def _path(self) -> str:
            path = urlparse(self.path).path
            prefix = urlparse(provider.issuer).path
            return path[len(prefix) :] if path.startswith(prefix) else path

        def do_GET(self) -> None:
            if provider.down:
                return self._send(503, b"down for maintenance", "text/plain")
            if provider.fault == "slow":
                time.sleep(2)
            path, query = self._path(), {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
            if path == "/.well-known/openid-configuration":
                if provider.fault == "garbage_discovery":
                    return self._send(200, b'["not", "a", "discovery", "document"]', "application/json")
                return self._json(200, provider.metadata())
            if path == "/protocol/openid-connect/certs":
                if provider.fault == "garbage_jwks":
                    return self._json(200, {"keys": "nope"})
                return self._json(200, KeySet([provider.key]).as_dict(private=False))
            if path == "/protocol/openid-connect/auth":
                return self._authorize_form(query)
            return self._send(404, b"not found", "text/plain")

        def _authorize_form(self, query: dict[str, str], error: str = "") -> None:
            if query.get("client_id") != provider.client_id or query.get("code_challenge_method") != "S256":
                return self._send(400, b"unknown client or no PKCE", "text/plain")
            hidden = "".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in query.items()
            )
            page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>City sign-in</title></head>
<body><main><h1>City sign-in</h1>{f'<p role="alert">{html.escape(error)}</p>' if error else ""}
<form method="post"><label for="username">User name</label> <input id="username" name="username">
<label for="password">Password</label> <input id="password" name="password" type="password">
{hidden}<button type="submit">Sign in</button></form></main></body></html>"""
            return self._send(200, page.encode(), "text/html; charset=utf-8")

        def do_POST(self) -> None:
            path, form = self._path(), self._form()
            if path == "/protocol/openid-connect/auth":
                username = form.pop("username", "")
                form.pop("password", None)
                if username not in provider.users:
                    return self._authorize_form(form, error="Unknown user")
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {
                    "username": username,
                    "client_id": form["client_id"],
                    "redirect_uri": form["redirect_uri"],
                    "nonce": form.get("nonce", ""),
                    "code_challenge": form.get("code_challenge", ""),
                }
                location = form["redirect_uri"] + "?" + urlencode({"code": code, "state": form.get("state", "")})
                return self._send(302, b"", "text/plain", {"Location": location})
            if path == "/protocol/openid-connect/token":
                return self._token(form)
            return self._send(404, b"not found", "text/plain")

        def _token(self, form: dict[str, str]) -> None:
            provider.token_requests.append(form)
            client_id, secret = form.get("client_id"), form.get("client_secret")
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
            if client_id != provider.client_id or secret != provider.client_secret:
                return self._json(401, {"error": "invalid_client"})
            grant = provider.codes.pop(form.get("code", ""), None)
            if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                return self._json(400, {"error": "invalid_grant"})
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if challenge != grant["code_challenge"]:
                return self._json(400, {"error": "invalid_grant", "error_description": "PKCE verification failed"})
            token: dict[str, Any] = {
                "access_token": secrets.token_urlsafe(16),
                "token_type": "Bearer",
                "expires_in": 300,
            }
            if provider.fault != "no_id_token":
                token["id_token"] = provider.id_token(grant)
            return self._json(200, token)

    return Handler
