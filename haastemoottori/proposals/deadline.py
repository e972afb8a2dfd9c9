"""Whether a call accepts changes now, and how its deadline is shown (always in Helsinki time)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from haastemoottori.core.errors import ServiceConflict

from .errors import ErrorCode

HELSINKI = ZoneInfo("Europe/Helsinki")


def deadline_text(deadline: datetime) -> str:
    """The deadline as local Helsinki time in the active language's short format, e.g. 25.10.2026 3.30."""
    local = deadline.astimezone(HELSINKI)
    return _("%(when)s (Helsinki time)") % {"when": formats.date_format(local, "SHORT_DATETIME_FORMAT")}


def call_is_open(challenge, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if not challenge.stage_info.accepts_proposals or challenge.call_deadline is None:
        return False
    if challenge.call_opens_at and now < challenge.call_opens_at:
        return False
    return now < challenge.call_deadline


def deadline_passed(challenge, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return challenge.call_deadline is not None and now >= challenge.call_deadline


def call_check_open(challenge, now: datetime | None = None) -> None:
    """Raise a ServiceConflict naming the deadline unless the call accepts changes at ``now``."""
    now = now or timezone.now()
    if challenge.call_deadline is not None and now >= challenge.call_deadline:
        raise ServiceConflict(
            ErrorCode.DEADLINE_PASSED,
            _("The call closed at %(deadline)s. Proposals can no longer be changed.")
            % {"deadline": deadline_text(challenge.call_deadline)},
        )
    if not call_is_open(challenge, now):
        raise ServiceConflict(ErrorCode.CALL_NOT_OPEN, _("This call is not open for proposals."))


def remaining_text(deadline: datetime, now: datetime | None = None) -> str:
    """Server-rendered time left, e.g. "2 days 3 hours left"; empty once the deadline has passed."""
    now = now or timezone.now()
    left = deadline - now
    if left <= timedelta(0):
        return ""
    days, seconds = left.days, left.seconds
    hours, minutes = seconds // 3600, (seconds % 3600) // 60
    if days:
        parts = [ngettext("%(n)d day", "%(n)d days", days) % {"n": days}]
        if hours:
            parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    elif hours:
        parts = [
            ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours},
            ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes},
        ]
    else:
        minutes = max(minutes, 1)
        parts = [ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}]
    return _("%(time)s left") % {"time": " ".join(parts)}
