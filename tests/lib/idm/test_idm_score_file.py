"""Reading and validating a score file: a precise problem per row, all problems at once, nothing partial."""

from __future__ import annotations

import numpy as np
import openpyxl
import pytest

from petakan.lib.idm import IdmInputError, parse_scores, read_table, score_matrix

KNOWN = {"33.24.01.2001", "33.24.01.2002", "33.24.01.2003"}


def problems_of(path, edition, **kwargs):
    with pytest.raises(IdmInputError) as caught:
        parse_scores(read_table(path), edition, **kwargs)
    return caught.value.problems


def test_it_reads_a_valid_file_into_a_score_matrix(edition, score_csv):
    path = score_csv([("33.24.01.2001", 2023, [5] * 50), ("33.24.01.2002", "2023", ["3.0"] + [1] * 49)])
    parsed = parse_scores(read_table(path), edition, KNOWN)

    assert parsed.codes.tolist() == ["33.24.01.2001", "33.24.01.2002"]
    assert parsed.years.tolist() == [2023, 2023]
    assert parsed.scores[1, :2].tolist() == [3, 1]
    assert parsed.row_numbers.tolist() == [2, 3]
    assert score_matrix(edition, parsed.scores).formatted("idm").tolist() == [
        "1.0000",
        "0.2038",
    ]  # (37/175 + 12/60 + 3/15) / 3


def test_it_rejects_scores_outside_0_to_5_and_non_integers_with_row_and_column(edition, score_csv):
    bad = [5] * 50
    bad[4], bad[36], bad[49] = 6, "2.5", "lima"
    path = score_csv([("33.24.01.2001", 2023, [5] * 50), ("33.24.01.2002", 2023, bad)])
    problems = problems_of(path, edition, known_codes=KNOWN)

    found = {(p.row, p.column, p.value, p.reason) for p in problems}
    assert found == {
        (3, "iks_05", "6", "out_of_range"),
        (3, "ike_02", "2.5", "not_integer"),
        (3, "ikl_03", "lima", "not_a_number"),
    }
    assert str(problems[0]) == "row 3, column iks_05: 6 is outside 0–5"


def test_it_collects_every_kind_of_problem_before_failing(edition, score_csv):
    rows = [
        ("33.24.01.2001", 2023, [5] * 50),
        ("33.24.01.2001", 2023, [4] * 50),  # duplicate village-year
        ("99.99.99.9999", 2023, [4] * 50),  # unknown code
        ("", 2023, [4] * 50),  # empty code
        ("33.24.01.2002", "2010", [4] * 50),  # before IDM existed
        ("33.24.01.2003", 2023, [-1] + [4] * 49),
    ]
    problems = problems_of(score_csv(rows), edition, known_codes=KNOWN)

    reasons = [(p.row, p.reason) for p in problems]
    assert reasons == [(3, "duplicate"), (4, "unknown_code"), (5, "required"), (6, "bad_year"), (7, "out_of_range")]
    duplicate = problems[0]
    assert duplicate.context["first_row"] == 2
    assert "first in row 2" in duplicate.message


def test_a_village_with_missing_items_is_an_error_unless_incomplete_rows_are_allowed(edition, score_csv):
    partial = [4] * 50
    partial[10] = ""
    path = score_csv([("33.24.01.2001", 2023, [5] * 50), ("33.24.01.2002", 2023, partial)])

    problems = problems_of(path, edition, known_codes=KNOWN)
    assert [(p.row, p.column, p.reason, p.severity) for p in problems] == [(3, "iks_11", "missing_score", "incomplete")]

    parsed = parse_scores(read_table(path), edition, KNOWN, allow_incomplete=True)
    result = score_matrix(edition, parsed.scores)
    assert result.formatted("idm").tolist() == ["1.0000", ""]
    assert result.status_names().tolist() == ["Mandiri", ""]
    assert [p.row for p in parsed.incomplete] == [3]


