import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from haastemoottori.core.errors import ServiceError
from haastemoottori.imports.reporting import progress, write_summary
from haastemoottori.imports.services.common import ImportSummary
from haastemoottori.organisations.models import Organisation
from haastemoottori.signals.models import SignalImport
from haastemoottori.signals.services import signal_import_run, signal_import_start
from haastemoottori.signals.services.imports import BATCH_SIZE


class Command(BaseCommand):
    help = (
        "Import signals of a city from a CSV file or an Open311 GeoReport v2 requests.json document (formats in "
        "docs/signals.md). Bad rows are reported and the rest imported; re-importing updates instead of "
        "duplicating. Work is committed a batch at a time: an interrupted run continues with --resume ID."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", metavar="FILE")
        parser.add_argument("--city", help="Slug of the city (or other public body) the signals belong to.")
        parser.add_argument("--format", choices=SignalImport.Format.values, default=SignalImport.Format.CSV)
        parser.add_argument("--resume", type=int, metavar="ID", help="Continue the import with this id.")
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help=f"Rows per transaction (default: {BATCH_SIZE})."
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        run = self._resumed(options) if options["resume"] else self._started(options)
        started = time.monotonic()
        bar = progress(None, total=run.total, stderr=self.stderr, enabled=not options["no_progress"], unit="row")
        bar.update(run.processed)
        try:
            run = signal_import_run(import_run=run, batch_size=options["batch_size"], on_progress=bar.update)
        except KeyboardInterrupt:
            bar.close()
            run.refresh_from_db()
            self.stdout.write(
                self.style.WARNING(
                    f"Stopped after {run.processed} of {run.total} rows. "
                    f"Continue with: import_signals --resume {run.pk}"
                )
            )
            return
        bar.close()
        self._summary(run, seconds=time.monotonic() - started)

    def _started(self, options) -> SignalImport:
        if not options["path"] or not options["city"]:
            raise CommandError("Give the FILE and --city (or --resume ID).")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        city = Organisation.objects.filter(slug=options["city"]).first()
        if city is None:
            raise CommandError(f"No organisation with the slug {options['city']!r}.")
        try:
            run = signal_import_start(
                actor=None,
                city=city,
                fmt=options["format"],
                file_name=path.name,
                data=path.read_bytes(),
                background=False,
                max_bytes=None,
            )
        except ServiceError as exc:
            raise CommandError(str(exc.message))
        self.stdout.write(f"Import {run.pk}: {run.total} rows from {path.name} into {city.slug}.")
        return run

    def _resumed(self, options) -> SignalImport:
        run = SignalImport.objects.filter(pk=options["resume"]).first()
        if run is None:
            raise CommandError(f"No import with the id {options['resume']}.")
        if run.status == SignalImport.Status.DONE:
            raise CommandError(f"Import {run.pk} has already finished.")
        self.stdout.write(f"Import {run.pk}: continuing from row {run.processed + 1} of {run.total}.")
        return run

    def _summary(self, run: SignalImport, *, seconds: float) -> None:
        if run.status == SignalImport.Status.FAILED:
            raise CommandError(run.error)
        summary = ImportSummary(
            imported=run.imported,
            updated=run.updated,
            unchanged=run.unchanged,
            rejected=[(ref, reason) for ref, reason in run.rejected],
        )
        write_summary(summary=summary, stdout=self.stdout, style=self.style, seconds=seconds)
