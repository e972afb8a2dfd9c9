from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs):
        raise TypeError("Audit events are append-only.")

    def delete(self):
        raise TypeError("Audit events are append-only.")

    def for_object(self, obj: models.Model) -> Self:
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))

    def public(self) -> Self:
        return self.filter(is_public=True)


class AuditEvent(models.Model):
    """One recorded change: who, when, what, which fields with old and new values. Append-only."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        UPDATED = "updated", _("Edited")
        OWNER_ADDED = "owner_added", _("Owner added")
        OWNER_REMOVED = "owner_removed", _("Owner removed")
        APPROVED = "approved", _("Approved")
        APPROVAL_WITHDRAWN = "approval_withdrawn", _("Approval withdrawn")
        APPROVALS_RESET = "approvals_reset", _("Approvals reset")
        TRANSITIONED = "transitioned", _("Stage changed")
        MEMBER_ADDED = "member_added", _("Member added")
        MEMBER_CHANGED = "member_changed", _("Member's role changed")
        MEMBER_REMOVED = "member_removed", _("Member removed")
        DELETED = "deleted", _("Deleted")
        FOLLOWED = "followed", _("Followed")
        UNFOLLOWED = "unfollowed", _("Stopped following")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    target_type = models.CharField(_("target type"), max_length=100)
    target_id = models.CharField(_("target"), max_length=64)
    target_label = models.CharField(_("target"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    is_public = models.BooleanField(_("public"), default=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "created_at"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        # Integrity guard, not business logic: an audit record is written once and never changed.
        if self.pk is not None:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are append-only.")
