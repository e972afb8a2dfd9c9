from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcurementNotice(models.Model):
    """A public procurement notice about the challenge, e.g. in Hilma (hankintailmoitukset.fi) or TED."""

    class Kind(models.TextChoices):
        PRIOR_INFORMATION = "prior_information", _("Prior information notice")
        CONTRACT_NOTICE = "contract_notice", _("Contract notice")
        AWARD_NOTICE = "award_notice", _("Contract award notice")

    path = models.ForeignKey(
        "procurement.ProcurementPath",
        verbose_name=_("procurement path"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind of notice"), max_length=20, choices=Kind.choices)
    notice_id = models.CharField(
        _("notice ID"), max_length=100, help_text=_("The identifier in the notice service, e.g. a Hilma ID.")
    )
    url = models.URLField(_("link to the notice"), max_length=500)
    published_on = models.DateField(_("published"))
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("procurement notice")
        verbose_name_plural = _("procurement notices")
        ordering = ["published_on", "id"]
        constraints = [models.UniqueConstraint(fields=["path", "kind", "notice_id"], name="notice_unique_per_path")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.notice_id}"
