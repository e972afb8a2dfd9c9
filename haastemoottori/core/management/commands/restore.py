import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from haastemoottori.core.backup import BackupError, backup_read, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by manage.py backup into an EMPTY database (the one in DATABASE_URL: "
        "create it first) and empty file folders. Every entry is checked against the manifest before anything "
        "is written, and every table and file is compared with it afterwards. --check only checks the archive."
    )
    requires_system_checks: list[str] = []  # the database is still empty

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--check", action="store_true", help="Only check the archive against its manifest.")
        parser.add_argument("--database", default="default", help="The database alias (default: default).")

    def handle(self, *args, **options):
        archive = options["archive"]
        if not archive.is_file():
            raise CommandError(f"{archive} is not a file.")
        try:
            if options["check"]:
                with tempfile.TemporaryDirectory(prefix="haastemoottori-check-") as staging:
                    manifest, _staged = backup_read(archive, Path(staging))
            else:
                manifest = backup_restore(archive, database=connections[options["database"]].settings_dict)
        except BackupError as exc:
            raise CommandError(str(exc))
        files = sum(1 for name in manifest["members"] if name.startswith("files/"))
        verb = "checked" if options["check"] else "restored and compared"
        self.stdout.write(
            f"{archive}: {verb}: {len(manifest['tables'])} tables, {files} files (backup of {manifest['created_at']})."
        )
