"""Helpers of the eForms tests: the project's own fixture notices and the shared SDK examples (when present)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

FIXTURES = Path(__file__).parent / "fixtures"
SDK = Path(settings.BASE_DIR).parent / "shared" / "data" / "eforms-sdk"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def sdk_notice(name: str) -> bytes:
    path = SDK / "notices" / name
    if not path.is_file():
        pytest.skip(f"the eForms SDK examples are not at {SDK}: the shared-data tests are skipped")
    return path.read_bytes()


def require_schemas() -> Path:
    folder = SDK / "schemas"
    if not (folder / "maindoc" / "UBL-ContractNotice-2.3.xsd").is_file():
        pytest.skip(f"the eForms XSD schemas are not at {folder}: XSD validation is not tested here")
    return folder


def with_lots(data: bytes, count: int, padding: int = 0) -> bytes:
    """The contract notice fixture with ``count`` lots (each with ``padding`` characters of description)."""
    text = data.decode()
    start = text.index("  <cac:ProcurementProjectLot>")
    end = text.index("</ContractNotice>")
    lot = text[start : text.index("  </cac:ProcurementProjectLot>") + len("  </cac:ProcurementProjectLot>\n")]
    filler = "x" * padding
    lots = "".join(
        lot.replace("LOT-0001", f"LOT-{n:04d}").replace(
            '<cbc:ProcurementTypeCode listName="contract-nature">',
            f'<cbc:Description languageID="FIN">{filler}</cbc:Description>'
            '<cbc:ProcurementTypeCode listName="contract-nature">',
            1,
        )
        if padding
        else lot.replace("LOT-0001", f"LOT-{n:04d}")
        for n in range(1, count + 1)
    )
    return (text[:start] + lots + text[end:]).encode()
