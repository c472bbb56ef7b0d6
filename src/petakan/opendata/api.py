"""Open data in the JSON API (/api/v1/): public index runs and their scores, published village profiles.

Anonymous and read-only. What is public is decided in :mod:`petakan.opendata.public`; a run the public may not
see answers 404 like a run that does not exist. Payloads of generated demo data carry ``"is_demo": true``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from petakan.opendata import public

router = Router(tags=["open data"])


class ErrorOut(Schema):
    """What django-ninja answers for 400 and 404: ``{"detail": "Not Found"}``."""

    detail: str


class ValidationErrorOut(Schema):
    """What django-ninja answers for a parameter of the wrong type or value (422): one item per problem, with
    ``type``, ``loc`` (e.g. ``["query", "unit"]``) and ``msg``."""

    detail: list[dict[str, Any]]


# the error answers, to spread into an operation's ``response``
NOT_FOUND: dict[int, type[Schema]] = {404: ErrorOut}
VALIDATION: dict[int, type[Schema]] = {422: ValidationErrorOut}

UnitParam = Literal["village", "district", "zone", "regency"]


class RunOut(Schema):
    id: int
    framework: str
    version: str
    hash: str
    year: int
    is_current: bool
    is_demo: bool
    # which profiles went in: "published" only (the public sees no run over unverified drafts)
    profile_status: str
    n_units: int
    created: datetime


class ScoreRowOut(Schema):
    code: str  # the area code; the zone's name for zones
    name: str
    values: dict[str, float | None]  # node code → score 0–100; null = "data belum cukup"


class ScoresOut(Schema):
    run: int
    framework: str
    version: str
    hash: str
    year: int
    unit: str
    is_demo: bool
    nodes: list[str]
    rows: list[ScoreRowOut]


class ProfileRowOut(Schema):
    code: str
    name: str
    is_demo: bool
    values: dict[str, Any]  # field code → typed value; null = not filled in


class ProfilesOut(Schema):
    year: int
    schema_code: str
    is_demo: bool
    count: int
    villages: list[ProfileRowOut]


@router.get("/runs", response={200: list[RunOut]}, url_name="runs", summary="Public Smart City index runs")
def runs(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": r.pk,
            "framework": r.framework,
            "version": r.framework_version,
            "hash": r.framework_hash,
            "year": r.year,
            "is_current": r.is_current,
            "is_demo": r.is_demo,
            "profile_status": r.profile_status,
            "n_units": r.n_units,
            "created": r.created,
        }
        for r in public.public_runs()
    ]


@router.get(
    "/runs/{run_id}/scores",
    response={200: ScoresOut, 400: ErrorOut, **NOT_FOUND, **VALIDATION},
    url_name="run_scores",
    summary="Scores of a public run for one kind of unit (every node, or one node)",
)
def run_scores(
    request: HttpRequest, run_id: int, unit: UnitParam = "village", node: str | None = None, area: str = ""
) -> dict:
    """``area``: only units whose area code starts with it (e.g. ``33.24.01`` for one kecamatan's villages), so
    that a national run need not be fetched whole."""
    run = public.public_run(run_id)
    if run is None:
        raise HttpError(404, "Not Found")
    try:
        found = public.run_scores(run, unit, node, prefix=area)
    except KeyError as exc:
        raise HttpError(400, f"node {node!r} is not in framework {run.framework}") from exc
    return {
        "run": run.pk,
        "framework": run.framework,
        "version": run.framework_version,
        "hash": run.framework_hash,
        "year": run.year,
        "unit": unit,
        "is_demo": run.is_demo,
        "nodes": found.nodes,
        "rows": found.rows,
    }


@router.get(
    "/profiles/{year}",
    response={200: ProfilesOut, **NOT_FOUND, **VALIDATION},
    url_name="profiles",
    summary="Published village profiles of a year (drafts never)",
)
def profiles(request: HttpRequest, year: int, village: str | None = None, area: str = "") -> dict:
    """``village``: one village's profile; ``area``: only villages whose code starts with it (e.g. ``33.24.01``
    for one kecamatan), so that a national year need not be fetched whole."""
    published = public.published_profiles(year, village, area)
    if published.frame.empty:
        # no published profile: the same answer whether drafts exist or not
        raise HttpError(404, "Not Found")
    records = public.profile_records(published)
    return {
        "year": year,
        "schema_code": published.schema,
        "is_demo": published.is_demo,
        "count": len(records),
        "villages": [
            {"code": code, "name": published.names.get(code, ""), "is_demo": code in published.demo, "values": values}
            for code, values in records.items()
        ],
    }
