from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import language_codes

from ..errors import ErrorCode

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.challenges.models import Challenge

    from ..models import Question

MAX_TEXT = 4000
MIN_QUESTION_TEXT = 10  # "a" or "?" is not a question the owners could answer


def too_short_message(min_length: int) -> str:
    return _("Write at least %(min)s characters so that the owners can understand and answer your question.") % {
        "min": min_length
    }


def require_perm(actor: User, perm: str, challenge: Challenge, message: str) -> None:
    if not actor.has_perm(perm, challenge):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, message)


def clean_language(value: str, *, field: str = "language") -> str:
    if value not in language_codes():
        raise ServiceValidationError(
            CommonCode.UNKNOWN_LANGUAGE, _("Choose one of the languages of the service."), field=field
        )
    return value


def clean_text(
    value: str | None, *, field: str, required: bool = True, max_length: int = MAX_TEXT, min_length: int = 0
) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ServiceValidationError(ErrorCode.REQUIRED, _("This field is required."), field=field)
    if text and len(text) < min_length:
        raise ServiceValidationError(ErrorCode.TOO_SHORT, too_short_message(min_length), field=field)
    if len(text) > max_length:
        raise ServiceValidationError(
            ErrorCode.TOO_LONG, _("Write at most %(max)s characters.") % {"max": max_length}, field=field
        )
    return text


def notify(
    *,
    recipients: Iterable[User | None],
    kind: str,
    template: str,
    challenge: Challenge,
    question: Question | None = None,
    extra: dict[str, Any] | None = None,
    url_name: str = "qa:log",
) -> None:
    from haastemoottori.notifications.services import notification_send

    notification_send(
        recipients=recipients,
        kind=kind,
        template=f"qa/notifications/{template}.txt",
        context={"challenge": challenge, "question": question, **(extra or {})},
        url_name=url_name,
        url_args=[challenge.slug],
        url_anchor=f"q{question.number}" if question is not None and question.number else "",
    )
