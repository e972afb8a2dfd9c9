from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.Model):
    """The owners' decision on one submitted proposal, with its justification and the applicant's feedback.

    Made only when every assigned, non-recused evaluation of the proposal is complete (evaluation services).
    A selected proposal can become a pilot (pilots app).
    """

    class Outcome(models.TextChoices):
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    proposal = models.OneToOneField(
        "proposals.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    justification = models.TextField(_("justification"))
    # Sent to the applicant in their language; written by the owners (no other applicant's content).
    feedback = models.TextField(_("feedback to the applicant"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"))
    feedback_sent_at = models.DateTimeField(_("feedback sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.proposal}: {self.get_outcome_display()}"

    @property
    def is_selected(self) -> bool:
        return self.outcome == self.Outcome.SELECTED
