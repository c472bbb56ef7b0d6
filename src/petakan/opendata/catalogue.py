"""The open-data catalogue as CKAN datasets ("packages"), for the CKAN-compatible read API.

One package per public index run, one per year with published profiles, and the village boundaries of the active
boundary generation. Packages are built from what :mod:`petakan.opendata.public` lets the public read, so a run
over drafts or a year with only draft profiles has no package. Ids are UUIDs derived from the package / resource
name (stable across requests, as CKAN clients expect); ``package_show`` accepts either.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from petakan.indices.models import Run
from petakan.opendata import public
from petakan.regions.layers import get_layer
from petakan.regions.models import Area, Generation

log = logging.getLogger("petakan.opendata")

ORGANIZATION_NAME = "kabupaten-kendal"
# generated results (index scores, published profiles) are released under CC BY 4.0
RESULTS_LICENCE = {
    "license_id": "cc-by-4.0",
    "license_title": "Creative Commons Attribution 4.0",
    "license_url": "https://creativecommons.org/licenses/by/4.0/",
}
# BPS boundaries: no licence file upstream; BPS terms allow use with attribution (shared/data/SOURCES.md)
BPS_LICENCE = {
    "license_id": "other-at",
    "license_title": "Other (Attribution): BPS",
    "license_url": "https://www.bps.go.id/",
}
NAMESPACE = uuid.UUID("6f1d8c8e-3f0b-4d8e-9a57-7065746b616e")  # fixed: ids must not change between releases


def stable_id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


def iso(moment: datetime | None) -> str | None:
    """CKAN's timestamp form: naive UTC ISO 8601."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


def organization() -> dict[str, Any]:
    regency = Area.objects.filter(code=settings.PETAKAN_REGENCY_CODE).values_list("name", flat=True).first()
    title = _("Kendal Regency Government") if regency is None else _("%(name)s Regency Government") % {"name": regency}
    return {
        "id": stable_id(f"organization:{ORGANIZATION_NAME}"),
        "name": ORGANIZATION_NAME,
        "title": title,
        "type": "organization",
        "is_organization": True,
        "state": "active",
        "description": "",
        "image_url": "",
    }


def _resource(
    request: HttpRequest, package: str, key: str, name: str, fmt: str, path: str, description: str
) -> dict[str, Any]:
    return {
        "id": stable_id(f"{package}:{key}"),
        "package_id": stable_id(package),
        "name": name,
        "format": fmt,
        "url": request.build_absolute_uri(path),
        "description": description,
        "state": "active",
    }


def _package(
    *,
    name: str,
    title: str,
    notes: str,
    licence: dict[str, str],
    modified: datetime | None,
    tags: list[str],
    resources: list[dict[str, Any]],
    is_demo: bool,
    org: dict[str, Any],
) -> dict[str, Any]:
    stamp = iso(modified)
    return {
        "id": stable_id(name),
        "name": name,
        "title": title,
        "notes": notes,
        "type": "dataset",
        "state": "active",
        "private": False,
        **licence,
        "organization": org,
        "owner_org": org["id"],
        "metadata_created": stamp,
        "metadata_modified": stamp,
        "tags": [{"name": t, "display_name": t, "state": "active"} for t in tags],
        "num_tags": len(tags),
        "resources": resources,
        "num_resources": len(resources),
        "extras": [{"key": "is_demo", "value": "true" if is_demo else "false"}],
    }


