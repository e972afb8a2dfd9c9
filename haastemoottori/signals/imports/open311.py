"""Resident feedback from an Open311 GeoReport v2 ``requests.json`` document.

The document is the array that ``GET /requests.json`` returns (also accepted: an object holding that array
under ``service_requests`` or ``requests``). Each service request is an object with, among others,
``service_request_id``, ``status``, ``service_name``, ``description``, ``requested_datetime``,
``address``, ``lat``, ``long`` and ``media_url``; ``title`` is an extension some Finnish cities add.
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _

from .rows import FileRejected, RawRow, decode

TITLE_LENGTH = 120
COLUMNS = {
    "title": "description",
    "text": "description",
    "observed": "requested_datetime",
    "place": "address",
    "latitude": "lat",
    "longitude": "long",
    "evidence_url": "media_url",
    "id": "service_request_id",
}


def _string(value) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


def shorten(text: str, length: int = TITLE_LENGTH) -> str:
    """The first line of ``text``, cut at a word to at most ``length`` characters (with … when cut)."""
    line = " ".join(text.strip().split("\n", 1)[0].split())
    if len(line) <= length:
        return line
    cut = line[: length - 1].rsplit(" ", 1)[0] or line[: length - 1]
    return cut.rstrip(" ,.;:-") + "…"


def _title(item: dict, description: str) -> tuple[str, str]:
    """The title and the field it came from: the ``title`` extension, else ``service_name: first words``."""
    own = _string(item.get("title"))
    if own:
        return own, "title"
    service = _string(item.get("service_name"))
    short = shorten(description)
    if service and short:
        return f"{service}: {short}"[:200], "description"
    return short or service, "description" if short else "service_name"


def read(data: bytes) -> list[RawRow]:
    text = decode(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRejected(
            _("The file is not valid JSON (line %(line)s, column %(column)s).")
            % {"line": exc.lineno, "column": exc.colno}
        )
    if isinstance(document, dict):
        document = document.get("service_requests", document.get("requests"))
    if not isinstance(document, list):
        raise FileRejected(
            _("The file is not an Open311 requests.json document: expected an array of service requests.")
        )
    rows: list[RawRow] = []
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            rows.append(
                RawRow(
                    number=number,
                    ref=_("request %(number)s") % {"number": number},
                    external_id="",
                    values={},
                    error=_("The entry is not a service request object."),
                )
            )
            continue
        external_id = _string(item.get("service_request_id"))
        description = _string(item.get("description"))
        title, title_field = _title(item, description)
        ref = (
            _("request %(number)s (service_request_id %(id)s)") % {"number": number, "id": external_id}
            if external_id
            else _("request %(number)s") % {"number": number}
        )
        place = _string(item.get("address")) or _string(item.get("zipcode"))
        rows.append(
            RawRow(
                number=number,
                ref=ref,
                external_id=external_id,
                values={
                    "id": external_id,
                    "title": title,
                    "text": description,
                    "observed": item.get("requested_datetime"),
                    "place": place,
                    "latitude": item.get("lat"),
                    "longitude": item.get("long"),
                    "evidence_url": _string(item.get("media_url")),
                    "language": "",
                    "department": "",
                    "themes": [],
                    "source": "open311",
                },
                columns={**COLUMNS, "title": title_field},
                required=("id", "text", "observed"),
            )
        )
    return rows
