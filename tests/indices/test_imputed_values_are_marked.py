"""An imputed value is flagged wherever a value is shown, with its rule, and never called a strength or weakness."""

from __future__ import annotations

import io

import pandas as pd
from django.test import Client

from petakan.indices import reading
from petakan.indices.models import Run
from petakan.regions.models import Area


def test_the_csv_flags_the_imputed_values_of_each_village(published: Run, client: Client) -> None:
    frame = pd.read_csv(io.StringIO(client.get(f"/indeks/run/{published.pk}/skor.csv").content.decode()), dtype=str)
    assert "imputed" in frame.columns
    flagged = frame[frame["imputed"].notna()]
    assert 0 < len(flagged) < len(frame)
    code, listed = flagged.iloc[0]["code"], flagged.iloc[0]["imputed"].split(";")
    village = Area.objects.get(code=code)
    found = reading.scores.unit_scores(published, "village", village)
    for indicator in listed:  # scored, but nothing was measured
        assert found[indicator].value is not None and found[indicator].raw is None
    measured = [c for c, s in found.items() if s.level == "indicator" and s.raw is not None]
    assert not set(measured) & set(listed)


def test_an_imputed_value_is_marked_on_the_village_page_and_absent_from_strengths(published: Run) -> None:
    frame = reading.export_frame(published)
    flagged = frame[frame["imputed"] != ""]
    code = flagged.iloc[0]["code"]
    imputed = set(flagged.iloc[0]["imputed"].split(";"))
    summary = reading.area_summary(published, Area.objects.get(code=code), "id")
    shown = {r["code"] for r in summary["strongest"] + summary["weakest"]}
    assert shown and not shown & imputed
    assert {r["code"] for r in summary["imputed"]} == imputed
    assert "zona" in summary["imputation_rule"]
    html = Client().get(f"/wilayah/{code}/").content.decode()
    assert 'id="imputed-indicators"' in html and "diimputasi" in html


def test_an_unscored_village_is_told_the_runs_own_threshold(published: Run) -> None:
    frame = reading.export_frame(published)
    unscored = frame[frame["sci"].isna()].iloc[0]["code"]
    html = Client().get(f"/wilayah/{unscored}/").content.decode()
    note = html.split('id="not-scored">')[1].split("</p>")[0]
    assert "kurang dari 60% indikator terisi" in note  # min_availability 0.6 of the run's screen step
