from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from haastemoottori.core.i18n import TranslatableMixin


class QuestionQuerySet(models.QuerySet["Question"]):
    def published(self) -> Self:
        """What everyone may read: published questions and clarifications (never the asker)."""
        return self.filter(status=Question.Status.PUBLISHED)

    def pending(self) -> Self:
        return self.filter(status=Question.Status.PENDING)


class Question(TranslatableMixin, models.Model):
    """A question about a published challenge, or a clarification the owners publish without one.

    Equal treatment: a question is private (to its asker and the owners) until it is published; then
    its public wording and answer reach everyone at the same moment, without the asker's identity.
    ``text`` and ``language`` keep the asker's original wording; ``public_text`` is what is published.
    """

    TRANSLATED_FIELDS = ("answer",)

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        CLARIFICATION = "clarification", _("Clarification")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        PUBLISHED = "published", _("Answered and published")
        MERGED = "merged", _("Merged into another question")
        DECLINED = "declined", _("Declined")

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="questions"
    )
    # The public sequence number within the challenge, given when the item is published.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.QUESTION)
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="qa_questions",
    )
    asker_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("asker's organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("question as asked"), blank=True)
    language = models.CharField(_("language of the question"), max_length=10)
    public_text = models.TextField(_("published wording"), blank=True)
    answer = models.JSONField(_("answer"), default=dict, blank=True)
    original_language = models.CharField(_("original language of the answer"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["challenge_id", "number", "id"]
        indexes = [models.Index(fields=["challenge", "status", "published_at"], name="qa_challenge_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["challenge", "number"], name="qa_number_unique"),
            models.CheckConstraint(
                condition=models.Q(status="published", number__isnull=False, published_at__isnull=False)
                | (~models.Q(status="published") & models.Q(number__isnull=True)),
                name="qa_number_when_published",
            ),
        ]

    def __str__(self) -> str:
        # Used as the audit target label: never the asker or the private text.
        return self.label if self.number else f"#{self.pk}"

    @property
    def label(self) -> str:
        """The public number as shown in the log: "K3" in Finnish, "Q3" in English."""
        if not self.number:
            return ""
        return gettext("Q%(number)s") % {"number": self.number}

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED
