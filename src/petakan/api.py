"""The JSON API (django-ninja), version 1. Its OpenAPI document is served at /api/v1/docs."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema

from petakan.opendata.api import router as opendata_router
from petakan.regions.layers import villages_under
from petakan.regions.models import Area
from petakan.web.apidocs import OfflineSwagger
from petakan.web.http import etag_response

api = NinjaAPI(title="Petakan API", version="1", urls_namespace="api", docs=OfflineSwagger())
api.add_router("", opendata_router)


class AreaOut(Schema):
    code: str
    bps_code: str
    name: str
    level: str
    kind: str
    parent_code: str | None
    area_km2: float | None
    centroid: list[float] | None  # [lat, lng]
    postal_code: str
    children: list[str]


@api.get("/areas/{code}", response=AreaOut, tags=["areas"])
def area_detail(request: HttpRequest, code: str) -> dict:
    area = get_object_or_404(Area.objects.select_related("parent"), code=code)
    return {
        "code": area.code,
        "bps_code": area.bps_code,
        "name": area.name,
        "level": area.level,
        "kind": area.kind,
        "parent_code": area.parent.code if area.parent else None,
        "area_km2": area.area_km2,
        "centroid": [area.centroid_lat, area.centroid_lng] if area.centroid_lat is not None else None,
        "postal_code": area.postal_code,
        "children": list(area.children.order_by("code").values_list("code", flat=True)),
    }


@api.get("/areas/{code}/villages.geojson", tags=["areas"], summary="Village boundaries under an area (GeoJSON)")
def area_villages(request: HttpRequest, code: str) -> HttpResponse:
    get_object_or_404(Area, code=code)
    result = villages_under(code)
    if result is None:
        raise Http404("no active boundary generation")
    etag, content = result
    return etag_response(request, etag, content, "application/geo+json")
