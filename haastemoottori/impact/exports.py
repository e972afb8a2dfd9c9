"""CSV and XLSX downloads of the figures: the same rows the page shows, numbers as numbers."""

from __future__ import annotations

import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from haastemoottori.core.csv_export import csv_download

from .figures import NO_DATA, Figure

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filter_line(filters_text: str) -> list[str]:
    return [_("Filters"), filters_text]


def figure_csv(figure: Figure, *, filename: str) -> HttpResponse:
    response, writer = csv_download(filename)
    writer.writerow([str(c) for c in figure.columns])
    writer.writerows(figure.rows)
    return response


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _sheet_title(figure: Figure, used: set[str]) -> str:
    # Sheet names: at most 31 characters, none of []:*?/\ ; the figure key is short and safe.
    title = figure.key[:31]
    n = 2
    while title in used:
        title = f"{figure.key[:28]}-{n}"
        n += 1
    used.add(title)
    return title


def _fill(sheet, figure: Figure, filters_text: str) -> None:
    sheet.append([str(figure.title)])
    sheet.append([str(figure.description)])
    sheet.append(_filter_line(filters_text))
    sheet.append([])
    sheet.append([str(c) for c in figure.columns])
    if not figure.available:
        sheet.append([str(NO_DATA)])
    for row in figure.rows:
        sheet.append([_cell(v) for v in row])


def figures_xlsx(figures: list[Figure], *, filename: str, filters_text: str) -> HttpResponse:
    """A workbook with one sheet per figure: title, definition, filters, then the table (header on row 5)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for figure in figures:
        _fill(workbook.create_sheet(_sheet_title(figure, used)), figure, filters_text)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
