"""The XML layer of the eForms reader: a hardened parser and small helpers to read UBL values.

``parse_xml`` refuses anything that is not plain XML of a reasonable size (no DOCTYPE, so no entities or DTDs; no
network; libxml2's depth limit); the helpers read texts, languages, dates with their time zones and amounts, and
raise :class:`NoticeRejected` naming the element. ``eforms.py`` assembles a notice from them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

MAX_NOTICE_BYTES = 5 * 1024 * 1024

NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}
LANGUAGES = {
    "FIN": "fi", "SWE": "sv", "ENG": "en", "BUL": "bg", "CES": "cs", "DAN": "da", "DEU": "de", "ELL": "el",
    "EST": "et", "FRA": "fr", "GLE": "ga", "HRV": "hr", "HUN": "hu", "ITA": "it", "LAV": "lv", "LIT": "lt",
    "MLT": "mt", "NLD": "nl", "POL": "pl", "POR": "pt", "RON": "ro", "SLK": "sk", "SLV": "sl", "SPA": "es",
}  # fmt: skip


class NoticeRejected(Exception):
    """The notice cannot be read; ``str()`` is the reason for people, naming the element."""

    def __init__(self, reason: str, *, element: str = "") -> None:
        super().__init__(reason)
        self.reason, self.element = reason, element


def _doctype_refused() -> str:
    return _("The XML declares a DOCTYPE (entities or a DTD); eForms notices have none, so it is not read.")


def hardened_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_pis=True,
        remove_comments=True,
    )


def parse_xml(data: bytes) -> Any:
    """The root element of ``data``, parsed safely; NoticeRejected for anything that is not plain XML."""
    if len(data) > MAX_NOTICE_BYTES:
        raise NoticeRejected(
            _("The file is larger than %(size)s MB; eForms notices are much smaller.")
            % {"size": MAX_NOTICE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise NoticeRejected(_("The file is empty."))
    if b"<!DOCTYPE" in data[:65536] or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in data[:131072]:
        raise NoticeRejected(_doctype_refused(), element="!DOCTYPE")
    try:
        root = etree.fromstring(data, parser=hardened_parser())
    except etree.XMLSyntaxError as exc:
        message = str(exc.msg or exc)
        if "depth" in message.lower() or "huge" in message.lower():
            raise NoticeRejected(_("The XML is nested too deeply to be a notice.")) from None
        if "amplification" in message.lower() or "entit" in message.lower():
            raise NoticeRejected(_doctype_refused(), element="!DOCTYPE") from None
        raise NoticeRejected(_("The file is not well-formed XML (%(error)s).") % {"error": message[:200]}) from None
    except ValueError as exc:  # e.g. an encoding declaration on a str
        raise NoticeRejected(_("The file is not well-formed XML (%(error)s).") % {"error": str(exc)[:200]}) from None
    if root.getroottree().docinfo.doctype:
        raise NoticeRejected(_doctype_refused(), element="!DOCTYPE")
    return root


def text(node: Any) -> str:
    return " ".join((node.text or "").split()) if node is not None else ""


def first(node: Any, path: str) -> Any:
    found = node.xpath(path, namespaces=NS)
    return found[0] if found else None


def value(node: Any, path: str) -> str:
    return text(first(node, path))


def required(node: Any, path: str, label: str) -> str:
    found = value(node, path)
    if not found:
        raise NoticeRejected(_("%(element)s is missing or empty.") % {"element": label}, element=label)
    return found


def languages(node: Any, path: str) -> dict[str, str]:
    result: dict[str, str] = {}
    for element in node.xpath(path, namespaces=NS):
        text = (element.text or "").strip()
        code = (element.get("languageID") or "").upper()
        if text and code in LANGUAGES:
            result.setdefault(LANGUAGES[code], text)
    return result


def offset(text: str, label: str) -> tuple[str, timezone]:
    """Split an xsd:date / xsd:time value into its value and its time zone (required in eForms)."""
    if text.endswith("Z"):
        return text[:-1], UTC
    if len(text) > 6 and text[-6] in "+-" and text[-3] == ":":
        sign = 1 if text[-6] == "+" else -1
        try:
            hours, minutes = int(text[-5:-3]), int(text[-2:])
        except ValueError:
            raise NoticeRejected(
                _("%(element)s has an invalid time zone: “%(value)s”.") % {"element": label, "value": text},
                element=label,
            ) from None
        return text[:-6], timezone(sign * timedelta(hours=hours, minutes=minutes))
    raise NoticeRejected(
        _("%(element)s “%(value)s” has no time zone (eForms dates and times must have one, e.g. +02:00).")
        % {"element": label, "value": text},
        element=label,
    )


def parse_date(text: str, label: str) -> tuple[date, timezone]:
    value, tz = offset(text, label)
    try:
        return date.fromisoformat(value), tz
    except ValueError:
        raise NoticeRejected(
            _("%(element)s is not a date: “%(value)s”.") % {"element": label, "value": text}, element=label
        ) from None


def moment(date_text: str, time_text: str, label: str) -> datetime:
    day, tz = parse_date(date_text, label)
    if not time_text:
        return datetime.combine(day, time(23, 59, 59), tzinfo=tz)
    value, time_tz = offset(time_text, label)
    try:
        clock = time.fromisoformat(value)
    except ValueError:
        raise NoticeRejected(
            _("%(element)s is not a time: “%(value)s”.") % {"element": label, "value": time_text}, element=label
        ) from None
    return datetime.combine(day, clock, tzinfo=time_tz)


def amount(node: Any, path: str, label: str) -> tuple[Decimal | None, str]:
    element = first(node, path)
    if element is None or not text(element):
        return None, ""
    try:
        number = Decimal(text(element))
    except InvalidOperation:
        raise NoticeRejected(
            _("%(element)s is not a number: “%(value)s”.") % {"element": label, "value": text(element)[:50]},
            element=label,
        ) from None
    if not number.is_finite() or number < 0 or number > Decimal("999999999999.99"):
        raise NoticeRejected(_("%(element)s is out of range.") % {"element": label}, element=label)
    return number, (element.get("currencyID") or "").upper()


def cpv(node: Any, label: str) -> list[str]:
    codes: list[str] = []
    for path in (
        "cac:MainCommodityClassification/cbc:ItemClassificationCode[@listName='cpv']",
        "cac:AdditionalCommodityClassification/cbc:ItemClassificationCode[@listName='cpv']",
    ):
        for element in node.xpath(path, namespaces=NS):
            code = text(element)
            if not (len(code) == 8 and code.isdigit()):
                raise NoticeRejected(
                    _("%(element)s “%(value)s” is not a CPV code (8 digits).") % {"element": label, "value": code},
                    element=label,
                )
            if code not in codes:
                codes.append(code)
    return codes
