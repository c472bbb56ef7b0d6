"""Published (official) IDM series: validation, source tag, and side-by-side comparison with computed values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from petakan.lib.idm import (
    IdmInputError,
    compare_with_official,
    parse_official_series,
    read_table,
    score_sums,
)

SOURCE = "Kemendesa, Status IDM 2022 (idm.kemendesa.go.id)"
KNOWN = {"33.24.01.2001", "33.24.01.2002", "33.24.01.2003"}


def official_csv(tmp_path, lines: list[str], name: str = "official.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_it_reads_a_published_series_with_decimal_commas_and_status_names(tmp_path, edition):
    path = official_csv(
        tmp_path,
        [
            "code;year;nama_desa;iks;ike;ikl;idm;status",
            "33.24.01.2001;2022;Blumah;0,7257;0,5333;0,6667;0,6419;BERKEMBANG",
            "33.24.01.2002;2022;Kediten;0,9943;1,0000;1,0000;0,9981;Desa Mandiri",
        ],
    )
    series = parse_official_series(read_table(path), edition, SOURCE, KNOWN)

    assert series.source == SOURCE
    assert series.values[:, 3].tolist() == [0.6419, 0.9981]
    assert [edition.statuses[s].code for s in series.status] == ["berkembang", "mandiri"]
    assert series.ignored_columns == ["nama_desa"]
    assert series.warnings == []


def test_it_lists_every_bad_value_status_and_code(tmp_path, edition):
    path = official_csv(
        tmp_path,
        [
            "code,year,iks,ike,ikl,idm,status",
            "33.24.01.2001,2022,0.7257,0.5333,0.6667,1.6419,Berkembang",
            "33.24.01.2002,2022,0.7257,,0.6667,0.6419,Berkembang",
            "33.24.01.9999,2022,0.7257,0.5333,0.6667,0.6419,Berkembang",
            "33.24.01.2003,2022,0.7257,0.5333,0.6667,0.6419,Hampir Maju",
            "33.24.01.2003,2022,0.7257,0.5333,0.6667,0.6419,Berkembang",
        ],
    )
    with pytest.raises(IdmInputError) as caught:
        parse_official_series(read_table(path), edition, SOURCE, KNOWN)

    found = [(p.row, p.column, p.reason) for p in caught.value.problems]
    assert found == [
        (2, "idm", "bad_value"),
        (3, "ike", "bad_value"),
        (4, "code", "unknown_code"),
        (5, "status", "unknown_status"),
        (6, "code", "duplicate"),
    ]


def test_contradictions_inside_a_published_row_are_warnings_not_errors(tmp_path, edition):
    path = official_csv(
        tmp_path,
        [
            "code,year,iks,ike,ikl,idm,status",
            "33.24.01.2001,2022,0.7257,0.5333,0.6667,0.7000,Berkembang",  # IDM is not the mean
            "33.24.01.2002,2022,0.7257,0.5333,0.6667,0.6419,Maju",  # 0.6419 is Berkembang
        ],
    )
    series = parse_official_series(read_table(path), edition, SOURCE, KNOWN)

    assert [(w.row, w.reason, w.severity) for w in series.warnings] == [
        (2, "idm_not_mean", "warning"),
        (3, "status_not_cutoffs", "warning"),
    ]
    assert series.warnings[1].context == {"expected": "berkembang", "thresholds": "dirjen-ppmd-4dp"}


def test_an_official_series_needs_a_source(edition):
    frame = pd.DataFrame([["33.24.01.2001", 2022, 0.7, 0.5, 0.6, 0.6, "Berkembang"]])
    frame.columns = ["code", "year", "iks", "ike", "ikl", "idm", "status"]

    with pytest.raises(ValueError, match="source"):
        parse_official_series(frame, edition, " ")


def test_computed_and_official_values_are_shown_side_by_side_with_differences_flagged(edition):
    frame = pd.DataFrame(
        [
            ["33.24.01.2001", 2022, 0.7257, 0.5333, 0.6667, 0.6419, "Berkembang"],  # same as computed
            ["33.24.01.2002", 2022, 0.7257, 0.5333, 0.6667, 0.6419, "Berkembang"],  # computed differs
            ["33.24.01.2003", 2022, 0.5, 0.5, 0.5, 0.5, "Tertinggal"],  # only official
        ],
        columns=["code", "year", "iks", "ike", "ikl", "idm", "status"],
    )
    official = parse_official_series(frame, edition, SOURCE, KNOWN)
    codes = np.array(["33.24.01.2001", "33.24.01.2002", "33.24.01.2004"], dtype=object)
    years = np.array([2022, 2022, 2022])
    computed = score_sums(edition, [[127, 32, 10], [165, 40, 10], [100, 30, 10]])

    table = compare_with_official(codes, years, computed, official)

    assert table["code"].tolist() == ["33.24.01.2001", "33.24.01.2002", "33.24.01.2003", "33.24.01.2004"]
    assert table["differs"].tolist() == [False, True, True, True]
    assert table["value_differs"].tolist() == [False, True, False, False]
    assert table["status_differs"].tolist() == [False, True, False, False]
    assert table["in_official"].tolist() == [True, True, True, False]
    assert table["in_computed"].tolist() == [True, True, False, True]
    assert table.loc[0, "diff_idm"] == pytest.approx(0.641905 - 0.6419, abs=1e-6)
    assert table.loc[1, "computed_status"] == "maju" and table.loc[1, "official_status"] == "berkembang"
    assert set(table["source"]) == {SOURCE}
