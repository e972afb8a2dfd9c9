"""The legacy Challenge.gov public JSON feed (``feed-open.json``, ``feed-closed.json``): reading and mapping.

A feed is ``{"title": "Open challenges", ..., "_challenge": [record, ...]}`` (a JSON Feed ``items``
list or a bare list work too). The mapping is described in docs/imports.md; in short: the title,
the tagline as the summary, the description as the problem, the judging criteria as the desired
outcome, and prizes, rules and how to enter as the constraints, all as plain text (see text.py).
Prizes are in US dollars and stay in the text: the budget fields are euros and are left empty.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from haastemoottori.challenges.lifecycle import Stage
from haastemoottori.core.page_cache import public_content_changed

from .challenges import ImportedChallenge, challenge_import_upsert, import_owner_get_or_create, owner_key
from .common import UNCHANGED, ImportSummary, RecordRejected, content_hash, search_index_schedule
from .dates import DateProblem, parse_datetime_text
from .text import one_line, shorten, text_clean

SOURCE = "challengegov"
BASE_URL = "https://www.challenge.gov"
LANGUAGE = "en"
FALLBACK_OWNER = "Challenge.gov"
TITLE_MAX = 200
# Bump when the mapping changes: every record then counts as changed once and is rewritten.
MAPPING_VERSION = 1
# Headings inside the imported English texts. They are part of the content (original language
# English), not of the interface, so they are deliberately not translated.
HEADINGS = {
    "prizes": "Prizes",
    "total_cash": "Total cash prizes",
    "rules": "Rules",
    "how_to_enter": "How to enter",
    "type": "Type of challenge",
    "partners": "Partners",
    "source": "Originally published on Challenge.gov",
}


@dataclass(frozen=True)
class FeedRecord:
    ref: str  # where the record is, for the report: "feed-open.json#3 (id 1088)"
    data: Any
    feed_status: str  # "open" / "closed" from the feed's title or file name, "" when neither


def _feed_status(meta: dict[str, Any], path: Path) -> str:
    hint = " ".join(str(meta.get(k) or "") for k in ("title", "feed_url")).lower() + " " + path.name.lower()
    if "open" in hint and "closed" not in hint:
        return "open"
    if "closed" in hint:
        return "closed"
    return ""


def challengegov_read(path: str | Path) -> list[FeedRecord]:
    """The records of one feed file. Raises RecordRejected when the file itself cannot be read."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            feed = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordRejected(_("The file cannot be read as JSON: %(error)s") % {"error": exc}) from exc
    meta: dict[str, Any] = feed if isinstance(feed, dict) else {}
    items = feed if isinstance(feed, list) else meta.get("_challenge", meta.get("items"))
    if not isinstance(items, list):
        raise RecordRejected(_("The file has no list of challenges (“_challenge” or “items”)."))
    status = _feed_status(meta, path)
    records = []
    for index, item in enumerate(items, start=1):
        source_id = _text(item, "challenge-id") if isinstance(item, dict) else ""
        ref = f"{path.name}#{index}" + (f" (id {source_id})" if source_id else "")
        records.append(FeedRecord(ref=ref, data=item, feed_status=status))
    return records


def _text(item: dict[str, Any], key: str) -> str:
    """A field as one string: lists are joined, numbers written out, anything missing is ""."""
    value = item.get(key)
    if value is None or isinstance(value, (dict, bool)):
        return ""
    if isinstance(value, list):
        return ", ".join(str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip())
    return str(value).strip()


def _html(item: dict[str, Any], key: str) -> str:
    return text_clean(_text(item, key), base_url=BASE_URL)


def _section(heading: str, body: str) -> str:
    return f"{heading}:\n\n{body}" if body else ""


def _join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


def _date(item: dict[str, Any], key: str, *, end: bool, warnings: list[str]) -> datetime | None:
    raw = _text(item, key)
    try:
        return parse_datetime_text(raw, end=end)
    except DateProblem as exc:
        warnings.append(
            _("%(field)s “%(value)s” was left empty: %(problem)s.") % {"field": key, "value": raw[:80], "problem": exc}
        )
        return None


def _stage(status: str, deadline: datetime | None, now: datetime, warnings: list[str]) -> str:
    """Open (by the record or its feed) and not past its deadline → open call; otherwise closed."""
    is_open = status == "open" or (status not in ("open", "closed") and deadline is not None and deadline > now)
    if not is_open:
        return Stage.CLOSED
    if deadline is None:
        warnings.append(
            _("The challenge is open but has no readable deadline; imported as an open call without a deadline.")
        )
    elif deadline <= now:
        warnings.append(
            _("The feed lists the challenge as open, but its deadline %(deadline)s has passed; imported as closed.")
            % {"deadline": date_format(timezone.localtime(deadline), "SHORT_DATE_FORMAT")}
        )
        return Stage.CLOSED
    return Stage.OPEN_CALL


