"""Challenges a person created or approved, for the export and erasure of personal data
(privacy/registry.py): they are the organisations' records, so only the link to the person goes."""

from django.utils.translation import gettext_lazy as _

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import Challenge, ChallengeOwnership, StageChange


def register() -> None:
    register_personal_data(
        Challenge,
        fields={"created_by": Erasure.DETACH},
        kept=_("Challenges you created stay with their cities: they are the cities' records, without your name."),
    )
    register_personal_data(ChallengeOwnership, fields={"approved_by": Erasure.DETACH})
    register_personal_data(StageChange, fields={"changed_by": Erasure.DETACH})
