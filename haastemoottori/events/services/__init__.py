"""Writes for events and registrations. Each function checks permission and invariants, changes, and audits."""

from .events import event_cancel, event_create, event_ensure_editable, event_update
from .registrations import registration_cancel, registration_create
from .reminders import event_reminders_send

__all__ = [
    "event_cancel",
    "event_create",
    "event_ensure_editable",
    "event_reminders_send",
    "event_update",
    "registration_cancel",
    "registration_create",
]
