"""Send the digest e-mails that are due. Run from cron, e.g. daily at 07:00 for both frequencies:

0 7 * * *  cd /srv/haastemoottori && .venv/bin/python manage.py send_digests --frequency daily
5 7 * * 1  cd /srv/haastemoottori && .venv/bin/python manage.py send_digests --frequency weekly
"""

from django.core.management.base import BaseCommand

from haastemoottori.alerts.services import digest_send_due
from haastemoottori.alerts.tasks import send_digests_task


class Command(BaseCommand):
    help = "Send due digest e-mails (one per person per day or week; a rerun sends nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--frequency",
            choices=["daily", "weekly"],
            action="append",
            help="Which digests to send (repeatable; default: both).",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="Address that links in the e-mails start with (default: the SITE_URL setting).",
        )
        parser.add_argument(
            "--queue", action="store_true", help="Queue the run for the task worker instead of sending now."
        )

    def handle(self, *args, frequency=None, base_url="", queue=False, **options):
        for name in frequency or ["daily", "weekly"]:
            if queue:
                send_digests_task.enqueue(frequency=name, base_url=base_url)
                self.stdout.write(f"{name}: queued")
                continue
            run = digest_send_due(frequency=name, base_url=base_url or None)
            self.stdout.write(f"{name}: sent {run.sent}, nothing new {run.empty}, failed {run.failed}")
            if run.failed:
                self.stderr.write(f"{name}: {run.failed} digests failed; see the log. They are retried next run.")
