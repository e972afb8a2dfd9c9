from typing import Self

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin

from .. import profile_choices
from ..validators import validate_logo


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def verified(self) -> Self:
        return self.filter(verification_status=Organisation.Verification.VERIFIED)

    def listed(self) -> Self:
        """Shown to others: listed by its admins and verified (docs/identity.md)."""
        return self.filter(is_listed=True, verification_status=Organisation.Verification.VERIFIED)

    def matchable(self) -> Self:
        """Companies and research organisations that may be suggested as solvers (verified ones only)."""
        return self.listed().filter(kind__in=Organisation.SOLVER_KINDS)

    def cities(self) -> Self:
        return self.filter(kind=Organisation.Kind.CITY)

    def owners(self) -> Self:
        """Organisations that can own challenges: cities and other public bodies."""
        return self.filter(kind__in=Organisation.OWNER_KINDS)


class Organisation(TranslatableMixin, models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("City")
        COMPANY = "company", _("Company")
        RESEARCH = "research", _("Research organisation")
        PUBLIC = "public", _("Other public body")

    class Verification(models.TextChoices):
        UNVERIFIED = "unverified", _("Unverified")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Verification rejected")

    class VerificationMethod(models.TextChoices):
        EMAIL_DOMAIN = "email_domain", _("E-mail domain matches the website in the trade register")
        ADMIN = "admin", _("Reviewed by a platform admin")
        SUOMIFI = "suomifi", _("Suomi.fi e-Authorizations")
        IMPORT = "import", _("Imported by a platform admin")
        SEED = "seed", _("Demo data")
        MIGRATION = "migration", _("Registered before verification existed")

    OWNER_KINDS = (Kind.CITY, Kind.PUBLIC)
    SOLVER_KINDS = (Kind.COMPANY, Kind.RESEARCH)
    TRANSLATED_FIELDS = ("name", "description", "offering", "capabilities")
    TRL_CHOICES = [(n, n) for n in range(1, 10)]

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    name = models.JSONField(_("name"), default=dict)
    original_language = models.CharField(_("original language"), max_length=10, default="fi")
    description = models.JSONField(_("description"), default=dict, blank=True)
    offering = models.JSONField(_("what we offer"), default=dict, blank=True)
    capabilities = models.JSONField(_("capabilities"), default=dict, blank=True)
    website = models.URLField(_("website"), blank=True)
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour such as #0000bf."))],
    )
    logo = models.FileField(
        _("logo"),
        upload_to="logos/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG, JPEG or WebP, at most 200 kB. Shown next to the name."),
    )
    home_city = models.ForeignKey(
        "self",
        verbose_name=_("home city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": Kind.CITY},
    )
    is_sme = models.BooleanField(_("SME"), null=True, blank=True)
    trl = models.PositiveSmallIntegerField(
        _("solution maturity (TRL)"),
        null=True,
        blank=True,
        choices=TRL_CHOICES,
        help_text=_("Technology readiness level of the most mature solution, 1 (idea) to 9 (proven in use)."),
    )
    languages_served = models.JSONField(_("languages served"), default=list, blank=True)
    cities_served = models.ManyToManyField(
        "self",
        verbose_name=_("cities served"),
        blank=True,
        symmetrical=False,
        related_name="+",
        limit_choices_to={"kind": Kind.CITY},
    )
    # Unlisted profiles stay out of search, recommendations, feeds and the API.
    is_listed = models.BooleanField(_("listed publicly"), default=True)
    # Verified means someone vouched (docs/identity.md): until then the profile is its members' own.
    verification_status = models.CharField(
        _("verification"), max_length=10, choices=Verification.choices, default=Verification.UNVERIFIED, db_index=True
    )
    verification_method = models.CharField(
        _("verified by way of"), max_length=20, choices=VerificationMethod.choices, blank=True
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verification_note = models.TextField(_("verification note"), blank=True, max_length=2000)
    industry_codes = models.ManyToManyField("taxonomy.IndustryCode", verbose_name=_("industry codes"), blank=True)
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["slug"]
        indexes = [models.Index(fields=["kind", "slug", "id"], name="organisation_kind_slug_idx")]

    def __str__(self) -> str:
        return str(self.t.name) or self.slug

    @property
    def is_verified(self) -> bool:
        return self.verification_status == self.Verification.VERIFIED

    @property
    def is_public(self) -> bool:
        """Shown to others (lists, API, search, sitemap, feeds): listed by its admins and verified."""
        return self.is_listed and self.is_verified

    @property
    def can_own_challenges(self) -> bool:
        return self.kind in self.OWNER_KINDS

    @property
    def has_solver_profile(self) -> bool:
        """Companies and research organisations show what they offer, TRL, SME, languages and cities served."""
        return self.kind in self.SOLVER_KINDS

    @property
    def trl_label(self) -> str:
        return profile_choices.trl_label(self.trl)

    @property
    def languages_served_names(self) -> list[str]:
        return [profile_choices.service_language_name(code) for code in self.languages_served or []]
