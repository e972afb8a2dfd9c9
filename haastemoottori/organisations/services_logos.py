"""Logos stored before uploads were re-encoded: re-store each as a re-encoded image under a random name, or
remove it when it is not an acceptable image (``manage.py reencode_logos``, once after upgrading).

Earlier, a logo kept the uploader's file name and bytes (``logos/poc.html`` with a PNG signature and a script
was served as HTML). A logo stored by the platform now is ``logos/<32 hex digits>.<png|jpg|webp>``.
"""

from __future__ import annotations

import re
import uuid

from django.core.files.base import ContentFile
from django.db import transaction

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.files import file_delete_on_commit, file_save
from haastemoottori.core.images import ImageRejected, image_reencode
from haastemoottori.core.page_cache import public_content_changed

from .models import Organisation
from .validators import MAX_LOGO_BYTES, MAX_LOGO_SIDE

STORED_NAME = re.compile(r"logos/[0-9a-f]{32}\.(png|jpg|webp)")


def logo_needs_reencoding(organisation: Organisation) -> bool:
    return bool(organisation.logo) and not STORED_NAME.fullmatch(organisation.logo.name or "")


@transaction.atomic
def organisation_logo_reencode(*, organisation: Organisation) -> str | None:
    """Re-store an old logo re-encoded under a random name (returned), or remove it (None) when it is missing,
    too large or not a PNG, JPEG or WebP image. The old file is deleted once this commits. Audited as the
    system's change."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    old_name = organisation.logo.name or None
    if not logo_needs_reencoding(organisation):
        return old_name
    storage = organisation.logo.storage
    new_name: str | None = None
    try:
        with storage.open(str(old_name), "rb") as handle:
            data = handle.read(MAX_LOGO_BYTES + 1)
        if len(data) <= MAX_LOGO_BYTES:
            clean = image_reencode(data, max_side=MAX_LOGO_SIDE)
            new_name = file_save(organisation.logo, f"{uuid.uuid4().hex}.{clean.extension}", ContentFile(clean.data))
    except (ImageRejected, OSError):
        new_name = None
    if new_name is None:
        organisation.logo = ""
    organisation.save(update_fields=["logo", "updated_at"])
    file_delete_on_commit(storage, old_name)
    audit_record(
        actor=None,
        action=AuditEvent.Action.UPDATED,
        target=organisation,
        changes={"logo": (old_name, new_name)},
        data={"profile": True, "logo_reencoded": True},
        is_public=organisation.is_listed,
    )
    public_content_changed()
    return new_name
