from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchFeedback(models.Model):
    """A person's verdict on one suggestion of the matcher: kept to evaluate and tune it."""

    class Direction(models.TextChoices):
        SOLVER_FOR_CHALLENGE = "solver", _("Solver suggested for a challenge")
        CHALLENGE_FOR_SOLVER = "challenge", _("Challenge suggested to a solver")

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    useful = models.BooleanField(_("useful"))
    rank = models.PositiveSmallIntegerField(_("rank when shown"), null=True, blank=True)
    score = models.FloatField(_("score when shown"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("given by"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("given"), auto_now=True)

    class Meta:
        db_table = "search_matchfeedback"  # created by the search app before discovery was split from it
        verbose_name = _("match feedback")
        verbose_name_plural = _("match feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "organisation", "direction", "user"], name="match_feedback_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.challenge_id}↔{self.organisation_id}: {'+' if self.useful else '-'}"
