"""Writes for pilots. Each function checks the named permission and invariants, changes, and audits."""

from .adoption import AlreadyAdopted, challenge_adopt
from .check_ins import check_in_create
from .kpis import kpi_add, kpi_delete, kpi_delete_refusal, kpi_update, measurement_record, measurement_token
from .milestones import milestone_add, milestone_delete, milestone_set_done, milestone_update, milestone_window
from .pilot import default_end_date, pilot_create, pilot_finish, pilot_update
from .requests import (
    pilot_request_answer,
    pilot_request_approve,
    pilot_request_ask,
    pilot_request_decline,
    pilot_request_submit,
    pilot_request_withdraw,
)

__all__ = [
    "AlreadyAdopted",
    "challenge_adopt",
    "check_in_create",
    "default_end_date",
    "kpi_add",
    "kpi_delete",
    "kpi_delete_refusal",
    "kpi_update",
    "measurement_record",
    "measurement_token",
    "milestone_add",
    "milestone_delete",
    "milestone_set_done",
    "milestone_update",
    "milestone_window",
    "pilot_create",
    "pilot_finish",
    "pilot_request_answer",
    "pilot_request_approve",
    "pilot_request_ask",
    "pilot_request_decline",
    "pilot_request_submit",
    "pilot_request_withdraw",
    "pilot_update",
]
