import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from haastemoottori.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (PostgreSQL: pg_dump in custom format; SQLite: the online backup API) and the "
        "stored files (MEDIA_ROOT and PRIVATE_MEDIA_ROOT) into one .tar.gz archive with a manifest of "
        "checksums and per-table digests. The platform can keep running. Restore with: manage.py restore."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="Where to write the archive (default: var/backups/haastemoottori-<UTC time>.tar.gz).",
        )
        parser.add_argument("--database", default="default", help="The database alias (default: default).")

    def handle(self, *args, **options):
        output = options["output"]
        if output is None:
            stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%d-%H%M%S")
            output = Path(settings.BASE_DIR) / "var" / "backups" / f"haastemoottori-{stamp}.tar.gz"
        if output.exists():
            raise CommandError(f"{output} exists already.")
        try:
            manifest = backup_create(output, using=options["database"])
        except BackupError as exc:
            raise CommandError(str(exc))
        files = sum(1 for name in manifest["members"] if name.startswith("files/"))
        rows = sum(table["rows"] for table in manifest["tables"].values())
        self.stdout.write(
            f"{output}: {manifest['engine']} database, {len(manifest['tables'])} tables, {rows} rows, {files} files."
        )
