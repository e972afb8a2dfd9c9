"""Background e-mail for notifications (django-tasks; the worker is ``manage.py db_worker``)."""

from django_tasks import task

from .emails import notification_emails_send


@task()
def send_notification_emails_task(ids: list[int]) -> int:
    return notification_emails_send(ids=ids)
