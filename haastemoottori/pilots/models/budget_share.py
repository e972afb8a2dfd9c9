from django.db import models
from django.utils.translation import gettext_lazy as _


class PilotBudgetShare(models.Model):
    """One city's share of a pilot's budget in euros; the shares never add up to more than the total."""

    pilot = models.ForeignKey(
        "pilots.Pilot", verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="budget_shares"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("amount (EUR)"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("budget share")
        verbose_name_plural = _("budget shares")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["pilot", "organisation"], name="pilot_budget_share_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="pilot_budget_share_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.amount} EUR"
