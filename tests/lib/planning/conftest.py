"""Small hand-made plans for the masterplan rules: a handful of villages in two kecamatan and a few programmes."""

from __future__ import annotations

import pytest

from petakan.lib.planning import Programme, VillageTable

NAMES = {
    "gov_service": ("pelayanan publik", "Service"),
    "living_health": ("prasarana kesehatan", "Health"),
    "econ_welfare": ("kesejahteraan rakyat", "Welfare"),
}


def programme(id: int, **fields) -> Programme:  # type: ignore[no-untyped-def]
    fields.setdefault("name", f"Program {id}")
    fields.setdefault("dimension", "gov")
    for key in ("elements", "indicators", "districts", "villages", "sasaran", "rpjmd_programs"):
        if key in fields:
            fields[key] = frozenset(fields[key])
    return Programme(id=id, **fields)


@pytest.fixture
def villages() -> VillageTable:
    """Ten villages: five in kecamatan 33.24.01, five in 33.24.02; scores 10, 20, ... 90 and one without a score."""
    codes = [f"33.24.01.200{i}" for i in range(1, 6)] + [f"33.24.02.200{i}" for i in range(1, 6)]
    return VillageTable.build(
        codes,
        names=[f"Desa {i}" for i in range(1, 11)],
        district_names=["Plantungan"] * 5 + ["Pageruyung"] * 5,
        index=[10, 20, 30, 40, 50, 60, 70, 80, 90, None],
    )
