from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VerificationDisputeQuerySet(models.QuerySet["VerificationDispute"]):
    def open(self) -> Self:
        return self.filter(status=VerificationDispute.Status.OPEN)


class VerificationDispute(models.Model):
    """ "This is my company": a person says an organisation registered by someone else is theirs.

    Goes to the platform admins' verification queue; never to the organisation's current admins."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for review")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="disputes",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(_("message"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True, max_length=2000)

    objects = VerificationDisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("ownership dispute")
        verbose_name_plural = _("ownership disputes")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], condition=models.Q(status="open"), name="dispute_one_open"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ↔ {self.organisation}"
