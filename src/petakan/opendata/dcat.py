"""The open-data catalogue as DCAT (W3C Data Catalog Vocabulary, v2) in JSON-LD, at ``/dcat/catalog.jsonld``.

For Satu Data portals and other harvesters. One ``dcat:Dataset`` per CKAN package of :mod:`catalogue` (so the
same public datasets, and nothing the public may not read), each with its licence, publisher (the regency), temporal
coverage (the calendar year of the run or profiles; the boundary edition's year) and spatial coverage (the
regency's bounding box in CRS84 as ``dcat:bbox`` WKT, and its Kemendagri code).
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from petakan.opendata import catalogue, ogc, public
from petakan.regions.models import Generation

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "locn": "http://www.w3.org/ns/locn#",
}


def _regency_bbox() -> str | None:
    """The regency's extent as a WKT polygon (CRS84), from the kecamatan layer; None without boundaries."""
    extent = ogc.encoded(ogc.collection("kecamatan")).extent
    if extent is None:
        return None
    x0, y0, x1, y1 = extent
    return f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"


def _year_of(name: str, fallback: int) -> int:
    found = re.search(r"(19|20)\d\d", name)
    return int(found.group(0)) if found else fallback


def _dataset(
    request: HttpRequest, package: dict[str, Any], year: int, publisher: dict, spatial: dict, extra: list[dict]
) -> dict[str, Any]:
    landing = request.build_absolute_uri(reverse("opendata:action", args=["package_show"])) + f"?id={package['name']}"
    distributions = [
        {
            "@id": res["url"],
            "@type": "dcat:Distribution",
            "dct:title": res["name"],
            "dct:description": res["description"],
            "dct:format": res["format"],
            "dcat:accessURL": {"@id": res["url"]},
            "dcat:downloadURL": {"@id": res["url"]},
            "dct:license": {"@id": package["license_url"]} if package["license_url"] else None,
        }
        for res in package["resources"]
    ] + extra
    return {
        "@id": landing,
        "@type": "dcat:Dataset",
        "dct:identifier": package["id"],
        "dct:title": package["title"],
        "dct:description": package["notes"],
        "dcat:keyword": [t["name"] for t in package["tags"]],
        "dct:publisher": publisher,
        "dct:license": {"@id": package["license_url"]} if package["license_url"] else package["license_title"],
        "dct:modified": {"@value": package["metadata_modified"], "@type": "xsd:dateTime"}
        if package["metadata_modified"]
        else None,
        "dct:temporal": {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": {"@value": f"{year}-01-01", "@type": "xsd:date"},
            "dcat:endDate": {"@value": f"{year}-12-31", "@type": "xsd:date"},
        },
        "dct:spatial": spatial,
        "dcat:landingPage": {"@id": landing},
        "dcat:distribution": distributions,
    }


def _ogc_distribution(request: HttpRequest, collection_id: str, title: str) -> dict[str, Any]:
    url = request.build_absolute_uri(reverse("opendata:ogc_collection", args=[collection_id]))
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dct:format": "OGC API - Features",
        "dcat:accessURL": {"@id": url},
        "dcat:mediaType": "application/geo+json",
    }


def catalog(request: HttpRequest) -> dict[str, Any]:
    org = catalogue.organization()
    publisher = {"@id": request.build_absolute_uri("/#penerbit"), "@type": "foaf:Agent", "foaf:name": org["title"]}
    spatial: dict[str, Any] = {
        "@type": "dct:Location",
        "dct:identifier": settings.PETAKAN_REGENCY_CODE,
    }
    bbox = _regency_bbox()
    if bbox:
        spatial["dcat:bbox"] = {"@value": bbox, "@type": "http://www.opengis.net/ont/geosparql#wktLiteral"}
    datasets = []
    for run in public.public_runs():
        extra = [
            _ogc_distribution(request, f"indeks-{run.pk}-{kind}", f"OGC API: {kind}") for kind in ("desa", "kecamatan")
        ]
        datasets.append(
            _dataset(request, catalogue.run_package(request, run, org), run.year, publisher, spatial, extra)
        )
    for year in public.published_years():
        datasets.append(_dataset(request, catalogue.profiles_package(request, year, org), year, publisher, spatial, []))
    boundaries = catalogue.boundaries_package(request, org)
    generation = Generation.current()
    if boundaries is not None and generation is not None:
        year = _year_of(generation.name, generation.created.year)
        extra = [
            _ogc_distribution(request, "desa", "OGC API: desa"),
            _ogc_distribution(request, "kecamatan", "OGC API: kecamatan"),
        ]
        datasets.append(_dataset(request, boundaries, year, publisher, spatial, extra))
    return {
        "@context": CONTEXT,
        "@id": request.build_absolute_uri(reverse("opendata:dcat")),
        "@type": "dcat:Catalog",
        "dct:title": f"Petakan · {org['title']}",
        "dct:publisher": publisher,
        "dct:spatial": spatial,
        "dcat:dataset": datasets,
    }


@require_GET
def catalog_view(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(catalog(request), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json"
    return response
