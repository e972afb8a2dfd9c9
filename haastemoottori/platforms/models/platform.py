from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class DevelopmentPlatform(TranslatableMixin, models.Model):
    """A development platform (kehitysalusta): a real area where solutions can be piloted."""

    TRANSLATED_FIELDS = ("name", "description", "location", "testing")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    owner = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("owner city"), on_delete=models.PROTECT, related_name="platforms"
    )
    name = models.JSONField(_("name"), default=dict)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    description = models.JSONField(_("description"), default=dict, blank=True)
    location = models.JSONField(_("location"), default=dict, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    testing = models.JSONField(_("what can be tested"), default=dict, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("development platform")
        verbose_name_plural = _("development platforms")
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.t.name) or self.slug
