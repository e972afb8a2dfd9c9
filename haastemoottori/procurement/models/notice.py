from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class ProcurementNotice(TranslatableMixin, models.Model):
    """A public procurement notice about the challenge, e.g. in Hilma (hankintailmoitukset.fi) or TED.

    Typed by hand (kind, ID, link, date) or read from an eForms notice (``source`` file or Hilma): then the
    fields below come from the notice (business terms in docs/procurement.md) and a newer version of the same
    notice ID (a change notice) updates the record, with the change in the audit history.
    """

    TRANSLATED_FIELDS = ("title", "description")

    class Kind(models.TextChoices):
        PRIOR_INFORMATION = "prior_information", _("Prior information notice")
        CONTRACT_NOTICE = "contract_notice", _("Contract notice")
        AWARD_NOTICE = "award_notice", _("Contract award notice")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Typed in")
        EFORMS_FILE = "eforms_file", _("eForms file")
        HILMA = "hilma", _("Hilma")

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
    url = models.URLField(_("link to the notice"), max_length=500, blank=True)
    published_on = models.DateField(_("published"))
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    version = models.CharField(_("notice version"), max_length=20, blank=True)
    subtype = models.CharField(_("notice subtype"), max_length=10, blank=True)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    title = models.JSONField(_("title"), default=dict, blank=True)
    description = models.JSONField(_("description"), default=dict, blank=True)
    buyer_name = models.CharField(_("buyer"), max_length=300, blank=True)
    buyer_national_id = models.CharField(_("buyer's national ID"), max_length=100, blank=True)
    buyer = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("buyer on the platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    buyers = models.JSONField(_("buyers"), default=list, blank=True)
    cpv_codes = models.JSONField(_("CPV codes"), default=list, blank=True)
    procedure_type = models.CharField(_("procedure type"), max_length=30, blank=True)
    estimated_value = models.DecimalField(_("estimated value"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    tender_deadline = models.DateTimeField(_("tender deadline"), null=True, blank=True)
    lots = models.JSONField(_("lots"), default=list, blank=True)
    # BT-776 codes (innovative-acquisition) of the procedure and its lots; ``innovative`` when there is any.
    innovation = models.JSONField(_("innovative procurement"), default=list, blank=True)
    innovative = models.BooleanField(_("innovative procurement"), default=False, db_index=True)
    winners = models.JSONField(_("winners"), default=list, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("procurement notice")
        verbose_name_plural = _("procurement notices")
        ordering = ["published_on", "id"]
        constraints = [models.UniqueConstraint(fields=["path", "kind", "notice_id"], name="notice_unique_per_path")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.notice_id}"
