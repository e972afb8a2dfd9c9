import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from haastemoottori.imports.reporting import progress, write_summary
from haastemoottori.imports.services import ImportSummary, companies_import


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


class Command(BaseCommand):
    help = (
        "Import companies and research organisations from a JSON Lines file (one object a line; format in "
        "docs/imports.md). Idempotent by source id: a re-run updates changed lines and leaves the rest alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH.jsonl")
        parser.add_argument(
            "--source",
            default="companies",
            help="Name of the source; source ids are unique per source (default: companies).",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help="Stop after this many lines were imported or updated (unchanged ones do not "
            "count, so the next run continues).",
        )
        parser.add_argument("--batch-size", type=int, default=500, help="Lines per transaction (default: 500).")
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")
        parser.add_argument("--all-warnings", action="store_true", help="List every warning, not the first 50.")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.monotonic()
        summary = ImportSummary()
        with path.open(encoding="utf-8", errors="replace") as lines:
            bar = progress(
                lines, total=_count_lines(path), stderr=self.stderr, enabled=not options["no_progress"], unit="line"
            )
            companies_import(
                bar,
                source=options["source"][:40],
                summary=summary,
                limit=options["limit"],
                batch_size=options["batch_size"],
            )
            bar.close()
        write_summary(
            summary=summary,
            stdout=self.stdout,
            style=self.style,
            seconds=time.monotonic() - started,
            max_warnings=None if options["all_warnings"] else 50,
        )
