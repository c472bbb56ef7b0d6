"""Shared by the boundary-import tests: Kendal's real kecamatan boundaries, and a count of what is stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from petakan.regions.models import Area, Boundary, Generation

GEOJSON = "kendal_kecamatan_boundaries_bps2024.geojson"


@pytest.fixture
def kecamatan(data_dir: Path) -> list[dict[str, Any]]:
    """The 20 kecamatan features of the BPS 2024 GeoJSON."""
    return json.loads((data_dir / GEOJSON).read_text())["features"]


def stored() -> tuple[int, int, int]:
    """Areas, boundaries and generations stored: equal before and after a refused import."""
    return Area.objects.count(), Boundary.objects.count(), Generation.objects.count()
