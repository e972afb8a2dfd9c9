"""CSV downloads: a byte order mark, and cells a spreadsheet would run as formulas made inert."""

import csv
import io

from haastemoottori.core.csv_export import csv_download


def test_formula_cells_are_neutralised_and_the_file_starts_with_a_bom():
    response, writer = csv_download("x.csv")
    writer.writerow(["=1+1", "+358 40", "-2", "@SUM(A1)", "\tx", "\rx", "plain", 3, None])
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    row = next(csv.reader(io.StringIO(text[1:])))
    assert row == ["'=1+1", "'+358 40", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "plain", "3", ""]
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Cache-Control"] == "private, no-store"
