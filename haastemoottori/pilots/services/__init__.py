"""Writes for pilots. Each function checks the named permission and invariants, changes, and audits."""

from .adoption import challenge_adopt
from .pilot import pilot_create, pilot_finish, pilot_update
from .tracking import check_in_create, kpi_add, measurement_record, milestone_add, milestone_set_done

__all__ = ["challenge_adopt", "check_in_create", "kpi_add", "measurement_record", "milestone_add",
           "milestone_set_done", "pilot_create", "pilot_finish", "pilot_update"]
