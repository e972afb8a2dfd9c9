"""Load the trade register's bulk file of all companies into the local mirror (docs/identity.md)."""

from __future__ import annotations

import itertools
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from haastemoottori.registry.bulk import checkpoint_key, download, open_records
from haastemoottori.registry.models import LoadCheckpoint
from haastemoottori.registry.services import entries_upsert


class Command(BaseCommand):
    help = (
        "Load PRH's bulk file of all companies (a zip of JSON) into the trade register mirror: streamed, in "
        "batches, resumable (a re-run of the same file continues after the last finished batch) and "
        "re-runnable for updates (entries are upserted by Business ID)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "source",
            nargs="?",
            default="",
            help="A local file path or an http(s) URL; default HAASTEMOOTTORI_TRADE_REGISTER_BULK_URL.",
        )
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--restart", action="store_true", help="Ignore the checkpoint and start over.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        origin = options["source"] or settings.HAASTEMOOTTORI_TRADE_REGISTER_BULK_URL
        batch_size = max(1, options["batch_size"])
        downloaded = None
        if origin.startswith(("http://", "https://")):
            try:
                downloaded = path = download(origin, timeout=max(60.0, settings.HAASTEMOOTTORI_TRADE_REGISTER_TIMEOUT))
            except (OSError, ValueError) as exc:
                raise CommandError(f"Could not download {origin}: {exc}") from exc
        else:
            path = Path(origin)
            if not path.is_file():
                raise CommandError(f"No such file: {origin}")
        try:
            written = self._load(path, origin, batch_size, options)
        finally:
            if downloaded is not None:
                downloaded.unlink(missing_ok=True)
        self.stdout.write(f"{written} entries written.")

    def _load(self, path: Path, origin: str, batch_size: int, options) -> int:
        checkpoint, _ = LoadCheckpoint.objects.get_or_create(source=checkpoint_key(path, origin))
        if options["restart"] or checkpoint.finished:
            checkpoint.position, checkpoint.finished = 0, False
            checkpoint.save()
        skip = checkpoint.position
        records = open_records(path)
        written = 0
        progress = tqdm(
            desc="trade register", unit=" companies", initial=skip, disable=options["no_progress"], mininterval=1
        )
        try:
            for _ in itertools.islice(records, skip):  # read past what a previous run finished
                pass
            while True:
                batch = list(itertools.islice(records, batch_size))
                if not batch:
                    break
                written += entries_upsert(batch)
                checkpoint.position += len(batch)
                checkpoint.save(update_fields=["position", "updated_at"])
                progress.update(len(batch))
        except ValueError as exc:
            raise CommandError(f"{origin}: {exc} (after {checkpoint.position} records; re-run to resume)") from exc
        finally:
            progress.close()
        checkpoint.finished = True
        checkpoint.save(update_fields=["finished", "updated_at"])
        return written
