"""Staff curation of signal clusters: name, merge, split, and move signals between clusters or out of them.

Every action needs ``signals.curate_clusters``, marks the clusters it touches curated (automatic
re-clustering never dissolves them) and pins the signals it moves (automatic clustering leaves them where
a person put them). Counts and centroids are recomputed in the same transaction, which holds the clustering
lock, so the background task never sees half an action. Audited, never publicly: clusters are staff data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from haastemoottori.audit.models import AuditEvent
from haastemoottori.audit.services import audit_record
from haastemoottori.core.errors import CommonCode, ServiceConflict, ServicePermissionDenied, ServiceValidationError
from haastemoottori.core.i18n import current_language, service_translations

from ..audit_actions import AuditAction
from ..cluster_stats import refresh_clusters
from ..clustering import lock
from ..embedding import current_space
from ..errors import ErrorCode
from ..models import Signal, SignalCluster

if TYPE_CHECKING:
    from haastemoottori.accounts.models import User

MAX_NAME = 200


def _require(actor: User | None) -> None:
    if actor is None or not actor.has_perm("signals.curate_clusters"):
        raise ServicePermissionDenied(CommonCode.PERMISSION_DENIED, _("Only city editors can change clusters."))


def _locked(cluster: SignalCluster | int) -> SignalCluster:
    pk = cluster.pk if isinstance(cluster, SignalCluster) else cluster
    found = SignalCluster.objects.select_for_update().filter(pk=pk).first()
    if found is None:
        raise ServiceConflict(ErrorCode.CLUSTER_GONE, _("This cluster no longer exists: someone merged or removed it."))
    return found


def _ids(values: Iterable[Any] | None, *, field: str) -> list[int]:
    out: list[int] = []
    for value in values or ():
        pk = getattr(value, "pk", value)
        try:
            pk = int(pk)
        except (TypeError, ValueError):
            raise ServiceValidationError(ErrorCode.INVALID_CHOICE, _("Choose from the list."), field=field)
        if pk not in out:
            out.append(pk)
    return out


def _clean_name(name: Any) -> dict[str, str]:
    cleaned = service_translations(name, field="name", label=_("Name"), code=ErrorCode.INVALID_NAME)
    cleaned = {code: " ".join(text.split()) for code, text in cleaned.items()}
    if any(len(text) > MAX_NAME for text in cleaned.values()):
        raise ServiceValidationError(
            ErrorCode.NAME_TOO_LONG, _("A name can be at most %(n)s characters.") % {"n": MAX_NAME}, field="name"
        )
    return {code: text for code, text in cleaned.items() if text}


def _original_language(name: dict[str, str], fallback: str) -> str:
    language = current_language()
    return language if language in name else next(iter(name), fallback)


def _curate(*clusters: SignalCluster) -> None:
    for cluster in clusters:
        if not cluster.curated:
            cluster.curated = True
            cluster.save(update_fields=["curated", "updated_at"])


@transaction.atomic
def cluster_rename(*, actor: User, cluster: SignalCluster, name: dict[str, str]) -> SignalCluster:
    """Name a cluster in any of the languages; an empty name lets it show its most central signal's title."""
    _require(actor)
    name = _clean_name(name)
    lock()
    cluster = _locked(cluster)
    if name == cluster.name:
        return cluster
    old = cluster.name
    cluster.name = name
    cluster.original_language = _original_language(name, cluster.original_language)
    cluster.curated = True
    cluster.save(update_fields=["name", "original_language", "curated", "updated_at"])
    audit_record(actor=actor, action=AuditAction.CLUSTER_RENAMED, target=cluster, changes={"name": (old, name)})
    return cluster


@transaction.atomic
def cluster_merge(*, actor: User, cluster: SignalCluster, others: Iterable[Any]) -> SignalCluster:
    """Move every signal of ``others`` into ``cluster`` and remove them. Candidate challenges promoted from
    a removed cluster now point to ``cluster``, so their provenance survives."""
    _require(actor)
    other_ids = [pk for pk in _ids(others, field="clusters") if pk != getattr(cluster, "pk", cluster)]
    if not other_ids:
        raise ServiceValidationError(
            ErrorCode.NOTHING_TO_MERGE, _("Choose at least one other cluster to merge into this one."), field="clusters"
        )
    lock()
    cluster = _locked(cluster)
    found = list(SignalCluster.objects.select_for_update().filter(pk__in=other_ids).order_by("pk"))
    if len(found) != len(other_ids):
        raise ServiceValidationError(
            ErrorCode.UNKNOWN_CLUSTER, _("One of the chosen clusters does not exist (any more)."), field="clusters"
        )
    moved = list(Signal.objects.filter(cluster__in=found).order_by("pk").values_list("pk", flat=True))
    Signal.objects.filter(pk__in=moved).update(cluster=cluster, cluster_pinned=True)
    if not cluster.name:
        cluster.name = next((o.name for o in found if o.name), {})
        cluster.original_language = next((o.original_language for o in found if o.name), cluster.original_language)
    for other in found:
        other.candidates.update(cluster=cluster)
    SignalCluster.objects.filter(pk__in=[o.pk for o in found]).delete()
    cluster.curated = True
    cluster.save(update_fields=["name", "original_language", "curated", "updated_at"])
    refresh_clusters([cluster.pk])
    audit_record(
        actor=actor,
        action=AuditAction.CLUSTERS_MERGED,
        target=cluster,
        data={"merged": [o.pk for o in found], "signals": moved},
    )
    cluster.refresh_from_db()
    return cluster


