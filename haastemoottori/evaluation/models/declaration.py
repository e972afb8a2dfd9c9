from django.db import models
from django.utils.translation import gettext_lazy as _


class Declaration(models.Model):
    """The conflict-of-interest state of one evaluator assignment (no row yet: nothing declared).

    ``cleared``: the evaluator declared no conflict and none was detected; they may score.
    ``recused``: a declared or detected conflict; the evaluator can no longer open or score the proposal.
    """

    class Status(models.TextChoices):
        CLEARED = "cleared", _("No conflict of interest")
        RECUSED = "recused", _("Recused")

    class Reason(models.TextChoices):
        DECLARED = "declared", _("Conflict of interest declared by the evaluator")
        LEAD_MEMBER = "lead_member", _("The evaluator is a member of the lead organisation")
        PARTNER_MEMBER = "partner_member", _("The evaluator is a member of a partner organisation")
        RELATIONSHIP = "relationship", _("The evaluator declared a relationship with the lead or a partner")

    assignment = models.OneToOneField(
        "evaluation.EvaluatorAssignment",
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="declaration",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    description = models.TextField(_("description of the conflict"), blank=True)
    business_ids = models.JSONField(_("related Business IDs"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=10, default="fi")
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    reason_detail = models.CharField(_("details"), max_length=300, blank=True)
    recused_at = models.DateTimeField(_("recused"), null=True, blank=True)

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")

    def __str__(self) -> str:
        return f"{self.assignment}: {self.get_status_display()}"

    @property
    def is_recused(self) -> bool:
        return self.status == self.Status.RECUSED
