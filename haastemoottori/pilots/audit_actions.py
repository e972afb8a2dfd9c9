"""The audit actions of pilots: results, KPIs, milestones, check-ins, adoption, requests to pilot on a platform.

The generic ones (created, updated, deleted, ...) are AuditEvent.Action. These are registered in the audit
registry (audit/registry.py); the values are stored, so keep them stable.
"""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from haastemoottori.audit.registry import register_actions


class AuditAction(StrEnum):
    ADOPTED = "adopted"
    ADOPTED_FROM = "adopted_from"
    CHECKED_IN = "checked_in"
    KPI_ADDED = "kpi_added"
    KPI_DELETED = "kpi_deleted"
    KPI_MEASURED = "kpi_measured"
    KPI_UPDATED = "kpi_updated"
    MILESTONE_ADDED = "milestone_added"
    MILESTONE_DELETED = "milestone_deleted"
    MILESTONE_DONE = "milestone_done"
    MILESTONE_REOPENED = "milestone_reopened"
    MILESTONE_UPDATED = "milestone_updated"
    PILOT_FINISHED = "pilot_finished"
    REQUEST_SUBMITTED = "pilot_request_submitted"
    REQUEST_QUESTION = "pilot_request_question"
    REQUEST_ANSWERED = "pilot_request_answered"
    REQUEST_APPROVED = "pilot_request_approved"
    REQUEST_DECLINED = "pilot_request_declined"
    REQUEST_WITHDRAWN = "pilot_request_withdrawn"


# The adopting city's copy shows this in the challenge's history.
register_actions(AuditAction, labels={AuditAction.ADOPTED_FROM: _("Adopted from another city's challenge")})
