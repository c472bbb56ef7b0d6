"""Map layers: the boundaries of a generation simplified together, quantised, stored once and served with an ETag."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import shapely
import shapely.geometry
from django.core.cache import cache

from petakan.lib import geo
from petakan.regions.models import Area, Boundary, Generation, Layer, Level

# ~30 m at Kendal's latitude: invisible at regency zoom, and keeps the 286-village layer small.
VILLAGE_TOLERANCE_DEG = 0.0003
DECIMALS = 5  # ≈ 1.1 m


def village_properties(area: Area, districts: dict[int, Area]) -> dict[str, Any]:
    district = districts.get(area.parent_id)
    return {
        "code": area.code,
        "bps_code": area.bps_code,
        "name": area.name,
        "kind": area.kind,
        "district_code": district.code if district else "",
        "district_name": district.name if district else "",
    }


# A second, finer geometry for zoom ≥ DETAIL_MIN_ZOOM (≈ 5.5 m tolerance, about a pixel at zoom 15): the map loads it
# only when the visitor zooms in, so the first load stays light.
DETAIL_SUFFIX = "-detail"
VILLAGE_DETAIL_TOLERANCE_DEG = 0.00005
DETAIL_MIN_ZOOM = 13
LAYER_TOLERANCES = (("", VILLAGE_TOLERANCE_DEG), (DETAIL_SUFFIX, VILLAGE_DETAIL_TOLERANCE_DEG))


def build_layers(gen: Generation) -> None:
    """(Re)build the village and kecamatan layers of a generation: "village" and "district" for the regency view,
    "village-detail" and "district-detail" for high zoom."""
    boundaries = list(
        Boundary.objects.filter(generation=gen, area__level=Level.VILLAGE).select_related("area").order_by("area__code")
    )
    districts = {a.pk: a for a in Area.objects.filter(level=Level.DISTRICT)}
    geoms = [geo.parse(b.geometry) for b in boundaries]
    for suffix, tolerance in LAYER_TOLERANCES:
        simplified = geo.simplify_coverage(geoms, tolerance, DECIMALS) if geoms else []
        villages = [
            {"type": "Feature", "properties": village_properties(b.area, districts), "geometry": g}
            for b, g in zip(boundaries, simplified, strict=True)
        ]
        # Kecamatan outlines are dissolved from the simplified villages, so they line up with them exactly.
        by_district: dict[int, list[Any]] = {}
        for b, g in zip(boundaries, simplified, strict=True):
            by_district.setdefault(b.area.parent_id, []).append(shapely.geometry.shape(g))
        outlines = []
        for district_id, parts in sorted(by_district.items(), key=lambda item: districts[item[0]].code):
            district = districts[district_id]
            outlines.append(
                {
                    "type": "Feature",
                    "properties": {"code": district.code, "bps_code": district.bps_code, "name": district.name},
                    "geometry": outline_geojson(dissolve(parts)),
                }
            )
        for key, features in (("village" + suffix, villages), ("district" + suffix, outlines)):
            content = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
            etag = hashlib.sha256(content.encode()).hexdigest()[:32]
            Layer.objects.update_or_create(generation=gen, key=key, defaults={"content": content, "etag": etag})


def dissolve(parts: list[Any]) -> Any:
    return shapely.union_all(shapely.make_valid(np.array(parts, dtype=object)))


def outline_geojson(geom: Any) -> dict[str, Any]:
    polygons = geo.quantise_polygons(geom, DECIMALS) if geom.geom_type in geo.POLYGONAL else []
    if not polygons:  # a union may contain slivers as lines; keep the polygonal parts
        polygons = [
            p
            for part in getattr(geom, "geoms", [])
            if part.geom_type in geo.POLYGONAL
            for p in geo.quantise_polygons(part, DECIMALS)
        ]
    return {"type": "MultiPolygon", "coordinates": polygons}


def get_layer(key: str) -> Layer | None:
    gen = Generation.current()
    if gen is None:
        return None
    return Layer.objects.filter(generation=gen, key=key).only("etag", "content").first()


def layer_features(layer: Layer) -> list[dict[str, Any]]:
    """Parsed features of a layer, cached by its ETag (content never changes for one ETag)."""
    key = f"layer-features:{layer.etag}"
    features = cache.get(key)
    if features is None:
        features = json.loads(layer.content)["features"]
        cache.set(key, features, None)
    return features


def villages_under(code: str) -> tuple[str, str] | None:
    """(etag, GeoJSON text) of the village features under an area code, from the active village layer."""
    layer = get_layer("village")
    if layer is None:
        return None
    prefix = code + "."
    selected = [
        f
        for f in layer_features(layer)
        if f["properties"]["code"].startswith(prefix) or f["properties"]["code"] == code
    ]
    content = json.dumps({"type": "FeatureCollection", "features": selected}, separators=(",", ":"))
    return hashlib.sha256(f"{layer.etag}:{code}".encode()).hexdigest()[:32], content


def grouped_outlines(groups: Mapping[str, str], key: str = "village") -> tuple[str, str] | None:
    """(etag, GeoJSON text) of the active layer's villages dissolved per group label (e.g. village → zone).

    Features carry ``group`` (the label) and ``count`` (villages in it); villages without a label are left out.
    Dissolved from the same simplified geometry as the villages, so the outlines follow their borders exactly.
    Cached under the layer's ETag and the grouping, which together fix the result.
    """
    layer = get_layer(key)
    if layer is None:
        return None
    grouping = json.dumps(sorted((str(k), str(v)) for k, v in groups.items()), separators=(",", ":"))
    etag = hashlib.sha256(f"{layer.etag}:{grouping}".encode()).hexdigest()[:32]
    cache_key = f"grouped-outlines:{etag}"
    content = cache.get(cache_key)
    if content is None:
        parts: dict[str, list[Any]] = {}
        for feature in layer_features(layer):
            label = groups.get(feature["properties"]["code"])
            if label:
                parts.setdefault(label, []).append(shapely.geometry.shape(feature["geometry"]))
        features = [
            {
                "type": "Feature",
                "properties": {"group": label, "count": len(members)},
                "geometry": outline_geojson(dissolve(members)),
            }
            for label, members in sorted(parts.items())
        ]
        content = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
        cache.set(cache_key, content, None)
    return etag, content
