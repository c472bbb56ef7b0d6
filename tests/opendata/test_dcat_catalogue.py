"""The DCAT catalogue (JSON-LD) parses with rdflib and describes every public dataset completely."""

from __future__ import annotations

from django.test import Client

# rdflib's vocabularies are used through the module: as module globals, pytest's collection probes them and
# rdflib warns about every unknown attribute
from rdflib import Graph
from rdflib import namespace as vocab

from petakan.indices.models import Run
from petakan.profiles.models import Profile


def _graph(client: Client) -> Graph:
    response = client.get("/dcat/catalog.jsonld")
    assert response.status_code == 200 and response["Content-Type"] == "application/ld+json"
    return Graph().parse(data=response.content, format="json-ld")


def test_every_public_dataset_has_licence_publisher_temporal_and_spatial_coverage(
    published_run: Run, draft_run: Run, profiles: dict[str, Profile], client: Client
) -> None:
    graph = _graph(client)
    datasets = set(graph.subjects(vocab.RDF.type, vocab.DCAT.Dataset))
    ckan_names = client.get("/api/3/action/package_list").json()["result"]
    assert len(datasets) == len(ckan_names) == 3  # the public run, the 2026 profiles, the boundaries
    for ds in datasets:
        assert graph.value(ds, vocab.DCTERMS.license) is not None, ds
        publisher = graph.value(ds, vocab.DCTERMS.publisher)
        assert "Kendal" in str(graph.value(publisher, vocab.FOAF.name)), ds
        period = graph.value(ds, vocab.DCTERMS.temporal)
        start, end = graph.value(period, vocab.DCAT.startDate), graph.value(period, vocab.DCAT.endDate)
        assert start is not None and end is not None and str(start) <= str(end), ds
        place = graph.value(ds, vocab.DCTERMS.spatial)
        assert str(graph.value(place, vocab.DCAT.bbox)).startswith("POLYGON((1"), ds
        assert any(graph.objects(ds, vocab.DCAT.distribution)), ds
    titles = " ".join(str(graph.value(ds, vocab.DCTERMS.title)) for ds in datasets)
    assert f"run #{published_run.pk}" in titles and f"run #{draft_run.pk}" not in titles


def test_the_run_dataset_covers_the_run_year_and_offers_the_ogc_collection(published_run: Run, client) -> None:
    graph = _graph(client)
    urls = {str(o) for o in graph.objects(None, vocab.DCAT.accessURL)}
    assert f"http://testserver/ogc/collections/indeks-{published_run.pk}-desa" in urls
    starts = {str(o) for o in graph.objects(None, vocab.DCAT.startDate)}
    assert f"{published_run.year}-01-01" in starts
