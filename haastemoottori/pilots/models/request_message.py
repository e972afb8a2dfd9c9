from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PilotRequestMessage(models.Model):
    """One message in a pilot request's thread: the platform owner's question or the requester's answer.
    Confidential like the request's details."""

    class Side(models.TextChoices):
        OWNER = "owner", _("Platform owner")
        REQUESTER = "requester", _("Requester")

    request = models.ForeignKey(
        "pilots.PilotRequest", verbose_name=_("pilot request"), on_delete=models.CASCADE, related_name="messages"
    )
    side = models.CharField(_("from"), max_length=10, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("pilot request message")
        verbose_name_plural = _("pilot request messages")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_side_display()}: {self.body[:40]}"
