from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationIdentifier(models.Model):
    """A registry identifier with its org-id.guide scheme (the codes OCDS uses), unique per scheme.

    ``FI-PRO`` is the Finnish Trade Register's Business ID (Y-tunnus); other countries' registries fit
    with their own scheme codes (e.g. ``SE-BLV``, ``EE-RIK``, ``GB-COH``).
    """

    FINNISH_BUSINESS_ID = "FI-PRO"

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="identifiers",
    )
    scheme = models.CharField(_("scheme"), max_length=20)
    identifier = models.CharField(_("identifier"), max_length=64)

    class Meta:
        verbose_name = _("registry identifier")
        verbose_name_plural = _("registry identifiers")
        ordering = ["scheme", "identifier"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "identifier"], name="identifier_unique_per_scheme"),
        ]

    def __str__(self) -> str:
        return f"{self.scheme}-{self.identifier}"
