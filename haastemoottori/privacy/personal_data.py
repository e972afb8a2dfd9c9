"""The personal data of the apps below this one: the account, the audit trail and Django admin's log."""

from django.contrib.admin.models import LogEntry
from django.utils.translation import gettext_lazy as _

from haastemoottori.accounts.models import LinkGeneration, User
from haastemoottori.audit.models import AuditEvent

from .models import ProfileLink
from .registry import Erasure, register_extra_export, register_personal_data


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
