"""Background tasks (django-tasks): the reminder run, for the worker (``manage.py db_worker``)."""

from django_tasks import task

from .services import event_reminders_send


@task()
def send_event_reminders_task() -> dict:
    run = event_reminders_send()
    return {"events": run.events, "sent": run.sent}
