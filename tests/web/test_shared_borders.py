"""The simplified village layer keeps neighbours together: no gaps, no overlaps beyond the source data's own."""

from __future__ import annotations

import json

import shapely
from django.test import Client
from shapely.geometry import shape

from petakan.regions.models import Boundary, Generation


def test_simplification_opens_no_gaps_and_adds_no_overlaps(kendal, client: Client) -> None:
    features = json.loads(client.get("/api/v1/areas/33.24/villages.geojson").content)["features"]
    simplified = [shape(f["geometry"]).buffer(0) for f in features]
    original = [
        shape(b.geometry) for b in Boundary.objects.filter(generation=Generation.current(), area__level="village")
    ]
    union_original = shapely.union_all(original)
    union_simplified = shapely.union_all(simplified)
    # Gaps would show as holes in the union (1e-9 deg² ≈ 12 m²).
    holes = lambda u: sum(shapely.Polygon(r).area for p in getattr(u, "geoms", [u]) for r in p.interiors)  # noqa: E731
    assert holes(union_simplified) <= holes(union_original) + 1e-9
    overlap = sum(s.area for s in simplified) - union_simplified.area
    overlap_original = sum(o.area for o in original) - union_original.area
    assert overlap <= overlap_original + 1e-9
    # and the outline of the regency is still the same to within half a percent
    assert abs(union_simplified.area - union_original.area) / union_original.area < 0.005
