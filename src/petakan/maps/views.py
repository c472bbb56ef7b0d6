"""The choropleth map, its data endpoint, downloads and the dashboard. Every run goes through
``visible_runs(user)``: a run over draft profiles does not exist (404) for those who may not see it."""

from __future__ import annotations

import hashlib
import io
import json
import re
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from petakan.indices import reading, scores
from petakan.indices.models import Run, Unit
from petakan.indices.views import current_run, visible_runs
from petakan.lib import gisexport
from petakan.lib.cells import csv_writer
from petakan.maps import dashboard as tables
from petakan.maps import fastpath, palettes, sources
from petakan.maps.data import (
    MIN_K,
    MapState,
    compare_payload,
    dumps,
    fmt,
    is_static,
    method_names,
    parse_state,
    payload,
    static_etag,
)
from petakan.maps.data import cached_static as cached_payload
from petakan.maps.data import store_static as store_payload
from petakan.maps.variables import DISTRICT, VILLAGE, VariableError, catalogue, values
from petakan.regions import layers
from petakan.regions.models import Area
from petakan.regions.models import Level as AreaLevel
from petakan.web import paging
from petakan.web.http import etag_response

FRAMEWORK = "smart-city-v1"


def language() -> str:
    return translation.get_language() or "id"


# A run's audit and log are hundreds of kilobytes of JSON that no map needs: decoding them took 12 ms a request.
# The JSON endpoints read only what they use; the tree comes from a per-process cache.
HEAVY_FIELDS = ("log", "audit", "sensitivity", "tree")
ENDPOINT_FIELDS = ("pk", "framework", "framework_version", "year", "profile_status", "is_demo")


@lru_cache(maxsize=64)
def _tree(run_id: int) -> list[dict[str, Any]]:
    """A run's tree, read once per process: runs are immutable (and the caller checks visibility first)."""
    return Run.objects.filter(pk=run_id).values_list("tree", flat=True).get()


def _run_param(request: HttpRequest, *, required: bool) -> Run | None:
    """The visible run named by ?run= (404 when it is not visible to this user); without it, the current one
    (pages) or 404 (endpoints, ``required``)."""
    raw = request.GET.get("run", "")
    if not raw:
        if required:
            raise Http404
        return current_run(request.user)
    if not raw.isdigit():
        raise Http404
    runs = visible_runs(request.user).filter(pk=int(raw))
    run = (runs.only(*ENDPOINT_FIELDS) if required else runs.defer(*HEAVY_FIELDS)).first()
    if run is None:
        raise Http404
    run.tree = _tree(run.pk)
    return run


