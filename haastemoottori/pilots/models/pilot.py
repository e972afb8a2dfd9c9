from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from haastemoottori.core.i18n import TranslatableMixin


class PilotQuerySet(models.QuerySet["Pilot"]):
    def public(self) -> Self:
        """Pilots anyone may read: those of a published challenge."""
        return self.filter(challenge__published_at__isnull=False)


class Pilot(TranslatableMixin, models.Model):
    """A selected proposal tried out in a city: participants, place, time, money, KPIs and the results."""

    class Status(models.TextChoices):
        # The status of one pilot (singular; the list filter has its own words).
        PLANNED = "planned", pgettext_lazy("pilot status", "Planned")
        RUNNING = "running", pgettext_lazy("pilot status", "Running")
        FINISHED = "finished", pgettext_lazy("pilot status", "Finished")
        STOPPED = "stopped", pgettext_lazy("pilot status", "Stopped")

    class ScaleUp(models.TextChoices):
        PROCURE = "procure", _("Procure")
        EXTEND = "extend", _("Extend the pilot")
        STOP = "stop", _("Stop")

    TRANSLATED_FIELDS = ("title", "scope", "results", "lessons")

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.PROTECT, related_name="pilots"
    )
    proposal = models.OneToOneField(
        "proposals.Proposal",
        verbose_name=_("proposal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pilot",
    )
    title = models.JSONField(_("title"), default=dict)
    original_language = models.CharField(_("original language"), max_length=10)
    platform = models.ForeignKey(
        "platforms.DevelopmentPlatform",
        verbose_name=_("development platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pilots",
    )
    location = models.CharField(_("location"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget_total = models.DecimalField(_("total budget (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True)
    scope = models.JSONField(_("scope"), default=dict, blank=True)
    scale_up = models.CharField(_("scale-up decision"), max_length=10, choices=ScaleUp.choices, blank=True)
    scale_up_reasons = models.TextField(_("reasons for the scale-up decision"), blank=True)
    results = models.JSONField(_("results"), default=dict, blank=True)
    lessons = models.JSONField(_("lessons learned"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
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

    objects = PilotQuerySet.as_manager()

    class Meta:
        verbose_name = _("pilot")
        verbose_name_plural = _("pilots")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gt=models.F("start_date")),
                name="pilot_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(self.t.title) or f"#{self.pk}"

    @property
    def is_public(self) -> bool:
        return self.challenge.published_at is not None

    @property
    def is_finished(self) -> bool:
        return self.status == self.Status.FINISHED
