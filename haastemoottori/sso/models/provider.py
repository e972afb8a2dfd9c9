import os

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

ENV_NAME = RegexValidator(
    r"^[A-Z][A-Z0-9_]{2,99}$", _("The name of an environment variable, such as HAASTEMOOTTORI_OIDC_ESPOO_SECRET.")
)


class OidcProvider(models.Model):
    """A city's OpenID Connect identity provider (Microsoft Entra ID, Keycloak / Tunnistamo, ...).

    The client secret is never stored: ``client_secret_env`` names the environment variable that holds it.
    A person signing in through this provider can get roles only in ``organisation``."""

    slug = models.SlugField(_("identifier"), max_length=40, unique=True, help_text=_("Part of the callback address."))
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("city"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind__in": ("city", "public")},
    )
    issuer = models.URLField(
        _("issuer"), help_text=_("The issuer of the ID tokens exactly as the provider's discovery document gives it.")
    )
    discovery_url = models.URLField(
        _("discovery address"),
        blank=True,
        help_text=_("Empty: the issuer followed by /.well-known/openid-configuration."),
    )
    client_id = models.CharField(_("client ID"), max_length=200)
    client_secret_env = models.CharField(
        _("environment variable of the client secret"),
        max_length=100,
        validators=[ENV_NAME],
        help_text=_("The secret itself is never stored in the database; the server reads it from this variable."),
    )
    scopes = models.CharField(_("scopes"), max_length=300, default="openid email profile")
    roles_claim = models.CharField(
        _("claim of groups or roles"),
        max_length=100,
        default="groups",
        help_text=_("The ID token claim whose values are mapped to roles, e.g. groups or roles (Entra ID)."),
    )
    email_claim = models.CharField(_("claim of the e-mail address"), max_length=100, default="email")
    email_domains = models.CharField(
        _("e-mail domains of the city"),
        max_length=300,
        blank=True,
        help_text=_(
            "Space-separated. An existing account with an address in these domains is linked at the first sign-in; "
            "empty: never link, only create new accounts."
        ),
    )
    is_enabled = models.BooleanField(_("enabled"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("city identity provider")
        verbose_name_plural = _("city identity providers")
        ordering = ["slug"]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.slug})"

    @property
    def metadata_url(self) -> str:
        return self.discovery_url or self.issuer.rstrip("/") + "/.well-known/openid-configuration"

    def client_secret(self) -> str:
        """The secret from the environment ('' when the variable is not set: a misconfiguration)."""
        return os.environ.get(self.client_secret_env, "")

    def scope_list(self) -> list[str]:
        scopes = self.scopes.split()
        return scopes if "openid" in scopes else ["openid", *scopes]

    def domain_list(self) -> list[str]:
        return [d.lower().lstrip("@") for d in self.email_domains.split() if d.strip()]
