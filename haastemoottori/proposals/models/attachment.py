import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


def private_storage() -> FileSystemStorage:
    """Files outside MEDIA_ROOT and STATIC_ROOT: no web server serves them, only the download view."""
    location = getattr(settings, "PRIVATE_MEDIA_ROOT", settings.BASE_DIR / "var" / "private")
    return FileSystemStorage(location=location, base_url=None)


def random_name(instance, filename: str) -> str:
    """A random stored name without the original name or extension."""
    return f"proposals/{uuid.uuid4().hex}"


class ProposalAttachment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(
        "proposals.Proposal", verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="attachments"
    )
    question = models.ForeignKey(
        "proposals.CallQuestion", verbose_name=_("question"), on_delete=models.PROTECT, related_name="attachments"
    )
    original_name = models.CharField(_("file name"), max_length=200)
    file = models.FileField(_("file"), storage=private_storage, upload_to=random_name, max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "original_name"]

    def __str__(self) -> str:
        return self.original_name
