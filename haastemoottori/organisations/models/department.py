from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class Department(TranslatableMixin, models.Model):
    """A city's department (toimiala / sektor), or a unit of another organisation."""

    TRANSLATED_FIELDS = ("name",)

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
    slug = models.SlugField(_("identifier"), max_length=80)
    name = models.JSONField(_("name"), default=dict)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["organisation_id", "slug"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="department_slug_unique")]

    def __str__(self) -> str:
        return str(self.t.name) or self.slug
