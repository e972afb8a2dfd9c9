from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OidcIdentity(models.Model):
    """A person as one identity provider knows them (its ``sub``), linked to a platform account."""

    provider = models.ForeignKey(
        "sso.OidcProvider", verbose_name=_("identity provider"), on_delete=models.CASCADE, related_name="identities"
    )
    subject = models.CharField(_("subject"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="oidc_identities"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_sign_in_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("city identity")
        verbose_name_plural = _("city identities")
        constraints = [models.UniqueConstraint(fields=["provider", "subject"], name="oidc_identity_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.provider.slug}"
