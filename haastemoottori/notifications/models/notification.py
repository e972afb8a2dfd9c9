from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One message to one person, rendered in their language when it was sent; shown in the inbox.

    ``kind`` is ``<category>.<event>`` (e.g. ``qa.answer_published``); the category (see
    ``categories.py``) decides the person's e-mail preference. Confidential content never goes here:
    the text is written for the recipient only, but it is also e-mailed.
    """

    class Email(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        DIGEST = "digest", _("In the digest")
        NONE = "none", _("Not by e-mail")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=60)
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # What was decided for e-mail when it was created (from the person's preference for the category).
    email = models.CharField(_("e-mail"), max_length=10, choices=Email.choices, default=Email.IMMEDIATE)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["email", "emailed_at"], name="notification_email_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"

    @property
    def category(self) -> str:
        return self.kind.split(".", 1)[0]
