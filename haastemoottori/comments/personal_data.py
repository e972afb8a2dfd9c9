"""Comments and reports for the export and erasure of personal data (privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import Comment, CommentReport


def register() -> None:
    register_personal_data(
        Comment,
        fields={"author": Erasure.KEEP, "hidden_by": Erasure.DETACH, "taken_into_account_by": Erasure.DETACH},
        exclude=("fingerprint",),
        kept=_(
            "Your comments on challenges stay without your name: the owners took them into account when they "
            "defined the challenge, and the public record of the co-definition would otherwise change."
        ),
    )
    register_personal_data(CommentReport, fields={"reporter": Erasure.KEEP, "resolved_by": Erasure.DETACH})
