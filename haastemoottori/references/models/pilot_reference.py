import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PilotReference(models.Model):
    """A city's signed reference to an organisation that took part in a finished pilot: a W3C Verifiable
    Credential (Open Badges 3.0 shape) signed by the installation (``token``, a VC-JOSE ``vc+jwt``).

    ``credential`` is the signed payload as it was signed (never edited); revoking sets the credential's entry in
    the status list and records who, when and why here. ``is_public``: the holder shows it on its profile."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    pilot = models.ForeignKey(
        "pilots.Pilot", verbose_name=_("pilot"), on_delete=models.PROTECT, related_name="references"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="pilot_references",
    )
    issuer = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("issuing city"), on_delete=models.PROTECT, related_name="+"
    )
    signer_role = models.CharField(_("signer's role"), max_length=200)
    statement = models.TextField(_("statement"))
    language = models.CharField(_("language"), max_length=10)
    credential = models.JSONField(_("credential"))
    token = models.TextField(_("signed credential (JWT)"))
    key_id = models.CharField(_("signing key"), max_length=64)
    status_entry = models.JSONField(_("status list entry"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued"))
    is_public = models.BooleanField(_("shown on the profile"), default=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)

    class Meta:
        verbose_name = _("pilot reference")
        verbose_name_plural = _("pilot references")
        ordering = ["-issued_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pilot", "organisation"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_valid_reference_per_pilot_and_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pilot} → {self.organisation}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
