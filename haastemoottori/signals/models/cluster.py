from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class SignalCluster(TranslatableMixin, models.Model):
    """Signals about one need, grouped by their embeddings across languages and cities, curated by staff.

    ``curated`` marks a cluster a person named, merged or split: automatic re-clustering adds new signals
    to it but never dissolves it. The counts are kept by the services so lists need no aggregation.
    """

    TRANSLATED_FIELDS = ("name",)

    name = models.JSONField(_("name"), default=dict, blank=True)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    curated = models.BooleanField(_("curated by staff"), default=False)
    # The mean of its signals' embeddings (float32 bytes, normalised), for assigning new signals.
    centroid = models.BinaryField(_("centroid"), null=True, blank=True, editable=False)
    embedding_model = models.CharField(_("embedding model"), max_length=100, blank=True, editable=False)
    signal_count = models.PositiveIntegerField(_("signals"), default=0)
    city_count = models.PositiveIntegerField(_("cities"), default=0)
    department_count = models.PositiveIntegerField(_("departments"), default=0)
    latest_signal_at = models.DateTimeField(_("latest signal"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("signal cluster")
        verbose_name_plural = _("signal clusters")
        ordering = ["-signal_count", "-id"]

    def __str__(self) -> str:
        return str(self.t.name) or f"#{self.pk}"

    @property
    def is_cross_boundary(self) -> bool:
        """Spans several cities or several departments: the needs the region wants most."""
        return self.city_count > 1 or self.department_count > 1
