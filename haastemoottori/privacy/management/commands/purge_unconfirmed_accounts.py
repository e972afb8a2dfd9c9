"""Remove accounts whose e-mail address was never confirmed, after PRIVACY_UNCONFIRMED_ACCOUNT_DAYS (14).
Each removal is audited. Run daily from cron:

30 3 * * *  cd /srv/haastemoottori && .venv/bin/python manage.py purge_unconfirmed_accounts
"""

from django.core.management.base import BaseCommand

from haastemoottori.privacy.services_erasure import unconfirmed_accounts, unconfirmed_accounts_purge
from haastemoottori.privacy.tasks import purge_unconfirmed_accounts_task


class Command(BaseCommand):
    help = "Remove accounts whose e-mail address was never confirmed within the configured number of days."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the accounts that would go.")
        parser.add_argument("--queue", action="store_true", help="Queue the run for the task worker instead.")

    def handle(self, *args, dry_run=False, queue=False, **options):
        if dry_run:
            self.stdout.write(f"{unconfirmed_accounts().count()} unconfirmed accounts would be removed")
            return
        if queue:
            purge_unconfirmed_accounts_task.enqueue()
            self.stdout.write("queued")
            return
        self.stdout.write(f"removed {unconfirmed_accounts_purge()} unconfirmed accounts")
