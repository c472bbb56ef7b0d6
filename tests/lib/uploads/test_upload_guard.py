"""The shared upload guard (petakan.lib.uploads) on its own: what it refuses, how it counts, what it quotes."""

from __future__ import annotations

import io
import sys
import zipfile

import pytest

from petakan.lib import uploads
from petakan.lib.uploads import Limits, UploadError
from tests.hardening import corpus

LIMITS = Limits(kind="idm", max_bytes=5 * uploads.MB, max_rows=300, max_columns=20, max_cell_chars=1000)


def refusal(run: object, *args: object) -> UploadError:
    with pytest.raises(UploadError) as caught:
        run(*args)  # type: ignore[operator]
    return caught.value


def test_it_states_the_size_and_the_limit_in_both_languages() -> None:
    error = refusal(uploads.check_size, int(12.3 * uploads.MB), LIMITS)
    assert error.message_id == "Berkas 12,3 MB melebihi batas 5 MB untuk impor IDM."
    assert error.message_en == "The file of 12.3 MB exceeds the 5 MB limit for IDM imports."
    assert error.text("en") == error.message_en and str(error) == error.message_id


def test_it_counts_the_rows_that_exist_not_the_declared_dimension() -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 302))
    error = refusal(uploads.check_xlsx, corpus.xlsx({"Data": rows}), LIMITS)  # the sheet declares A1
    assert error.key == "too_many_rows" and "Lembar «Data»" in error.message_id


def test_rows_without_numbers_are_counted_too() -> None:
    rows = "<row><c><v>1</v></c></row>" * 301
    assert refusal(uploads.check_xlsx, corpus.xlsx({"Data": rows}), LIMITS).key == "too_many_rows"


def test_a_cell_beyond_the_last_column_is_named() -> None:
    error = refusal(uploads.check_xlsx, corpus.xlsx({"Data": '<row r="1"><c r="XFD1"><v>1</v></c></row>'}), LIMITS)
    assert error.message_en == "Sheet «Data»: column XFD is beyond the template's limit of 20 columns."


def test_a_long_shared_string_is_named_by_its_cell() -> None:
    strings = f'<sst xmlns="{corpus.MAIN}"><si><t>pendek</t></si><si><t>{"y" * 5000}</t></si></sst>'
    sheet = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
    data = corpus.xlsx({"Data": sheet}, extra={"xl/sharedStrings.xml": strings.encode()})
    error = refusal(uploads.check_xlsx, data, LIMITS)
    assert error.message_id == f"Lembar «Data» sel C1: teks sel lebih dari 1.000 karakter: «{'y' * 100}…»."


def test_a_workbook_within_the_limits_passes_untouched() -> None:
    data = corpus.xlsx({"Data": '<row r="1"><c r="A1"><v>1</v></c></row>'})
    assert uploads.check_xlsx(data, LIMITS) == data


def test_xml_with_a_dtd_is_refused() -> None:
    sheet = f'<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet xmlns="{corpus.MAIN}"><sheetData/></worksheet>'
    buffer = io.BytesIO(corpus.xlsx({"Data": ""}))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/worksheets/sheet9.xml", sheet)
    assert refusal(uploads.check_xlsx, buffer.getvalue(), LIMITS).key == "xml_doctype"


def test_a_zip_with_too_many_members_is_refused_before_any_is_read() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(11):
            archive.writestr(f"m{i}.txt", "x")
    error = refusal(uploads.open_zip, buffer.getvalue(), Limits(max_members=10))
    assert error.message_id == "Arsip berisi 11 berkas; paling banyak 10 diizinkan."


def test_a_zip_bomb_is_refused_by_its_ratio() -> None:
    error = refusal(uploads.open_zip, corpus.zip_bomb("kec.shp"), LIMITS)
    assert error.key == "zip_ratio" and "«kec.shp»" in error.message_id and "bom zip" in error.message_id


def test_a_member_packed_with_a_method_python_cannot_inflate_is_refused_by_name() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = bytearray(buffer.getvalue())
    # say Deflate64 (method 9) in the local header (offset 8) and the central directory entry (offset 10)
    data[8:10] = (9).to_bytes(2, "little")
    central = data.index(b"PK\x01\x02")
    data[central + 10 : central + 12] = (9).to_bytes(2, "little")
    error = refusal(uploads.check_xlsx, bytes(data), LIMITS)
    assert error.key == "zip_method" and "«xl/workbook.xml»" in error.message_id and "(9)" in error.message_en


def test_json_nesting_is_measured_without_recursion() -> None:
    depth = sys.getrecursionlimit() * 10
    assert uploads.json_depth("[" * depth + "]" * depth, 64) == 65
    assert uploads.json_depth('{"a": "[[[[[[[[", "b": [[1]]}', 64) == 3  # brackets inside strings do not count
    assert refusal(uploads.load_json, corpus.deep_json(), LIMITS).key == "json_too_deep"


def test_csv_with_a_bom_and_semicolons_is_read() -> None:
    assert uploads.read_csv_rows("\ufeffcode;name\n33.24;Kendal\n".encode(), LIMITS) == [
        ["code", "name"],
        ["33.24", "Kendal"],
    ]


def test_csv_rows_and_cells_are_capped_while_reading() -> None:
    assert refusal(uploads.read_csv_rows, b"a\n" * 301, LIMITS).key == "too_many_rows"
    error = refusal(uploads.read_csv_rows, b"a,b\n1," + b"z" * 200_000 + b"\n", LIMITS)
    assert error.message_id == f"Baris 2 kolom 2: teks sel lebih dari 1.000 karakter: «{'z' * 100}…»."


def test_a_binary_file_is_not_csv() -> None:
    assert "PNG" in refusal(uploads.read_csv_rows, corpus.PNG, LIMITS).message_en


def test_quotes_are_short_and_on_one_line() -> None:
    assert uploads.quote("a\nb") == "a b"
    assert uploads.quote("x" * 500) == "x" * 100 + "…"
    assert len(uploads.quote("é" * 10**6)) == 101
