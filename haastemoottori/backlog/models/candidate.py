from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class Candidate(TranslatableMixin, models.Model):
    """A candidate challenge in a region's backlog: a draft challenge promoted from a cluster or a signal.

    Keeps its provenance (the cluster and the signals it was made of). It is ranked in the backlog of each
    city that owns its challenge; the ranking and its reasons become public when staff publish it.
    """

    TRANSLATED_FIELDS = ("public_reason",)

    challenge = models.OneToOneField(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="candidate"
    )
    cluster = models.ForeignKey(
        "signals.SignalCluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="candidates",
    )
    signals = models.ManyToManyField("signals.Signal", verbose_name=_("signals"), blank=True, related_name="candidates")
    promoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("promoted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    promoted_at = models.DateTimeField(_("promoted"), auto_now_add=True)
    # Published: its place in the ranking and the reasons are on the public foresight page and feed.
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    public_reason = models.JSONField(_("why it matters"), default=dict, blank=True)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")

    class Meta:
        verbose_name = _("candidate challenge")
        verbose_name_plural = _("candidate challenges")
        ordering = ["-promoted_at", "-id"]

    def __str__(self) -> str:
        return str(self.challenge)
