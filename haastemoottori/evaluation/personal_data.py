"""Evaluations for the export and erasure of personal data (privacy/registry.py). An evaluator's
assignments, scores and declarations stay (linked to the anonymised account): a decision rests on them."""

from django.utils.translation import gettext_lazy as _

from haastemoottori.privacy.registry import Erasure, register_extra_export, register_personal_data

from .models import (
    Decision,
    Declaration,
    Evaluation,
    EvaluationForm,
    EvaluatorAssignment,
    Relationship,
    Score,
    ScoreOverride,
)


def register() -> None:
    register_personal_data(
        EvaluatorAssignment,
        fields={"evaluator": Erasure.KEEP, "assigned_by": Erasure.DETACH},
        kept=_(
            "Evaluations you wrote and your declarations of conflicts of interest stay without your name: the "
            "decisions on the proposals rest on them and must remain verifiable."
        ),
    )
    register_personal_data(Relationship, fields={"evaluator": Erasure.KEEP})
    register_personal_data(Decision, fields={"decided_by": Erasure.DETACH})
    register_personal_data(EvaluationForm, fields={"created_by": Erasure.DETACH})
    register_personal_data(ScoreOverride, fields={"overridden_by": Erasure.DETACH})
    register_extra_export("evaluation.evaluations", lambda user: Evaluation.objects.filter(assignment__evaluator=user))
    register_extra_export(
        "evaluation.scores", lambda user: Score.objects.filter(evaluation__assignment__evaluator=user)
    )
    register_extra_export(
        "evaluation.declarations", lambda user: Declaration.objects.filter(assignment__evaluator=user)
    )
