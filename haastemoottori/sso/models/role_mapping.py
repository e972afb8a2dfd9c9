from django.db import models
from django.utils.translation import gettext_lazy as _

# organisations.Membership.Role's values (sso sits above organisations; repeated so the field needs no import).
ROLE_CHOICES = [
    ("admin", _("Organisation admin")),
    ("challenge_owner", _("Challenge owner")),
    ("evaluator", _("Evaluator")),
    ("member", _("Member")),
]
# When several values of the claim match, the strongest role wins.
ROLE_RANK = {"admin": 4, "challenge_owner": 3, "evaluator": 2, "member": 1}


class OidcRoleMapping(models.Model):
    """One value of the provider's groups/roles claim and the role (and department) it gives in the city."""

    provider = models.ForeignKey(
        "sso.OidcProvider", verbose_name=_("identity provider"), on_delete=models.CASCADE, related_name="mappings"
    )
    claim_value = models.CharField(
        _("claim value"), max_length=200, help_text=_("A group's object ID (Entra ID) or a role or group name.")
    )
    role = models.CharField(_("role"), max_length=20, choices=ROLE_CHOICES)
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("role mapping")
        verbose_name_plural = _("role mappings")
        ordering = ["provider_id", "claim_value"]
        constraints = [models.UniqueConstraint(fields=["provider", "claim_value"], name="oidc_mapping_unique")]

    def __str__(self) -> str:
        return f"{self.claim_value} → {self.get_role_display()}"
