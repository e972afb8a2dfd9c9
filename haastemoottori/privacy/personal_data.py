"""The personal data of the apps below this one: the account, the audit trail and Django admin's log."""

from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential, WebAuthnUserHandle

from haastemoottori.accounts.models import LinkGeneration, User
from haastemoottori.audit.models import AuditEvent

from .models import ProfileLink
from .registry import Erasure, register_extra_export, register_personal_data


def _forget_sign_in_attempts(user: User) -> None:
    # Login throttling (django-axes) keeps failed attempts by the e-mail address typed, not by a foreign key.
    AccessAttempt.objects.filter(username__iexact=user.email).delete()
    AccessFailureLog.objects.filter(username__iexact=user.email).delete()


def register() -> None:
    register_personal_data(User, fields={}, rows=lambda user: User.objects.filter(pk=user.pk))
    register_personal_data(
        AuditEvent,
        fields={"actor": Erasure.KEEP},
        # What the person did; labels and values may name others, so only the kind, target and time.
        exclude=("actor_label", "target_label", "changes", "data"),
        kept=_(
            "The audit trail of what you did stays, without your name or e-mail address: the organisations "
            "and the city must be able to show who changed what and when."
        ),
    )
    register_extra_export(
        "audit.changes_to_your_account",
        lambda user: AuditEvent.objects.filter(target_type="accounts.user", target_id=str(user.pk)),
        exclude=("actor", "actor_label"),
    )
    register_personal_data(ProfileLink, fields={"user": Erasure.DELETE})
    # Which generation of the person's signed links (calendar feed, unsubscribe) is valid: goes with them.
    register_personal_data(LinkGeneration, fields={"user": Erasure.DELETE})
    register_personal_data(
        LogEntry,
        fields={"user": Erasure.KEEP},
        exclude=("object_repr", "change_message"),
        scrub=("object_repr", "change_message"),
    )
    # Second-factor devices (accounts/second_factor.py) go with the account; their secrets never leave.
    register_personal_data(TOTPDevice, fields={"user": Erasure.DELETE}, exclude=("key",))
    register_personal_data(StaticDevice, fields={"user": Erasure.DELETE})
    register_personal_data(
        WebAuthnCredential,
        fields={"user": Erasure.DELETE},
        exclude=("credential_id", "public_key", "credential_id_sha256"),
    )
    register_personal_data(WebAuthnUserHandle, fields={"user": Erasure.DELETE}, exclude=("handle_hex",))
    register_personal_data(
        AccessAttempt,
        fields={},
        rows=lambda user: AccessAttempt.objects.filter(username__iexact=user.email),
        eraser=_forget_sign_in_attempts,
    )
