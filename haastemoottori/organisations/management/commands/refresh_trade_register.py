"""Ask the trade register again about every organisation on the platform (run from cron, e.g. nightly)."""

from django.core.management.base import BaseCommand

from haastemoottori.organisations.tasks import refresh_register_entries_task


class Command(BaseCommand):
    help = "Refresh the trade register entries of the organisations on the platform (--queue: by the worker)."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Hand the run to the task worker.")

    def handle(self, *args, **options):
        if options["queue"]:
            refresh_register_entries_task.enqueue()
            self.stdout.write("Queued.")
            return
        counts = refresh_register_entries_task.call()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in counts.items()))
