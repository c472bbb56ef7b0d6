"""``petakan idm score``: the same rows plus iks, ike, ikl, idm and status; nothing written on bad input."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with translation.override("en"):
        call_command("idm", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def checked_codes(settings, data_dir):
    settings.PETAKAN_DATA_DIR = data_dir


def test_it_writes_the_input_rows_with_the_computed_indices_and_status(
    checked_codes, score_csv, row_with_sums, tmp_path
):
    pakisrejo_like = row_with_sums(127, 32, 10).tolist()
    path = score_csv([("33.24.01.2001", 2018, pakisrejo_like), ("33.24.01.2002", 2022, [5] * 50)])
    out_path = tmp_path / "out.csv"

    stdout, _ = run("score", "--input", str(path), "--out", str(out_path))

    result = pd.read_csv(out_path, dtype=str)
    assert list(result.columns[-5:]) == ["iks", "ike", "ikl", "idm", "status"]
    assert result[["code", "year"]].values.tolist() == [["33.24.01.2001", "2018"], ["33.24.01.2002", "2022"]]
    assert result[["iks", "ike", "ikl", "idm", "status"]].values.tolist() == [
        ["0.7257", "0.5333", "0.6667", "0.6419", "Berkembang"],
        ["1.0000", "1.0000", "1.0000", "1.0000", "Mandiri"],
    ]
    assert result["iks_01"].tolist() == ["5", "5"]
    assert "Scored 2 village-year(s)" in stdout and "Berkembang 1" in stdout and "Mandiri 1" in stdout


def test_it_checks_village_codes_against_the_national_list_and_writes_nothing(checked_codes, score_csv, tmp_path):
    path = score_csv([("33.24.01.2001", 2022, [5] * 50), ("33.24.99.2001", 2022, [5] * 50)])
    out_path = tmp_path / "out.csv"

    with pytest.raises(CommandError, match="1 problem"):
        run("score", "--input", str(path), "--out", str(out_path))
    assert not out_path.exists()


def test_the_code_check_can_be_switched_off(settings, score_csv, tmp_path):
    settings.PETAKAN_DATA_DIR = None
    path = score_csv([("DESA-UJI", 2022, [5] * 50)])
    out_path = tmp_path / "out.csv"

    with pytest.raises(CommandError, match="PETAKAN_DATA_DIR"):
        run("score", "--input", str(path), "--out", str(out_path))
    run("score", "--input", str(path), "--out", str(out_path), "--no-code-check")
    assert pd.read_csv(out_path, dtype=str)["idm"].tolist() == ["1.0000"]


def test_bad_scores_are_listed_per_row_and_in_the_report_file(score_csv, tmp_path):
    bad = [5] * 50
    bad[0], bad[1] = 7, "x"
    path = score_csv([("A", 2022, bad), ("A", 2022, [5] * 50)])
    out_path, report = tmp_path / "out.csv", tmp_path / "problems.csv"
    err = io.StringIO()

    with pytest.raises(CommandError, match="3 problem"), translation.override("en"):
        call_command(
            "idm",
            "score",
            "--input",
            str(path),
            "--out",
            str(out_path),
            "--no-code-check",
            "--report",
            str(report),
            stderr=err,
        )

    assert "row 2, column iks_01: 7 is outside 0–5" in err.getvalue()
    listed = pd.read_csv(report, dtype=str)
    assert listed[["row", "column", "reason"]].values.tolist() == [
        ["2", "iks_01", "out_of_range"],
        ["2", "iks_02", "not_a_number"],
        ["3", "code", "duplicate"],
    ]
    assert not out_path.exists()


def test_missing_items_are_refused_unless_allowed_and_then_get_no_idm(score_csv, tmp_path):
    partial = [4] * 50
    partial[3] = ""
    path = score_csv([("A", 2022, [4] * 50), ("B", 2022, partial)])
    out_path = tmp_path / "out.csv"

    with pytest.raises(CommandError):
        run("score", "--input", str(path), "--out", str(out_path), "--no-code-check")
    _, stderr = run("score", "--input", str(path), "--out", str(out_path), "--no-code-check", "--allow-incomplete")

    result = pd.read_csv(out_path, dtype=str, keep_default_na=False)
    assert result["idm"].tolist() == ["0.8000", ""]
    assert result["status"].tolist() == ["Maju", ""]
    assert "1 village-year(s) with missing items got no IDM" in stderr


def test_the_cut_off_set_can_be_chosen(score_csv, row_with_sums, tmp_path):
    # IKS 170, IKE 57, IKL 3 -> IDM 4455/6300 = 0.707143: Maju with 0.707, Berkembang with 0.7072.
    path = score_csv([("A", 2022, row_with_sums(170, 57, 3).tolist())])
    out_3dp, out_4dp = tmp_path / "a.csv", tmp_path / "b.csv"

    run("score", "--input", str(path), "--out", str(out_3dp), "--no-code-check", "--thresholds", "kemendesa-3dp")
    run("score", "--input", str(path), "--out", str(out_4dp), "--no-code-check")  # the default: 4 decimals

    assert pd.read_csv(out_3dp, dtype=str)[["idm", "status"]].values.tolist() == [["0.7071", "Maju"]]
    assert pd.read_csv(out_4dp, dtype=str)[["idm", "status"]].values.tolist() == [["0.7071", "Berkembang"]]
    with pytest.raises(CommandError, match="kemendesa-3dp"):
        run("score", "--input", str(path), "--out", str(out_4dp), "--no-code-check", "--thresholds", "4dp")


def test_it_writes_xlsx_when_asked(score_csv, tmp_path):
    path = score_csv([("A", 2022, [3] * 50)])
    out_path = tmp_path / "out.xlsx"

    run("score", "--input", str(path), "--out", str(out_path), "--no-code-check")

    assert pd.read_excel(out_path, dtype=str)["idm"].tolist() == ["0.6000"]
