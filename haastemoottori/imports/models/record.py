from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedRecord(models.Model):
    """Where an imported challenge or organisation came from: makes re-imports idempotent by source id."""

    source = models.CharField(_("source"), max_length=40)
    source_id = models.CharField(_("source id"), max_length=200)
    challenge = models.OneToOneField(
        "challenges.Challenge",
        verbose_name=_("challenge"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="imported_from",
    )
    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="imported_from",
    )
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    # What the importer needs on the next run: the source URL, and for organisations the imported
    # industry codes, themes, cities, identifiers and the ids of the references it created.
    details = models.JSONField(_("details"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="imported_record_unique")]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"
