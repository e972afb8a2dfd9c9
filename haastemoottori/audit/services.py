from enum import Enum
from typing import TYPE_CHECKING, Any, cast

from django.db import models

from .models import AuditEvent
from .registry import is_registered

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return {"id": value.pk, "label": str(value)}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def audit_record(
    *,
    actor: "AbstractBaseUser | AnonymousUser | None",
    action: Enum,
    target: models.Model,
    changes: dict[str, tuple[Any, Any]] | None = None,
    data: dict[str, Any] | None = None,
    is_public: bool = False,
) -> AuditEvent:
    """Append one audit event. ``action`` is a registered member (see registry.py), never a plain string;
    ``changes`` maps a field name to its (old, new) values."""
    if not is_registered(action):
        raise TypeError(
            f"{action!r} is not a registered audit action: use AuditEvent.Action or an app's audit_actions enum."
        )
    # The person by id and by their login name (the e-mail address): audit sits below the accounts app.
    user = cast("AbstractBaseUser | None", actor if getattr(actor, "is_authenticated", False) else None)
    return AuditEvent.objects.create(
        actor_id=user.pk if user is not None else None,
        actor_label=(user.get_username() if user is not None else "system"),
        action=action.value,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        changes={name: {"old": _jsonable(old), "new": _jsonable(new)} for name, (old, new) in (changes or {}).items()},
        data=_jsonable(data or {}),
        is_public=is_public,
    )
