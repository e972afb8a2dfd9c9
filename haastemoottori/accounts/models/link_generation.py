from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkGeneration(models.Model):
    """How many times a person has renewed their signed links of one purpose (accounts/signed_links.py):
    a link carries the generation it was made in, so renewing revokes that person's old links of that
    purpose alone, without changing the secret key for everyone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="link_generations"
    )
    purpose = models.CharField(_("purpose"), max_length=100)
    generation = models.PositiveIntegerField(_("generation"), default=0)
    renewed_at = models.DateTimeField(_("renewed"), auto_now=True)

    class Meta:
        verbose_name = _("signed link generation")
        verbose_name_plural = _("signed link generations")
        constraints = [models.UniqueConstraint(fields=["user", "purpose"], name="link_generation_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose} {self.generation}"
