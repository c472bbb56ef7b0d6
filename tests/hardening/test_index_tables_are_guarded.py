"""The composite-index command's tables (``petakan index run --data … --meta …``) pass the same guard: a PNG or a
truncated zip named .xlsx is a readable problem, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from petakan.lib.index import IndexInputError, read_table
from petakan.lib.index.inputs import read_table_header
from tests.hardening import corpus


@pytest.mark.parametrize(
    ("content", "phrase"), [(corpus.PNG, "PNG image"), (corpus.truncated_zip(), "truncated or damaged")]
)
def test_a_broken_workbook_is_a_problem_in_words(tmp_path: Path, content: bytes, phrase: str) -> None:
    path = tmp_path / "data.xlsx"
    path.write_bytes(content)
    for read in (read_table, read_table_header):
        with pytest.raises(IndexInputError) as caught:
            read(path)
        assert phrase in str(caught.value)
