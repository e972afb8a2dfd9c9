"""Right to erasure (GDPR article 17): a person deletes their account.

The account row stays as an anonymised tombstone (no name, a random unusable e-mail address, no password,
inactive), because records that must remain (an organisation's submitted proposals, evaluations, the audit
trail) keep pointing at *an* account. Everything else is decided per model in the registry (registry.py):
the person's own rows are deleted, other people's records lose the link, and texts that name the person are
scrubbed. The audit trail stays without the name (audit.services.audit_anonymise_person).
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from haastemoottori.accounts.models import User
from haastemoottori.audit.services import audit_anonymise_person, audit_record
from haastemoottori.core.errors import ServicePermissionDenied, ServiceValidationError

from .audit_actions import AuditAction
from .errors import ErrorCode
from .registry import Erasure, registered

ERASED_DOMAIN = "erased.invalid"


@dataclass
class ErasureSummary:
    deleted: dict[str, int] = field(default_factory=dict)
    detached: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    scrubbed: int = 0


def is_erased(user: User) -> bool:
    return user.email.endswith("@" + ERASED_DOMAIN)


def person_markers(user: User) -> list[str]:
    """What identifies the person in free text: the e-mail address and the name (a name of under three
    letters would match too much to be replaced)."""
    markers = [user.email]
    if len(user.full_name.strip()) >= 3:
        markers.append(user.full_name.strip())
    return markers


def _scrub_text(value: str, markers: list[str], placeholder: str) -> str:
    for marker in markers:
        value = re.sub(re.escape(marker), placeholder, value, flags=re.IGNORECASE)
    return value


def _scrub_model(model: type[models.Model], names: tuple[str, ...], markers: list[str], placeholder: str) -> int:
    changed = 0
    for name in names:
        f = model._meta.get_field(name)
        query = models.Q()
        for marker in markers:
            query |= models.Q(**{f"{name}__icontains": marker})
        for obj in model._base_manager.filter(query).only("pk", name):
            value = getattr(obj, name)
            if isinstance(f, models.JSONField):
                new: Any = json.loads(_scrub_text(json.dumps(value, ensure_ascii=False), markers, placeholder))
            else:
                new = _scrub_text(value, markers, placeholder)
            model._base_manager.filter(pk=obj.pk).update(**{name: new})
            changed += 1
    return changed


def _erase(user: User, *, reason: str) -> ErasureSummary:
    """Erase without asking (the callers check the confirmation). Runs inside the caller's transaction."""
    summary = ErasureSummary()
    markers = person_markers(user)
    placeholder = _("erased account #%(id)s") % {"id": user.pk}
    handlers = sorted(registered().values(), key=lambda spec: spec.key)
    for spec in handlers:
        if spec.eraser is not None:
            spec.eraser(user)
    for policy in (Erasure.DELETE, Erasure.DETACH, Erasure.KEEP):
        for spec in handlers:
            for name, field_policy in spec.fields.items():
                if field_policy is not policy or spec.model is User:
                    continue
                rows = spec.model._base_manager.filter(**{name: user})
                if policy is Erasure.DELETE:
                    count = rows.count()
                    rows.delete()
                    target = summary.deleted
                elif policy is Erasure.DETACH:
                    count = rows.update(**{name: None})
                    target = summary.detached
                else:
                    count = rows.count()
                    target = summary.kept
                if count:
                    target[f"{spec.key}.{name}"] = count
    for spec in handlers:
        if spec.scrub:
            summary.scrubbed += _scrub_model(spec.model, spec.scrub, markers, placeholder)
    summary.scrubbed += audit_anonymise_person(user_id=user.pk, markers=markers, placeholder=placeholder)

    user.email = f"erased-{uuid.uuid4().hex}@{ERASED_DOMAIN}"
    user.full_name = ""
    user.preferred_language = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(
        actor=user,
        action=AuditAction.ACCOUNT_ERASED,
        target=user,
        data={"reason": reason, "deleted": summary.deleted, "detached": summary.detached, "kept": summary.kept},
    )
    return summary


def reauthentication_window() -> timedelta:
    return timedelta(seconds=getattr(settings, "PRIVACY_REAUTHENTICATION_SECONDS", 600))


@transaction.atomic
def account_erase(*, actor: User, password: str = "") -> ErasureSummary:
    """The person deletes their own account. With a password they confirm with it; an account without one
    (signed in through the city's identity provider) must have signed in within the last few minutes."""
    user = User.objects.select_for_update().get(pk=actor.pk)
    if is_erased(user):
        raise ServiceValidationError(ErrorCode.NOT_CONFIRMED, _("This account has already been deleted."))
    if user.has_usable_password():
        if not password or not user.check_password(password):
            raise ServiceValidationError(
                ErrorCode.WRONG_PASSWORD, _("The password is not correct. Nothing was deleted."), field="password"
            )
    elif user.last_login is None or timezone.now() - user.last_login > reauthentication_window():
        raise ServicePermissionDenied(
            ErrorCode.SIGN_IN_AGAIN, _("Sign in again to confirm, then delete your account. Nothing was deleted.")
        )
    summary = _erase(user, reason="self")
    actor.refresh_from_db()
    return summary


@transaction.atomic
def account_erase_by_profile_service(*, user: User) -> ErasureSummary:
    """Erasure requested through the regional profile service's GDPR API (its token was checked there)."""
    return _erase(User.objects.select_for_update().get(pk=user.pk), reason="profile_service")


def unconfirmed_accounts(*, now: datetime | None = None) -> models.QuerySet[User]:
    """Accounts whose e-mail address was never confirmed (inactive, never signed in) after the waiting time."""
    days = getattr(settings, "PRIVACY_UNCONFIRMED_ACCOUNT_DAYS", 14)
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return User.objects.filter(is_active=False, last_login__isnull=True, date_joined__lt=cutoff).exclude(
        email__endswith="@" + ERASED_DOMAIN
    )


def unconfirmed_accounts_purge(*, now: datetime | None = None) -> int:
    """Remove the accounts that never confirmed their e-mail address, one transaction each, each audited.
    Erased like a deletion (an unconfirmed sign-up may already have made an organisation or a join request)."""
    purged = 0
    for pk in list(unconfirmed_accounts(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            user = User.objects.select_for_update().filter(pk=pk, is_active=False, last_login__isnull=True).first()
            if user is None:
                continue
            _erase(user, reason="unconfirmed")
            audit_record(actor=None, action=AuditAction.UNCONFIRMED_PURGED, target=user, data={"account": pk})
            purged += 1
    return purged
