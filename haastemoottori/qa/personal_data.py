"""Questions for the export and erasure of personal data (privacy/registry.py). Published questions were
published without the asker and stay; pending ones are deleted with the account."""

from django.utils.translation import gettext_lazy as _

from haastemoottori.accounts.models import User
from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import Question


def _delete_pending(user: User) -> None:
    Question.objects.filter(asker=user, status=Question.Status.PENDING).delete()


def register() -> None:
    register_personal_data(
        Question,
        fields={"asker": Erasure.DETACH, "answered_by": Erasure.DETACH},
        eraser=_delete_pending,
        kept=_(
            "Your published questions and the answers to them stay in the challenges' public question logs, "
            "without your name (they were never published with it): everyone who answers the call must read "
            "the same answers. Questions still waiting for an answer are deleted."
        ),
    )
