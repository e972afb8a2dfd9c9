from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class Milestone(TranslatableMixin, models.Model):
    """A step of a pilot with its due date; ``done_at`` is set when the owners mark it done."""

    TRANSLATED_FIELDS = ("title",)

    pilot = models.ForeignKey(
        "pilots.Pilot", verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.JSONField(_("title"), default=dict)
    original_language = models.CharField(_("original language"), max_length=10)
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return str(self.t.title)
