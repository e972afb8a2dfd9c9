"""Writes for signals. Every change is audited (never publicly, never with a resident's words); adding or
changing accepted signals queues clustering. Clusters: services/clusters.py (clustering)."""

from .imports import signal_import_resume, signal_import_run, signal_import_start
from .signals import STAFF_SOURCES, signal_create, signal_update
from .suggestions import ACCEPT, MAX_SUGGESTIONS_PER_DAY, REJECT, signal_moderate, signal_suggest

__all__ = [
    "ACCEPT",
    "MAX_SUGGESTIONS_PER_DAY",
    "REJECT",
    "STAFF_SOURCES",
    "signal_create",
    "signal_import_resume",
    "signal_import_run",
    "signal_import_start",
    "signal_moderate",
    "signal_suggest",
    "signal_update",
]
