from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin

MB = 1024 * 1024


class Call(TranslatableMixin, models.Model):
    """The open call of a challenge: who may apply, how, and the limits of attachments.

    The deadline is the challenge's ``call_deadline``; a call has no deadline of its own.
    """

    TRANSLATED_FIELDS = ("eligibility", "instructions")

    challenge = models.OneToOneField(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="call"
    )
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    eligibility = models.JSONField(_("eligibility"), default=dict, blank=True)
    instructions = models.JSONField(_("instructions"), default=dict, blank=True)
    max_file_size = models.PositiveIntegerField(_("largest attachment (bytes)"), default=10 * MB)
    max_files = models.PositiveSmallIntegerField(_("attachments per proposal"), default=5)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")

    def __str__(self) -> str:
        return str(self.challenge)
