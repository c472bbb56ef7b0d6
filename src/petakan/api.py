"""The JSON API (django-ninja), version 1. Its OpenAPI document is served at /api/v1/docs."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.datastructures import MultiValueDict
from ninja import NinjaAPI, Schema
from ninja.parser import Parser

from petakan.maps.fastpath import mark
from petakan.opendata.api import NOT_FOUND
from petakan.opendata.api import router as opendata_router
from petakan.regions import precompressed
from petakan.regions.models import Area
from petakan.web.apidocs import OfflineSwagger
from petakan.web.http import etag_response


class EmptyIsAbsent(Parser):
    """``?node=&area=`` means the same as no ``node`` and no ``area``: forms and scripts often send a parameter they
    have no value for. Only the query string; bodies are parsed as they are."""

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> dict[str, Any]:
        if data is request.GET:
            data = MultiValueDict({key: [v for v in values if v != ""] for key, values in data.lists()})
            data = MultiValueDict({key: values for key, values in data.lists() if values})
        return super().parse_querydict(data, list_fields, request)


api = NinjaAPI(title="Petakan API", version="1", urls_namespace="api", parser=EmptyIsAbsent(), docs=OfflineSwagger())
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


class FeatureCollectionOut(Schema):
    type: Literal["FeatureCollection"]
    features: list[dict[str, Any]]  # GeoJSON Features: properties code, bps_code, name, kind, district_code/_name


@api.get("/areas/{code}", response={200: AreaOut, **NOT_FOUND}, tags=["areas"])
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


@api.get(
    "/areas/{code}/villages.geojson",
    response={304: None, **NOT_FOUND},
    tags=["areas"],
    summary="Village boundaries under an area (GeoJSON)",
    description="Answers 304 to an `If-None-Match` with the current ETag; gzip or brotli as `Accept-Encoding` allows. "
    "404 when the area does not exist or no boundary generation is active.",
    # the 200 answer is GeoJSON, not application/json: stated here since the view returns the stored bytes itself
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {"application/geo+json": {"schema": FeatureCollectionOut.model_json_schema()}},
            }
        }
    },
)
def area_villages(request: HttpRequest, code: str) -> HttpResponse:
    encoding = precompressed.negotiate(request.headers.get("Accept-Encoding", ""))
    found = precompressed.village_layer(code, encoding)
    if found is None:
        raise Http404("no such area or no active boundary generation")
    etag, body = found
    response = etag_response(request, etag, body, "application/geo+json")
    if encoding != "identity" and response.status_code == 200:
        response["Content-Encoding"] = encoding
    # the body depends on Accept-Encoding only; public data, so anonymous repeats are replayed before Django
    response["Vary"] = "Accept-Encoding"
    mark(response, run_id=None, immutable=False)
    return response
