from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from haastemoottori.core.files_check import files_check, files_delete_orphans


class Command(BaseCommand):
    help = (
        "List stored files that no row refers to (orphans: left by a crash, or by a deletion that did not remove "
        "its file) and rows whose file is missing, in the public media and the private files. With --delete, "
        "remove the orphans. Files younger than --grace-minutes are listed apart and never removed (their "
        "transaction may still be running). Exits with status 1 when anything is left to look at."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="Remove the orphaned files.")
        parser.add_argument(
            "--grace-minutes", type=int, default=60, help="Leave files younger than this alone (default: 60)."
        )

    def handle(self, *args, **options):
        if options["grace_minutes"] < 0:
            raise CommandError("--grace-minutes cannot be negative.")
        report = files_check(grace=timedelta(minutes=options["grace_minutes"]))
        for source, name in report.orphans:
            self.stdout.write(f"orphan\t{source.label}\t{name}")
        for source, name in report.recent:
            self.stdout.write(f"recent\t{source.label}\t{name}")
        for source, name in report.missing:
            self.stdout.write(f"missing\t{source.label}\t{name}")
        deleted = files_delete_orphans(report) if options["delete"] else 0
        self.stderr.write(
            f"{report.checked} files checked: {len(report.orphans)} orphans"
            + (f" ({deleted} removed)" if options["delete"] else "")
            + f", {len(report.recent)} recent, {len(report.missing)} missing."
        )
        if report.missing or (report.orphans and not options["delete"]):
            raise CommandError("Stored files and rows do not match (see above).", returncode=1)
