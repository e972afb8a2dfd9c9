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
    # The mean of its signals' vectors in the clustering space (float32 bytes, not normalised: a vector's dot
    # product with it is the vector's average similarity to the members), for assigning new signals.
    centroid = models.BinaryField(_("centroid"), null=True, blank=True, editable=False)
    embedding_model = models.CharField(_("embedding model"), max_length=100, blank=True, editable=False)
    signal_count = models.PositiveIntegerField(_("signals"), default=0)
    city_count = models.PositiveIntegerField(_("cities"), default=0)
    department_count = models.PositiveIntegerField(_("departments"), default=0)
    latest_signal_at = models.DateTimeField(_("latest signal"), null=True, blank=True)
    # The signal nearest the centroid: its title names a cluster nobody has named.
    central_signal = models.ForeignKey(
        "signals.Signal",
        verbose_name=_("most central signal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("signal cluster")
        verbose_name_plural = _("signal clusters")
        ordering = ["-signal_count", "-id"]

    def __str__(self) -> str:
        return str(self.t.name) or f"#{self.pk}"

    @property
    def label(self) -> str:
        """The name staff gave it in the page's language, else the title of its most central signal."""
        name = self.t.name
        if name:
            return str(name)
        if self.central_signal_id and self.central_signal is not None:
            return self.central_signal.title
        return f"#{self.pk}"

    @property
    def is_cross_boundary(self) -> bool:
        """Spans several cities or several departments: the needs the region wants most."""
        return self.city_count > 1 or self.department_count > 1
