from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.challenges.lifecycle import Route
from haastemoottori.core.i18n import TranslatableMixin


class ProcurementPath(TranslatableMixin, models.Model):
    """How a challenge leads to public procurement: the route, notices, awards and contracts.

    ``ocid`` (the Open Contracting ID) is assigned once when the path is created, as
    ``<HAASTEMOOTTORI_OCID_PREFIX>-<challenge id>``, and never changed (not even if the prefix setting
    changes later): every OCDS release about this challenge carries it.
    """

    TRANSLATED_FIELDS = ("description",)

    challenge = models.OneToOneField(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="procurement"
    )
    ocid = models.CharField(_("open contracting ID"), max_length=100, unique=True, editable=False)
    route = models.CharField(_("procurement route"), max_length=30, choices=Route.choices, blank=True)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    description = models.JSONField(_("description"), default=dict, blank=True)
    # CPV codes of the planned procurement, with check digits ("72000000-5"); the consultation notice uses them.
    cpv_codes = models.JSONField(_("CPV codes"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("procurement path")
        verbose_name_plural = _("procurement paths")

    def __str__(self) -> str:
        return self.ocid
