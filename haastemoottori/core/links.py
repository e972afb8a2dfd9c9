"""The public address that links in e-mails start with."""

from django.conf import settings


def site_url() -> str:
    """``HAASTEMOOTTORI_SITE_URL`` without a trailing slash. E-mail links (sign-up confirmation, password reset,
    invitations, join requests) never come from the request's Host header, which a client chooses (and which is
    plain http behind a TLS-terminating proxy)."""
    return (settings.SITE_URL or "http://localhost:8000").rstrip("/")
