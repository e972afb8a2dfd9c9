"""Background tasks (django-tasks): the periodic purge of unconfirmed accounts, for the worker."""

from django_tasks import task

from .services_erasure import unconfirmed_accounts_purge


@task()
def purge_unconfirmed_accounts_task() -> dict:
    return {"purged": unconfirmed_accounts_purge()}
