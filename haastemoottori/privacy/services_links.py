"""Linking an account to its identity in the regional profile service (the ``sub`` of its tokens). Called
by the sign-in through the profile service; the GDPR API finds the person by it."""

from __future__ import annotations

import uuid

from django.db import transaction

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record

from .models import ProfileLink


@transaction.atomic
def profile_link_set(*, user: User, subject: uuid.UUID) -> ProfileLink:
    link, created = ProfileLink.objects.update_or_create(user=user, defaults={"subject": subject})
    audit_record(
        actor=user,
        action=AuditEvent.Action.CREATED if created else AuditEvent.Action.UPDATED,
        target=link,
    )
    return link
