from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScoreSheet(models.Model):
    """One staff member's scores for one candidate against their city's criteria.

    Independent scoring: while a sheet is not submitted its scorer sees no other scores for the candidate.
    """

    candidate = models.ForeignKey(
        "backlog.Candidate", verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="score_sheets"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("city"), on_delete=models.CASCADE, related_name="+"
    )
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scorer"),
        on_delete=models.CASCADE,
        related_name="backlog_score_sheets",
    )
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "organisation", "scorer"], name="backlog_sheet_unique")
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"
