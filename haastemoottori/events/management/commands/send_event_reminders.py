"""Remind registered people of events starting within 24 hours. Run hourly from cron:

0 * * * *  cd /srv/haastemoottori && .venv/bin/python manage.py send_event_reminders
"""

from django.core.management.base import BaseCommand

from haastemoottori.events.services import event_reminders_send
from haastemoottori.events.tasks import send_event_reminders_task


class Command(BaseCommand):
    help = "Send reminders of events starting within the next 24 hours (once per registration; reruns are safe)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue", action="store_true", help="Queue the run for the task worker instead of sending now."
        )

    def handle(self, *args, queue=False, **options):
        if queue:
            send_event_reminders_task.enqueue()
            self.stdout.write("queued")
            return
        run = event_reminders_send()
        self.stdout.write(f"reminded {run.sent} people of {run.events} events")
