"""Time the eForms reader on real notices (by hand, never in CI).

    .venv/bin/python bench/eforms_read.py ../shared/data/eforms-sdk/notices

For each file: its size, the parse-and-check time (median of 20) with and without XSD validation against
HAASTEMOOTTORI_EFORMS_SCHEMAS, and the outcome; then a synthetic notice with 100 lots built from the test
fixture. Nothing is written to the database.
"""

import contextlib
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django

django.setup()

from haastemoottori.procurement import eforms, eforms_xsd


def median_ms(function, repeat: int = 20) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        with contextlib.suppress(eforms.NoticeRejected):
            function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def outcome(data: bytes) -> str:
    try:
        notice = eforms.parse_notice(data)
    except eforms.NoticeRejected as exc:
        return f"rejected {exc.reason[:60]}"
    return f"read {notice.kind} {len(notice.lots)} lots {len(notice.winners)} winners"


def main(folder: str) -> None:
    files = sorted(Path(folder).glob("*.xml"))
    fixture = Path(__file__).resolve().parent.parent / "haastemoottori/procurement/tests/fixtures/cn_espoo.xml"
    sys.path.insert(0, str(fixture.parent.parent))
    from haastemoottori.procurement.tests.eforms_helpers import with_lots

    samples = [(f.name, f.read_bytes()) for f in files] + [("synthetic-100-lots", with_lots(fixture.read_bytes(), 100))]
    eforms_xsd.validate(eforms.parse_xml(samples[0][1]))  # load the schemas once
    print(f"{'file':28} {'bytes':>8} {'read ms':>8} {'xsd ms':>8}  outcome")
    for name, data in samples:
        read = median_ms(lambda data=data: eforms.parse_notice(data))
        xsd = median_ms(lambda data=data: eforms_xsd.validate(eforms.parse_xml(data)))
        print(f"{name:28} {len(data):>8} {read:>8.2f} {xsd:>8.2f}  {outcome(data)}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/eforms-sdk/notices")
