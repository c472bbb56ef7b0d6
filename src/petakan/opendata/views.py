"""The CKAN-compatible read API (/api/3/action/<action>) and the published-profiles CSV download.

The actions answer in CKAN's envelope ``{"help": <url>, "success": true, "result": ...}``; errors as CKAN does:
``{"success": false, "error": {"__type": "Not Found Error", "message": ...}}`` with HTTP 404, validation errors
(a missing or malformed parameter) with 409 and an unknown action with 400. Parameters come from the query string
(GET) or a JSON object body (POST, as ckanapi sends them); both are read-only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from petakan.lib.cells import csv_writer
from petakan.opendata import catalogue, public, solr

MAX_ROWS = 1000  # CKAN's default ckan.search.rows_max


class ActionError(Exception):
    def __init__(self, status: int, kind: str, message: str, fields: dict[str, list[str]] | None = None):
        self.status, self.kind, self.message, self.fields = status, kind, message, fields or {}
        super().__init__(message)


def _integer(params: dict[str, Any], name: str, default: int, low: int = 0, high: int | None = None) -> int:
    raw = params.get(name, default)
    try:
        value = int(raw)
    except (TypeError, ValueError) as exc:
        message = f"{name}: invalid integer {raw!r}"
        raise ActionError(409, "Validation Error", message, {name: ["Invalid integer"]}) from exc
    if value < low or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ActionError(409, "Validation Error", f"{name}: must be {bounds}", {name: [f"Must be {bounds}"]})
    return value


def _flag(params: dict[str, Any], name: str) -> bool:
    return str(params.get(name, "false")).lower() in ("true", "1", "yes")


def _page(items: list[Any], params: dict[str, Any]) -> list[Any]:
    offset = _integer(params, "offset", 0)
    if "limit" not in params:
        return items[offset:]
    return items[offset : offset + _integer(params, "limit", 0)]


def package_list(request: HttpRequest, params: dict[str, Any]) -> list[str]:
    """The names of every public dataset."""
    return _page([p["name"] for p in catalogue.packages(request)], params)


def package_show(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    """One dataset with its resources, by ``id`` (its UUID or its name)."""
    wanted = str(params.get("id", "")).strip()
    if not wanted:
        raise ActionError(409, "Validation Error", "id: Missing value", {"id": ["Missing value"]})
    for package in catalogue.packages(request):
        if wanted in (package["id"], package["name"]):
            return package
    raise ActionError(404, "Not Found Error", "Not found")


def _matches(package: dict[str, Any], terms: list[str]) -> bool:
    text = " ".join(
        [package["name"], package["title"], package["notes"], *(t["name"] for t in package["tags"])]
    ).lower()
    return all(term in text for term in terms)


def package_search(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    """Datasets whose name, title, notes or tags contain every word of ``q``, that hold every clause of the Solr
    filter ``fq`` (e.g. ``metadata_modified:[2026-01-01T00:00:00Z TO *]``), in ``sort`` order (default
    ``metadata_modified desc``); ``rows`` and ``start`` page them."""
    q = str(params.get("q", "")).strip()
    terms = [] if q in ("", "*:*") else q.lower().split()
    rows = _integer(params, "rows", 10, 0, MAX_ROWS)
    start = _integer(params, "start", 0)
    sort = str(params.get("sort", "") or "").strip()
    try:
        found = solr.search(
            [p for p in catalogue.packages(request) if _matches(p, terms)], str(params.get("fq", "") or ""), sort
        )
    except solr.QueryError as exc:
        raise ActionError(409, "Search Query Error", f"Search Query Error: {exc}") from exc
    return {
        "count": len(found),
        "results": found[start : start + rows],
        "sort": sort or "metadata_modified desc",
        "facets": {},
        "search_facets": {},
    }


def current_package_list_with_resources(request: HttpRequest, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every public dataset with its resources, most recently modified first (``limit``, ``offset``)."""
    found = sorted(catalogue.packages(request), key=lambda p: p["metadata_modified"] or "", reverse=True)
    return _page(found, params)


def organization_list(request: HttpRequest, params: dict[str, Any]) -> list[Any]:
    """The publishing organisation (names, or objects with ``all_fields=true``)."""
    org = catalogue.organization()
    if _flag(params, "all_fields"):
        return [{**org, "package_count": len(catalogue.packages(request))}]
    return [org["name"]]


def status_show(request: HttpRequest, params: dict[str, Any]) -> dict[str, Any]:
    """What this catalogue is: the CKAN API version it follows and the site."""
    return {
        "ckan_version": "2.10.0",
        "site_url": request.build_absolute_uri("/").rstrip("/"),
        "site_title": "Petakan",
        "site_description": "",
        "error_emails_to": None,
        "locale_default": "id",
        "extensions": [],
    }


def help_show(request: HttpRequest, params: dict[str, Any]) -> str:
    """The documentation of an action (``name``)."""
    name = str(params.get("name", ""))
    if name not in ACTIONS:
        raise ActionError(404, "Not Found Error", f"Action function not found: {name!r}")
    return " ".join((ACTIONS[name].__doc__ or "").split())


ACTIONS: dict[str, Callable[[HttpRequest, dict[str, Any]], Any]] = {
    f.__name__: f
    for f in (
        package_list,
        package_show,
        package_search,
        current_package_list_with_resources,
        organization_list,
        status_show,
        help_show,
    )
}


def _params(request: HttpRequest) -> dict[str, Any]:
    params: dict[str, Any] = request.GET.dict()
    if request.method == "POST" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError as exc:
            raise ActionError(400, "Bad Request", f"Bad request - JSON Error: {exc}") from exc
        if not isinstance(body, dict):
            raise ActionError(400, "Bad Request", "Bad request - JSON Error: the body must be a JSON object")
        params.update(body)
    return params


@csrf_exempt  # read-only actions: POST only carries parameters, as CKAN clients send them
@require_http_methods(["GET", "POST"])
def action(request: HttpRequest, name: str) -> JsonResponse:
    help_url = request.build_absolute_uri(f"/api/3/action/help_show?name={name}")
    try:
        if name not in ACTIONS:
            raise ActionError(400, "Bad Request", f"Bad request - Action name not known: {name}")
        result = ACTIONS[name](request, _params(request))
    except ActionError as exc:
        error = {"__type": exc.kind, "message": exc.message, **exc.fields}
        return JsonResponse({"help": help_url, "success": False, "error": error}, status=exc.status)
    return JsonResponse({"help": help_url, "success": True, "result": result}, safe=False)


@require_GET
def profiles_csv(request: HttpRequest, year: int) -> HttpResponse:
    """The published profiles of a year as CSV: code, name, (data), then one column per profile field."""
    published = public.published_profiles(year)
    if published.frame.empty:
        raise Http404
    records = public.profile_records(published)
    fields = list(published.frame.columns)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="petakan-profil-desa-{year}.csv"'
    writer = csv_writer(response)
    demo = published.is_demo
    writer.writerow(["code", "name", *(["data"] if demo else []), *fields])
    for code, values in records.items():
        label = (["DATA CONTOH" if code in published.demo else ""]) if demo else []
        cells = ("" if values[f] is None else values[f] for f in fields)
        writer.writerow([code, published.names.get(code, ""), *label, *cells])
    return response
