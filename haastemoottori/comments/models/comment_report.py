from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommentReportQuerySet(models.QuerySet["CommentReport"]):
    def open(self) -> Self:
        return self.filter(resolved_at__isnull=True)


class CommentReport(models.Model):
    """A person tells the owners that a comment breaks the rules. Seen only by the owners."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        OFFENSIVE = "offensive", _("Offensive or inappropriate")
        PERSONAL_DATA = "personal_data", _("Contains personal data")
        OFF_TOPIC = "off_topic", _("Off-topic")
        OTHER = "other", _("Other")

    class Resolution(models.TextChoices):
        HIDDEN = "hidden", _("Comment hidden")
        KEPT = "kept", _("Comment kept")

    comment = models.ForeignKey(
        "comments.Comment", verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    text = models.TextField(_("details"), blank=True)
    created_at = models.DateTimeField(_("reported"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution = models.CharField(_("resolution"), max_length=10, choices=Resolution.choices, blank=True)

    objects = CommentReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="comment_report_once")]

    def __str__(self) -> str:
        return f"Report #{self.pk} on comment #{self.comment_id}"
