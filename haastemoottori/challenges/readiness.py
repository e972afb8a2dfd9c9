"""The readiness check: a score and the concrete gaps of a challenge, shown to owners before review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import language_codes, language_name_in_text

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

    from .models import Challenge


@dataclass(frozen=True)
class Gap:
    code: str
    message: str | StrPromise
    field: str
    blocking: bool = False
    weight: int = 1


@dataclass(frozen=True)
class Readiness:
    score: int  # 0–100
    gaps: list[Gap]

    @property
    def blocking(self) -> list[Gap]:
        return [gap for gap in self.gaps if gap.blocking]

    @property
    def ready_for_review(self) -> bool:
        return not self.blocking


_BEFORE_THE_CALL = frozenset({"draft", "in_review", "co_definition"})

_REQUIRED_TEXTS = (
    # field, code, message, blocking, weight
    ("title", "no_title", _("No title"), True, 3),
    ("summary", "no_summary", _("No summary"), True, 3),
    ("problem", "no_problem", _("No problem statement"), True, 3),
    ("affected", "no_affected", _("Who is affected is not described"), False, 1),
    ("root_causes", "no_root_causes", _("No root causes"), False, 1),
    ("tried", "no_tried", _("What has been tried is not described"), False, 1),
    ("desired_outcome", "no_desired_outcome", _("No desired outcome"), False, 2),
    ("constraints", "no_constraints", _("No constraints"), False, 1),
    ("data_available", "no_data_available", _("Available data is not described"), False, 1),
    ("ip_terms", "no_ip_terms", _("No IP and data terms"), False, 1),
)


def readiness_check(challenge: Challenge, *, themes: list | None = None, indicators: list | None = None) -> Readiness:
    """Score the canvas. Uses prefetched indicators and themes when the caller has them; a preview of
    unsaved edits passes its own ``themes`` and ``indicators``."""
    checks: list[tuple[bool, Gap]] = []
    original = challenge.original_language

    for field, code, message, blocking, weight in _REQUIRED_TEXTS:
        present = bool((getattr(challenge, field) or {}).get(original, "").strip())
        checks.append((present, Gap(code, message, field, blocking, weight)))

    indicators = list(challenge.indicators.all()) if indicators is None else indicators
    has_themes = bool(challenge.themes.all()) if themes is None else bool(themes)
    checks.append(
        (
            any(i.is_measurable for i in indicators),
            Gap(
                "no_measurable_target",
                _("No measurable target (an indicator with a unit and a target)"),
                "indicators",
                False,
                2,
            ),
        )
    )
    checks.append(
        (
            challenge.budget_min is not None or challenge.budget_max is not None,
            Gap("no_budget_range", _("No budget range"), "budget", False, 2),
        )
    )
    checks.append((bool(challenge.route), Gap("no_route", _("No recommended route"), "route", False, 2)))
    checks.append((has_themes, Gap("no_themes", _("No themes"), "themes", False, 1)))
    checks.append(
        (challenge.platform_id is not None, Gap("no_platform", _("No development platform"), "platform", False, 1))
    )
    checks.append(
        (challenge.call_deadline is not None, Gap("no_call_deadline", _("No call deadline"), "call_deadline", False, 1))
    )
    # A deadline already past before the call has opened cannot be the call's: the call could not open with it.
    if challenge.call_deadline is not None and challenge.stage in _BEFORE_THE_CALL:
        checks.append(
            (
                challenge.call_deadline > timezone.now(),
                Gap("call_deadline_past", _("The call deadline is in the past"), "call_deadline", False, 3),
            )
        )

    for code in language_codes():
        if code == original:
            continue
        for field, label in (("title", _("title")), ("summary", _("summary"))):
            present = bool((getattr(challenge, field) or {}).get(code, "").strip())
            checks.append(
                (
                    present,
                    Gap(
                        f"no_{code}_{field}",
                        _("No %(field)s in %(language)s") % {"field": label, "language": language_name_in_text(code)},
                        field,
                        False,
                        1,
                    ),
                )
            )

    total = sum(gap.weight for _ok, gap in checks)
    passed = sum(gap.weight for ok, gap in checks if ok)
    return Readiness(score=round(100 * passed / total) if total else 100, gaps=[gap for ok, gap in checks if not ok])
