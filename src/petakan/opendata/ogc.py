"""OGC API – Features (Part 1: Core, GeoJSON, HTML) over the public map layers, read-only, at ``/ogc/``.

So that QGIS, ArcGIS or OWSLib add Petakan as a data source by URL. What is public follows
:mod:`petakan.opendata.public`: boundaries of the active generation, and the scores of public runs only.

Collections:

- ``kecamatan`` and ``desa``: the boundaries with their Kemendagri and BPS codes;
- ``indeks-<run>-desa``, ``indeks-<run>-kecamatan``, ``indeks-<run>-zona``: the same shapes (zones dissolved from
  the villages) with the run's scores, one property ``skor_<node>`` per framework node (0–100, null = "data belum
  cukup").

Geometries are the *simplified* layers the web map uses (``regions.layers``: ~30 m tolerance, 5 decimals, CRS84
longitude/latitude), not the stored full-resolution boundaries. Items support ``limit``/``offset`` with next/prev
links, ``bbox`` (CRS84, intersecting geometry) and equality filters on ``code``, ``bps_code``, ``district_code``
and ``kind``; ``f=json`` (GeoJSON, the default) or ``f=html``.

Speed: a collection's features are encoded once per process, keyed by the layer's ETag (and the run, which never
changes), so an items request costs three small queries whatever the number of features.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

import shapely
import shapely.geometry
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from petakan.indices.models import Run, Unit
from petakan.maps import sources
from petakan.opendata import catalogue, public
from petakan.regions import layers
from petakan.regions.models import Generation, Layer
from petakan.web.http import negotiate_encoding

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
]
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# the properties a client may filter on by equality (?code=33.24.01.2001)
QUERYABLE = ("code", "bps_code", "district_code", "kind")
GEOJSON = "application/geo+json"
KINDS = {"desa": "village", "kecamatan": "district", "zona": "zone"}


class BadParameterError(Exception):
    pass


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    description: str
    layer: str  # "village" or "district"; zones are dissolved from "village"
    run: Run | None = None
    unit: str = ""  # the run's unit (village, district, zone)


@dataclass(frozen=True)
class Encoded:
    """A collection's features, ready to serve: ids, bounding boxes, properties and each feature's JSON text."""

    ids: list[str]
    boxes: list[tuple[float, float, float, float]]
    geometries: list[Any]  # shapely, for the exact bbox test
    properties: list[dict[str, Any]]
    texts: list[str]
    extent: tuple[float, float, float, float] | None
    version: str = ""  # what fixes the content (layer ETag, run); "" = not cacheable (zones follow the profiles)


# ------------------------------------------------------------------------------------------------ collections


def _base_collections() -> list[Collection]:
    return [
        Collection(
            "kecamatan", _("Batas kecamatan"), _("Batas kecamatan (disederhanakan, sama dengan peta)."), "district"
        ),
        Collection(
            "desa", _("Batas desa dan kelurahan"), _("Batas desa (disederhanakan, sama dengan peta)."), "village"
        ),
    ]


def _run_collections(run: Run) -> list[Collection]:
    demo = " DATA CONTOH." if run.is_demo else ""
    label = f"{run.framework} {run.year} (run #{run.pk})"
    out = []
    for suffix, unit, layer in (
        ("desa", "village", "village"),
        ("kecamatan", "district", "district"),
        ("zona", "zone", "village"),
    ):
        title = _("Indeks Smart City %(label)s: %(unit)s") % {"label": label, "unit": suffix}
        description = _("Skor 0–100 tiap simpul kerangka (skor_<simpul>); kosong = data belum cukup.") + demo
        out.append(Collection(f"indeks-{run.pk}-{suffix}", title, description, layer, run, unit))
    return out


def collections() -> list[Collection]:
    """Every public collection: the boundaries, then each public run (newest first). One query for the runs."""
    found = _base_collections()
    for run in public.public_runs().only("pk", "framework", "year", "is_demo", "created"):
        found += _run_collections(run)
    return found


def collection(collection_id: str) -> Collection:
    """The public collection with this id; 404 for anything else (a non-public run is answered like a missing one)."""
    for c in _base_collections():
        if c.id == collection_id:
            return c
    prefix, _sep, rest = collection_id.partition("-")
    run_id, _sep, suffix = rest.partition("-")
    if prefix == "indeks" and run_id.isdigit() and suffix in KINDS:
        run = public.public_runs().filter(pk=int(run_id)).only("pk", "framework", "year", "is_demo", "created").first()
        if run is not None:
            return next(c for c in _run_collections(run) if c.id == collection_id)
    raise Http404


# ------------------------------------------------------------------------------------------------ features


def _layer_etag(key: str) -> str | None:
    gen = Generation.current()
    if gen is None:
        return None
    # the ETag alone: the content (hundreds of kilobytes) is read only when this process has not encoded it yet
    return Layer.objects.filter(generation=gen, key=key).values_list("etag", flat=True).first()


def _encode(features: list[dict[str, Any]], id_key: str, version: str = "") -> Encoded:
    ids, boxes, geoms, props, texts = [], [], [], [], []
    for f in features:
        fid = str(f["properties"][id_key])
        geom = shapely.geometry.shape(f["geometry"])
        feature = {"type": "Feature", "id": fid, "geometry": f["geometry"], "properties": f["properties"]}
        ids.append(fid)
        boxes.append(tuple(geom.bounds))
        geoms.append(geom)
        props.append(f["properties"])
        texts.append(json.dumps(feature, separators=(",", ":"), ensure_ascii=False))
    extent = None
    if boxes:
        extent = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
    return Encoded(ids, boxes, geoms, props, texts, extent, version)


@lru_cache(maxsize=16)
def _encoded_layer(key: str, etag: str) -> Encoded:
    layer = Layer.objects.filter(etag=etag, key=key).only("etag", "content").first()
    assert layer is not None
    return _encode(layers.layer_features(layer), "code", f"{key}:{etag}")


def _scored(base: Encoded, rows: dict[str, dict[str, float | None]], run: Run, version: str) -> Encoded:
    features = []
    for fid, geom_text, props in zip(base.ids, base.texts, base.properties, strict=True):
        if fid not in rows:
            continue
        extra = {f"skor_{node}": value for node, value in rows[fid].items()}
        geometry = json.loads(geom_text)["geometry"]
        features.append({"geometry": geometry, "properties": {**props, "run": run.pk, "is_demo": run.is_demo, **extra}})
    return _encode(features, "code", version)


@lru_cache(maxsize=32)
def _encoded_run(run_id: int, created: str, unit: str, etag: str) -> Encoded:
    # runs are immutable and the layer fixed by its ETag, so the result never goes stale for this key (the creation
    # time is in the key in case a database is rebuilt and a number reused, as test databases do)
    run = Run.objects.only("pk", "framework", "year", "is_demo", "created").get(pk=run_id)
    found = public.run_scores(run, unit)
    rows = {r["code"]: r["values"] for r in found.rows}
    return _scored(_encoded_layer(unit, etag), rows, run, f"run:{run_id}:{created}:{unit}:{etag}")


def encoded(c: Collection) -> Encoded:
    """The features of a collection (empty when no boundaries are loaded)."""
    if c.run is None:
        etag = _layer_etag(c.layer)
        return _encoded_layer(c.layer, etag) if etag else _encode([], "code")
    if c.unit != Unit.ZONE:
        etag = _layer_etag(c.layer)
        return _encoded_run(c.run.pk, c.run.created.isoformat(), c.unit, etag) if etag else _encode([], "code")
    # zones: three outlines dissolved from the villages by the run's profiles (cached in regions.layers)
    zones = sources.village_zones(c.run.year, "published")
    found = layers.grouped_outlines(zones.to_dict()) if zones is not None else None
    if found is None:
        return _encode([], "code")
    rows = {r["code"]: r["values"] for r in public.run_scores(c.run, Unit.ZONE.value).rows}
    features = []
    for f in json.loads(found[1])["features"]:
        label = f["properties"]["group"]
        extra = {f"skor_{node}": value for node, value in rows.get(label, {}).items()}
        props = {"code": label, "name": label, "villages": f["properties"]["count"], "run": c.run.pk}
        features.append({"geometry": f["geometry"], "properties": {**props, "is_demo": c.run.is_demo, **extra}})
    return _encode(features, "code")


# ------------------------------------------------------------------------------------------------ requests


def _format(request: HttpRequest) -> str:
    """``f=json`` / ``f=html``; without it, HTML for a browser (Accept: text/html), JSON for everyone else."""
    fmt = request.GET.get("f", "")
    if fmt in ("json", "geojson"):
        return "json"
    if fmt == "html":
        return "html"
    if fmt:
        raise BadParameterError(_("Format %(f)s tidak dikenal: pakai f=json atau f=html.") % {"f": fmt})
    accept = request.headers.get("Accept", "")
    return "html" if "text/html" in accept else "json"


def _url(request: HttpRequest, name: str, *args: Any, **query: Any) -> str:
    path = reverse(f"opendata:{name}", args=args)
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return request.build_absolute_uri(path + ("?" + urlencode(query) if query else ""))


def _links(request: HttpRequest, name: str, *args: Any, fmt: str, json_type: str = "application/json") -> list[dict]:
    other = "html" if fmt == "json" else "json"
    types = {"json": json_type, "html": "text/html"}
    return [
        {"href": _url(request, name, *args, f=fmt), "rel": "self", "type": types[fmt], "title": "this document"},
        {"href": _url(request, name, *args, f=other), "rel": "alternate", "type": types[other], "title": other},
    ]


def _answer(request: HttpRequest, fmt: str, data: dict[str, Any], template: str, content_type: str) -> HttpResponse:
    if fmt == "html":
        return render(request, f"opendata/{template}", {"data": data})
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = content_type
    return response


def _bad(message: str) -> JsonResponse:
    return JsonResponse({"code": "InvalidParameterValue", "description": message}, status=400)


def _collection_info(request: HttpRequest, c: Collection, extent: tuple | None = None) -> dict[str, Any]:
    info: dict[str, Any] = {
        "id": c.id,
        "title": c.title,
        "description": c.description,
        "itemType": "feature",
        "crs": [CRS84],
        "storageCrs": CRS84,
        "links": [
            {"href": _url(request, "ogc_collection", c.id), "rel": "self", "type": "application/json"},
            {"href": _url(request, "ogc_items", c.id, f="json"), "rel": "items", "type": GEOJSON, "title": "GeoJSON"},
            {"href": _url(request, "ogc_items", c.id, f="html"), "rel": "items", "type": "text/html", "title": "HTML"},
        ],
    }
    if extent is not None:
        info["extent"] = {"spatial": {"bbox": [list(extent)], "crs": CRS84}}
    if c.run is not None:
        info["extent"] = {
            **info.get("extent", {}),
            "temporal": {"interval": [[f"{c.run.year}-01-01T00:00:00Z", f"{c.run.year}-12-31T23:59:59Z"]]},
        }
    return info


@require_GET
def landing(request: HttpRequest) -> HttpResponse:
    try:
        fmt = _format(request)
    except BadParameterError as exc:
        return _bad(str(exc))
    org = catalogue.organization()
    data = {
        "title": _("Petakan: data terbuka %(org)s") % {"org": org["title"]},
        "description": _("OGC API – Features: batas wilayah dan skor indeks yang dipublikasikan."),
        "links": [
            *_links(request, "ogc_landing", fmt=fmt),
            {
                "href": _url(request, "ogc_conformance"),
                "rel": "conformance",
                "type": "application/json",
                "title": "conformance",
            },
            {
                "href": _url(request, "ogc_collections"),
                "rel": "data",
                "type": "application/json",
                "title": "collections",
            },
            {
                # documentation of the neighbouring JSON API for people; not this service's own definition
                "href": request.build_absolute_uri(reverse("api:openapi-view")),
                "rel": "service-doc",
                "type": "text/html",
                "title": "Petakan JSON API",
            },
        ],
    }
    return _answer(request, fmt, data, "ogc_landing.html", "application/json")


@require_GET
def conformance(request: HttpRequest) -> HttpResponse:
    try:
        fmt = _format(request)
    except BadParameterError as exc:
        return _bad(str(exc))
    return _answer(request, fmt, {"conformsTo": CONFORMANCE}, "ogc_conformance.html", "application/json")


@require_GET
def collections_view(request: HttpRequest) -> HttpResponse:
    try:
        fmt = _format(request)
    except BadParameterError as exc:
        return _bad(str(exc))
    data = {
        "links": _links(request, "ogc_collections", fmt=fmt),
        "crs": [CRS84],
        "collections": [_collection_info(request, c) for c in collections()],
    }
    return _answer(request, fmt, data, "ogc_collections.html", "application/json")


@require_GET
def collection_view(request: HttpRequest, collection_id: str) -> HttpResponse:
    try:
        fmt = _format(request)
    except BadParameterError as exc:
        return _bad(str(exc))
    c = collection(collection_id)
    data = _collection_info(request, c, encoded(c).extent)
    data["links"] = _links(request, "ogc_collection", c.id, fmt=fmt) + data["links"][1:]
    return _answer(request, fmt, data, "ogc_collection.html", "application/json")


def _int(request: HttpRequest, name: str, default: int, low: int, high: int) -> int:
    raw = request.GET.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise BadParameterError(
            _("%(name)s harus bilangan bulat %(low)s–%(high)s.") % {"name": name, "low": low, "high": high}
        )
    return int(raw)


def _bbox(request: HttpRequest) -> tuple[float, float, float, float] | None:
    raw = request.GET.get("bbox", "")
    if not raw:
        return None
    try:
        parts = [float(p) for p in raw.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4 or parts[0] > parts[2] or parts[1] > parts[3]:
        raise BadParameterError(_("bbox harus empat angka: bujur-min,lintang-min,bujur-maks,lintang-maks (CRS84)."))
    return parts[0], parts[1], parts[2], parts[3]


def _selected(request: HttpRequest, enc: Encoded) -> list[int]:
    """Positions of the features matching the bbox and the property filters, in collection order."""
    box = _bbox(request)
    filters = {k: request.GET[k] for k in QUERYABLE if request.GET.get(k, "") != ""}
    chosen = []
    area = shapely.box(*box) if box is not None else None
    for i, props in enumerate(enc.properties):
        if any(str(props.get(k, "")) != v for k, v in filters.items()):
            continue
        if box is not None:
            b = enc.boxes[i]
            if b[0] > box[2] or b[2] < box[0] or b[1] > box[3] or b[3] < box[1]:
                continue
            if not shapely.intersects(enc.geometries[i], area):
                continue
        chosen.append(i)
    return chosen


@require_GET
def items(request: HttpRequest, collection_id: str) -> HttpResponse:
    c = collection(collection_id)
    try:
        fmt = _format(request)
        # a larger limit is served as the maximum, as OGC API – Features allows (QGIS asks for large pages)
        limit = min(_int(request, "limit", DEFAULT_LIMIT, 1, 10**9), MAX_LIMIT)
        offset = _int(request, "offset", 0, 0, 10**9)
        enc = encoded(c)
        chosen = _selected(request, enc)
    except BadParameterError as exc:
        return _bad(str(exc))
    page = chosen[offset : offset + limit]
    kept = {k: v for k, v in request.GET.items() if k not in ("f", "offset", "limit")}
    links = [
        {
            "href": _url(request, "ogc_items", c.id, **kept, limit=limit, offset=offset, f="json"),
            "rel": "self",
            "type": GEOJSON,
        },
        {
            "href": _url(request, "ogc_items", c.id, **kept, limit=limit, offset=offset, f="html"),
            "rel": "alternate",
            "type": "text/html",
        },
        {"href": _url(request, "ogc_collection", c.id), "rel": "collection", "type": "application/json"},
    ]
    if offset + limit < len(chosen):
        links.append(
            {
                "href": _url(request, "ogc_items", c.id, **kept, limit=limit, offset=offset + limit, f=fmt),
                "rel": "next",
                "type": GEOJSON if fmt == "json" else "text/html",
            }
        )
    if offset > 0:
        links.append(
            {
                "href": _url(request, "ogc_items", c.id, **kept, limit=limit, offset=max(0, offset - limit), f=fmt),
                "rel": "prev",
                "type": GEOJSON if fmt == "json" else "text/html",
            }
        )
    if fmt == "html":
        rows = [{"id": enc.ids[i], "properties": enc.properties[i]} for i in page]
        data = {
            "collection": c,
            "rows": rows,
            "links": links,
            "matched": len(chosen),
            "returned": len(page),
            "offset": offset,
            "limit": limit,
        }
        return render(request, "opendata/ogc_items.html", {"data": data})
    key = (enc.version, request.get_host(), request.get_full_path())
    if enc.version and key in _BODIES:
        return _compressed(request, *_BODIES[key])
    # the features are already JSON text: joining them costs nothing next to re-encoding 286 polygons a request
    head = json.dumps(
        {"type": "FeatureCollection", "numberMatched": len(chosen), "numberReturned": len(page), "links": links},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    body = head[:-1] + ',"features":[' + ",".join(enc.texts[i] for i in page) + "]}"
    if not enc.version:
        return HttpResponse(body, content_type=GEOJSON)
    raw = body.encode()
    entry = (raw, gzip.compress(raw, 6, mtime=0), hashlib.sha256(raw).hexdigest()[:32])
    if len(_BODIES) >= MAX_BODIES:
        _BODIES.clear()  # crude but bounded: a few hundred pages of at most ~1 MB
    _BODIES[key] = entry
    return _compressed(request, *entry)


# Encoded pages by (collection version, host, path with query): what QGIS and harvesters ask for is the same few
# pages again and again, and gzipping 500 KB–1.2 MB took most of a request's time. Per process, bounded.
_BODIES: dict[tuple[str, str, str], tuple[bytes, bytes, str]] = {}
MAX_BODIES = 64


def _compressed(request: HttpRequest, raw: bytes, zipped: bytes, etag: str) -> HttpResponse:
    """The identity or gzip bytes (already compressed; GZipMiddleware leaves an encoded answer alone), with an ETag
    so that ConditionalGetMiddleware answers a revalidation with 304."""
    wants_gzip = negotiate_encoding(request.headers.get("Accept-Encoding", ""), ("gzip",)) == "gzip"
    response = HttpResponse(zipped if wants_gzip else raw, content_type=GEOJSON)
    if wants_gzip:
        response["Content-Encoding"] = "gzip"
    response["Vary"] = "Accept-Encoding"
    response["ETag"] = f'"{etag}{"-gzip" if wants_gzip else ""}"'
    return response


@require_GET
def item(request: HttpRequest, collection_id: str, feature_id: str) -> HttpResponse:
    c = collection(collection_id)
    try:
        fmt = _format(request)
    except BadParameterError as exc:
        return _bad(str(exc))
    enc = encoded(c)
    if feature_id not in enc.ids:
        raise Http404
    i = enc.ids.index(feature_id)
    links = [
        {"href": _url(request, "ogc_item", c.id, feature_id, f="json"), "rel": "self", "type": GEOJSON},
        {"href": _url(request, "ogc_item", c.id, feature_id, f="html"), "rel": "alternate", "type": "text/html"},
        {"href": _url(request, "ogc_collection", c.id), "rel": "collection", "type": "application/json"},
    ]
    if fmt == "html":
        data = {"collection": c, "id": feature_id, "properties": enc.properties[i], "links": links}
        return render(request, "opendata/ogc_item.html", {"data": data})
    feature = json.loads(enc.texts[i])
    feature["links"] = links
    response = JsonResponse(feature, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")})
    response["Content-Type"] = GEOJSON
    return response
