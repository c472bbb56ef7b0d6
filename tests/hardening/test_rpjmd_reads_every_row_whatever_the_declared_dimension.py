"""The RPJMD importer reads every row a sheet holds, even when the sheet declares a smaller dimension (as some
tools write it), and says how many rows it read; before, the rows beyond the declaration were silently dropped and
the dry run reported "0 baru"."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from petakan.planning import importer
from tests.planning.test_import_rpjmd import workbook

# The cascade of tests.planning.test_import_rpjmd.workbook: one period, 1 misi, 1 tujuan, 2 sasaran, 1 strategi,
# 1 programme, 1 indicator; each of the 7 sheets has a header row, the period sheet 6 rows of values.
ROWS = 7 + 6 + 1 + 1 + 2 + 1 + 1 + 1


def understated(data: bytes) -> bytes:
    """The same workbook with every sheet declaring the dimension ``A1``."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', content)
            out.writestr(item, content)
    return target.getvalue()


def test_rows_beyond_the_declared_dimension_are_read(kendal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = understated(workbook(tmp_path / "rpjmd.xlsx").read_bytes())
    assert b'<dimension ref="A1"' in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet2.xml")
    report = importer.import_cascade(io.BytesIO(data))
    assert report.created > 0 and not report.committed
    assert report.rows_read == ROWS


def test_the_summary_says_how_many_rows_were_read(kendal, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = importer.import_cascade(workbook(tmp_path / "rpjmd.xlsx"))
    assert report.summary().startswith(f"{ROWS} baris dibaca: ")
    assert (
        report.created == 1 + 1 + 1 + 2 + 1 + 1 + 1
    )  # period, misi, tujuan, sasaran ×2, strategi, programme, indicator
