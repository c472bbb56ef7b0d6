"""Every XLSX importer, web and command line, refuses a malicious or broken workbook in words, quickly, within
300 MB, and writes nothing: the shared guard streams the sheets and stops at the template's caps."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hardening import corpus
from tests.hardening.conftest import Entry, Feed, assert_refused, entries

CASES: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    # what the file is → (its bytes, phrases of which one must appear in the message, Indonesian or English)
    "far-away cell": (corpus.far_away_cell, ("1.048.576", "1,048,576")),
    # 300,000 rows pack into 2.2 MB: over the 2 MB limit of PDRB tables, over the row caps of the others
    "300,000 rows": (corpus.many_rows, ("lebih dari", "more than", "melebihi batas", "exceeds the")),
    # 50 MB packing 1000:1: a zip bomb, or more than the profile reader's unpacked-size cap (32 MB for Kendal)
    "50 MB cell": (corpus.huge_cell, ("bom zip", "zip bomb", "setelah dibuka melebihi batas", "unpacks to")),
    "200,000-character cell": (corpus.long_cell, ("10.000 karakter", "10,000 characters")),
    "PNG named .xlsx": (corpus.png_named_xlsx, ("PNG",)),
    "truncated zip": (corpus.truncated_zip, ("terpotong", "truncated")),
    "zip bomb": (corpus.zip_bomb, ("bom zip", "zip bomb")),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("entry", entries("xlsx"), ids=str)
def test_it_refuses_the_workbook_in_words_and_writes_nothing(feed: Feed, entry: Entry, case: str) -> None:
    build, phrases = CASES[case]
    outcome = feed(entry, "berkas.xlsx", build(), commit=True)
    assert_refused(outcome, *phrases)


@pytest.mark.parametrize("entry", entries("xlsx"), ids=str)
def test_a_quoted_cell_shows_at_most_100_characters(feed: Feed, entry: Entry) -> None:
    outcome = feed(entry, "berkas.xlsx", corpus.long_cell())
    assert corpus.LONG_CELL[:100] in outcome.text
    assert corpus.LONG_CELL[:101] not in outcome.text
