from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalAnswer(models.Model):
    """The answer to one question: text, number or the index of a choice (files are attachments)."""

    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        "proposals.CallQuestion", verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("text"), blank=True)
    number = models.DecimalField(_("number"), max_digits=18, decimal_places=2, null=True, blank=True)
    choice = models.PositiveSmallIntegerField(_("choice"), null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["proposal", "question"], name="answer_unique_per_question")]

    def __str__(self) -> str:
        return f"{self.proposal_id} / {self.question_id}"

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.number is None and self.choice is None
