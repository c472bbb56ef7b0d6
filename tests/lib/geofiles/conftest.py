"""Fixtures for the boundary-file reader tests: Kendal's 20 kecamatan as GeoJSON features, and a small square."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[110.0, -7.0], [110.01, -7.0], [110.01, -7.01], [110.0, -7.01], [110.0, -7.0]]],
}
# The same square in UTM zone 49S metres (roughly where 110° E, 7° S falls).
SQUARE_METRES = {
    "type": "Polygon",
    "coordinates": [[[389000.0, 9226000.0], [390100.0, 9226000.0], [390100.0, 9224900.0], [389000.0, 9226000.0]]],
}


@pytest.fixture(scope="session")
def kecamatan(data_dir: Path) -> list[dict[str, Any]]:
    """The BPS 2024 kecamatan boundaries of Kendal, as the GeoJSON file holds them."""
    return json.loads((data_dir / "kendal_kecamatan_boundaries_bps2024.geojson").read_text())["features"]


def square(code: str, geometry: dict[str, Any] | None = None, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"code": code, **props}, "geometry": geometry or SQUARE}
