"""Klassen typology by sector and by region, hand-computed, with configurable labels."""

from __future__ import annotations

import numpy as np
import pytest

from petakan.lib.economy import (
    DEFAULT_KLASSEN_REGION_LABELS,
    DEFAULT_KLASSEN_SECTOR_LABELS,
    KLASSEN_SECTOR_KEYS,
    QuadrantLabel,
    klassen_region,
    klassen_sector,
)

YEARS = [2010, 2020]
# Reference: sectors 1 and 3 double, 2 and 4 do not grow. Region total 100 → 173.
REFERENCE = np.array([[100.0, 200.0], [100.0, 100.0], [100.0, 200.0], [100.0, 100.0]])
REGION = np.array([[40.0, 100.0], [40.0, 40.0], [10.0, 25.0], [10.0, 8.0]])


def test_each_sector_lands_in_the_hand_computed_quadrant() -> None:
    # growth ×2.5 vs ×2 (high), ×1 vs ×1 (tie → low), ×2.5 vs ×2 (high), ×0.8 vs ×1 (low);
    # mean shares 0.489 vs 0.292 (high), 0.316 vs 0.208 (high), 0.122 vs 0.292 (low), 0.073 vs 0.208 (low)
    result = klassen_sector(REGION, REFERENCE, YEARS, 2010, 2020)
    assert list(result.quadrants.key_array()) == list(KLASSEN_SECTOR_KEYS)
    assert list(result.quadrants.number_array(DEFAULT_KLASSEN_SECTOR_LABELS)) == ["I", "II", "III", "IV"]
    np.testing.assert_allclose(result.growth, [2.5**0.1 - 1, 0.0, 2.5**0.1 - 1, 0.8**0.1 - 1], rtol=1e-12)
    np.testing.assert_allclose(
        result.level, [(0.4 + 100 / 173) / 2, (0.4 + 40 / 173) / 2, (0.1 + 25 / 173) / 2, (0.1 + 8 / 173) / 2]
    )
    np.testing.assert_allclose(result.reference_level, [(0.25 + 1 / 3) / 2, (0.25 + 1 / 6) / 2] * 2)


def test_zero_growth_against_zero_reference_growth_counts_as_low_growth() -> None:
    result = klassen_sector(REGION, REFERENCE, YEARS, 2010, 2020)
    assert result.growth[1] == result.reference_growth[1] == 0.0
    assert result.quadrants.key_array()[1] == "low_growth_high_share"


def test_the_growth_basis_can_be_the_same_sector_or_the_reference_total() -> None:
    region = REGION.copy()
    region[1, 1] = 48.0  # ×1.2: faster than the same sector (×1), slower than the reference total (×1.5)
    same = klassen_sector(region, REFERENCE, YEARS, 2010, 2020, growth_basis="same_sector")
    total = klassen_sector(region, REFERENCE, YEARS, 2010, 2020, growth_basis="total")
    assert same.quadrants.key_array()[1] == "high_growth_high_share"
    assert total.quadrants.key_array()[1] == "low_growth_high_share"
    assert total.reference_growth[1] == pytest.approx(1.5**0.1 - 1)


def test_the_share_basis_can_be_the_start_or_end_year() -> None:
    region = np.array([[30.0, 10.0], [70.0, 90.0]])
    reference = np.array([[50.0, 50.0], [50.0, 50.0]])
    start = klassen_sector(region, reference, YEARS, 2010, 2020, share_basis="start")
    end = klassen_sector(region, reference, YEARS, 2010, 2020, share_basis="end")
    assert start.level[1] == pytest.approx(0.7) and end.level[1] == pytest.approx(0.9)
    assert start.quadrants.key_array()[0] == "low_growth_low_share"
    assert end.quadrants.key_array()[1] == "high_growth_high_share"


def test_a_sector_without_a_start_value_is_undefined() -> None:
    region = REGION.copy()
    region[3, 0] = 0.0
    result = klassen_sector(region, REFERENCE, YEARS, 2010, 2020)
    assert result.quadrants.key_array()[3] == "undefined"
    assert result.quadrants.label_array(DEFAULT_KLASSEN_SECTOR_LABELS, "id")[3] == "Tidak dapat ditentukan"


def test_it_is_vectorised_over_regions() -> None:
    regions = np.stack([REGION, REGION[::-1]])
    result = klassen_sector(regions, REFERENCE, YEARS, 2010, 2020)
    assert result.quadrants.codes.shape == (2, 4)
    single = klassen_sector(REGION[::-1], REFERENCE, YEARS, 2010, 2020)
    np.testing.assert_array_equal(result.quadrants.codes[1], single.quadrants.codes)


GROWTH = np.array([0.06, 0.03, 0.07, 0.02, 0.048])
PER_CAPITA = np.array([50.0, 60.0, 20.0, 10.0, 38.0])


def test_regions_are_classified_against_the_province() -> None:
    result = klassen_region(GROWTH, PER_CAPITA, reference_growth=0.05, reference_per_capita=40.0)
    assert list(result.quadrants.number_array(DEFAULT_KLASSEN_REGION_LABELS)) == ["I", "II", "III", "IV", "IV"]
    assert result.quadrants.label_array(DEFAULT_KLASSEN_REGION_LABELS, "id")[0] == "Daerah cepat maju dan cepat tumbuh"


def test_regions_can_be_classified_against_the_mean_of_the_regions() -> None:
    # mean growth 0.0456 and per capita 35.6: region 5 (0.048, 38) is above both
    result = klassen_region(
        GROWTH, PER_CAPITA, reference_growth="mean_of_regions", reference_per_capita="mean_of_regions"
    )
    assert result.reference_growth[0] == pytest.approx(0.0456)
    assert result.reference_level[0] == pytest.approx(35.6)
    assert result.quadrants.key_array()[4] == "high_growth_high_income"


def test_the_labels_and_their_numbering_are_configurable() -> None:
    # A source that numbers "berkembang" II and "maju tapi tertekan" III.
    labels = dict(DEFAULT_KLASSEN_REGION_LABELS)
    labels["low_growth_high_income"] = QuadrantLabel("III", "Daerah maju tapi tertekan", "Developed but depressed")
    labels["high_growth_low_income"] = QuadrantLabel("II", "Daerah sedang berkembang", "Developing region")
    result = klassen_region(GROWTH, PER_CAPITA, reference_growth=0.05, reference_per_capita=40.0)
    assert list(result.quadrants.number_array(labels)) == ["I", "III", "II", "IV", "IV"]
    assert result.quadrants.label_array(labels, "en")[2] == "Developing region"


def test_a_label_mapping_missing_a_quadrant_is_refused() -> None:
    labels = dict(DEFAULT_KLASSEN_SECTOR_LABELS)
    del labels["low_growth_low_share"]
    labels["lagging"] = QuadrantLabel("IV", "x", "x")
    result = klassen_sector(REGION, REFERENCE, YEARS, 2010, 2020)
    with pytest.raises(ValueError, match="missing low_growth_low_share; unknown lagging"):
        result.quadrants.label_array(labels, "id")


def test_an_unknown_reference_choice_is_refused() -> None:
    with pytest.raises(ValueError, match="mean_of_regions"):
        klassen_region(GROWTH, PER_CAPITA, reference_growth="median", reference_per_capita=40.0)  # type: ignore[arg-type]
