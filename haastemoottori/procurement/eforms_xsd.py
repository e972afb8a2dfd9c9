"""Validation of eForms XML against the SDK's XSD schemas, which live outside the repository.

The folder is the setting ``HAASTEMOOTTORI_EFORMS_SCHEMAS`` (by default ``../shared/data/eforms-sdk/schemas``
beside the project, when it exists). Without it the importer still checks the fields it needs and reports
that XSD validation was skipped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from lxml import etree

MAINDOC = {
    "PriorInformationNotice": "maindoc/UBL-PriorInformationNotice-2.3.xsd",
    "ContractNotice": "maindoc/UBL-ContractNotice-2.3.xsd",
    "ContractAwardNotice": "maindoc/UBL-ContractAwardNotice-2.3.xsd",
}


def schema_folder() -> Path | None:
    configured = getattr(settings, "HAASTEMOOTTORI_EFORMS_SCHEMAS", "") or ""
    if not configured:
        return None
    folder = Path(configured)
    return folder if (folder / MAINDOC["ContractNotice"]).is_file() else None


@cache
def _schema(path: str) -> Any:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.XMLSchema(etree.parse(path, parser=parser))


def validate(root: Any) -> list[str] | None:
    """The XSD errors of a parsed notice ([] when valid), or None when the schemas are not available."""
    folder = schema_folder()
    if folder is None:
        return None
    local = etree.QName(root).localname
    if local not in MAINDOC:
        return [f"{local}: not an eForms notice"]
    schema = _schema(str(folder / MAINDOC[local]))
    if schema.validate(root):
        return []
    return [f"line {e.line}: {e.message}" for e in list(schema.error_log)[:5]]
