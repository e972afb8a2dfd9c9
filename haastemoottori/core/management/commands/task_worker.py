"""The background worker: django-tasks-db's ``db_worker``, which first queues again what a dead worker left.

Use it instead of ``db_worker``. Its worker id names the machine and process (core/tasks_recovery.py), so the next
worker on the machine can tell a task's worker is gone after a crash or ``kill -9`` and run the task again.
"""

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from haastemoottori.core.tasks_recovery import tasks_requeue_abandoned, worker_id


class Command(DbWorkerCommand):
    help = "Run the background worker, after queueing again the tasks left running by a worker that died."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(worker_id=worker_id())

    def handle(self, *args, **options):
        requeued = tasks_requeue_abandoned()
        if requeued:
            self.stdout.write(f"Queued again {len(requeued)} task(s) left running by a worker that is gone.")
        super().handle(*args, **options)
