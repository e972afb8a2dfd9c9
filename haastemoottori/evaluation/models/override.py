from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScoreOverride(models.Model):
    """A manager's replacement of one submitted score, with a written justification. The score itself is kept;
    the latest override counts in the aggregation."""

    score = models.ForeignKey(
        "evaluation.Score", verbose_name=_("score"), on_delete=models.CASCADE, related_name="overrides"
    )
    value = models.DecimalField(_("new score"), max_digits=9, decimal_places=2)
    justification = models.TextField(_("justification"))
    language = models.CharField(_("language"), max_length=10, default="fi")
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("overridden by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("overridden"), auto_now_add=True)

    class Meta:
        verbose_name = _("score override")
        verbose_name_plural = _("score overrides")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.score} → {self.value}"
