"""BPS category codes in their common variants: "M,N", "M-N", "MN", "M & N"; "R,S,T,U", "R-U", "RSTU"."""

from __future__ import annotations

import pytest

from petakan.lib import pdrb


@pytest.mark.parametrize("label", ["M,N", "M-N", "MN", "M & N", "M/N", "MN Jasa Perusahaan", "MN. Jasa Perusahaan"])
def test_the_business_services_code_is_read_in_every_common_form(label: str) -> None:
    assert pdrb.match_category(label).code == "M,N"
    if " " not in label.strip():
        assert pdrb.category_by_code(label).code == "M,N"


@pytest.mark.parametrize("label", ["R,S,T,U", "R-U", "RSTU", "R, S, T, U", "RSTU Jasa Lainnya"])
def test_the_other_services_code_is_read_in_every_common_form(label: str) -> None:
    assert pdrb.match_category(label).code == "R,S,T,U"


@pytest.mark.parametrize("label", ["PDRB", "AB Pertanian", "MO", "Industri"])
def test_letters_that_are_no_category_code_stay_unmatched(label: str) -> None:
    assert pdrb.match_category(label) is None or pdrb.match_category(label).code not in ("M,N", "R,S,T,U")


def test_a_long_table_with_joined_codes_is_read(tmp_path) -> None:
    rows = ["year,category,value"]
    for code in pdrb.CATEGORY_CODES:
        written = code.replace(",", "")  # A … MN … RSTU
        rows += [f"2022,{written},100", f"2023,{written},110"]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = pdrb.read_pdrb(path)
    assert result.report.ok, [str(i) for i in result.report.issues]
    assert result.table is not None and result.table.years == (2022, 2023)
    assert result.table.values.shape == (17, 2)
