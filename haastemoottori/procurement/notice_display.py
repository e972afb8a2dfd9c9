"""A notice read from eForms, as the challenge page and the procurement page show it (in the page language)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from haastemoottori.core.i18n import current_language, translate

from .cpv import check_digit, cpv_label
from .eforms import INNOVATION_CODES, PROCEDURE_TYPES


def deadline_text(deadline) -> str:
    """“open until 1.3.2027 12.00, Helsinki time” or “closed on …” (the deadline in Helsinki time)."""
    if deadline is None:
        return ""
    local = timezone.localtime(deadline)
    moment = f"{date_format(local, 'SHORT_DATE_FORMAT')} {date_format(local, 'TIME_FORMAT')}"
    if deadline > timezone.now():
        return _("open until %(moment)s, Helsinki time") % {"moment": moment}
    return _("closed on %(moment)s, Helsinki time") % {"moment": moment}


def cpv_items(codes: list[str], language: str) -> list[dict[str, str]]:
    items = []
    for code in codes:
        digits = code[:8]
        full = f"{digits}-{check_digit(digits)}" if digits.isdigit() and len(digits) == 8 else code
        items.append({"code": full, "label": cpv_label(digits, language)})
    return items


def notice_view(notice) -> dict[str, Any]:
    language = current_language()
    return {
        "notice": notice,
        "title": translate(notice.title, notice.original_language, language).text or notice.notice_id,
        "deadline": deadline_text(notice.tender_deadline),
        "cpv": cpv_items(notice.cpv_codes, language),
        "procedure": str(PROCEDURE_TYPES.get(notice.procedure_type, notice.procedure_type)),
        "innovation": [str(INNOVATION_CODES[c]) for c in notice.innovation if c in INNOVATION_CODES],
        "lots": [
            {
                "id": lot.get("id", ""),
                "title": translate(lot.get("title") or {}, notice.original_language, language).text,
                "deadline": deadline_text(_moment(lot.get("deadline"))),
            }
            for lot in notice.lots[:50]
        ],
        "more_lots": max(0, len(notice.lots) - 50),
        "winners": notice.winners,
    }


def _moment(value: str | None):
    from datetime import datetime

    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
