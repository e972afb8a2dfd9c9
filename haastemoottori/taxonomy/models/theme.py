from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class Theme(TranslatableMixin, models.Model):
    """A UN Sustainable Development Goal or a theme a deployment configures (e.g. carbon neutrality)."""

    class Kind(models.TextChoices):
        SDG = "sdg", _("UN Sustainable Development Goal")
        CITY = "city", _("City theme")

    TRANSLATED_FIELDS = ("name",)

    slug = models.SlugField(_("identifier"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField(_("SDG number"), null=True, blank=True)
    name = models.JSONField(_("name"), default=dict)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    ordering = models.PositiveSmallIntegerField(_("ordering"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["kind", "number", "ordering", "slug"]

    def __str__(self) -> str:
        return str(self.t.name) or self.slug