def _chosen_members(cluster: SignalCluster | None, signal_ids: list[int]) -> list[int]:
    if not signal_ids:
        raise ServiceValidationError(ErrorCode.NO_SIGNALS_CHOSEN, _("Choose at least one signal."), field="signals")
    if cluster is None:
        members = set(
            Signal.objects.accepted().filter(pk__in=signal_ids, cluster__isnull=True).values_list("pk", flat=True)
        )
    else:
        members = set(Signal.objects.filter(pk__in=signal_ids, cluster=cluster).values_list("pk", flat=True))
    if len(members) != len(signal_ids):
        message = (
            _("Some of the chosen signals are not in this cluster.")
            if cluster is not None
            else _("Some of the chosen signals are already in a cluster or not accepted.")
        )
        raise ServiceValidationError(ErrorCode.NOT_MEMBERS, message, field="signals")
    return sorted(members)


@transaction.atomic
def cluster_split(
    *, actor: User, cluster: SignalCluster, signals: Iterable[Any], name: dict[str, str] | None = None
) -> SignalCluster:
    """Move the chosen signals of ``cluster`` into a new cluster (optionally named). Returns the new one."""
    _require(actor)
    signal_ids = _ids(signals, field="signals")
    name = _clean_name(name or {})
    lock()
    cluster = _locked(cluster)
    chosen = _chosen_members(cluster, signal_ids)
    if len(chosen) == Signal.objects.filter(cluster=cluster).count():
        raise ServiceValidationError(
            ErrorCode.SPLIT_ALL,
            _("Leave at least one signal in this cluster. To name the group, rename the cluster instead."),
            field="signals",
        )
    new = SignalCluster.objects.create(
        name=name,
        original_language=_original_language(name, cluster.original_language),
        curated=True,
        created_by=actor,
        embedding_model=current_space().name,
    )
    Signal.objects.filter(pk__in=chosen).update(cluster=new, cluster_pinned=True)
    _curate(cluster)
    refresh_clusters([cluster.pk, new.pk])
    audit_record(
        actor=actor, action=AuditAction.CLUSTER_SPLIT, target=cluster, data={"new_cluster": new.pk, "signals": chosen}
    )
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATED,
        target=new,
        data={"split_from": cluster.pk, "signals": chosen, "name": name},
    )
    new.refresh_from_db()
    return new


@transaction.atomic
def signals_move(
    *, actor: User, signals: Iterable[Any], source: SignalCluster | None, target: SignalCluster | None
) -> int:
    """Move signals of ``source`` (None: signals outside any cluster) to ``target`` (None: out of any
    cluster, and automatic clustering leaves them out). Returns how many moved."""
    _require(actor)
    signal_ids = _ids(signals, field="signals")
    if source is None and target is None:
        raise ServiceValidationError(
            ErrorCode.NO_TARGET, _("Choose the cluster to move the signals to."), field="target"
        )
    if source is not None and target is not None and source.pk == target.pk:
        raise ServiceValidationError(
            ErrorCode.SAME_CLUSTER, _("The signals are already in this cluster; choose another."), field="target"
        )
    lock()
    source = _locked(source) if source is not None else None
    target = _locked(target) if target is not None else None
    chosen = _chosen_members(source, signal_ids)
    Signal.objects.filter(pk__in=chosen).update(cluster=target, cluster_pinned=True)
    _curate(*[c for c in (source, target) if c is not None])
    refresh_clusters([c.pk for c in (source, target) if c is not None])
    data = {"signals": chosen, "from": source.pk if source else None, "to": target.pk if target else None}
    for cluster in (source, target):
        if cluster is not None:
            audit_record(actor=actor, action=AuditAction.SIGNALS_MOVED, target=cluster, data=data)
    return len(chosen)


def signal_move(*, actor: User, signal: Signal, target: SignalCluster | None) -> int:
    """Move one signal to ``target`` or out of its cluster."""
    return signals_move(actor=actor, signals=[signal.pk], source=signal.cluster, target=target)
