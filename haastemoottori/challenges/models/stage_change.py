from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..stages import Stage


class StageChange(models.Model):
    """One step on a challenge's timeline (the audit trail keeps the full record too)."""

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    reason = models.TextField(_("reason"), blank=True)
    changed_at = models.DateTimeField(_("time"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["challenge_id", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"
