"""What organisations hold about a person (memberships, join requests, invitations) for the export and
erasure of personal data (privacy/registry.py). A sole admin's organisation gets another admin."""

from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from haastemoottori.accounts.models import User
from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.privacy.registry import Erasure, register_erasure_notice, register_personal_data

from .models import Invitation, JoinRequest, Membership, Organisation, VerificationDispute


def _sole_admin_of(user: User) -> list[tuple[Membership, Membership | None]]:
    """The organisations where the person is the only admin, each with the member who would take over (the
    longest-standing other member, or None)."""
    result = []
    for membership in Membership.objects.filter(user=user, role=Membership.Role.ADMIN).select_related("organisation"):
        others = Membership.objects.filter(organisation=membership.organisation).exclude(user=user)
        if others.filter(role=Membership.Role.ADMIN).exists():
            continue
        successor = others.order_by("created_at", "pk").select_related("user").first()
        result.append((membership, successor))
    return result


def sole_admin_notices(user: User) -> Iterable[str]:
    for membership, successor in _sole_admin_of(user):
        if successor is not None:
            yield _(
                "You are the only admin of %(organisation)s. %(member)s, its longest-standing member, becomes "
                "its admin."
            ) % {"organisation": membership.organisation, "member": successor.user.get_full_name()}
        else:
            yield _(
                "You are the only member of %(organisation)s. Its profile and submitted proposals stay; it will "
                "have no admin until the platform admins appoint one."
            ) % {"organisation": membership.organisation}


def _hand_over(user: User) -> None:
    for _membership, successor in _sole_admin_of(user):
        if successor is None:
            continue
        old = successor.role
        successor.role = Membership.Role.ADMIN
        successor.save(update_fields=["role"])
        audit_record(
            actor=user,
            action=AuditEvent.Action.MEMBER_CHANGED,
            target=successor,
            changes={"role": (old, successor.role)},
            data={"reason": "previous_admin_deleted_account"},
        )


def _delete_invitations(user: User) -> None:
    Invitation.objects.filter(email__iexact=user.email).delete()


def register() -> None:
    register_personal_data(
        Membership,
        fields={"user": Erasure.DELETE},
        eraser=_hand_over,
        kept=gettext_lazy(
            "The profiles of your organisations stay: they are the organisations' own, not yours. You stop being "
            "a member."
        ),
    )
    register_personal_data(JoinRequest, fields={"user": Erasure.DELETE, "decided_by": Erasure.DETACH})
    register_personal_data(
        Invitation,
        fields={"invited_by": Erasure.DETACH, "accepted_by": Erasure.DETACH},
        # Invitations the person sent carry other people's addresses: only those addressed to them.
        rows=lambda user: Invitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=user.email)),
        exclude=("token_hash",),
        eraser=_delete_invitations,
    )
    # A claim ("this is my company") is the person's own; the staff member who decided it is detached.
    register_personal_data(VerificationDispute, fields={"user": Erasure.DELETE, "decided_by": Erasure.DETACH})
    # The organisation's verification stays (it is the organisation's), without the name of who verified it.
    register_personal_data(
        Organisation,
        fields={"verified_by": Erasure.DETACH},
        rows=lambda user: Organisation.objects.filter(verified_by=user),
        kept=gettext_lazy("Organisations you verified stay verified; your name is removed from the record."),
    )
    register_erasure_notice(sole_admin_notices)
