from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertPreference(models.Model):
    """How often a person gets the digest e-mail (what they follow, and notifications set to the digest),
    and when the last one was sent. Kept with notifications, which every app sends through."""

    class Frequency(models.TextChoices):
        OFF = "off", _("Never (no e-mail)")
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="alert_preference"
    )
    frequency = models.CharField(_("digest e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    # Moves only when a digest was sent; the next digest covers what happened after it.
    last_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "alerts_alertpreference"  # created by the alerts app before the preference moved here
        verbose_name = _("alert preference")
        verbose_name_plural = _("alert preferences")
        indexes = [models.Index(fields=["frequency", "last_sent_at"], name="alertpref_due_idx")]

    def __str__(self) -> str:
        return f"{self.user}: {self.frequency}"
