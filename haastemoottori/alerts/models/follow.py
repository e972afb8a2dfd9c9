from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Follow(models.Model):
    """A person follows one thing: a public challenge, a theme, a challenge owner (city) or a saved search.

    Exactly one target column is set, the one ``kind`` names (a check constraint keeps it so).
    """

    class Kind(models.TextChoices):
        CHALLENGE = "challenge", _("Challenge")
        THEME = "theme", _("Theme")
        ORGANISATION = "organisation", _("City or owner")
        SEARCH = "search", _("Saved search")

    TARGETS = {
        Kind.CHALLENGE: "challenge",
        Kind.THEME: "theme",
        Kind.ORGANISATION: "organisation",
        Kind.SEARCH: "saved_search",
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CHALLENGE)
    challenge = models.ForeignKey(
        "challenges.Challenge",
        verbose_name=_("challenge"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    theme = models.ForeignKey(
        "taxonomy.Theme",
        verbose_name=_("theme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("city or owner"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    saved_search = models.ForeignKey(
        "alerts.SavedSearch",
        verbose_name=_("saved search"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "challenge"], name="follow_unique"),
            models.UniqueConstraint(fields=["user", "theme"], name="follow_unique_theme"),
            models.UniqueConstraint(fields=["user", "organisation"], name="follow_unique_organisation"),
            models.UniqueConstraint(fields=["user", "saved_search"], name="follow_unique_search"),
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="challenge",
                        challenge__isnull=False,
                        theme__isnull=True,
                        organisation__isnull=True,
                        saved_search__isnull=True,
                    )
                    | Q(
                        kind="theme",
                        challenge__isnull=True,
                        theme__isnull=False,
                        organisation__isnull=True,
                        saved_search__isnull=True,
                    )
                    | Q(
                        kind="organisation",
                        challenge__isnull=True,
                        theme__isnull=True,
                        organisation__isnull=False,
                        saved_search__isnull=True,
                    )
                    | Q(
                        kind="search",
                        challenge__isnull=True,
                        theme__isnull=True,
                        organisation__isnull=True,
                        saved_search__isnull=False,
                    )
                ),
                name="follow_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.target}"

    @property
    def target(self):
        return getattr(self, self.TARGETS[self.Kind(self.kind)])
