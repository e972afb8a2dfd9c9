"""Security headers (CSP with nonces, Permissions-Policy, Referrer-Policy, nosniff, framing), the production
settings that ``check --deploy`` wants, a disallowed Host header and an oversized request body."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings

from conftest import publishable
from haastemoottori.challenges import services

ROOT = Path(settings.BASE_DIR)


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part}


@pytest.fixture
def published(region, make_challenge, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        challenge = publishable(make_challenge(), region)
        return services.challenge_transition(
            actor=region.people["espoo_owner"], challenge=challenge, target="co_definition"
        )


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fi/", "/fi/challenges/", "/fi/accounts/login/", "/api/v1/docs", "/healthz"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = _directives(response)
    for directive, sources in csp.items():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, directive
        assert not any(s.startswith(("http:", "https:")) or s == "*" for s in sources), directive
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
    # Passkeys (the second factor) work on the platform's own pages, nowhere else.
    assert "publickey-credentials-get=(self)" in policy and "publickey-credentials-create=(self)" in policy


def test_an_inline_block_carries_the_nonce_of_its_own_response(client, published):
    url = f"/fi/challenges/{published.slug}/"
    first, second = client.get(url), client.get(url)
    nonces = []
    for response in (first, second):
        nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)"', response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in _directives(response)["script-src"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


@override_settings(PUBLIC_PAGE_CACHE_SECONDS=60)
def test_a_page_from_the_cache_gets_a_fresh_nonce(client, published):
    from django.core.cache import cache

    cache.clear()
    url = f"/fi/challenges/{published.slug}/"
    first = client.get(url)
    hit = client.get(url)
    cache.clear()
    assert first["X-Page-Cache"] == "miss" and hit["X-Page-Cache"] == "hit"
    found = re.findall(r'nonce="([^"]+)"', hit.content.decode())
    assert found and set(found) == {_directives(hit)["script-src"][-1].removeprefix("'nonce-").rstrip("'")}
    assert found[0] not in first.content.decode()


def test_no_template_has_inline_script_style_or_event_handler_without_the_nonce():
    """Inline ``style="…"`` attributes and ``on…=`` handlers cannot carry a nonce: none may exist."""
    offenders = []
    for template in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("haastemoottori/*/templates/**/*.html")]:
        if "/email/" in str(template):  # e-mails are not pages: no CSP applies to them
            continue
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r"<(script|style)\b([^>]*)>", text):
            if "src=" not in match.group(2) and "csp_nonce" not in match.group(2):
                offenders.append(f"{template.name}: {match.group(0)}")
        offenders += [f"{template.name}: {m.group(0)}" for m in re.finditer(r"\s(style|on[a-z]+)=\"", text)]
    assert offenders == []


def test_htmx_is_configured_for_the_csp(client, db):
    page = client.get("/fi/").content.decode()
    assert '"includeIndicatorStyles": false' in page and '"allowEval": false' in page


# --- Disallowed Host header ------------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(DEBUG=False)
@pytest.mark.parametrize("path", ["/fi/", "/healthz", "/api/v1/challenges", "/fi/challenges/"])
def test_a_disallowed_host_header_is_a_400(path):
    response = Client(raise_request_exception=False).get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert b"evil.example" not in response.content


# --- Request size -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(HAASTEMOOTTORI_MAX_REQUEST_BODY=1000)
def test_a_request_body_over_the_limit_is_refused_with_413_before_it_is_read(client):
    response = client.post("/fi/accounts/login/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "Pyyntö on liian suuri" in response.content.decode() or response.context["status"] == 413
    assert client.post("/fi/accounts/login/", {"username": "x", "password": "y"}).status_code == 400


def test_django_limits_the_fields_and_files_of_a_request():
    assert 0 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert 0 < settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024
    assert 0 < settings.DATA_UPLOAD_MAX_NUMBER_FILES <= 50
    assert settings.HAASTEMOOTTORI_MAX_REQUEST_BODY >= 50 * 1024 * 1024  # a proposal attachment (50 MB) fits


# --- check --deploy with the documented production settings ----------------------------------------------------


def documented_production_env() -> dict[str, str]:
    """The environment of docs/deployment.md's "Production settings" block."""
    text = (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
    block = text.split("<!-- production-env -->", 1)[1].split("```", 2)[1]
    pairs = [line.split("=", 1) for line in block.splitlines() if "=" in line and not line.startswith("#")]
    return {key.strip(): value.strip() for key, value in pairs}


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HAASTEMOOTTORI_", "DATABASE"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_production_settings():
    env = documented_production_env()
    assert env["DJANGO_DEBUG"] == "0" and env["HAASTEMOOTTORI_SITE_URL"].startswith("https://")
    env["DJANGO_SECRET_KEY"] = "a-long-random-test-secret-4f9c2b7e1d8a6035bc9e7f1a2d4c6b8e0f3a5c7d9"
    result = _check_deploy(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_them():
    """The same check does fail when HSTS and the redirect are left out (so the test above can fail)."""
    env = {k: v for k, v in documented_production_env().items() if "HSTS" not in k and "SSL_REDIRECT" not in k}
    env["DJANGO_SECRET_KEY"] = "a-long-random-test-secret-4f9c2b7e1d8a6035bc9e7f1a2d4c6b8e0f3a5c7d9"
    result = _check_deploy(env)
    assert result.returncode != 0 and "security.W004" in result.stderr + result.stdout


def test_brand_colours_come_from_a_nonced_style_block_not_attributes(client, region):
    region.espoo.brand_colour = "#0000BF"
    region.espoo.save(update_fields=["brand_colour"])
    response = client.get("/fi/organisations/espoo/")
    page = response.content.decode()
    assert 'data-owner-colour="0000bf"' in page and 'style="' not in page
    nonce = _directives(response)["style-src"][-1].removeprefix("'nonce-").rstrip("'")
    assert f'<style nonce="{nonce}">[data-owner-colour="0000bf"]{{--owner-colour:#0000bf}}</style>' in page


@pytest.mark.django_db
def test_the_api_docs_load_swagger_ui_from_the_platforms_static_files(client):
    page = client.get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in sources
    assert "/static/vendor/swagger-ui/swagger-ui.css" in sources
    assert all(s.startswith(("/static/", "data:")) for s in sources), sources
    assert (ROOT / "node_modules" / "swagger-ui-dist" / "swagger-ui-bundle.js").exists()
    import json

    package = json.loads((ROOT / "package.json").read_text())
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["dependencies"]["swagger-ui-dist"])  # pinned exactly
