"""Writes of city sign-in: the account of a person whose city's identity provider vouched for them.

The provider is the source of truth for the person's role in its city: each sign-in sets the membership from
the mapped claim values (created, changed, or removed when no value maps any more) and audits every change.
A provider gives roles only in its own organisation, whatever its tokens say.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haastemoottori.accounts.models import User
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import ServiceError
from haastemoottori.organisations.models import Department, Membership
from haastemoottori.organisations.rules import forget_memberships

from .audit_actions import AuditAction
from .errors import ErrorCode
from .models import OidcIdentity, OidcProvider, OidcRoleMapping
from .models.role_mapping import ROLE_RANK

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length or 254
NO_ROLE = _(
    "Your account at the city's sign-in service gives you no role on this platform. Ask your city's platform "
    "contact to add you to the right group."
)


@dataclass(frozen=True)
class Grant:
    role: str
    department: Department | None
    claim_value: str


def claim_values(provider: OidcProvider, claims: dict[str, Any]) -> list[str]:
    """The values of the provider's groups/roles claim (a list, or one string)."""
    value = claims.get(provider.roles_claim)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int))]
    return []


def mapped_grant(provider: OidcProvider, claims: dict[str, Any]) -> Grant | None:
    """The strongest role the claim values map to in the provider's city, or None."""
    mappings = OidcRoleMapping.objects.filter(
        provider=provider, claim_value__in=claim_values(provider, claims)
    ).select_related("department")
    best = max(mappings, key=lambda m: (ROLE_RANK.get(m.role, 0), m.claim_value), default=None)
    if best is None:
        return None
    return Grant(role=best.role, department=best.department, claim_value=best.claim_value)


def _email(provider: OidcProvider, claims: dict[str, Any]) -> str:
    value = claims.get(provider.email_claim)
    email = value.strip().lower() if isinstance(value, str) else ""
    try:
        validate_email(email)
        if len(email) > EMAIL_MAX_LENGTH:
            raise ValidationError("too long")
    except ValidationError:
        raise ServiceError(
            ErrorCode.NO_EMAIL,
            _("The city's sign-in service did not tell your e-mail address, so you were not signed in."),
        )
    return email


def _account(provider: OidcProvider, claims: dict[str, Any]) -> tuple[User, bool]:
    """The account of the identity, linked or created at the first sign-in. Returns it and whether it is new."""
    identity = OidcIdentity.objects.select_related("user").filter(provider=provider, subject=claims["sub"]).first()
    if identity is not None:
        return identity.user, False
    email = _email(provider, claims)
    user = User.objects.filter(email__iexact=email).first()
    data = {"provider": provider.slug, "subject": claims["sub"]}
    if user is not None:
        domain = email.rsplit("@", 1)[1]
        if domain not in provider.domain_list() or claims.get("email_verified") is False:
            raise ServiceError(
                ErrorCode.EMAIL_TAKEN,
                _(
                    "An account with your e-mail address exists already and was not linked to the city's sign-in "
                    "service. Sign in with its password, or ask the platform's administrators."
                ),
            )
        audit_record(actor=user, action=AuditAction.SSO_ACCOUNT_LINKED, target=user, data=data)
    else:
        name = claims.get("name")
        user = User.objects.create_user(email, None, full_name=name[:200] if isinstance(name, str) else "")
        audit_record(actor=user, action=AuditAction.SSO_ACCOUNT_CREATED, target=user, data=data)
    OidcIdentity.objects.create(provider=provider, subject=claims["sub"], user=user)
    return user, True


def sync_role(*, provider: OidcProvider, user: User, grant: Grant | None) -> None:
    """Set the person's membership in the provider's city to what the provider says now; audit a change."""
    organisation = provider.organisation
    membership = Membership.objects.filter(user=user, organisation=organisation).first()
    old_role = membership.role if membership else None
    old_department = membership.department if membership else None
    data = {"provider": provider.slug, "organisation": organisation.slug}
    if grant is None:
        if membership is None:
            return
        membership.delete()
        action = AuditAction.SSO_ROLE_REVOKED
    elif membership is None:
        Membership.objects.create(user=user, organisation=organisation, role=grant.role, department=grant.department)
        action = AuditAction.SSO_ROLE_GRANTED
    elif (membership.role, membership.department_id) != (grant.role, grant.department.pk if grant.department else None):
        membership.role = grant.role
        membership.department = grant.department
        membership.save(update_fields=["role", "department"])
        action = AuditAction.SSO_ROLE_CHANGED
    else:
        return
    new_role = grant.role if grant else None
    new_department = grant.department if grant else None
    changes = {"role": (old_role, new_role), "department": (old_department, new_department)}
    if grant is not None:
        data["claim_value"] = grant.claim_value
    audit_record(actor=user, action=action, target=user, changes=changes, data=data)
    forget_memberships(user)


def sign_in(*, provider: OidcProvider, claims: dict[str, Any]) -> User:
    """The account to sign in for verified ID token claims of ``provider``.

    A person with no mapped role gets no new account; one who had a role loses it (audited) and is refused."""
    grant = mapped_grant(provider, claims)
    with transaction.atomic():
        identity_exists = OidcIdentity.objects.filter(provider=provider, subject=claims["sub"]).exists()
        if grant is None and not identity_exists:
            raise ServiceError(ErrorCode.NO_ROLE, NO_ROLE)
        user, _created = _account(provider, claims)
        if not user.is_active:
            raise ServiceError(ErrorCode.ACCOUNT_INACTIVE, _("This account has been closed."))
        sync_role(provider=provider, user=user, grant=grant)
        OidcIdentity.objects.filter(provider=provider, subject=claims["sub"]).update(last_sign_in_at=timezone.now())
    if grant is None:
        raise ServiceError(ErrorCode.NO_ROLE, NO_ROLE)
    return user


def record_refusal(*, provider: OidcProvider, code: str, claims: dict[str, Any] | None = None) -> None:
    """Audit a refused sign-in (nothing else is written)."""
    data: dict[str, Any] = {"provider": provider.slug, "reason": code}
    if claims and isinstance(claims.get("sub"), str):
        data["subject"] = claims["sub"]
    audit_record(actor=None, action=AuditAction.SSO_SIGN_IN_REFUSED, target=provider, data=data)
