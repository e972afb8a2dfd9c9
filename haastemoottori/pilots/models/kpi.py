from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class KPI(TranslatableMixin, models.Model):
    """A key performance indicator of a pilot: from a baseline towards a target, measured over time."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")

    TRANSLATED_FIELDS = ("name",)

    pilot = models.ForeignKey("pilots.Pilot", verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="kpis")
    name = models.JSONField(_("name"), default=dict)
    original_language = models.CharField(_("original language"), max_length=10)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    method = models.TextField(_("measurement method"), blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=20, decimal_places=4)
    target = models.DecimalField(_("target"), max_digits=20, decimal_places=4)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    is_co2e = models.BooleanField(_("greenhouse gas emissions (CO2e)"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.t.name)
