"""The backlog for the export and erasure of personal data (privacy/registry.py): a scorer's sheets and
votes stay (linked to the anonymised account), because the ranking rests on them."""

from haastemoottori.privacy.registry import Erasure, register_personal_data

from .models import Candidate, PairwiseComparison, ScoreSheet


def register() -> None:
    register_personal_data(Candidate, fields={"promoted_by": Erasure.DETACH})
    register_personal_data(PairwiseComparison, fields={"voter": Erasure.KEEP})
    register_personal_data(ScoreSheet, fields={"scorer": Erasure.KEEP})
