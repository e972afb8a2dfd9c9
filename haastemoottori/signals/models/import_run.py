from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalImport(models.Model):
    """One bulk import of signals (a CSV file or an Open311 GeoReport v2 JSON document), with its progress.

    The uploaded file is kept under PRIVATE_MEDIA_ROOT until the run finishes, so a stopped run resumes
    from ``processed``; rows already imported are recognised by their source id and not duplicated.
    """

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        OPEN311 = "open311", _("Open311 GeoReport v2 JSON")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    city = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("city"), on_delete=models.CASCADE, related_name="signal_imports"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(_("stored file"), max_length=255, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    # [[row reference, reason], …] in the language of the person who started the import.
    rejected = models.JSONField(_("rejected rows"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal import")
        verbose_name_plural = _("signal imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_format_display()} #{self.pk}"
