"""What the import commands share: the progress bar and the summary they print."""

from __future__ import annotations

import sys
from collections.abc import Iterable

from django.core.management.base import OutputWrapper
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from .services.common import ImportSummary


def progress(iterable: Iterable, *, total: int | None, stderr: OutputWrapper, enabled: bool, unit: str):
    """A tqdm bar on stderr, shown only when stderr is a terminal and the user did not turn it off."""
    stream = getattr(stderr, "_out", sys.stderr)
    show = enabled and hasattr(stream, "isatty") and stream.isatty()
    return tqdm(iterable, total=total, file=stream, disable=not show, unit=unit, leave=False)


def write_summary(
    *, summary: ImportSummary, stdout: OutputWrapper, style, seconds: float, max_warnings: int | None = None
) -> None:
    """Counts, then every rejected record with its reason, then the warnings about imported ones."""
    if summary.rejected:
        stdout.write(
            style.ERROR(
                ngettext("%(count)s record rejected:", "%(count)s records rejected:", len(summary.rejected))
                % {"count": len(summary.rejected)}
            )
        )
        for ref, reason in summary.rejected:
            stdout.write(f"  {ref}: {reason}")
    if summary.warnings:
        shown = summary.warnings if max_warnings is None else summary.warnings[:max_warnings]
        stdout.write(
            style.WARNING(
                ngettext("%(count)s warning:", "%(count)s warnings:", len(summary.warnings))
                % {"count": len(summary.warnings)}
            )
        )
        for ref, message in shown:
            stdout.write(f"  {ref}: {message}")
        if len(shown) < len(summary.warnings):
            stdout.write(
                "  "
                + _("… and %(count)s more (run with --all-warnings to see them).")
                % {"count": len(summary.warnings) - len(shown)}
            )
    if summary.stopped_at_limit:
        stdout.write(_("Stopped at the limit; run the command again to continue."))
    rate = summary.seen / seconds if seconds > 0 else 0
    line = _(
        "Imported %(imported)s, updated %(updated)s, unchanged %(unchanged)s, rejected %(rejected)s "
        "(%(seconds).1f s, %(rate).0f records/s)."
    ) % {
        "imported": summary.imported,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "rejected": len(summary.rejected),
        "seconds": seconds,
        "rate": rate,
    }
    stdout.write(style.ERROR(line) if summary.rejected else style.SUCCESS(line))
