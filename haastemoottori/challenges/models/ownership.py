from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChallengeOwnership(models.Model):
    """An organisation's part in a challenge: the one lead, co-owners (who approve) or contributors."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead owner")
        CO_OWNER = "co_owner", _("Co-owner")
        CONTRIBUTOR = "contributor", _("Contributor")

    APPROVER_ROLES = (Role.LEAD, Role.CO_OWNER)

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="ownerships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="challenge_ownerships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    budget_share = models.DecimalField(_("budget share (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    approved_version = models.PositiveIntegerField(_("approved version"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("challenge owner")
        verbose_name_plural = _("challenge owners")
        ordering = ["challenge_id", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "organisation"], name="ownership_unique"),
            models.UniqueConstraint(fields=["challenge"], condition=models.Q(role="lead"), name="ownership_one_lead"),
            models.CheckConstraint(
                condition=models.Q(budget_share__isnull=True)
                | (models.Q(budget_share__gte=0) & models.Q(budget_share__lte=100)),
                name="ownership_budget_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    @property
    def must_approve(self) -> bool:
        return self.role in self.APPROVER_ROLES

    def has_approved(self, version: int) -> bool:
        return self.approved_version == version
