from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Award(models.Model):
    """A procurement decision: the supplier chosen, optionally for a selected proposal, and the value."""

    CURRENCIES = [("EUR", "EUR")]

    path = models.ForeignKey(
        "procurement.ProcurementPath",
        verbose_name=_("procurement path"),
        on_delete=models.CASCADE,
        related_name="awards",
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("selected proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supplier = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("supplier"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The supplier's name when the award was recorded (kept if the organisation is renamed).
    supplier_name = models.CharField(_("supplier name"), max_length=300)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3, choices=CURRENCIES, default="EUR")
    date = models.DateField(_("award date"))
    # Filled from an award notice: the notice and the winning tender's ID in it (BT-3201).
    notice = models.ForeignKey(
        "procurement.ProcurementNotice",
        verbose_name=_("award notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="awards",
    )
    notice_tender = models.CharField(_("tender in the notice"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["date", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(value__gte=0), name="award_value_not_negative")]

    def __str__(self) -> str:
        return f"{self.supplier_name} {self.value} {self.currency}"
