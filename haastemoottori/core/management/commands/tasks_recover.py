"""Queue again the background tasks whose worker died (see core/tasks_recovery.py)."""

from django.core.management.base import BaseCommand

from haastemoottori.core.tasks_recovery import tasks_requeue_abandoned


class Command(BaseCommand):
    help = "Queue again the tasks left RUNNING by a worker that is gone (its process ended, or the lease expired)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--lease",
            type=int,
            default=None,
            help="Seconds a task may run (default HAASTEMOOTTORI_TASK_LEASE_SECONDS).",
        )

    def handle(self, *args, lease=None, **options):
        ids = tasks_requeue_abandoned(lease=lease)
        self.stdout.write(f"Queued again: {len(ids)}" + (f" ({', '.join(ids)})" if ids else ""))
