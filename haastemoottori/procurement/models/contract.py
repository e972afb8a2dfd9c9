from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Contract(models.Model):
    """A signed contract that follows an award. Statuses are the OCDS contractStatus codes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACTIVE = "active", _("Active")
        CANCELLED = "cancelled", _("Cancelled")
        TERMINATED = "terminated", _("Terminated")

    award = models.ForeignKey(
        "procurement.Award", verbose_name=_("award"), on_delete=models.CASCADE, related_name="contracts"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3, choices=[("EUR", "EUR")], default="EUR")
    signed_on = models.DateField(_("signed"))
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    # The contract's ID in the award notice it was read from (BT-150), if any.
    notice_contract = models.CharField(_("contract in the notice"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["signed_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(value__gte=0), name="contract_value_not_negative"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="contract_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.currency} ({self.signed_on})"
