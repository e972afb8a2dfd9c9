from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class KPIMeasurement(models.Model):
    """One measured value of a KPI. Appended only: a correction is a new row with a note (``corrects``)."""

    kpi = models.ForeignKey("pilots.KPI", verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="measurements")
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    measured_on = models.DateField(_("measured on"))
    note = models.TextField(_("note"), blank=True)
    corrects = models.ForeignKey(
        "self", verbose_name=_("corrects"), null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("KPI measurement")
        verbose_name_plural = _("KPI measurements")
        ordering = ["measured_on", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.value} ({self.measured_on})"
