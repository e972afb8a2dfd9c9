from django.db import models
from django.utils.translation import gettext_lazy as _


class PilotParticipant(models.Model):
    """An organisation taking part in a pilot: a city, the company, a research partner or another."""

    class Role(models.TextChoices):
        CITY = "city", _("City")
        COMPANY = "company", _("Company")
        RESEARCH = "research", _("Research organisation")
        OTHER = "other", _("Other")

    pilot = models.ForeignKey(
        "pilots.Pilot", verbose_name=_("pilot"), on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="pilot_participations",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)

    class Meta:
        verbose_name = _("pilot participant")
        verbose_name_plural = _("pilot participants")
        ordering = ["role", "id"]
        constraints = [models.UniqueConstraint(fields=["pilot", "organisation"], name="pilot_participant_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"
