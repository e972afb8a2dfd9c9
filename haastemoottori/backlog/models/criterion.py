from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class Criterion(TranslatableMixin, models.Model):
    """One of a city's prioritisation criteria (impact on residents, urgency, strategic fit, …) with its weight.

    Scored on a 1..``scale_max`` scale. A criterion that has scores is deactivated rather than deleted, so
    earlier rankings can still be explained.
    """

    TRANSLATED_FIELDS = ("name", "description")

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("city"), on_delete=models.CASCADE, related_name="backlog_criteria"
    )
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("prioritisation criterion")
        verbose_name_plural = _("prioritisation criteria")
        ordering = ["organisation_id", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=1, weight__lte=100), name="backlog_weight_range"),
            models.CheckConstraint(condition=models.Q(scale_max__gte=2, scale_max__lte=10), name="backlog_scale_range"),
        ]

    def __str__(self) -> str:
        return str(self.t.name)
