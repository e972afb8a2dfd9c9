"""How people and organisations come in: sign-up (a new company or research organisation, or a request to join
one) with e-mail verification, and accounts made from invitations. Above organisations and accounts."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from haastemoottori.accounts.errors import ErrorCode
from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServiceError, ServiceValidationError
from haastemoottori.core.i18n import language_codes
from haastemoottori.organisations.errors import ErrorCode as OrganisationCode
from haastemoottori.organisations.models import (
    JoinRequest,
    Membership,
    Organisation,
    OrganisationIdentifier,
    VerificationDispute,
)
from haastemoottori.organisations.services import identifier_clean, membership_set, organisation_create
from haastemoottori.organisations.services_members import (
    invitation_accept,
    invitation_get,
    join_request_create,
    join_requests_notify_admins,
)
from haastemoottori.organisations.services_verification import dispute_open, verify_by_email_domain
from haastemoottori.registry.errors import ErrorCode as RegistryCode
from haastemoottori.registry.services import register_lookup

VERIFY_SALT = "haastemoottori.accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


def _send_verification(user: User, base_url: str) -> None:
    token = signing.dumps({"user": user.pk, "email": user.email}, salt=VERIFY_SALT)
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        link = base_url + reverse("signup:verify", args=[token])
        context = {"user": user, "link": link, "site_name": settings.SITE_NAME, "days": VERIFY_MAX_AGE // 86400}
        send_mail(
            subject=_("Confirm your e-mail address for %(site)s") % {"site": settings.SITE_NAME},
            message=render_to_string("signup/email/verify.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )


def _new_user_checks(email: str, language: str, *, check_taken: bool = True) -> str:
    email = User.objects.normalize_email(email).lower()
    if language not in language_codes():
        raise ServiceValidationError(
            CommonCode.UNKNOWN_LANGUAGE, _("Choose a language from the list."), field="language"
        )
    if check_taken:
        _email_free(email)
    return email


def _email_free(email: str) -> None:
    """Sign-up checks this last, after everything the form could refuse for a new address too: the page then
    answers a registered address as it answers a new one (``existing_account_notify`` e-mails the rest)."""
    if User.objects.filter(email__iexact=email).exists():
        raise ServiceConflict(
            ErrorCode.EMAIL_TAKEN,
            _("An account with this e-mail address already exists. Sign in or reset your password."),
            field="email",
        )


def existing_account_notify(*, email: str, base_url: str) -> None:
    """Someone signed up with an address that already has an account: tell its owner (not the page, which
    must not reveal which addresses have accounts) how to sign in or reset the password."""
    user = User.objects.filter(email__iexact=User.objects.normalize_email(email)).first()
    if user is None:
        return
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "site_name": settings.SITE_NAME,
            "login_link": base_url + reverse("accounts:login"),
            "reset_link": base_url + reverse("accounts:password_reset"),
        }
        message = render_to_string("signup/email/existing_account.txt", context)
        subject = _("You already have an account on %(site)s") % {"site": settings.SITE_NAME}
    transaction.on_commit(
        lambda: send_mail(subject=subject, message=message, from_email=None, recipient_list=[user.email])
    )


def registered_organisation(*, business_id: str) -> Organisation | None:
    """The organisation that already holds this Finnish Business ID, if any (None for a malformed ID)."""
    try:
        scheme, identifier = identifier_clean(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID, identifier=business_id)
    except ServiceError:
        return None
    return Organisation.objects.filter(identifiers__scheme=scheme, identifiers__identifier=identifier).first()


def _checked_in_register(business_id: str, company_name: str) -> str:
    """Refuse an ID the trade register does not know or that has ceased; propose the register's name when
    none was given. When the register cannot be reached and the mirror does not know the ID, the sign-up goes
    on and the check is pending (the organisation stays unverified until someone vouches for it)."""
    answer = register_lookup(business_id)
    if answer.known and answer.entry is None:
        raise ServiceValidationError(
            RegistryCode.COMPANY_NOT_FOUND,
            _("The trade register has no company with the Business ID %(id)s. Check the ID.") % {"id": business_id},
            field="business_id",
        )
    if answer.entry is not None and answer.entry.is_ceased:
        raise ServiceValidationError(
            RegistryCode.COMPANY_CEASED,
            _("According to the trade register, %(name)s (%(id)s) has ceased. A ceased company cannot register.")
            % {"name": answer.entry.name or business_id, "id": business_id},
            field="business_id",
        )
    company_name = (company_name or "").strip()
    if not company_name and answer.entry is not None:
        company_name = answer.entry.name
    if not company_name:
        raise ServiceValidationError(
            OrganisationCode.NAME_MISSING, _("Give the name of the organisation."), field="company_name"
        )
    return company_name


@transaction.atomic
def company_signup(
    *,
    email: str,
    full_name: str,
    password: str,
    company_name: str,
    business_id: str,
    language: str,
    base_url: str,
    kind: str = Organisation.Kind.COMPANY,
) -> User:
    """Register a company (or a research organisation) and its first admin. The account works once the
    e-mail address is confirmed. A Business ID already registered is a conflict (``company_exists``): the
    sign-up page then offers to ask to join that organisation instead (``join_signup``)."""
    if kind not in Organisation.SOLVER_KINDS:
        raise ServiceValidationError(
            ErrorCode.INVALID_KIND, _("Choose a company or a research organisation."), field="kind"
        )
    email = _new_user_checks(email, language, check_taken=False)
    scheme, identifier = identifier_clean(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID, identifier=business_id)
    existing = Organisation.objects.filter(identifiers__scheme=scheme, identifiers__identifier=identifier).first()
    if existing is not None:
        raise ServiceConflict(
            ErrorCode.COMPANY_EXISTS,
            _("%(company)s is already registered with this Business ID.") % {"company": existing},
            field="business_id",
        )
    company_name = _checked_in_register(identifier, company_name)
    _email_free(email)
    user = User.objects.create_user(
        email, password, full_name=full_name.strip(), preferred_language=language, is_active=False
    )
    company = organisation_create(
        actor=user,
        kind=kind,
        name={language: company_name.strip()},
        original_language=language,
        identifiers=[(scheme, identifier)],
    )
    membership_set(actor=None, organisation=company, user=user, role=Membership.Role.ADMIN)
    audit_record(
        actor=user,
        action=AuditEvent.Action.CREATED,
        target=user,
        changes={"email": (None, email), "organisation": (None, company.slug)},
    )
    transaction.on_commit(lambda: _send_verification(user, base_url))
    return user


@transaction.atomic
def join_signup(
    *, email: str, full_name: str, password: str, business_id: str, language: str, base_url: str, message: str = ""
) -> JoinRequest | VerificationDispute:
    """Create an account and ask to join the organisation that holds the Business ID.

    The request is stored now; the organisation's admins see it, and are e-mailed, once the person has
    confirmed the e-mail address (until then the account is inactive and the request hidden).

    When the holder is not verified, whoever registered it may not be the company: the person's request is
    then a claim ("this is my company") for the platform staff's verification queue, not a request to the
    holder (docs/identity.md)."""
    email = _new_user_checks(email, language, check_taken=False)
    organisation = registered_organisation(business_id=business_id)
    if organisation is None:
        identifier_clean(scheme=OrganisationIdentifier.FINNISH_BUSINESS_ID, identifier=business_id)
        raise ServiceValidationError(
            ErrorCode.NOT_REGISTERED,
            _("No organisation is registered with this Business ID. Register it instead."),
            field="business_id",
        )
    _email_free(email)
    user = User.objects.create_user(
        email, password, full_name=full_name.strip(), preferred_language=language, is_active=False
    )
    audit_record(
        actor=user,
        action=AuditEvent.Action.CREATED,
        target=user,
        changes={"email": (None, email)},
        data={"join_request": organisation.slug},
    )
    request: JoinRequest | VerificationDispute
    if organisation.is_verified:
        request = join_request_create(user=user, organisation=organisation, message=message, base_url=base_url)
    else:
        request = dispute_open(user=user, organisation=organisation, message=message)
    transaction.on_commit(lambda: _send_verification(user, base_url))
    return request


@transaction.atomic
def invitation_signup(*, token: str, full_name: str, password: str, language: str) -> User:
    """Create an account from an invitation and join. The link came by e-mail, so the address is confirmed."""
    invitation = invitation_get(token=token)
    email = _new_user_checks(invitation.email, language)
    try:
        password_validation.validate_password(password)
    except ValidationError as exc:
        raise ServiceValidationError(ErrorCode.WEAK_PASSWORD, " ".join(exc.messages), field="password")
    user = User.objects.create_user(
        email, password, full_name=full_name.strip(), preferred_language=language, is_active=True
    )
    audit_record(
        actor=user,
        action=AuditEvent.Action.CREATED,
        target=user,
        changes={"email": (None, email)},
        data={"invitation": invitation.pk, "organisation": invitation.organisation.slug},
    )
    invitation_accept(actor=user, token=token)
    return user


@transaction.atomic
def email_verify(*, token: str, base_url: str = "") -> User:
    try:
        data = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ServiceValidationError(
            ErrorCode.LINK_EXPIRED, _("The confirmation link has expired. Sign up again or ask for a new link.")
        ) from exc
    except signing.BadSignature as exc:
        raise ServiceValidationError(ErrorCode.LINK_INVALID, _("The confirmation link is not valid.")) from exc
    user = User.objects.select_for_update().filter(pk=data.get("user"), email=data.get("email")).first()
    if user is None:
        raise ServiceValidationError(ErrorCode.LINK_INVALID, _("The confirmation link is not valid."))
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(
            actor=user,
            action=AuditEvent.Action.UPDATED,
            target=user,
            changes={"is_active": (False, True)},
            data={"reason": "email_verified"},
        )
        join_requests_notify_admins(user=user, base_url=base_url)
        verify_by_email_domain(user=user)
    return user