def test_an_unknown_code_suggests_the_dotted_kemendagri_form(edition, score_csv):
    problems = problems_of(score_csv([("3324012001", 2023, [5] * 50)]), edition, known_codes=KNOWN)

    assert problems[0].reason == "unknown_code"
    assert problems[0].context["suggestion"] == "33.24.01.2001"
    assert "did you mean 33.24.01.2001?" in problems[0].message


def test_codes_are_not_checked_when_no_code_list_is_given(edition, score_csv):
    parsed = parse_scores(read_table(score_csv([("any-code", 2023, [5] * 50)])), edition, known_codes=None)

    assert parsed.codes.tolist() == ["any-code"]


def test_it_reports_missing_unknown_duplicate_and_reserved_columns(edition, score_csv):
    header = ["code", "year", *edition.item_codes[:-1], "iks_36", "idm", "year"]
    path = score_csv([("33.24.01.2001", 2023, [5] * 52)], header=header)
    problems = problems_of(path, edition, known_codes=KNOWN)

    found = {(p.column, p.reason) for p in problems}
    assert {
        ("ikl_03", "missing_column"),
        ("iks_36", "unknown_column"),
        ("idm", "reserved_column"),
        ("year", "duplicate_column"),
    } <= found
    assert all(p.row == 1 for p in problems if p.reason.endswith("column"))


def test_other_columns_are_carried_through_and_header_case_does_not_matter(edition, score_csv):
    header = ["Code", "YEAR", "name", *[code.upper() for code in edition.item_codes]]
    path = score_csv([("33.24.01.2001", 2023, ["Blumah"] + [5] * 50)], header=header)
    parsed = parse_scores(read_table(path), edition, KNOWN)

    assert parsed.table.header[2] == "name"
    assert parsed.table.cells[0, 2] == "Blumah"
    assert parsed.scores[0].tolist() == [5] * 50


def test_it_reads_semicolon_separated_csv(edition, score_csv):
    path = score_csv([("33.24.01.2001", 2023, [2] * 50)], separator=";")

    assert parse_scores(read_table(path), edition, KNOWN).scores.sum() == 100


def test_it_reads_xlsx_and_asks_which_sheet_when_there_are_several(edition, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "skor"
    sheet.append(["code", "year", *edition.item_codes])
    sheet.append(["33.24.01.2001", 2023, *([3] * 50)])
    path = tmp_path / "scores.xlsx"
    workbook.save(path)

    parsed = parse_scores(read_table(path), edition, KNOWN)
    assert parsed.scores.tolist() == [[3] * 50] and parsed.years.tolist() == [2023]

    workbook.create_sheet("petunjuk")
    workbook.save(path)
    with pytest.raises(IdmInputError) as caught:
        read_table(path)
    assert caught.value.problems[0].reason == "several_sheets"
    assert np.array_equal(parse_scores(read_table(path, sheet="skor"), edition, KNOWN).scores, parsed.scores)


def test_it_refuses_files_it_cannot_read(edition, tmp_path):
    other = tmp_path / "scores.json"
    other.write_text("{}", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")

    with pytest.raises(IdmInputError) as caught:
        read_table(other)
    assert caught.value.problems[0].reason == "unsupported_file"
    with pytest.raises(IdmInputError) as caught:
        read_table(empty)
    assert caught.value.problems[0].reason == "empty_file"


def test_a_short_line_has_blank_scores_at_its_end(edition, tmp_path):
    header = ",".join(["code", "year", *edition.item_codes])
    path = tmp_path / "short.csv"
    path.write_text(header + "\n33.24.01.2001,2023," + ",".join(["5"] * 48) + "\n", encoding="utf-8")

    with pytest.raises(IdmInputError) as caught:
        parse_scores(read_table(path), edition, KNOWN)
    assert [(p.column, p.reason) for p in caught.value.problems] == [
        ("ikl_02", "missing_score"),
        ("ikl_03", "missing_score"),
    ]
