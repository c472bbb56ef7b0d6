"""An indicator's imputed village values are marked on the map: in the data (tooltip), the note and the downloads."""

from __future__ import annotations

import csv
import io
import json

from django.test import Client

from petakan.indices import reading
from petakan.indices.models import Run


def test_an_imputed_indicator_value_is_marked_in_the_map_data_and_the_csv(published: Run, client: Client) -> None:
    frame = reading.export_frame(published)
    flagged = frame[frame["imputed"] != ""].iloc[0]
    indicator = flagged["imputed"].split(";")[0]
    query = {"run": published.pk, "var": indicator, "level": "village", "cls": "quantile", "k": "5", "pal": "YlOrRd"}
    data = json.loads(client.get("/peta/data.json", query).content)
    assert flagged["code"] in data["imputed"] and data["imputed_label"] == "diimputasi"
    assert "nilainya diimputasi" in data["note"] and "zona" in data["note"]
    rows = list(csv.DictReader(io.StringIO(client.get("/peta/unduh.csv", query).content.decode())))
    marked = {r["code"] for r in rows if r["imputed"] == "1"}
    assert marked == set(data["imputed"])
    # a measured value is not marked; an aggregate has no imputed values of its own
    assert len(marked) < len(rows)
    dimension = json.loads(client.get("/peta/data.json", {**query, "var": "living"}).content)
    assert dimension["imputed"] == []


def test_the_map_csv_of_a_drafts_run_says_it_includes_unverified_profiles(drafts: Run, login) -> None:  # type: ignore[no-untyped-def]
    query = {"run": drafts.pk, "var": "living", "level": "village", "cls": "quantile", "k": "5", "pal": "YlOrRd"}
    rows = list(csv.DictReader(io.StringIO(login("analyst").get("/peta/unduh.csv", query).content.decode())))
    assert rows and {r["profil"] for r in rows} == {"termasuk profil yang belum diverifikasi"}
