from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .notification import Notification


class NotificationPreference(models.Model):
    """How a person wants e-mail about one category of notifications. No row: immediately.

    The in-app notification is always created; this decides only the e-mail (immediately, in the alerts
    digest, or not at all). The choice is copied to ``Notification.email`` when a notification is created.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    # A key of ``categories.CATEGORIES`` (checked by the service; no choices, so a new category needs no migration).
    category = models.CharField(_("category"), max_length=30)
    email = models.CharField(
        _("e-mail"), max_length=10, choices=Notification.Email.choices, default=Notification.Email.IMMEDIATE
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "category"], name="notification_pref_unique")]

    def __str__(self) -> str:
        return f"{self.user}: {self.category} = {self.email}"
