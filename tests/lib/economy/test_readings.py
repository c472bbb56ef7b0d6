"""Plain-language readings of a sector, in Indonesian and English."""

from __future__ import annotations

import math

import numpy as np

from petakan.lib.economy import sector_reading, sector_readings


def test_it_writes_the_reading_of_a_basic_sector_growing_faster() -> None:
    assert (
        sector_reading("Industri pengolahan", 1.9, 0.07, 0.05, "Jawa Tengah", "id")
        == "Industri pengolahan: sektor basis (LQ 1,9) yang tumbuh lebih cepat dari Jawa Tengah"
    )
    assert (
        sector_reading("Manufacturing", 1.9, 0.07, 0.05, "Jawa Tengah", "en")
        == "Manufacturing: a basic sector (LQ 1.9) growing faster than Jawa Tengah"
    )


def test_it_writes_the_other_three_cases() -> None:
    assert (
        sector_reading("Pertanian", 1.24, 0.02, 0.03, "Jawa Tengah")
        == "Pertanian: sektor basis (LQ 1,2), tetapi tumbuh lebih lambat dari Jawa Tengah"
    )
    assert (
        sector_reading("Konstruksi", 0.6, 0.06, 0.05, "Jawa Tengah")
        == "Konstruksi: bukan sektor basis (LQ 0,6), tetapi tumbuh lebih cepat dari Jawa Tengah"
    )
    assert (
        sector_reading("Education", 0.44, 0.01, 0.05, "Central Java", "en")
        == "Education: not a basic sector (LQ 0.4) and growing more slowly than Central Java"
    )


def test_an_lq_just_below_one_is_not_printed_as_one() -> None:
    text = sector_reading("Real estat", 0.96, 0.05, 0.05, "Jawa Tengah")
    assert text == "Real estat: bukan sektor basis (LQ 0,96) dan tumbuh sama cepat dengan Jawa Tengah"


def test_an_lq_of_exactly_one_is_neither_basis_nor_non_basis() -> None:
    assert sector_reading("Konstruksi", 1.0, 0.05, 0.04, "Jawa Tengah") == (
        "Konstruksi: sama terkonsentrasi dengan Jawa Tengah (LQ 1,00)"
    )
    assert sector_reading("Construction", 1.0, 0.05, 0.04, "Central Java", "en") == (
        "Construction: as concentrated as in Central Java (LQ 1.00)"
    )


def test_what_cannot_be_computed_is_said_so() -> None:
    assert sector_reading("Jasa lainnya", math.nan, 0.1, 0.1, "X") == "Jasa lainnya: LQ tidak dapat dihitung"
    assert sector_reading("Mining", 0.2, math.nan, 0.1, "X", "en") == (
        "Mining: not a basic sector (LQ 0.2); its growth cannot be compared"
    )


def test_readings_are_produced_for_every_sector() -> None:
    lines = sector_readings(["A", "B"], np.array([1.5, 0.5]), np.array([0.1, 0.1]), np.array([0.0, 0.2]), "R", "en")
    assert lines == [
        "A: a basic sector (LQ 1.5) growing faster than R",
        "B: not a basic sector (LQ 0.5) and growing more slowly than R",
    ]
