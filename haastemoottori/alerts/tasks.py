"""Background tasks (django-tasks): the digest run, for the worker (``manage.py db_worker``)."""

from django_tasks import task

from .services import digest_send_due


@task()
def send_digests_task(frequency: str, base_url: str = "") -> dict:
    run = digest_send_due(frequency=frequency, base_url=base_url or None)
    return {"sent": run.sent, "empty": run.empty, "failed": run.failed}
