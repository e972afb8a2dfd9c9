"""Writes for development platforms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import clean_translations
from haastemoottori.core.page_cache import public_content_changed
from haastemoottori.organisations.models import Organisation

from .errors import ErrorCode
from .models import DevelopmentPlatform

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

TEXTS = ("description", "location", "testing")


@transaction.atomic
def platform_create(
    *, actor: User | None, owner: Organisation, slug: str, name: dict[str, str], **fields: Any
) -> DevelopmentPlatform:
    """Register a development platform of a city. Needs the owner's ``change_organisation`` permission."""
    if actor is not None and not actor.has_perm("organisations.change_organisation", owner):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("You cannot change this organisation."))
    if not owner.can_own_challenges:
        raise ServiceValidationError(
            ErrorCode.NOT_OWNER_KIND,
            _("A development platform belongs to a city or another public body."),
            field="owner",
        )
    name = clean_translations(name)
    if not name:
        raise ServiceValidationError(ErrorCode.NAME_MISSING, _("Give the platform a name."), field="name")
    if DevelopmentPlatform.objects.filter(slug=slug).exists():
        raise ServiceValidationError(ErrorCode.SLUG_TAKEN, _("This identifier is already in use."), field="slug")
    for key in TEXTS:
        if key in fields:
            fields[key] = clean_translations(fields[key])
    platform = DevelopmentPlatform.objects.create(
        owner=owner, slug=slug, name=name, original_language=owner.original_language, **fields
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=platform,
        changes={"name": (None, name), "owner": (None, owner.slug)},
        is_public=True,
    )
    public_content_changed()
    return platform
