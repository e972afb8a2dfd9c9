from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class Reference(TranslatableMixin, models.Model):
    """An earlier project a company or research organisation shows on its profile (a city project, a pilot)."""

    TRANSLATED_FIELDS = ("title", "description")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="references",
    )
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    client = models.CharField(
        _("client"), max_length=200, blank=True, help_text=_("The city or organisation the work was done for.")
    )
    client_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("client on the platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    is_pilot = models.BooleanField(_("pilot"), default=False)
    url = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reference")
        verbose_name_plural = _("references")
        ordering = ["organisation_id", "-year", "-id"]

    def __str__(self) -> str:
        return str(self.t.title)
