from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A person follows a challenge (themes, cities and saved searches come with the alerts work)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="follows")
    challenge = models.ForeignKey("challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE,
                                  related_name="follows")
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "challenge"], name="follow_unique")]

    def __str__(self) -> str:
        return f"{self.user} → {self.challenge}"