def run_package(request: HttpRequest, run: Run, org: dict[str, Any]) -> dict[str, Any]:
    name = f"indeks-{slugify(run.framework)}-{run.year}-run-{run.pk}"
    resources = [
        _resource(
            request,
            name,
            "csv",
            _("Scores (CSV)"),
            "CSV",
            reverse("indices:export_csv", args=[run.pk]),
            _("Every village's scores for every node of the framework."),
        ),
        _resource(
            request,
            name,
            "xlsx",
            _("Scores and methodology (XLSX)"),
            "XLSX",
            reverse("indices:export_xlsx", args=[run.pk]),
            _("The scores with a sheet describing the methodology of the run."),
        ),
    ]
    for unit in public.UNITS:
        path = reverse("api:run_scores", kwargs={"run_id": run.pk}) + f"?unit={unit}"
        resources.append(
            _resource(request, name, f"api-{unit}", f"API: {unit}", "JSON", path, _("Scores through the JSON API."))
        )
    notes = _(
        "Smart City readiness index of the villages, kecamatan, zones and the regency for %(year)s, computed from "
        "published village profiles. Framework %(framework)s version %(version)s (hash %(hash)s)."
    ) % {"year": run.year, "framework": run.framework, "version": run.framework_version, "hash": run.framework_hash}
    tags = ["smart-city", "indeks", slugify(run.framework), str(run.year)]
    if run.is_demo:
        notes += " " + _("DATA CONTOH: generated demo data, not real measurements.")
        tags.append("data-contoh")
    return _package(
        name=name,
        title=_("Smart City index %(year)s (%(framework)s, run #%(id)s)")
        % {"year": run.year, "framework": run.framework, "id": run.pk},
        notes=notes,
        licence=RESULTS_LICENCE,
        modified=run.created,
        tags=tags,
        resources=resources,
        is_demo=run.is_demo,
        org=org,
    )


def profiles_package(request: HttpRequest, year: int, org: dict[str, Any]) -> dict[str, Any]:
    name = f"profil-desa-{year}"
    is_demo = public.published_is_demo(year)
    resources = [
        _resource(
            request,
            name,
            "csv",
            _("Published profiles (CSV)"),
            "CSV",
            reverse("opendata:profiles_csv", args=[year]),
            _("One row per village, one column per profile field."),
        ),
        _resource(
            request,
            name,
            "api",
            _("Published profiles (JSON API)"),
            "JSON",
            reverse("api:profiles", kwargs={"year": year}),
            _("The same values through the JSON API."),
        ),
    ]
    notes = _("Village potential profiles of %(year)s, only those published by the regency.") % {"year": year}
    tags = ["profil-desa", "potensi-desa", str(year)]
    if is_demo:
        notes += " " + _("DATA CONTOH: generated demo data, not real measurements.")
        tags.append("data-contoh")
    return _package(
        name=name,
        title=_("Village potential profiles %(year)s") % {"year": year},
        notes=notes,
        licence=RESULTS_LICENCE,
        modified=public.published_modified(year),
        tags=tags,
        resources=resources,
        is_demo=is_demo,
        org=org,
    )


def boundaries_package(request: HttpRequest, org: dict[str, Any]) -> dict[str, Any] | None:
    generation = Generation.current()
    if generation is None or get_layer("village") is None:
        return None
    if generation.name.upper().startswith("BPS"):
        licence = BPS_LICENCE
    else:
        log.warning("boundary generation %r has no known licence: published as 'notspecified'", generation.name)
        licence = {"license_id": "notspecified", "license_title": "License not specified", "license_url": ""}
    name = "batas-desa"
    code = settings.PETAKAN_REGENCY_CODE
    resources = [
        _resource(
            request,
            name,
            "geojson",
            _("Village boundaries (GeoJSON)"),
            "GeoJSON",
            reverse("api:area_villages", kwargs={"code": code}),
            _("Simplified village polygons with their Kemendagri and BPS codes."),
        )
    ]
    return _package(
        name=name,
        title=_("Village boundaries (%(generation)s)") % {"generation": generation.name},
        notes=_("Village boundaries of the regency, boundary edition %(generation)s.")
        % {"generation": generation.name},
        licence=licence,
        modified=generation.created,
        tags=["batas-wilayah", "desa", "geojson"],
        resources=resources,
        is_demo=False,
        org=org,
    )


def packages(request: HttpRequest) -> list[dict[str, Any]]:
    """Every public package, runs first (newest first), then profile years, then boundaries."""
    org = organization()
    found = [run_package(request, run, org) for run in public.public_runs()]
    found += [profiles_package(request, year, org) for year in public.published_years()]
    boundaries = boundaries_package(request, org)
    if boundaries is not None:
        found.append(boundaries)
    return found
