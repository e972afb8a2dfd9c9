from .question import Question

__all__ = ["Question"]
