from datetime import datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class EventQuerySet(models.QuerySet["Event"]):
    def visible(self) -> Self:
        """Events anyone may read: published and cancelled ones (a cancelled event stays visible, marked)."""
        return self.all()

    def published(self) -> Self:
        return self.filter(status=Event.Status.PUBLISHED)

    def upcoming(self, now: datetime | None = None) -> Self:
        return self.filter(ends_at__gt=now or timezone.now())

    def past(self, now: datetime | None = None) -> Self:
        return self.filter(ends_at__lte=now or timezone.now())


class Event(TranslatableMixin, models.Model):
    """An info session, co-creation workshop or market dialogue a city holds about its challenges."""

    class Kind(models.TextChoices):
        INFO_SESSION = "info_session", _("Info session")
        WORKSHOP = "workshop", _("Co-creation workshop")
        MARKET_DIALOGUE = "market_dialogue", _("Market dialogue")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    TRANSLATED_FIELDS = ("title", "description")

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    organiser = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="events"
    )
    challenges = models.ManyToManyField("challenges.Challenge", verbose_name=_("challenges"), related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    original_language = models.CharField(_("original language"), max_length=10)
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.TextField(_("address"), blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    # The language spoken at the event (a code from settings.LANGUAGES).
    language = models.CharField(_("language of the event"), max_length=10)
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for unlimited seats.")
    )
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PUBLISHED)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
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

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="event_status_start_idx"),
            models.Index(fields=["ends_at", "id"], name="event_ends_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=~models.Q(location="") | ~models.Q(online_url=""), name="event_has_place"),
            models.CheckConstraint(
                condition=models.Q(registration_closes_at__isnull=True)
                | models.Q(registration_closes_at__lte=models.F("starts_at")),
                name="event_registration_closes_before_start",
            ),
        ]

    def __str__(self) -> str:
        return str(self.t.title) or self.slug

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def attendance_mode(self) -> str:
        """offline, online or mixed."""
        if self.location and self.online_url:
            return "mixed"
        return "online" if self.online_url else "offline"

    @property
    def registration_deadline(self):
        return self.registration_closes_at or self.starts_at

    def registration_open(self, now=None) -> bool:
        return not self.is_cancelled and (now or timezone.now()) < self.registration_deadline

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def is_past(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at
