"""Send immediate notification e-mails that are still unsent some minutes after the notification was created
(the task worker was down, or the mail server refused). Run from cron, e.g. every 10 minutes:

    */10 * * * *  cd /srv/haastemoottori && .venv/bin/python manage.py send_notification_emails --older-than 10
"""

from django.core.management.base import BaseCommand

from haastemoottori.notifications.emails import notification_emails_run, notification_emails_stale


class Command(BaseCommand):
    help = "Send immediate notification e-mails still unsent after N minutes (a rerun sends nothing twice)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=10,
            metavar="MINUTES",
            help="Only notifications created at least this many minutes ago (default 10), so "
            "the ones the task worker is sending right now are left to it.",
        )

    def handle(self, *args, older_than=10, **options):
        ids = notification_emails_stale(minutes=max(older_than, 0))
        run = notification_emails_run(ids=ids)
        self.stdout.write(f"sent {run.sent}, failed {run.failed}")
        if run.failed:
            self.stderr.write(f"{run.failed} e-mails failed; see the log. They are retried on the next run.")
