"""A small client of the Hilma notice API (hankintailmoitukset.fi), off by default.

Hilma's API is an Azure API Management service: every request carries the subscription key in the
``Ocp-Apim-Subscription-Key`` header. Only one call is used: the eForms XML of one notice, at
``<HAASTEMOOTTORI_HILMA_URL><HAASTEMOOTTORI_HILMA_NOTICE_PATH>`` with ``{id}`` replaced by the notice ID.
The path is a setting because the public description of the read API could not be checked when this was
written (docs/procurement.md lists the assumptions). Tested against a local HTTP server on a real socket.
"""

from __future__ import annotations

from urllib.parse import quote

import requests
from django.conf import settings
from django.utils.translation import gettext as _

from .eforms import MAX_NOTICE_BYTES

DEFAULT_NOTICE_PATH = "/eforms/notices/{id}"


class HilmaError(Exception):
    """The notice could not be fetched; ``str()`` says why, for people."""


class HilmaOff(HilmaError):
    pass


class HilmaUnavailable(HilmaError):
    pass


class HilmaNotFound(HilmaError):
    pass


def is_configured() -> bool:
    return bool(getattr(settings, "HAASTEMOOTTORI_HILMA_URL", ""))


def fetch_notice(notice_id: str) -> bytes:
    """The eForms XML of a notice, or a HilmaError (off, not found, refused, down, too slow, too big)."""
    base = (getattr(settings, "HAASTEMOOTTORI_HILMA_URL", "") or "").rstrip("/")
    if not base:
        raise HilmaOff(_("Fetching notices from Hilma is not configured on this platform."))
    notice_id = (notice_id or "").strip()
    if not notice_id or len(notice_id) > 100:
        raise HilmaNotFound(_("Give the notice ID (at most 100 characters)."))
    template = getattr(settings, "HAASTEMOOTTORI_HILMA_NOTICE_PATH", "") or DEFAULT_NOTICE_PATH
    url = base + template.replace("{id}", quote(notice_id, safe=""))
    headers = {"Accept": "application/xml"}
    key = getattr(settings, "HAASTEMOOTTORI_HILMA_KEY", "")
    if key:
        headers["Ocp-Apim-Subscription-Key"] = key
    timeout = float(getattr(settings, "HAASTEMOOTTORI_HILMA_TIMEOUT", 10.0))
    try:
        with requests.get(url, headers=headers, timeout=timeout, stream=True, allow_redirects=False) as response:
            if response.status_code == 404:
                raise HilmaNotFound(_("Hilma has no notice %(id)s.") % {"id": notice_id})
            if response.status_code in (401, 403):
                raise HilmaUnavailable(_("Hilma refused the request (check the subscription key)."))
            if response.status_code != 200:
                raise HilmaUnavailable(
                    _("Hilma answered with an error (%(status)s); try again later.") % {"status": response.status_code}
                )
            body = b""
            for chunk in response.iter_content(65536):
                body += chunk
                if len(body) > MAX_NOTICE_BYTES:
                    raise HilmaUnavailable(_("Hilma's answer is too large to be a notice."))
            return body
    except requests.Timeout:
        raise HilmaUnavailable(_("Hilma did not answer in time; try again later.")) from None
    except requests.RequestException:
        raise HilmaUnavailable(_("Hilma cannot be reached at the moment; try again later.")) from None
