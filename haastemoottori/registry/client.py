"""A client of PRH's YTJ open data API v3 (``GET {base}/companies?businessId=``).

Configured by settings: ``HAASTEMOOTTORI_TRADE_REGISTER_API`` (on/off), ``..._URL`` (the base URL) and
``..._TIMEOUT`` (seconds). Every failure (off, timeout, refused connection, 429, 5xx, a body that is not the
documented JSON) is an ``UNAVAILABLE`` answer, never an exception: the caller then relies on the mirror or
says the check is pending.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    company: dict[str, Any] | None = None
    detail: str = ""


class TradeRegisterClient:
    def __init__(self, *, base_url: str | None = None, timeout: float | None = None, enabled: bool | None = None):
        self.base_url = (base_url or settings.HAASTEMOOTTORI_TRADE_REGISTER_URL).rstrip("/")
        self.timeout = timeout if timeout is not None else settings.HAASTEMOOTTORI_TRADE_REGISTER_TIMEOUT
        self.enabled = enabled if enabled is not None else settings.HAASTEMOOTTORI_TRADE_REGISTER_API

    def company(self, business_id: str) -> Answer:
        if not self.enabled:
            return Answer(Outcome.UNAVAILABLE, detail="off")
        url = f"{self.base_url}/companies?{urllib.parse.urlencode({'businessId': business_id})}"
        request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 (http(s) only)
        if not url.startswith(("http://", "https://")):
            return Answer(Outcome.UNAVAILABLE, detail="bad url")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read(5_000_000)
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return Answer(Outcome.NOT_FOUND)
            logger.warning("Trade register answered %s for %s", exc.code, business_id)
            return Answer(Outcome.UNAVAILABLE, detail=f"http {exc.code}")
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            logger.warning("Trade register unreachable for %s: %s", business_id, exc)
            return Answer(Outcome.UNAVAILABLE, detail="unreachable")
        try:
            data = json.loads(body)
            companies = data.get("companies") or []
        except (ValueError, AttributeError):
            return Answer(Outcome.UNAVAILABLE, detail="not json")
        for company in companies:
            if isinstance(company, dict) and (company.get("businessId") or {}).get("value") == business_id:
                return Answer(Outcome.FOUND, company=company)
        return Answer(Outcome.NOT_FOUND)
