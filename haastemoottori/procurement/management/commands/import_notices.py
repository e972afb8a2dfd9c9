"""Read eForms notices (files, or folders of *.xml) into a challenge's procurement path.

    manage.py import_notices --challenge <slug> notices/ other.xml
    manage.py import_notices --dry-run ../shared/data/eforms-sdk/notices

One line per file: the file name, then ``read <notice id> <title>`` or ``rejected <reason naming the element>``
(and, when written, whether the notice was created, updated by a newer version, or already there).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from haastemoottori.challenges.models import Challenge
from haastemoottori.core.errors import ServiceError
from haastemoottori.procurement.eforms import MAX_NOTICE_BYTES
from haastemoottori.procurement.services import notice_import, notice_read


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".xml")
        else:
            found.append(path)
    return found


class Command(BaseCommand):
    help = "Read eForms notices into a challenge's procurement path (or only check them with --dry-run)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Notice files or folders of .xml files.")
        parser.add_argument("--challenge", default="", help="The challenge (slug) whose procurement path gets them.")
        parser.add_argument("--dry-run", action="store_true", help="Read and check only; write nothing.")

    def handle(self, *args, paths, challenge="", dry_run=False, **options):
        target = None
        if not dry_run:
            if not challenge:
                raise CommandError("Give --challenge <slug>, or --dry-run to only read the notices.")
            target = Challenge.objects.filter(slug=challenge).first()
            if target is None:
                raise CommandError(f"No challenge {challenge!r}.")
        rejected = 0
        for path in _files(paths):
            line, ok = self._one(path, target)
            rejected += not ok
            self.stdout.write(f"{path.name}: {line}")
        if rejected:
            self.stderr.write(f"{rejected} rejected")

    def _one(self, path: Path, challenge) -> tuple[str, bool]:
        try:
            if path.stat().st_size > MAX_NOTICE_BYTES:
                return f"rejected the file is larger than {MAX_NOTICE_BYTES // (1024 * 1024)} MB", False
            data = path.read_bytes()
        except OSError as exc:
            return f"rejected cannot read the file ({exc.strerror})", False
        try:
            if challenge is None:
                read = notice_read(data)
                parsed, notes, status = read.parsed, read.notes, ""
            else:
                result = notice_import(actor=None, challenge=challenge, data=data)
                parsed, notes, status = result.parsed, result.notes, f" ({result.status})"
        except ServiceError as exc:
            return f"rejected {exc.message}", False
        line = f"read {parsed.notice_id} {parsed.display_title()}{status}"
        return line + "".join(f" · {note}" for note in notes), True
