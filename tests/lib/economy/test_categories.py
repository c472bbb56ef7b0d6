"""The 17 BPS PDRB categories and how table labels are recognised."""

from __future__ import annotations

import pytest

from petakan.lib.pdrb import CATEGORIES, CATEGORY_CODES, category_by_code, match_category


def test_there_are_17_categories_grouping_the_21_kbli_sections_once_each() -> None:
    assert len(CATEGORIES) == 17
    letters = [letter for code in CATEGORY_CODES for letter in code.split(",")]
    assert letters == [chr(c) for c in range(ord("A"), ord("U") + 1)]


def test_merged_sections_are_written_as_bps_groups_them() -> None:
    assert "M,N" in CATEGORY_CODES
    assert "R,S,T,U" in CATEGORY_CODES
    assert category_by_code("M,N").name_id == "Jasa Perusahaan"
    assert category_by_code("R,S,T,U").name_en == "Other Services Activities"


def test_every_category_has_an_indonesian_and_an_english_name() -> None:
    for category in CATEGORIES:
        assert category.name("id") and category.name("en")
        assert category.name("id") != category.name("en") or category.code == "L"
    assert category_by_code("C").reading_name("id") == "Industri pengolahan"
    assert category_by_code("C").reading_name("en") == "Manufacturing"


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("C", "C"),
        ("C. Industri Pengolahan", "C"),
        ("Industri Pengolahan", "C"),
        ("INDUSTRI PENGOLAHAN", "C"),
        ("Manufacturing", "C"),
        ("Industri Pengolahan / Manufacturing", "C"),
        ("Pertanian, Kehutanan & Perikanan", "A"),
        ("Perdagangan Besar dan Eceran, Reparasi Mobil dan Sepeda Motor", "G"),
        ("M, N. Jasa Perusahaan", "M,N"),
        ("M-N", "M,N"),
        ("R-U Jasa Lainnya", "R,S,T,U"),
        ("Real Estate", "L"),
        ("7. Perdagangan Besar dan Eceran; Reparasi Mobil dan Sepeda Motor", "G"),
    ],
)
def test_it_recognises_codes_names_and_their_variants(label: str, code: str) -> None:
    category = match_category(label)
    assert category is not None
    assert category.code == code


@pytest.mark.parametrize(
    "label",
    ["PDRB", "Produk Domestik Regional Bruto", "a. Tanaman Pangan", "Pariwisata", "A. Industri Pengolahan"],
)
def test_it_does_not_take_totals_subcategories_unknown_or_contradictory_labels_for_a_category(label: str) -> None:
    assert match_category(label) is None


def test_an_unknown_code_is_refused_with_the_list_of_codes() -> None:
    with pytest.raises(KeyError, match="M,N"):
        category_by_code("M,O")
