from typing import Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Section(models.TextChoices):
    """Which part of the challenge canvas a comment is about (the canvas fields, plus "general")."""

    GENERAL = "general", _("General")
    PROBLEM = "problem", _("Problem")
    AFFECTED = "affected", _("Who is affected")
    ROOT_CAUSES = "root_causes", _("Root causes")
    TRIED = "tried", _("What has been tried")
    DESIRED_OUTCOME = "desired_outcome", _("Desired outcome")
    CONSTRAINTS = "constraints", _("Constraints")
    DATA_AVAILABLE = "data_available", _("Data available")
    IP_TERMS = "ip_terms", _("IP and data terms")


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible(self) -> Self:
        return self.filter(status=Comment.Status.VISIBLE)


class Comment(models.Model):
    """One person's input on a part of a challenge canvas during co-definition. Public once written.

    The text is one person's plain text (with the language it was written in). A moderator may hide it
    with a public reason; the owners may mark it taken into account with a public note.
    """

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by the moderator")

    challenge = models.ForeignKey(
        "challenges.Challenge", verbose_name=_("challenge"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.CASCADE, related_name="comments"
    )
    # Shown with the comment; one of the author's organisations, or none (shown as a resident).
    author_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    section = models.CharField(_("part of the canvas"), max_length=30, choices=Section.choices, default=Section.GENERAL)
    text = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=10)
    # SHA-256 of the normalised text: the same person may not post the same text twice.
    fingerprint = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("written"), db_index=True)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE)
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)

    taken_into_account_at = models.DateTimeField(_("taken into account"), null=True, blank=True)
    taken_into_account_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken into account by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    owner_note = models.TextField(_("owners' note"), blank=True)
    # The author hears once that the comment was taken into account, even if it is undone and redone.
    author_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["challenge", "created_at"], name="comment_challenge_idx"),
            models.Index(fields=["author", "created_at"], name="comment_author_idx"),
            models.Index(fields=["author", "fingerprint"], name="comment_fingerprint_idx"),
        ]

    def __str__(self) -> str:
        # Never the text: this label goes into audit entries, which outlive a hidden comment.
        return f"Comment #{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.status == self.Status.HIDDEN

    @property
    def is_taken_into_account(self) -> bool:
        return self.taken_into_account_at is not None

    @property
    def author_name(self) -> str:
        """The public name: the full name, or "a resident"; never an e-mail address."""
        from django.utils.translation import gettext

        name = (self.author.full_name or "").strip() if self.author_id else ""
        return name or gettext("A resident")
