"""The alignment matrices as an XLSX workbook: one sheet per matrix."""

from __future__ import annotations

import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from petakan.lib.cells import neutralise_workbook
from petakan.lib.planning import Matrix

MARK_FILL = PatternFill("solid", fgColor="CDE8D8")


def matrices_xlsx(matrices: list[tuple[str, Matrix]], legend: list[str], demo: bool) -> bytes:
    """``matrices`` are (sheet title, matrix) pairs; row 1 names the matrix, row 2 heads the columns."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    for title, matrix in matrices:
        ws = wb.create_sheet(title[:31])
        ws.append([matrix.title + (f" — {_('DATA CONTOH')}" if demo else "")])
        ws["A1"].font = bold
        ws.append([_("Program"), *[label for _id, label in matrix.columns], _("Jumlah tautan")])
        for cell in ws[2]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for (_pid, label), cells in zip(matrix.rows, matrix.cells, strict=True):
            ws.append([label, *cells, sum(1 for c in cells if c)])
            for cell in ws[ws.max_row][1:-1]:
                if cell.value:
                    cell.fill = MARK_FILL
        ws.append([])
        for line in legend:
            ws.append([line])
        ws.column_dimensions["A"].width = 48
        for i in range(2, len(matrix.columns) + 3):
            ws.column_dimensions[get_column_letter(i)].width = 14
        ws.freeze_panes = "B3"
    out = io.BytesIO()
    neutralise_workbook(wb).save(out)
    return out.getvalue()
