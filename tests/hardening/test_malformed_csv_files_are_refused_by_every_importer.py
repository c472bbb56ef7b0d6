"""Every CSV importer, web and command line, refuses a binary, oversized or overlong file in words, within
300 MB, writing nothing; a UTF-8 file with a BOM and ';' separators (as Excel writes it in an Indonesian
locale) is read like any other."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.hardening import corpus
from tests.hardening.conftest import Entry, Feed, assert_refused, entries

CASES: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "PNG named .csv": (lambda: corpus.PNG, ("PNG",)),
    # 300,000 rows are 3.5 MB: over the 2 MB of PDRB tables, within the 5 MB of IDM files but over their row cap
    "300,000 rows": (corpus.csv_many_rows, ("lebih dari", "more than", "melebihi batas", "exceeds the")),
    "50 MB cell": (corpus.csv_huge_cell, ("melebihi batas", "exceeds the")),
    "200,000-character cell": (corpus.csv_long_cell, ("10.000 karakter", "10,000 characters")),
    "Latin-1 text": (lambda: "code,name\n33.24,Kendal ä\n".encode("latin-1"), ("UTF-8",)),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("entry", entries("csv"), ids=str)
def test_it_refuses_the_file_in_words_and_writes_nothing(feed: Feed, entry: Entry, case: str) -> None:
    build, phrases = CASES[case]
    assert_refused(feed(entry, "berkas.csv", build(), commit=True), *phrases)


@pytest.mark.parametrize("entry", entries("csv"), ids=str)
def test_a_quoted_cell_shows_at_most_100_characters(feed: Feed, entry: Entry) -> None:
    outcome = feed(entry, "berkas.csv", corpus.csv_long_cell())
    assert corpus.LONG_CELL[:100] in outcome.text
    assert corpus.LONG_CELL[:101] not in outcome.text


def test_the_code_importer_reads_a_bom_and_semicolons(feed: Feed) -> None:
    (entry,) = [e for e in entries("csv") if e.name == "codes cli"]
    outcome = feed(entry, "kode.csv", "\ufeffcode;name\n33.24;Kendal\n33.24.01;Plantungan\n".encode())
    assert "0 baru, 1 berubah, 1 tetap, 0 masalah" in outcome.text, outcome.text  # "Kendal" is a new short name
    assert not outcome.changed


@pytest.mark.parametrize("name", ["idm scores web", "idm scores cli"])
def test_the_idm_importer_reads_a_bom_and_semicolons(feed: Feed, name: str) -> None:
    (entry,) = [e for e in entries("csv") if e.name == name]
    header = ["code", "year"] + [f"iks_{i:02d}" for i in range(1, 36)]
    header += [f"ike_{i:02d}" for i in range(1, 13)] + [f"ikl_{i:02d}" for i in range(1, 4)]
    row = ["33.24.01.2001", "2024"] + ["3"] * (len(header) - 2)
    content = ("\ufeff" + ";".join(header) + "\n" + ";".join(row) + "\n").encode()
    outcome = feed(entry, "skor.csv", content)
    assert "Traceback" not in outcome.text and outcome.status in (None, 200)
    assert outcome.says("1 baris lolos semua pemeriksaan", "33.24.01.2001"), outcome.text[-3000:]
    assert not outcome.says("tidak ada.", "is missing"), outcome.text[-3000:]
    assert not outcome.changed


@pytest.mark.parametrize("entry", entries("csv"), ids=str)
def test_a_long_value_within_the_cell_cap_is_quoted_short(feed: Feed, entry: Entry) -> None:
    long_name = corpus.LONG_CELL[:5000]  # under the 10,000-character cap: the importer's own checks report it
    content = f"code,year,{long_name}\n{long_name},2024,x\n".encode()
    outcome = feed(entry, "berkas.csv", content, commit=True)
    assert outcome.status in (None, 200) and "Traceback" not in outcome.text
    assert long_name[:101] not in outcome.text, outcome.text[-2000:]
    assert not outcome.changed


EMPTY_TABLES = {
    "idm scores cli": "code,year,"
    + ",".join(
        [f"iks_{i:02d}" for i in range(1, 36)] + [f"ike_{i:02d}" for i in range(1, 13)] + ["ikl_01", "ikl_02", "ikl_03"]
    ),
    "idm official web": "code,year,iks,ike,ikl,idm,status",
    "codes cli": "code,name",
}


@pytest.mark.parametrize("name", list(EMPTY_TABLES))
def test_a_header_without_rows_is_refused(feed: Feed, name: str) -> None:
    (entry,) = [e for e in entries("csv") if e.name == name]
    outcome = feed(entry, "kosong.csv", (EMPTY_TABLES[name] + "\n\n").encode(), commit=True)
    assert_refused(outcome, "tidak berisi baris data", "tidak ada baris data", "no data rows")
