from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.challenges.models import Challenge
from haastemoottori.challenges.selectors import challenge_owner_editors
from haastemoottori.core.errors import ServiceConflict, ServiceValidationError
from haastemoottori.organisations.rules import member_organisation_ids

from ..errors import ErrorCode
from ..models import Question
from ..selectors import MAX_PENDING_PER_PERSON, pending_count_of_asker, questions_open
from .common import MIN_QUESTION_TEXT, clean_language, clean_text, notify, require_perm

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User
    from haastemoottori.organisations.models import Organisation


@transaction.atomic
def question_ask(
    *,
    actor: User,
    challenge: Challenge,
    text: str,
    language: str,
    asker_organisation: Organisation | None = None,
    now: datetime | None = None,
) -> Question:
    """Ask the owners a question. It stays private to the asker and the owners until it is answered."""
    now = now or timezone.now()
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)  # one ask at a time per challenge
    require_perm(
        actor,
        "qa.ask_question",
        challenge,
        _("The owners of this challenge answer its questions; they cannot ask them."),
    )
    if not questions_open(challenge=challenge, now=now):
        raise ServiceConflict(ErrorCode.QUESTIONS_CLOSED, _("Questions about this challenge are not accepted now."))
    text = clean_text(text, field="text", min_length=MIN_QUESTION_TEXT)
    language = clean_language(language)
    if asker_organisation is not None and asker_organisation.pk not in member_organisation_ids(actor):
        raise ServiceValidationError(
            ErrorCode.NOT_YOUR_ORGANISATION, _("Choose one of your own organisations."), field="asker_organisation"
        )
    if pending_count_of_asker(challenge=challenge, user=actor) >= MAX_PENDING_PER_PERSON:
        raise ServiceValidationError(
            ErrorCode.TOO_MANY_PENDING,
            _(
                "You already have %(count)s questions waiting for an answer about this challenge. Please wait "
                "for the answers before asking more."
            )
            % {"count": MAX_PENDING_PER_PERSON},
            field="text",
        )
    question = Question.objects.create(
        challenge=challenge,
        kind=Question.Kind.QUESTION,
        asker=actor,
        asker_organisation=asker_organisation,
        text=text,
        language=language,
        public_text=text,
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=question,
        data={"challenge": challenge.slug, "kind": question.kind},
        is_public=False,
    )
    notify(
        recipients=challenge_owner_editors(challenge=challenge),
        kind="qa.question_received",
        template="question_received",
        challenge=challenge,
        question=question,
        url_name="qa:manage",
    )
    return question
