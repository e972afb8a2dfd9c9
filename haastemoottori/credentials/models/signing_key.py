from django.db import models
from django.utils.translation import gettext_lazy as _


class SigningKey(models.Model):
    """One Ed25519 key pair of the installation. The private key is stored only encrypted (PKCS#8, with the
    passphrase HAASTEMOOTTORI_SIGNING_KEYS_SECRET from the environment); the public one as a JWK.

    One key is ``active`` and signs; rotated-out keys stay published and keep verifying what they signed;
    a retired key (compromised or long unused) is no longer published, its private key is wiped, and what it
    signed no longer verifies."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Signs new credentials")
        VERIFY_ONLY = "verify_only", _("Rotated out: verifies what it signed")
        RETIRED = "retired", _("Retired: no longer published")

    kid = models.CharField(_("key id"), max_length=64, unique=True)
    algorithm = models.CharField(_("algorithm"), max_length=20, default="EdDSA")
    public_jwk = models.JSONField(_("public key (JWK)"))
    private_key = models.TextField(_("private key (encrypted PKCS#8 PEM)"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    rotated_out_at = models.DateTimeField(_("rotated out"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["status"], condition=models.Q(status="active"), name="one_active_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kid} ({self.status})"
