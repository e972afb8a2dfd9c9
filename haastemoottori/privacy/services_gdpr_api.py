"""The GDPR API of the regional profile service: the person's data in the service's documented tree format,
and deletion with a dry run. The same registry and erasure as the account page (services_export.py,
services_erasure.py); the profile service asks, the token was checked in views_gdpr.py."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.accounts.models import User
from haastemoottori.audit.services import audit_record

from .audit_actions import AuditAction
from .services_erasure import account_erase_by_profile_service
from .services_export import personal_data_collect


def _leaf(key: str, value: Any) -> dict[str, Any]:
    if isinstance(value, dict) and "label" in value:
        value = value["label"]
    return {"key": key.upper(), "value": value}


def profile_data_tree(*, user: User) -> dict[str, Any]:
    """``{"key": "USER", "children": [...]}``: one child per section, each row a node of its fields, as
    helsinki-profile-gdpr-api's ``SerializableMixin.serialize()`` writes them. Audited."""
    sections, _files = personal_data_collect(user)
    children = []
    for key, section in sections.items():
        node_key = key.replace(".", "_").upper()
        rows = [
            {"key": key.rsplit(".", 1)[-1].upper(), "children": [_leaf(name, value) for name, value in row.items()]}
            for row in section["rows"]
        ]
        children.append({"key": node_key, "children": rows})
    with transaction.atomic():
        audit_record(actor=user, action=AuditAction.GDPR_API_QUERIED, target=user, data={"sections": sorted(sections)})
    return {"key": "USER", "children": children}


def _in_languages(text_fn) -> dict[str, str]:
    result = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            result[language] = str(text_fn())
    return result


def profile_data_delete(*, user: User, dry_run: bool) -> dict[str, Any] | None:
    """Erase the person's data (or only check that it could be). None when it can be (or was) deleted,
    else the refusal in the documented ErrorResponse shape, with messages in fi, sv and en."""
    if user.is_superuser:
        return {
            "errors": [
                {
                    "code": "platform_admin",
                    "message": _in_languages(
                        lambda: _(
                            "A platform admin's account is removed by another platform admin, not through the "
                            "profile service."
                        )
                    ),
                }
            ]
        }
    with transaction.atomic():
        account_erase_by_profile_service(user=user)
        if dry_run:
            transaction.set_rollback(True)
    return None
