import time

from django.core.management.base import BaseCommand

from haastemoottori.imports.reporting import progress, write_summary
from haastemoottori.imports.services import ImportSummary, RecordRejected, challengegov_import, challengegov_read


class Command(BaseCommand):
    help = (
        "Import challenges from legacy Challenge.gov JSON feeds (feed-open.json, feed-closed.json). "
        "Idempotent: a re-run updates changed records and leaves the rest alone. See docs/imports.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Challenge.gov JSON feed files")
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help="Stop after this many records were imported or updated (unchanged ones do not "
            "count, so the next run continues).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")
        parser.add_argument("--all-warnings", action="store_true", help="List every warning, not the first 50.")

    def handle(self, *args, **options):
        started = time.monotonic()
        summary = ImportSummary()
        records = []
        for path in options["paths"]:
            try:
                records.extend(challengegov_read(path))
            except RecordRejected as exc:
                summary.reject(path, exc.reason)
        bar = progress(
            records, total=len(records), stderr=self.stderr, enabled=not options["no_progress"], unit="challenge"
        )
        challengegov_import(bar, summary=summary, limit=options["limit"])
        bar.close()
        write_summary(
            summary=summary,
            stdout=self.stdout,
            style=self.style,
            seconds=time.monotonic() - started,
            max_warnings=None if options["all_warnings"] else 50,
        )
