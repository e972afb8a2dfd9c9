"""The audit actions of signal clusters: renaming, merging, splitting, moving signals.

The generic ones (created, updated, deleted, ...) are AuditEvent.Action. These are registered in the audit
registry (audit/registry.py); the values are stored, so keep them stable.
"""

from enum import StrEnum

from haastemoottori.audit.registry import register_actions


@register_actions
class AuditAction(StrEnum):
    CLUSTER_RENAMED = "cluster_renamed"
    CLUSTER_SPLIT = "cluster_split"
    CLUSTERS_MERGED = "clusters_merged"
    SIGNALS_MOVED = "signals_moved"
