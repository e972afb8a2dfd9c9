import re
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


def _scrub(value: Any, markers: list[str], placeholder: str) -> Any:
    if isinstance(value, str):
        for marker in markers:
            value = re.sub(re.escape(marker), placeholder, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [_scrub(v, markers, placeholder) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, markers, placeholder) for k, v in value.items()}
    return value


def audit_anonymise_person(*, user_id: int, markers: list[str], placeholder: str) -> int:
    """Erasure (GDPR article 17) is the one exception to append-only: the trail stays, the person's name and
    e-mail address leave it. Their events keep ``actor_id`` (the anonymised account) with ``placeholder`` as
    the label, and every mention of a marker (name, e-mail address) in labels, changes and details is
    replaced. Returns the number of events changed."""
    markers = [m for m in markers if m]
    query = models.Q(actor_id=user_id) | models.Q(target_type="accounts.user", target_id=str(user_id))
    for marker in markers:
        for name in ("actor_label", "target_label", "changes", "data"):
            query |= models.Q(**{f"{name}__icontains": marker})
    changed = 0
    for event in AuditEvent.objects.filter(query).iterator():
        values = {
            "actor_label": placeholder
            if event.actor_id == user_id
            else _scrub(event.actor_label, markers, placeholder),
            "target_label": _scrub(event.target_label, markers, placeholder),
            "changes": _scrub(event.changes, markers, placeholder),
            "data": _scrub(event.data, markers, placeholder),
        }
        if event.target_type == "accounts.user" and event.target_id == str(user_id):
            values["target_label"] = placeholder
        # The plain QuerySet.update: AuditEventQuerySet refuses updates everywhere else.
        models.QuerySet.update(AuditEvent.objects.filter(pk=event.pk), **values)
        changed += 1
    return changed
