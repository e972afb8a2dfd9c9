from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvaluatorAssignment(models.Model):
    """A person the owners asked to evaluate a submitted proposal."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="evaluators"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        on_delete=models.CASCADE,
        related_name="evaluator_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        db_table = "proposals_evaluatorassignment"  # created by the proposals app before the model moved here
        verbose_name = _("evaluator assignment")
        verbose_name_plural = _("evaluator assignments")
        constraints = [models.UniqueConstraint(fields=["proposal", "evaluator"], name="evaluator_unique")]

    def __str__(self) -> str:
        return f"{self.evaluator} → {self.proposal}"
