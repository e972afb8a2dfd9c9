from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Adoption(models.Model):
    """Provenance of an adopted challenge: which public challenge (and finished pilot) it was copied from."""

    source_challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("original challenge"), on_delete=models.PROTECT, related_name="adoptions"
    )
    source_pilot = models.ForeignKey(
        "pilots.Pilot",
        verbose_name=_("original pilot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    adopted_challenge = models.OneToOneField(
        "challenges.Challenge",
        verbose_name=_("adopted challenge"),
        on_delete=models.CASCADE,
        related_name="adopted_from",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("adopted by"), on_delete=models.PROTECT, related_name="+"
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("adopted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(_("adopted"), auto_now_add=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["adopted_at", "id"]

    def __str__(self) -> str:
        return f"{self.source_challenge} → {self.organisation}"
