"""/peta/wilayah.json: what the side panel shows for a clicked village or kecamatan."""

from __future__ import annotations

import json

from django.test import Client

from petakan.indices import scores
from petakan.indices.models import Run, Unit, UnitScores
from petakan.maps.data import fmt


def test_a_village_panel_has_its_index_rank_interval_and_six_dimensions(published: Run, client: Client) -> None:
    data = json.loads(client.get("/peta/wilayah.json", {"run": published.pk, "code": "33.24.01.2002"}).content)
    index = UnitScores.objects.get(run=published, unit=Unit.VILLAGE, area__code="33.24.01.2002")
    assert data["name"] == "Kediten" and data["district"] == "Plantungan" and data["url"] == "/wilayah/33.24.01.2002/"
    assert data["index"]["value"] == index.value and data["index"]["text"] == fmt(index.value)
    assert data["index"]["rank"] == f"peringkat {index.rank} (antara {index.rank_low} dan {index.rank_high})"
    dims = {d["code"]: d["value"] for d in data["dimensions"]}
    village = scores.unit_scores(published, Unit.VILLAGE, index.area)
    stored = {code: s.value for code, s in village.items() if s.level == "dimension"}
    assert list(dims) == ["gov", "brand", "econ", "living", "society", "env"] and dims == stored
    assert data["demo"] is True


def test_a_kecamatan_panel_uses_the_kecamatan_scores(published: Run, client: Client) -> None:
    data = json.loads(client.get("/peta/wilayah.json", {"run": published.pk, "code": "33.24.01"}).content)
    index = UnitScores.objects.get(run=published, unit=Unit.DISTRICT, area__code="33.24.01")
    assert data["name"] == "Plantungan" and data["district"] == ""
    assert data["index"]["value"] == index.value and data["index"]["rank"] == f"peringkat {index.rank}"


def test_a_village_without_enough_data_says_so(published: Run, client: Client) -> None:
    row = UnitScores.objects.filter(run=published, unit=Unit.VILLAGE, value=None).select_related("area").first()
    assert row is not None
    data = json.loads(client.get("/peta/wilayah.json", {"run": published.pk, "code": row.area.code}).content)
    assert data["index"]["value"] is None and data["index"]["rank"] == "data belum cukup"


def test_unknown_areas_and_the_regency_are_404(published: Run, client: Client) -> None:
    for code in ("33.24.99.9999", "33.24", ""):
        assert client.get("/peta/wilayah.json", {"run": published.pk, "code": code}).status_code == 404


def test_the_panel_is_cached_by_etag_until_the_name_changes(published: Run, client: Client) -> None:
    from petakan.regions.models import Area

    query = {"run": published.pk, "code": "33.24.01.2002"}
    etag = client.get("/peta/wilayah.json", query)["ETag"]
    assert client.get("/peta/wilayah.json", query, HTTP_IF_NONE_MATCH=etag).status_code == 304
    Area.objects.filter(code="33.24.01.2002").update(name="Kediten Baru")
    renamed = client.get("/peta/wilayah.json", query, HTTP_IF_NONE_MATCH=etag)
    assert renamed.status_code == 200 and json.loads(renamed.content)["name"] == "Kediten Baru"
