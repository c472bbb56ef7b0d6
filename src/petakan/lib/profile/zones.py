"""Geographic zone of a village (pesisir / dataran / pegunungan) and its contact with the sea coast.

No official topography classification of Kendal's villages is available (shared/data/SOURCES.md, "NOT
found"), so the zone is derived from geometry with a documented rule; a village can always correct its own
``geo_zone`` in its profile.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from shapely.geometry import shape
from shapely.ops import unary_union

# Highland (pegunungan) starts at 7°02.4' S: south of it lie all villages of the seven southern kecamatan
# (Plantungan, Sukorejo, Pageruyung, Patean, Singorojo, Limbangan, Boja) but the northern fringe of
# Plantungan and Pageruyung, and none of the plain.
HIGHLAND_LATITUDE = -7.04
# A village is coastal when its boundary runs at least this far along the sea.
COAST_CONTACT_KM = 0.2
# Degrees to kilometres: 111.32 km per degree of latitude; at Kendal's ~7° S a degree of longitude is
# cos(7°) = 0.993 of that, an error below 1 % that is ignored.
KM_PER_DEGREE = 111.32
# The neighbouring regencies' polygons are simplified: outline within this distance of them is land border.
LAND_BORDER_TOLERANCE_DEG = 0.01
# Closes the slivers between adjacent village polygons when taking their union.
SLIVER_DEG = 0.0003
# Village boundary within this distance of the coastline counts as coast (~90 m).
COAST_BUFFER_DEG = 0.0008

ZONES = ("pesisir", "dataran", "pegunungan")


def assign_zone(
    lat: ArrayLike,
    coast_km: ArrayLike,
    *,
    coastal: ArrayLike | None = None,
    highland: ArrayLike | None = None,
) -> np.ndarray:
    """The zone of each village, vectorised.

    Rule, in order:

    1. ``pesisir`` (coastal) if the village boundary runs at least ``COAST_CONTACT_KM`` (0.2 km) along the sea
       coast (``coast_km``, see :func:`coast_contact_km`) or the village is flagged ``coastal`` by a sourced
       fact (e.g. a fish-auction village);
    2. else ``pegunungan`` (highland) if its centroid latitude is at or south of ``HIGHLAND_LATITUDE``
       (−7.04°, Kendal's coast is in the north and its mountains in the south) or it is flagged ``highland``;
    3. else ``dataran`` (lowland plain).

    ``lat`` in decimal degrees (negative south), ``coast_km`` in km (NaN counts as 0). Returns an array of
    zone codes.
    """
    lat_a = np.asarray(lat, dtype=float)
    coast_a = np.nan_to_num(np.asarray(coast_km, dtype=float), nan=0.0)
    if lat_a.shape != coast_a.shape:
        raise ValueError(f"lat and coast_km differ in shape: {lat_a.shape} vs {coast_a.shape}")
    if np.isnan(lat_a).any():
        raise ValueError(f"{int(np.isnan(lat_a).sum())} village(s) have no latitude; the zone cannot be assigned")
    is_coastal = coast_a >= COAST_CONTACT_KM
    if coastal is not None:
        is_coastal |= np.asarray(coastal, dtype=bool)
    is_highland = lat_a <= HIGHLAND_LATITUDE
    if highland is not None:
        is_highland |= np.asarray(highland, dtype=bool)
    return np.where(is_coastal, "pesisir", np.where(is_highland, "pegunungan", "dataran")).astype(object)


def coast_contact_km(
    villages: Mapping[str, Any],
    neighbours: Mapping[str, Any],
    *,
    code_property: str = "kemendagri_code",
    exclude_codes: Iterable[str] = (),
) -> pd.Series:
    """Length (km) of each village's boundary that lies on the sea coast, from boundary GeoJSON.

    ``villages`` is a FeatureCollection of the regency's village polygons (lon/lat), ``neighbours`` one of the
    surrounding regencies (features whose ``code`` property is in ``exclude_codes`` are skipped, e.g. the
    regency itself). Method:

    1. the regency outline is the exterior of the union of the village polygons (slivers between neighbours
       closed by a ±``SLIVER_DEG`` buffer), taking the largest part;
    2. the outline within ``LAND_BORDER_TOLERANCE_DEG`` (~1.1 km) of a neighbouring regency is land border;
       the rest is the sea coast;
    3. a village's coast contact is the length of its boundary within ``COAST_BUFFER_DEG`` (~90 m) of the
       coast, converted with ``KM_PER_DEGREE``.

    For Kendal (BPS 2024 villages, simplified Jawa Tengah regencies) this finds a coast of 42.8 km touching 24
    villages in 7 kecamatan, against the published "±42.4 km, about 24 villages, 7 of 20 kecamatan"
    (kendal_regency_facts.csv). Returns a Series indexed by village code.
    """
    codes = [str(f["properties"][code_property]) for f in villages["features"]]
    polygons, coast = _coastline(villages, neighbours, set(exclude_codes))
    zone = coast.buffer(COAST_BUFFER_DEG)
    lengths = [p.boundary.intersection(zone).length * KM_PER_DEGREE for p in polygons]
    return pd.Series(lengths, index=pd.Index(codes, name="code"), name="coast_km")


def coastline_km(
    villages: Mapping[str, Any], neighbours: Mapping[str, Any], *, exclude_codes: Iterable[str] = ()
) -> float:
    """Total length (km) of the regency's sea coast, by the method of :func:`coast_contact_km`."""
    _, coast = _coastline(villages, neighbours, set(exclude_codes))
    return float(coast.length * KM_PER_DEGREE)


def _coastline(villages: Mapping[str, Any], neighbours: Mapping[str, Any], excluded: set[str]) -> tuple[list[Any], Any]:
    polygons = [shape(f["geometry"]).buffer(0) for f in villages["features"]]
    if not polygons:
        raise ValueError("no village polygons given")
    outline = unary_union([p.buffer(SLIVER_DEG) for p in polygons]).buffer(-SLIVER_DEG)
    if outline.geom_type == "MultiPolygon":
        outline = max(outline.geoms, key=lambda g: g.area)
    others = [
        shape(f["geometry"]).buffer(0)
        for f in neighbours["features"]
        if str(f["properties"].get("code")) not in excluded
    ]
    land = unary_union(others).buffer(LAND_BORDER_TOLERANCE_DEG)
    return polygons, outline.exterior.difference(land)
