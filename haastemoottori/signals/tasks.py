"""Background work for signals: embedding new or changed signals and placing them in clusters."""

from django_tasks import task


@task()
def cluster_new_signals_task() -> int:
    """Embed accepted signals whose text changed and assign them to clusters. Returns how many were placed."""
    from .clustering import cluster_pending

    return cluster_pending()


def schedule_clustering() -> None:
    """Queue clustering after the current transaction commits (call it from every service that adds or
    changes accepted signals)."""
    from django.db import transaction

    transaction.on_commit(lambda: cluster_new_signals_task.enqueue())