def challengegov_map(record: FeedRecord, *, now: datetime) -> tuple[ImportedChallenge, list[str]]:
    """Our fields for one feed record, with warnings about what was left out. Raises RecordRejected."""
    item = record.data
    if not isinstance(item, dict):
        raise RecordRejected(_("The record is not a JSON object."))
    warnings: list[str] = []
    permalink = _text(item, "permalink")
    if permalink and not permalink.startswith(("https://", "http://")):
        permalink = ""
    source_id = _text(item, "challenge-id")[:200] or (f"url:{permalink}"[:200] if permalink else "")
    if not source_id:
        raise RecordRejected(_("The record has neither a challenge-id nor a permalink."))
    title = one_line(_text(item, "challenge-title"))
    if not title:
        raise RecordRejected(_("The record has no title."))
    if len(title) > TITLE_MAX:
        warnings.append(_("The title was shortened to %(limit)s characters.") % {"limit": TITLE_MAX})
        title = shorten(title, TITLE_MAX)

    opens = _date(item, "submission-start", end=False, warnings=warnings)
    deadline = _date(item, "submission-end", end=True, warnings=warnings)
    if opens and deadline and opens >= deadline:
        warnings.append(_("submission-start is not before submission-end; the opening time was left empty."))
        opens = None
    status = _text(item, "challenge_status").lower() or record.feed_status
    stage = _stage(status, deadline, now, warnings)

    total_cash = _text(item, "total-prize-offered-cash")
    partners = "; ".join(p for p in (_html(item, "partner-agencies-federal"), _html(item, "partners-non-federal")) if p)
    texts = {
        "title": title,
        "summary": _html(item, "tagline"),
        "problem": _join(
            _html(item, "description"),
            f"{HEADINGS['type']}: {one_line(_text(item, 'type-of-challenge'))}"
            if _text(item, "type-of-challenge")
            else "",
            f"{HEADINGS['partners']}: {partners}" if partners else "",
            f"{HEADINGS['source']}: {permalink}" if permalink else "",
        ),
        "desired_outcome": _html(item, "judging"),
        "constraints": _join(
            _section(
                HEADINGS["prizes"],
                _join(f"{HEADINGS['total_cash']}: {one_line(total_cash)}" if total_cash else "", _html(item, "prizes")),
            ),
            _section(HEADINGS["rules"], _html(item, "rules")),
            _section(HEADINGS["how_to_enter"], _html(item, "how-to-enter")),
        ),
    }
    canvas: dict[str, Any] = {name: ({LANGUAGE: text} if text else {}) for name, text in texts.items()}
    canvas.update(call_opens_at=opens, call_deadline=deadline)
    owner_name = one_line(_text(item, "agency"))
    if not owner_name:
        warnings.append(_("No agency; the owner is “%(owner)s”.") % {"owner": FALLBACK_OWNER})
        owner_name = FALLBACK_OWNER

    published_at = min(opens or deadline or now, now)
    if stage == Stage.CLOSED and deadline is not None:
        stage_changed_at = max(min(deadline, now), published_at)
    else:
        stage_changed_at = published_at
    hashed = {"v": MAPPING_VERSION, "canvas": canvas, "stage": stage, "owner": owner_name, "url": permalink}
    data = ImportedChallenge(
        source=SOURCE,
        source_id=source_id,
        original_language=LANGUAGE,
        owner_name=owner_name,
        canvas=canvas,
        stage=stage,
        published_at=published_at,
        stage_changed_at=stage_changed_at,
        content_hash=content_hash(hashed),
        details={"url": permalink} if permalink else {},
    )
    return data, warnings


def challengegov_import(
    records: Iterable[FeedRecord],
    *,
    summary: ImportSummary | None = None,
    limit: int | None = None,
    now: datetime | None = None,
) -> ImportSummary:
    """Import feed records one at a time (each in its own transaction) and count the outcomes.

    ``limit`` stops after that many records were imported or updated; unchanged records do not
    count, so running the command again continues where the previous run stopped.
    """
    summary = summary if summary is not None else ImportSummary()
    now = now or timezone.now()
    owners: dict[str, Any] = {}
    changed = False
    for record in records:
        if limit is not None and summary.written >= limit:
            summary.stopped_at_limit = True
            break
        try:
            data, warnings = challengegov_map(record, now=now)
            key = owner_key(data.owner_name)
            with transaction.atomic():
                owner = owners.get(key) or import_owner_get_or_create(
                    source=SOURCE, name=data.owner_name, language=LANGUAGE
                )
                result = challenge_import_upsert(data=data, owner=owner)
                if result.outcome != UNCHANGED:
                    # In the record's transaction, so an interrupted run never leaves it unindexed.
                    search_index_schedule([result.challenge])
        except RecordRejected as exc:
            summary.reject(record.ref, exc.reason)
            continue
        owners[key] = owner  # only after its transaction committed
        summary.warn(record.ref, warnings)
        summary.count(result.outcome)
        changed = changed or result.outcome != UNCHANGED
    if changed:
        public_content_changed()
    return summary
