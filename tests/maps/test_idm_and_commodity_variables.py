"""IDM results and commodity specialisation (LQ) as map variables."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from django.test import Client

from petakan.idm.services import load_demo as load_idm_demo
from petakan.idm.services import results_for
from petakan.indices.models import Run


def get(client: Client, run: Run, **params: str) -> dict:
    response = client.get("/peta/data.json", {"run": run.pk, **params})
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_idm_status_is_a_category_per_village_with_the_five_statuses(published: Run, client: Client) -> None:
    load_idm_demo(published.year)
    data = get(client, published, var="idm:status")
    results = results_for(published.year)
    assert data["kind"] == "category" and data["breaks"] == []
    assert [e["category"] for e in data["legend"][:-1]] == [
        "sangat_tertinggal",
        "tertinggal",
        "berkembang",
        "maju",
        "mandiri",
    ]
    for entry in data["legend"][:-1]:
        assert entry["count"] == int((results["status"] == entry["category"]).sum())
    assert data["legend"][-1]["count"] == 286 - int(results["complete"].sum())


def test_idm_status_cannot_be_averaged_per_kecamatan_but_the_idm_value_can(published: Run, client: Client) -> None:
    load_idm_demo(published.year)
    response = client.get("/peta/data.json", {"run": published.pk, "var": "idm:status", "level": "district"})
    assert response.status_code == 400 and json.loads(response.content)["field"] == "level"
    data = get(client, published, var="idm:idm", level="district")
    results = results_for(published.year)
    expected = results["idm"].groupby(results["district_code"]).mean()
    # a kecamatan of kelurahan only (Kota Kendal) has no IDM: IDM is defined for desa only
    assert {k for k, v in data["values"].items() if v is None} == set(data["values"]) - set(expected.index)
    assert {k: v for k, v in data["values"].items() if v is not None} == pytest.approx(expected.round(6).to_dict())


def test_village_lq_is_the_population_weighted_location_quotient(
    published: Run, profiles, demo_profiles: pd.DataFrame, client: Client
) -> None:
    data = get(client, published, var="lq:com_padi_ton")
    volume = demo_profiles["com_padi_ton"].astype(float)
    population = demo_profiles["pop_male"].astype(float) + demo_profiles["pop_female"].astype(float)
    usable = volume.notna() & population.notna()
    # LQ_v = (x_v / Σx) / (w_v / Σw)
    expected = (volume[usable] / volume[usable].sum()) / (population[usable] / population[usable].sum())
    for code, value in expected.items():
        assert data["values"][code] == pytest.approx(value, abs=1e-6)
    assert data["unit"] == "LQ" and "LQ > 1" in data["note"]


def test_kecamatan_lq_sums_volumes_and_population_first(
    published: Run, profiles, demo_profiles: pd.DataFrame, client: Client
) -> None:
    data = get(client, published, var="lq:com_kopi_ton", level="district")
    frame = pd.DataFrame(
        {
            "x": demo_profiles["com_kopi_ton"].astype(float),
            "w": demo_profiles["pop_male"].astype(float) + demo_profiles["pop_female"].astype(float),
            "kec": demo_profiles.index.str[:8],
        }
    ).dropna()
    sums = frame.groupby("kec")[["x", "w"]].sum()
    expected = (sums["x"] / sums["x"].sum()) / (sums["w"] / sums["w"].sum())
    assert len(data["values"]) == 20
    for code, value in expected.items():
        assert data["values"][code] == pytest.approx(value, abs=1e-6)
    assert np.nanmax([v for v in data["values"].values() if v is not None]) > 1


def test_without_profiles_a_commodity_is_all_missing_rather_than_zero(published: Run, client: Client) -> None:
    data = get(client, published, var="lq:com_padi_ton")
    assert set(data["values"].values()) == {None} and data["legend"][-1]["count"] == 286


def test_lq_reads_the_stored_published_profiles(published: Run, client: Client) -> None:
    from petakan.profiles.services import load_demo, profiles_frame

    load_demo(published.year)
    stored, _is_demo = profiles_frame(published.year, "published")
    data = get(client, published, var="lq:com_bandeng_tambak_ton")
    volume = stored["com_bandeng_tambak_ton"].astype(float)
    population = stored["pop_male"].astype(float) + stored["pop_female"].astype(float)
    usable = volume.notna() & population.notna()
    expected = (volume[usable] / volume[usable].sum()) / (population[usable] / population[usable].sum())
    assert sum(v is not None for v in data["values"].values()) == int(usable.sum()) > 200
    code = expected.idxmax()
    assert data["values"][code] == pytest.approx(expected[code], abs=1e-6)
    assert data["classes"][code] == data["k"] - 1  # the most specialised village is in the top class
