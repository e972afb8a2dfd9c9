from django.db import models
from django.utils.translation import gettext_lazy as _


class Score(models.Model):
    """An evaluator's score on one criterion. Never changed after submission: an override is a separate row."""

    evaluation = models.ForeignKey(
        "evaluation.Evaluation", verbose_name=_("evaluation"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "evaluation.EvaluationCriterion", verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.DecimalField(_("score"), max_digits=9, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["evaluation", "criterion"], name="score_unique")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
