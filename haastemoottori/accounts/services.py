"""Writes for a person's own account: profile and language preference. Sign-up and invitations are in
the signup app (they create organisations and memberships, a layer above)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceValidationError
from haastemoottori.core.i18n import language_codes

from .models import User


@transaction.atomic
def user_update_profile(*, actor: User, full_name: str, preferred_language: str) -> User:
    if preferred_language not in language_codes():
        raise ServiceValidationError(
            CommonCode.UNKNOWN_LANGUAGE, _("Choose a language from the list."), field="preferred_language"
        )
    changes = {}
    for field, value in (("full_name", full_name.strip()), ("preferred_language", preferred_language)):
        if getattr(actor, field) != value:
            changes[field] = (getattr(actor, field), value)
            setattr(actor, field, value)
    if changes:
        actor.save(update_fields=list(changes))
        audit_record(actor=actor, action=AuditEvent.Action.UPDATED, target=actor, changes=changes)
    return actor
