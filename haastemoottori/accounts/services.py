"""Writes for a person's own account: profile and language preference. Sign-up and invitations are in
the signup app (they create organisations and memberships, a layer above)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceValidationError
from haastemoottori.core.i18n import language_codes

from .audit_actions import AuditAction
from .models import LinkGeneration, User


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


@transaction.atomic
def signed_links_renew(*, actor: User, purpose: str) -> int:
    """Revoke the person's own signed links of one purpose (e.g. the calendar feed's salt): the links made
    from now on carry the next generation, and the old ones stop working. Returns the new generation."""
    link, _created = LinkGeneration.objects.select_for_update().get_or_create(user=actor, purpose=purpose)
    link.generation += 1
    link.save(update_fields=["generation", "renewed_at"])
    audit_record(
        actor=actor,
        action=AuditAction.SIGNED_LINKS_RENEWED,
        target=actor,
        changes={"generation": (link.generation - 1, link.generation)},
        data={"purpose": purpose},
    )
    return link.generation
