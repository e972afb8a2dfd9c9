from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self) -> Self:
        return self.exclude(status=Registration.Status.CANCELLED)

    def registered(self) -> Self:
        return self.filter(status=Registration.Status.REGISTERED)

    def waitlisted(self) -> Self:
        return self.filter(status=Registration.Status.WAITLISTED).order_by("queued_at", "id")


class Registration(models.Model):
    """A person's place at an event (or on its waiting list). One row per person and event: registering
    again after cancelling reactivates the same row, at the end of the queue."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="event_registrations"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("representing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    # Shown to the organisers only (dietary or accessibility needs).
    note = models.TextField(_("note to the organisers"), blank=True)
    # When the person last (re)registered: the waiting list is served in this order.
    queued_at = models.DateTimeField(_("registered"))
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["queued_at", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_one_per_person")]
        indexes = [models.Index(fields=["event", "status", "queued_at"], name="registration_queue_idx")]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED
