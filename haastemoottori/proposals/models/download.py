from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AttachmentDownload(models.Model):
    """Every download of an attachment, by whom and when."""

    attachment = models.ForeignKey(
        "proposals.ProposalAttachment", verbose_name=_("attachment"), on_delete=models.CASCADE, related_name="downloads"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("downloaded"), auto_now_add=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("attachment download")
        verbose_name_plural = _("attachment downloads")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.attachment_id} {self.at:%Y-%m-%d %H:%M}"
