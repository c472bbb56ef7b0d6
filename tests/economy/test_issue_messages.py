"""Every problem lib.pdrb can report has an Indonesian sentence; English pages show lib's own message."""

from __future__ import annotations

import inspect
import re

from django.utils import translation

from petakan.economy.issues import KNOWN_KINDS, issue_line
from petakan.lib import pdrb


def _kinds_lib_reports() -> set[str]:
    source = inspect.getsource(pdrb)
    return set(re.findall(r'report\.(?:error|warning)\(\s*"([a-z_]+)"', source))


def test_every_kind_lib_reports_has_an_indonesian_text() -> None:
    kinds = _kinds_lib_reports()
    assert len(kinds) >= 20
    assert kinds <= KNOWN_KINDS, kinds - KNOWN_KINDS


def test_an_issue_keeps_its_row_column_and_cell() -> None:
    issue = pdrb.PdrbIssue(
        "bad_number",
        "error",
        "'12a' is not a number",
        row=7,
        column="2021",
        cell="D7",
        value="12a",
        category="C",
        year=2021,
    )
    with translation.override("id"):
        line = issue_line(issue)
    assert (line.row, line.column, line.cell) == (7, "2021", "D7")
    assert line.message == "“12a” tidak dapat dibaca sebagai angka (C (Industri Pengolahan) tahun 2021)"
    assert line.severity_text == "galat"
    with translation.override("en"):
        assert issue_line(issue).message == "'12a' is not a number"


def test_details_only_lib_knows_are_kept_under_the_indonesian_text() -> None:
    issue = pdrb.PdrbIssue("sheet", "error", "the workbook has 2 sheets (ADHB, ADHK); name the one to read")
    with translation.override("id"):
        line = issue_line(issue)
    assert "lembar kerja" in line.message and "ADHB, ADHK" in line.detail


def test_an_unknown_kind_shows_lib_message_and_is_logged(caplog) -> None:  # type: ignore[no-untyped-def]
    issue = pdrb.PdrbIssue("new_kind", "warning", "something new")
    with translation.override("id"):
        assert issue_line(issue).message == "something new"
    assert "new_kind" in caplog.text
