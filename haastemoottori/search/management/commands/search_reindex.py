"""Rebuild the search index and embed what changed; shows progress and resumes where it stopped."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from haastemoottori.search import embedding, indexing, sources, vectors
from haastemoottori.search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Rebuild search documents for every registered record, challenges and organisations (--no-index skips "
        "it), then embed the documents whose text changed (--no-embed skips it). Safe to stop and run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", choices=SearchDocument.Kind.values, help="Only challenges or organisations.")
        parser.add_argument("--no-index", action="store_true", help="Only embed what is already marked dirty.")
        parser.add_argument("--no-embed", action="store_true", help="Only rebuild the lexical index.")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--embed-limit", type=int, default=None, help="Embed at most this many documents.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = [options["kind"]] if options["kind"] else SearchDocument.Kind.values
        quiet = options["no_progress"]
        if not options["no_index"]:
            for kind in kinds:
                model = sources.source(kind).model
                ids = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
                stale = (
                    SearchDocument.objects.filter(kind=kind).exclude(object_id__in=ids)
                    if len(ids) < 50_000
                    else SearchDocument.objects.none()
                )
                gone = list(stale.values_list("object_id", flat=True))
                bar = tqdm(total=len(ids) + len(gone), desc=f"index {kind}", unit="doc", disable=quiet)
                size = options["batch_size"]
                for start in range(0, len(ids), size):
                    indexing.index_objects(kind, ids[start : start + size])
                    bar.update(len(ids[start : start + size]))
                if gone:
                    indexing.index_objects(kind, gone)
                    bar.update(len(gone))
                bar.close()
        if not options["no_embed"]:
            for kind in kinds:
                total = embedding.dirty_count(kind)
                if options["embed_limit"] is not None:
                    total = min(total, options["embed_limit"])
                bar = tqdm(total=total, desc=f"embed {kind}", unit="doc", disable=quiet)
                done = embedding.embed_dirty(kind=kind, limit=options["embed_limit"], progress=bar.update)
                bar.close()
                self.stdout.write(f"{kind}: embedded {done}, still to embed {embedding.dirty_count(kind)}")
        vectors.forget()
