from .assignment import EvaluatorAssignment
from .criterion import EvaluationCriterion
from .decision import Decision
from .declaration import Declaration
from .evaluation import Evaluation
from .form import EvaluationForm
from .override import ScoreOverride
from .relationship import Relationship
from .score import Score

__all__ = [
    "Decision",
    "Declaration",
    "Evaluation",
    "EvaluationCriterion",
    "EvaluationForm",
    "EvaluatorAssignment",
    "Relationship",
    "Score",
    "ScoreOverride",
]
