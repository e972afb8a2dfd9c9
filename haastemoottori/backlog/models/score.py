from django.db import models
from django.utils.translation import gettext_lazy as _


class Score(models.Model):
    """A score on one criterion within a score sheet."""

    sheet = models.ForeignKey(
        "backlog.ScoreSheet", verbose_name=_("score sheet"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "backlog.Criterion", verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["sheet", "criterion"], name="backlog_score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"
