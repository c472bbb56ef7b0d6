"""The DCAT catalogue (JSON-LD) parses with rdflib and describes every public dataset completely."""

from __future__ import annotations

from django.test import Client
from rdflib import Graph, Namespace
from rdflib import namespace as vocab

from petakan.indices.models import Run
from petakan.profiles.models import Profile

DCAT, DCTERMS, FOAF, RDF = vocab.DCAT, vocab.DCTERMS, vocab.FOAF, vocab.RDF
LOCN = Namespace("http://www.w3.org/ns/locn#")


def _graph(client: Client) -> Graph:
    response = client.get("/dcat/catalog.jsonld")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    return Graph().parse(data=response.content, format="json-ld")


def test_every_public_dataset_has_licence_publisher_temporal_and_spatial_coverage(
    published_run: Run, draft_run: Run, profiles: dict[str, Profile], client: Client
) -> None:
    graph = _graph(client)
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    ckan_names = client.get("/api/3/action/package_list").json()["result"]
    assert len(datasets) == len(ckan_names) == 3  # the public run, the 2026 profiles, the boundaries
    for ds in datasets:
        assert graph.value(ds, DCTERMS.license) is not None, ds
        publisher = graph.value(ds, DCTERMS.publisher)
        assert "Kendal" in str(graph.value(publisher, FOAF.name)), ds
        period = graph.value(ds, DCTERMS.temporal)
        start, end = graph.value(period, DCAT.startDate), graph.value(period, DCAT.endDate)
        assert start is not None and end is not None and str(start) <= str(end), ds
        place = graph.value(ds, DCTERMS.spatial)
        assert str(graph.value(place, DCAT.bbox)).startswith("POLYGON((1"), ds
        assert any(graph.objects(ds, DCAT.distribution)), ds
    titles = " ".join(str(graph.value(ds, DCTERMS.title)) for ds in datasets)
    assert f"run #{published_run.pk}" in titles and f"run #{draft_run.pk}" not in titles


def test_the_run_dataset_covers_the_run_year_and_offers_the_ogc_collection(published_run: Run, client) -> None:
    graph = _graph(client)
    urls = {str(o) for o in graph.objects(None, DCAT.accessURL)}
    assert f"http://testserver/ogc/collections/indeks-{published_run.pk}-desa" in urls
    starts = {str(o) for o in graph.objects(None, DCAT.startDate)}
    assert f"{published_run.year}-01-01" in starts
