from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PairwiseComparison(models.Model):
    """One answer to "which of these two matters more?" by a staff member of a city, for large backlogs."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("city"), on_delete=models.CASCADE, related_name="+"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voter"), on_delete=models.CASCADE, related_name="+"
    )
    winner = models.ForeignKey(
        "backlog.Candidate", verbose_name=_("chosen"), on_delete=models.CASCADE, related_name="+"
    )
    loser = models.ForeignKey(
        "backlog.Candidate", verbose_name=_("not chosen"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("pairwise comparison")
        verbose_name_plural = _("pairwise comparisons")
        constraints = [
            models.CheckConstraint(condition=~models.Q(winner=models.F("loser")), name="backlog_pair_distinct")
        ]

    def __str__(self) -> str:
        return f"{self.winner_id} > {self.loser_id}"
