"""Geometry helpers for boundaries stored as GeoJSON (lon/lat, CRS84). No Django here.

Shapely does the geometry; this module adds what Petakan needs around it: validation reasons a user can read,
an approximate area in km², and the simplification of a whole set of neighbouring polygons at once so that
shared borders stay shared (simplifying each village on its own opens gaps and slivers between neighbours).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

POLYGONAL = {"Polygon", "MultiPolygon"}
# Mean radius of the earth (km); areas are on the sphere, accurate to well under 1 % at Kendal's latitude.
EARTH_RADIUS_KM = 6371.0088
# Gaps between neighbours narrower than this (≈ 11 m) are digitising errors, not land between villages.
GAP_DEG = 0.0001


class GeometryError(ValueError):
    """A geometry that cannot be read at all (not GeoJSON, not polygonal, no coordinates)."""


@dataclass(frozen=True)
class Checked:
    geometry: BaseGeometry
    problem: str  # "" when valid


def parse(geojson: dict[str, Any]) -> BaseGeometry:
    """Read a GeoJSON geometry dict; raise GeometryError with a readable reason if it is not a polygon."""
    if not isinstance(geojson, dict) or "type" not in geojson:
        raise GeometryError("geometry is missing or not a GeoJSON object")
    if geojson["type"] not in POLYGONAL:
        raise GeometryError(f"geometry type {geojson['type']!r} is not Polygon or MultiPolygon")
    _check_rings(geojson)
    try:
        geom = shape(geojson)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, shapely.errors.GEOSException) as exc:
        raise GeometryError(f"malformed coordinates ({exc})") from exc
    if geom.is_empty:
        raise GeometryError("geometry has no coordinates")
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all() or (np.abs(coords[:, 0]) > 180).any() or (np.abs(coords[:, 1]) > 90).any():
        raise GeometryError("coordinates are not longitude/latitude in degrees")
    return geom


def _check_rings(geojson: dict[str, Any]) -> None:
    """Every linear ring closed, as RFC 7946 §3.1.6 requires: at least four positions, the last equal to the first.

    Shapely closes an open ring silently, so an unclosed three-point "polygon" would otherwise pass as a triangle.
    """
    coordinates = geojson.get("coordinates")
    polygons = [coordinates] if geojson["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list):
        return  # shape() reports malformed coordinates
    for p, polygon in enumerate(polygons, start=1):
        if not isinstance(polygon, list):
            return
        for r, ring in enumerate(polygon, start=1):
            if not isinstance(ring, list) or not ring:
                continue
            where = f"ring {r}" + (f" of polygon {p}" if geojson["type"] == "MultiPolygon" else "")
            if len(ring) < 4:
                raise GeometryError(f"{where} has {len(ring)} positions; a closed ring needs at least 4")
            if ring[0] != ring[-1]:
                raise GeometryError(f"{where} is not closed: its last position differs from its first")


def check(geom: BaseGeometry) -> Checked:
    """Validity with GEOS's reason, e.g. ``Self-intersection[110.1 -6.9]``."""
    if geom.is_valid:
        return Checked(geom, "")
    return Checked(geom, shapely.is_valid_reason(geom))


def repair(geom: BaseGeometry) -> BaseGeometry:
    """Make a geometry valid, keeping only its polygonal parts (make_valid may also return lines)."""
    fixed = shapely.make_valid(geom)
    if fixed.geom_type == "GeometryCollection":
        polys = [g for g in fixed.geoms if g.geom_type in POLYGONAL]
        fixed = shapely.unary_union(polys)
    if fixed.geom_type not in POLYGONAL or fixed.is_empty:
        raise GeometryError("geometry could not be repaired into a polygon")
    return fixed


def to_geojson(geom: BaseGeometry) -> dict[str, Any]:
    return dict(mapping(geom))


def bbox(geom: BaseGeometry) -> tuple[float, float, float, float]:
    """(min_lng, min_lat, max_lng, max_lat)."""
    minx, miny, maxx, maxy = geom.bounds
    return float(minx), float(miny), float(maxx), float(maxy)


def area_km2(geom: BaseGeometry) -> float:
    """Area on the sphere in km², by projecting to a local equal-area (cylindrical) plane.

    x = R·λ·cos φ₀ would distort with latitude, so we use the Lambert cylindrical equal-area projection
    x = R·λ, y = R·sin φ, whose planar area equals the spherical area exactly.
    """

    def project(coords: np.ndarray) -> np.ndarray:
        lng = np.radians(coords[:, 0])
        lat = np.radians(coords[:, 1])
        return np.column_stack([EARTH_RADIUS_KM * lng, EARTH_RADIUS_KM * np.sin(lat)])

    projected = shapely.transform(geom, project)
    return float(projected.area)


def centroid(geom: BaseGeometry) -> tuple[float, float]:
    """(lat, lng) of a point inside the area (the centroid, or a point on the surface if the centroid falls out)."""
    point = geom.centroid
    if not geom.contains(point):
        point = geom.point_on_surface()
    return float(point.y), float(point.x)


def simplify_coverage(geoms: Sequence[BaseGeometry], tolerance_deg: float, decimals: int) -> list[dict[str, Any]]:
    """Simplify neighbouring polygons together so that a shared border is simplified once, then round coordinates.

    ``tolerance_deg`` is the Visvalingam–Whyatt tolerance in degrees (0.0005° ≈ 55 m at the equator);
    ``decimals`` quantises coordinates (5 decimals ≈ 1.1 m). Rounding maps a shared vertex to the same point on
    both sides, so borders stay shared. Returns GeoJSON geometries; rings that collapse when rounded are dropped,
    and a polygon that would vanish entirely keeps its unsimplified (rounded) shape.

    Published boundaries are rarely a clean coverage (Kendal's BPS layer has 534 micro-gaps where neighbours'
    vertices do not match), and simplification widens such gaps into visible slivers; so the set is first cleaned:
    vertices snapped, overlaps and gaps narrower than ``gap_deg`` given to a neighbour.
    """
    cleaned = shapely.coverage_clean(list(geoms), gap_width=GAP_DEG)
    simplified = shapely.coverage_simplify(cleaned, tolerance_deg)
    out = []
    for original, geom in zip(geoms, simplified, strict=True):
        polygons = quantise_polygons(geom, decimals) or quantise_polygons(original, decimals)
        if len(polygons) == 1:
            out.append({"type": "Polygon", "coordinates": polygons[0]})
        else:
            out.append({"type": "MultiPolygon", "coordinates": polygons})
    return out


def quantise_polygons(geom: BaseGeometry, decimals: int) -> list[list[list[list[float]]]]:
    """Polygons of ``geom`` as GeoJSON coordinate lists, rounded, without repeated or degenerate rings."""
    parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    polygons = []
    for polygon in parts:
        rings = []
        for index, ring in enumerate([polygon.exterior, *polygon.interiors]):
            coords = np.round(np.asarray(ring.coords)[:, :2], decimals)
            keep = np.ones(len(coords), dtype=bool)
            keep[1:] = (np.diff(coords, axis=0) != 0).any(axis=1)
            coords = coords[keep]
            if len(coords) < 4:  # a closed ring needs three distinct points plus the closing one
                if index == 0:
                    break
                continue
            rings.append(coords.tolist())
        if rings:
            polygons.append(rings)
    return polygons
