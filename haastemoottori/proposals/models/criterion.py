from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class CallCriterion(TranslatableMixin, models.Model):
    """An evaluation criterion shown to applicants, with its weight."""

    TRANSLATED_FIELDS = ("name", "description")

    call = models.ForeignKey(
        "proposals.Call", verbose_name=_("call"), on_delete=models.CASCADE, related_name="criteria"
    )
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    name = models.JSONField(_("name"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight (%)"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return str(self.t.name)
