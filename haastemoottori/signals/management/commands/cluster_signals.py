"""Embed and cluster signals: what is pending (as the background task does), or everything again with --rebuild."""

import time

from django.core.management.base import BaseCommand, CommandError

from haastemoottori.imports.reporting import progress
from haastemoottori.signals import clustering
from haastemoottori.signals.embedding import current_space


class Command(BaseCommand):
    help = (
        "Embed accepted signals whose text changed and place them in clusters. With --rebuild, cluster every "
        "signal again: clusters staff curated (named, merged, split, moved) and the signals they placed stay, "
        "automatic clusters are regrouped. Embedding is committed a batch at a time, so an interrupted run "
        "continues where it stopped when started again; the regrouping itself is one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Regroup every signal not placed by staff.")
        parser.add_argument("--batch-size", type=int, default=32, help="Signals embedded per transaction.")
        parser.add_argument("--no-progress", action="store_true", help="Do not show a progress bar.")

    def handle(self, *args, **options):
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        space = current_space()
        self.stdout.write(f"Embedding model {space.model}, similarity threshold {space.threshold}.")
        bar = progress(
            None,
            total=len(clustering.stale_signals()),
            stderr=self.stderr,
            enabled=not options["no_progress"],
            unit="signal",
        )
        started = time.monotonic()
        try:
            if options["rebuild"]:
                result = clustering.rebuild(batch_size=options["batch_size"], progress=bar.update)
            else:
                embedded = clustering.cluster_pending(batch_size=options["batch_size"], progress=bar.update)
        except KeyboardInterrupt:
            bar.close()
            self.stdout.write(
                self.style.WARNING("Stopped. What was embedded is kept; run the command again to continue.")
            )
            return
        bar.close()
        if options["rebuild"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{result.signals} accepted signals, {result.embedded} embedded "
                    f"({result.embedding_seconds:.1f} s); "
                    f"regrouped in {result.grouping_seconds:.1f} s: {result.clusters} clusters "
                    f"({result.kept} kept as staff curated them), {result.unclustered} signals outside any cluster."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"{embedded} signals embedded and placed in {time.monotonic() - started:.1f} s.")
            )