def _compare_param(request: HttpRequest) -> Run | None:
    """The visible comparison run named by ?banding= (None without it): a run the user may not see is answered
    exactly as a nonexistent one, 404."""
    raw = request.GET.get("banding", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    run = visible_runs(request.user).filter(pk=int(raw)).defer(*HEAVY_FIELDS).first()
    if run is None:
        raise Http404
    run.tree = _tree(run.pk)
    return run


def runs_to_compare(request: HttpRequest, shown: Run, selected: Run | None) -> list[dict[str, Any]]:
    """Runs the shown one can be compared with: the visible runs (other years, other weights), newest first."""
    runs = list(visible_runs(request.user).exclude(pk=shown.pk).defer(*HEAVY_FIELDS).order_by("-year", "-pk")[:40])
    if selected is not None and all(r.pk != selected.pk for r in runs):
        runs.insert(0, selected)
    out = []
    for r in runs:
        label = f"{r.year} · {r.framework} {r.framework_version} · run #{r.pk}"
        if r.profile_status != "published":
            label += " · " + _("termasuk draf")
        if r.is_demo:
            label += " · DATA CONTOH"
        out.append({"pk": r.pk, "label": label})
    return out


def runs_for_choice(request: HttpRequest, selected: Run | None) -> list[dict[str, Any]]:
    """The current run of each year (and status the user may see), plus the selected one if it is older."""
    runs = list(
        visible_runs(request.user).filter(framework=FRAMEWORK, is_current=True).order_by("-year", "-profile_status")
    )
    if selected is not None and all(r.pk != selected.pk for r in runs):
        runs.insert(0, selected)
    out = []
    for r in runs:
        label = str(r.year)
        if r.profile_status != "published":
            label += " · " + _("termasuk draf")
        if not r.is_current:
            label += f" · run #{r.pk}"
        if r.is_demo:
            label += " · DATA CONTOH"
        out.append({"pk": r.pk, "label": label})
    return out


def _not_modified(request: HttpRequest, etag: str) -> bool:
    # GZipMiddleware weakens the ETag it sends (W/"…"), so compare without the weak prefix.
    sent = [t.strip().removeprefix("W/") for t in request.headers.get("If-None-Match", "").split(",")]
    return f'"{etag}"' in sent


def _public(request: HttpRequest, *runs: Run | None) -> bool:
    """Whether an answer built from ``runs`` (a shown and maybe a comparison run) may be cached publicly."""
    published = all(r.profile_status == "published" for r in runs if r is not None)
    return published and not request.user.is_authenticated


def _cached(
    request: HttpRequest, run: Run, etag: str, content: str, content_type: str, compare: Run | None = None
) -> HttpResponse:
    response = etag_response(request, etag, content, content_type)
    if not _public(request, run, compare):
        response["Cache-Control"] = "private, max-age=0, must-revalidate"
    return response


def _not_modified_response(run: Run, request: HttpRequest, etag: str, compare: Run | None = None) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = f'"{etag}"'
    public = _public(request, run, compare)
    response["Cache-Control"] = ("public" if public else "private") + ", max-age=0, must-revalidate"
    return response


def bad_request(exc: VariableError) -> JsonResponse:
    return JsonResponse({"error": exc.reason, "field": exc.field, "value": exc.value}, status=400)


# ------------------------------------------------------------------------------------------------ map page


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    run = _run_param(request, required=False)
    compare = _compare_param(request) if run is not None else None
    lang = language()
    context: dict[str, Any] = {
        "run": run,
        "runs": runs_for_choice(request, run),
        "compare_runs": runs_to_compare(request, run, compare) if run is not None else [],
        "diverging_palettes": palettes.DIVERGING_NAMES,
        "methods": method_names(),
        "palettes": palettes.NAMES,
        "class_counts": range(MIN_K, 10),
        "zones_available": sources.profiles_available(),
    }
    state: MapState | None = None
    if run is not None:
        try:
            state = parse_state(run, request.GET, lang, compare)
        except VariableError as exc:
            messages.warning(request, _("%(reason)s Peta menampilkan pilihan bawaan.") % {"reason": exc.reason})
            state = parse_state(run, {}, lang)
        variables = catalogue(run, lang, request.user)
        groups: dict[str, list[dict[str, Any]]] = {}
        for v in variables:
            groups.setdefault(v.group_name, []).append(
                {"code": v.code, "name": v.name, "levels": list(v.levels), "kind": v.kind, "index": is_static(v)}
            )
        context.update({"state": state, "variable_groups": groups})
    sel = request.GET.get("sel", "")
    fokus = request.GET.get("fokus", "")
    view = request.GET.get("v", "")
    config = {
        "state": {
            **(state.query() if state else {"level": VILLAGE}),
            "zones": request.GET.get("zones") == "1",
            "outlines": request.GET.get("outlines", "1") != "0",
            "sel": sel if _looks_like_code(sel) else "",
            # drill-down: the villages of one kecamatan stand out, the others fade
            "fokus": fokus if _looks_like_code(fokus) and fokus.count(".") == 2 else "",
            "v": view,
        },
        "urls": {
            "data": reverse("maps:data"),
            "area": reverse("maps:area"),
            "csv": reverse("maps:export_csv"),
            "geojson": reverse("maps:export_geojson"),
            "gpkg": reverse("maps:export_gpkg"),
            "shp": reverse("maps:export_shp"),
            "zones": reverse("maps:zones"),
            "villages": reverse("web:layer", args=["village"]),
            "villagesDetail": reverse("web:layer", args=["village" + layers.DETAIL_SUFFIX]),
            "districts": reverse("web:layer", args=["district"]),
            "districtsDetail": reverse("web:layer", args=["district" + layers.DETAIL_SUFFIX]),
            "areaPage": reverse("web:area", args=["CODE"]),
        },
        "detailZoom": layers.DETAIL_MIN_ZOOM,
        "tiles": settings.PETAKAN_TILE_URL,
        "lang": lang,
        "text": {
            "missing": _("data belum cukup"),
            "loading": _("Memuat peta…"),
            "noRun": _("Belum ada hasil indeks yang dapat ditampilkan."),
            "notFound": _("Desa tidak ditemukan."),
            "open": _("Buka halaman wilayah"),
            "close": _("Tutup"),
            "index": _("Indeks Smart City"),
            "value": _("Nilai"),
            "class": _("Kelas"),
            "kecamatan": _("Kecamatan"),
            "zonesMissing": _("Zona belum tersedia: profil desa belum dimuat."),
            "villages": _("desa/kelurahan"),
            "districts": _("kecamatan"),
            "rank": _("Peringkat"),
            "drill": _("Lihat desa di kecamatan ini"),
            "focus": _("Fokus: Kecamatan %(name)s"),
            "focusClear": _("Tampilkan semua kecamatan"),
            "change": _("Perubahan"),
            "zone": {z: reading.ZONE_NAMES[z] for z in sources.ZONES},
        },
    }
    context["config"] = config
    return render(request, "maps/map.html", context)


def _looks_like_code(code: str) -> bool:
    return len(code) <= 16 and all(part.isdigit() for part in code.split(".")) and code.count(".") in (2, 3)


# ------------------------------------------------------------------------------------------------ map data


def _state(request: HttpRequest) -> MapState:
    run = _run_param(request, required=True)
    assert run is not None
    return parse_state(run, request.GET, language(), _compare_param(request))


def _payload_content(request: HttpRequest, state: MapState) -> tuple[str, str]:
    """(etag, JSON text) of the map data for ``state``."""
    lang = language()
    if is_static(state.variable):
        etag = static_etag(state, lang)
        content = cached_payload(etag)
        if content is None:
            content = dumps(_build(request, state))
            store_payload(etag, content)
        return etag, content
    content = dumps(_build(request, state))
    return hashlib.sha256(content.encode()).hexdigest()[:32], content


def _build(request: HttpRequest, state: MapState) -> dict[str, Any]:
    shown = values(state.run, state.variable, state.level, request.user)
    if state.compare is None:
        return payload(state, shown)
    return compare_payload(state, shown, values(state.compare, state.variable, state.level, request.user))


def _replayable(request: HttpRequest, state: MapState, response: HttpResponse) -> HttpResponse:
    """Let petakan.maps.fastpath replay this answer to other anonymous visitors asking the same: only published
    runs' data (the shown run and the comparison run both), only for a visitor who is not logged in. Index
    variables of a named run never change (immutable); IDM and commodity values do, and are trusted for the fast
    path's few seconds only. A comparison is never immutable there: the fast path re-checks one run per entry
    (the shown one), so an entry that also depends on the comparison run must go back to Django after ``ttl``,
    which checks both again."""
    if _public(request, state.run, state.compare):
        immutable = is_static(state.variable) and bool(request.GET.get("run")) and state.compare is None
        fastpath.mark(response, run_id=state.run.pk, immutable=immutable)
    return response


@require_GET
def data_json(request: HttpRequest) -> HttpResponse:
    try:
        state = _state(request)
    except VariableError as exc:
        return bad_request(exc)
    if is_static(state.variable):
        etag = static_etag(state, language())
        if _not_modified(request, etag):
            return _replayable(request, state, _not_modified_response(state.run, request, etag, state.compare))
    etag, content = _payload_content(request, state)
    response = _cached(request, state.run, etag, content, "application/json", state.compare)
    return _replayable(request, state, response)


@require_GET
def area_json(request: HttpRequest) -> HttpResponse:
    """What the side panel shows for one village or kecamatan: index score and rank, the six dimensions."""
    run = _run_param(request, required=True)
    assert run is not None
    code = request.GET.get("code", "")
    lang = language()
    area = Area.objects.select_related("parent").filter(code=code).first()
    if area is None or area.level not in (AreaLevel.VILLAGE, AreaLevel.DISTRICT):
        raise Http404
    # scores never change within a run; names may (a renamed village), so they are part of the ETag
    parent = area.parent.name if area.parent else ""
    etag = hashlib.sha256(f"area:v2:{run.pk}:{code}:{area.name}:{parent}:{lang}".encode()).hexdigest()[:32]
    if _not_modified(request, etag):
        return _not_modified_response(run, request, etag)
    unit = Unit.VILLAGE if area.level == AreaLevel.VILLAGE else Unit.DISTRICT
    rows = scores.unit_scores(run, unit, area)
    names = reading.names(run, lang)
    top = rows.get(scores.index_code(run))
    if top is None or top.value is None:
        rank = _("data belum cukup")
    elif unit == Unit.VILLAGE:
        rank = reading.rank_text(top.rank, top.rank_low, top.rank_high)
    else:
        rank = reading.rank_text(top.rank, None, None)
    data = {
        "code": area.code,
        "name": area.name,
        "kind": area.get_kind_display() if area.kind else area.get_level_display(),
        "district": area.parent.name if area.level == AreaLevel.VILLAGE and area.parent else "",
        "url": reverse("web:area", args=[area.code]),
        "demo": run.is_demo,
        "index": {
            "code": scores.index_code(run),
            "name": names.get(scores.index_code(run), ""),
            "value": top.value if top else None,
            "text": fmt(top.value if top else None),
            "rank": rank,
        },
        "dimensions": [
            {
                "code": n["code"],
                "name": names[n["code"]],
                "value": rows[n["code"]].value if n["code"] in rows else None,
                "text": fmt(rows[n["code"]].value if n["code"] in rows else None),
            }
            for n in reading.nodes(run, "dimension")
        ],
    }
    return _cached(request, run, etag, dumps(data), "application/json")


@require_GET
def zones_geojson(request: HttpRequest) -> HttpResponse:
    """Zone outlines (pesisir / dataran / pegunungan) dissolved from the villages, by the profiles' zone."""
    run = _run_param(request, required=True)
    assert run is not None
    zones = sources.village_zones(run.year, run.profile_status)
    if zones is None:
        raise Http404
    found = layers.grouped_outlines(zones.to_dict())
    if found is None:
        raise Http404
    etag, content = found
    return _cached(request, run, etag, content, "application/geo+json")


# ------------------------------------------------------------------------------------------------ downloads


def _area_names(level: str) -> dict[str, tuple[str, str]]:
    area_level = AreaLevel.VILLAGE if level == VILLAGE else AreaLevel.DISTRICT
    rows = Area.objects.filter(level=area_level, code__startswith=settings.PETAKAN_REGENCY_CODE + ".").values_list(
        "code", "name", "parent__name"
    )
    return {code: (name, parent if level == VILLAGE else "") for code, name, parent in rows}


def _export_name(state: MapState, ext: str) -> str:
    var = state.variable.code.replace(":", "-")
    versus = f"-vs-run{state.compare.pk}" if state.compare is not None else ""
    return f"petakan-peta-{state.run.year}-run{state.run.pk}{versus}-{state.level}-{var}.{ext}"


def _export_features(
    state: MapState,
    data: dict[str, Any],
    legend: dict[int, dict[str, Any]],
    compared: bool,
    demo: bool,
    label_demo: bool = False,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The layer's features with the shown values and classes (as the GeoJSON download holds them), and its
    metadata; ``label_demo`` adds ``data: "DATA CONTOH"`` to every feature of a demo run."""
    layer = layers.get_layer("village" if state.level == VILLAGE else DISTRICT)
    if layer is None:
        raise Http404
    features = []
    for feature in layers.layer_features(layer):
        code = feature["properties"]["code"]
        cls = data["classes"].get(code, -1)
        properties = {**feature["properties"], "variable": data["var"]}
        if compared:
            properties["value"] = data["values_run"].get(code)
            properties["compare_value"] = data["values_compare"].get(code)
            properties["change"] = data["values"].get(code)
        else:
            properties["value"] = data["values"].get(code)
        if code in data.get("imputed", []):
            properties["imputed"] = True
        properties.update(
            {
                "class": cls + 1 if cls >= 0 else None,
                "class_label": legend[cls]["label"],
                "colour": legend[cls]["colour"],
            }
        )
        if demo and label_demo:
            properties["data"] = "DATA CONTOH"
        features.append({"type": "Feature", "properties": properties, "geometry": feature["geometry"]})
    meta = {k: data[k] for k in ("run", "year", "framework", "demo", "level", "var", "name", "method", "breaks")}
    if compared:
        meta["compare_run"] = data["compare"]["run"]
        meta["compare_year"] = data["compare"]["year"]
        meta["compare_demo"] = data["compare"]["demo"]
    if demo:
        meta["data"] = "DATA CONTOH"
    return features, meta


@require_GET
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The shown data: every area's value and class, as CSV (a table), GeoJSON, GeoPackage or zipped Shapefile (with
    the layer's geometry; the last two carry a QGIS style with the web map's classes and colours).
    A comparison has both runs' values (``value``, ``compare_value``) and the classified ``change``."""
    try:
        state = _state(request)
    except VariableError as exc:
        return bad_request(exc)
    _etag, content = _payload_content(request, state)
    data = json.loads(content)
    legend = {entry["class"]: entry for entry in data["legend"]}
    names = _area_names(state.level)
    compared = state.compare is not None
    demo = state.run.is_demo or (compared and state.compare.is_demo)  # type: ignore[union-attr]

    def cell(value: float | None) -> float | str:
        return "" if value is None else value

    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv_writer(buffer)
        header = ["code", "name", "kecamatan", "variable", "variable_name", "value"]
        header += ["compare_value", "change"] if compared else []
        header += ["class", "class_label", "classification", "run", "framework", "year"]
        header += ["compare_run", "compare_year"] if compared else []
        header += ["data"] if demo else []
        imputed = set(data.get("imputed", []))
        header += ["imputed"] if imputed else []
        drafts = state.run.includes_drafts or (compared and state.compare.includes_drafts)  # type: ignore[union-attr]
        header += ["profil"] if drafts else []
        writer.writerow(header)
        for code, value in data["values"].items():
            name, parent = names.get(code, ("", ""))
            cls = data["classes"][code]
            row = [code, name, parent, data["var"], data["name"]]
            if compared:
                row += [cell(data["values_run"][code]), cell(data["values_compare"][code]), cell(value)]
            else:
                row += [cell(value)]
            row += [cls + 1 if cls >= 0 else "", legend[cls]["label"], data["method"], data["run"]]
            row += [data["framework"], data["year"]]
            row += [data["compare"]["run"], data["compare"]["year"]] if compared else []
            row += ["DATA CONTOH"] if demo else []
            row += [("1" if code in imputed else "")] if imputed else []
            row += [_("termasuk profil yang belum diverifikasi")] if drafts else []
            writer.writerow(row)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    elif fmt == "geojson":
        features, meta = _export_features(state, data, legend, compared, demo)
        collection = {"type": "FeatureCollection", "petakan": meta, "features": features}
        response = HttpResponse(dumps(collection), content_type="application/geo+json")
    else:
        # GIS formats have no collection-level metadata a user sees: the demo label goes on every feature.
        features, _meta = _export_features(state, data, legend, compared, demo, label_demo=True)
        name = re.sub(r"[^a-z0-9_]", "_", f"petakan_{state.level}_{state.variable.code}".lower())
        if fmt == "gpkg":
            content_bytes = gisexport.geopackage(features, name, data["legend"])
            response = HttpResponse(content_bytes, content_type="application/geopackage+sqlite3")
        else:
            content_bytes = gisexport.shapefile_zip(features, name, data["legend"])
            response = HttpResponse(content_bytes, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{_export_name(state, fmt)}"'
    if not _public(request, state.run, state.compare):
        response["Cache-Control"] = "private"
    return response


# ------------------------------------------------------------------------------------------------ dashboard


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    run = _run_param(request, required=False)
    lang = language()
    context: dict[str, Any] = {"run": run, "runs": runs_for_choice(request, run)}
    if run is None:
        return render(request, "maps/dashboard.html", context)
    regency = tables.run_regency_prefix()
    districts = list(Area.objects.filter(level=AreaLevel.DISTRICT, code__startswith=regency).order_by("code"))
    compare_code = request.GET.get("kecamatan", "")
    other = _compare_param(request)
    if other is not None and other.pk == run.pk:
        other = None
    this_year = f" {run.year}" if other else ""  # named by year only when two runs share the radar
    series = [reading.radar_series(run, Unit.REGENCY, None, _("Kabupaten") + this_year)]
    if other is not None:
        series.append(
            reading.radar_series(other, Unit.REGENCY, None, _("Kabupaten") + f" {other.year} (#{other.pk})")
            | {"dashed": True}
        )
    compare = next((d for d in districts if d.code == compare_code), None)
    if compare_code and compare is None:
        messages.warning(request, _("Kecamatan %(code)s tidak dikenal.") % {"code": compare_code})
    if compare is not None:
        series.append(reading.radar_series(run, Unit.DISTRICT, compare, compare.name + this_year))
        if other is not None:
            series.append(
                reading.radar_series(other, Unit.DISTRICT, compare, f"{compare.name} {other.year} (#{other.pk})")
                | {"dashed": True}
            )
    profiles = sources.profile_frame(run.year, run.profile_status, regency)
    village_scores = tables.dimension_frame(run)  # read once: the zone boxes and the completeness table share it
    zones = sources.zones_of(profiles)
    ranking = reading.ranking_page(run, paging.search_text(request), paging.page_number(request))
    tables.ranking_with_bars(ranking.object_list, reading.ranking_length(run))
    distribution = tables.zone_distribution(run, lang, zones, village_scores)
    district_rows = reading.district_table(run, lang, within=regency)
    if other is not None:
        tables.add_district_changes(district_rows, other)
    context.update(
        {
            "districts": districts,
            "compare_code": compare.code if compare else "",
            "radar": {"axes": reading.dimension_axes(run, lang), "series": series},
            "distribution": distribution,
            "zone_means": reading.zone_table(run, lang),
            "district_rows": district_rows,
            "other": other,
            "compare_runs": runs_to_compare(request, run, other),
            "ranking": ranking.object_list,
            "pager": paging.pager(request, ranking, "h-ranking"),
            "interval_text": reading.interval_reading(run),
            "completeness": tables.completeness(run, lang, profiles, village_scores),
            "profiles_available": sources.profiles_available(),
            "map_query": f"run={run.pk}" + (f"&banding={other.pk}" if other else ""),
        }
    )
    return render(request, "maps/dashboard.html", context)
