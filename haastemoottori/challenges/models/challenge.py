from collections.abc import Iterable
from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin

from ..stages import STAGE_INFO, Outcome, Route, Stage


class ChallengeQuerySet(models.QuerySet["Challenge"]):
    def public(self) -> Self:
        """Challenges anyone may read: published once (a later withdrawal stays visible, marked)."""
        return self.filter(published_at__isnull=False)

    def with_unpublished(self) -> Self:
        return self.all()

    def owned_by(self, organisation_ids: Iterable[int]) -> Self:
        return self.filter(ownerships__organisation_id__in=organisation_ids).distinct()


class Challenge(TranslatableMixin, models.Model):
    """A city's development need, described on the challenge canvas."""

    # Canvas texts, each a dict keyed by language code; original_language says which one is the source.
    TRANSLATED_FIELDS = (
        "title",
        "summary",
        "problem",
        "affected",
        "root_causes",
        "tried",
        "desired_outcome",
        "constraints",
        "data_available",
        "ip_terms",
        "outcome_note",
    )

    slug = models.SlugField(_("identifier"), max_length=120, unique=True)
    original_language = models.CharField(_("original language"), max_length=10)
    title = models.JSONField(_("title"), default=dict)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    problem = models.JSONField(_("problem statement"), default=dict, blank=True)
    affected = models.JSONField(_("who is affected"), default=dict, blank=True)
    root_causes = models.JSONField(_("root causes"), default=dict, blank=True)
    tried = models.JSONField(_("what has been tried"), default=dict, blank=True)
    desired_outcome = models.JSONField(_("desired outcome"), default=dict, blank=True)
    constraints = models.JSONField(_("constraints"), default=dict, blank=True)
    data_available = models.JSONField(_("data available"), default=dict, blank=True)
    ip_terms = models.JSONField(_("IP and data terms"), default=dict, blank=True)

    route = models.CharField(_("recommended route"), max_length=30, choices=Route.choices, blank=True)
    platform = models.ForeignKey(
        "platforms.DevelopmentPlatform",
        verbose_name=_("development platform"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="challenges",
    )
    themes = models.ManyToManyField("taxonomy.Theme", verbose_name=_("themes"), blank=True, related_name="challenges")
    budget_min = models.PositiveBigIntegerField(_("budget from (EUR)"), null=True, blank=True)
    budget_max = models.PositiveBigIntegerField(_("budget up to (EUR)"), null=True, blank=True)

    call_opens_at = models.DateTimeField(_("call opens"), null=True, blank=True)
    call_deadline = models.DateTimeField(_("call deadline"), null=True, blank=True)
    # Questions about the call are accepted until this moment; it must fall before the call deadline.
    questions_deadline = models.DateTimeField(_("questions close"), null=True, blank=True)
    pilot_start = models.DateField(_("pilot starts"), null=True, blank=True)
    pilot_end = models.DateField(_("pilot ends"), null=True, blank=True)

    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_note = models.JSONField(_("outcome note"), default=dict, blank=True)
    # Bumped by every substantive edit; an owner's approval counts only for the version it was given on.
    version = models.PositiveIntegerField(_("version"), default=1)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    stage_changed_at = models.DateTimeField(_("stage changed"), null=True, blank=True)

    # Plain-text copy of the titles and summaries in every language, for database matching.
    search_text = models.TextField(editable=False, blank=True, default="")
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

    objects = ChallengeQuerySet.as_manager()

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["published_at", "id"], name="challenge_published_idx"),
            models.Index(fields=["stage", "call_deadline"], name="challenge_stage_deadline_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_min__isnull=True)
                | models.Q(budget_max__isnull=True)
                | models.Q(budget_min__lte=models.F("budget_max")),
                name="challenge_budget_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.t.title) or self.slug

    @property
    def is_public(self) -> bool:
        return self.published_at is not None

    @property
    def stage_info(self):
        return STAGE_INFO[Stage(self.stage)]
