"""Writes for the Q&A. Every state change is audited; public audit events never name the asker."""

from .answering import clarification_publish, question_decline, question_merge, question_publish
from .asking import question_ask
from .deadline import questions_deadline_set

__all__ = [
    "clarification_publish",
    "question_ask",
    "question_decline",
    "question_merge",
    "question_publish",
    "questions_deadline_set",
]
