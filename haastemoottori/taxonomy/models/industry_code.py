from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class IndustryCode(TranslatableMixin, models.Model):
    """A TOL 2008 industry code (the Finnish version of NACE Rev. 2): a section letter or 2–5 digits."""

    TRANSLATED_FIELDS = ("name",)

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.JSONField(_("name"), default=dict)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")

    class Meta:
        verbose_name = _("industry code")
        verbose_name_plural = _("industry codes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.t.name}"
