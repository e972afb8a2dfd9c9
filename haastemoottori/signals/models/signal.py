from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignalQuerySet(models.QuerySet["Signal"]):
    def accepted(self) -> Self:
        """Signals that count: staff-entered and imported ones, and resident suggestions a moderator accepted."""
        return self.filter(status=Signal.Status.ACCEPTED)

    def pending(self) -> Self:
        return self.filter(status=Signal.Status.PENDING)


class Signal(models.Model):
    """A short observation of a need, before anyone has formulated it as a challenge.

    Signals are read by city staff (they may hold a resident's own words and location); the public sees
    them only as counts per theme and period on the foresight page, and through the candidates made of them.
    A resident's suggestion waits for moderation; everything else is accepted on entry.
    """

    class Source(models.TextChoices):
        EXPERT = "expert", _("Expert note from a department")
        RESIDENT = "resident", _("Resident suggestion")
        STRATEGY = "strategy", _("Strategy goal")
        FORESIGHT = "foresight", _("Foresight trend")
        CSV = "csv", _("Imported from a spreadsheet")
        OPEN311 = "open311", _("Resident feedback (Open311)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACCEPTED)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("description"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    city = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("city"), on_delete=models.PROTECT, related_name="signals"
    )
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"), blank=True, related_name="signals")
    location_name = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    evidence_url = models.URLField(_("link to evidence"), max_length=500, blank=True)
    # When the need was observed (an imported request's own date); trends count by this.
    observed_at = models.DateTimeField(_("observed"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    # Where an imported signal came from: re-importing the same file or feed updates instead of duplicating.
    external_source = models.CharField(_("imported from"), max_length=100, blank=True)
    external_id = models.CharField(_("id at the source"), max_length=200, blank=True)
    moderation_reason = models.TextField(_("reason for rejecting"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    cluster = models.ForeignKey(
        "signals.SignalCluster",
        verbose_name=_("cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    # Placed in its cluster by a person (a merge, split or move): automatic clustering leaves it there.
    cluster_pinned = models.BooleanField(_("placed by staff"), default=False)
    # The embedding of title and text (float32 bytes), with the model that made it and the text it was made of.
    embedding = models.BinaryField(_("embedding"), null=True, blank=True, editable=False)
    embedding_model = models.CharField(_("embedding model"), max_length=100, blank=True, editable=False)
    embedding_hash = models.CharField(_("embedded text hash"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-observed_at", "-id"]
        indexes = [
            models.Index(fields=["status", "observed_at"], name="signal_status_observed_idx"),
            models.Index(fields=["cluster", "status"], name="signal_cluster_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "external_source", "external_id"],
                condition=~models.Q(external_id=""),
                name="signal_external_unique",
            ),
        ]

    def __str__(self) -> str:
        # The audit target label: a resident's words stay out of it.
        return f"#{self.pk}"

    @property
    def embedded_text(self) -> str:
        return f"{self.title}\n{self.text}".strip()
