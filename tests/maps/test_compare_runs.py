"""Comparison of two runs on the map (?banding=): the change per area, its diverging legend around 0, and the
rules that keep a comparison meaningful."""

from __future__ import annotations

import json

import numpy as np
import pytest
from django.core.cache import cache
from django.test import Client

from petakan.indices import scores
from petakan.indices.models import Run, Unit, UnitScores
from petakan.maps import palettes
from petakan.maps.data import diverging_breaks


def compared(client: Client, run: Run, other: Run, **params: str) -> dict:
    response = client.get("/peta/data.json", {"run": run.pk, "banding": other.pk, **params})
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def expected_change(a: Run, b: Run, unit: str, node: str) -> dict[str, float | None]:
    left, right = scores.node_values(a, unit, node), scores.node_values(b, unit, node)
    return {
        code: None if left.get(code) is None or right.get(code) is None else left[code] - right[code]
        for code in set(left) | set(right)
    }


def test_the_change_is_the_shown_runs_value_minus_the_comparison_runs_value_per_village(
    published: Run, earlier: Run, client: Client
) -> None:
    data = compared(client, published, earlier, var="sci")
    expected = expected_change(published, earlier, Unit.VILLAGE, "sci")
    assert len(data["values"]) == 286
    assert data["compare"]["run"] == earlier.pk and data["compare"]["year"] == 2025
    moved = 0
    for code, change in data["values"].items():
        if expected.get(code) is None:
            assert change is None and data["classes"][code] == -1
        else:
            assert change == pytest.approx(expected[code], abs=1e-5)
            assert data["values_run"][code] - data["values_compare"][code] == pytest.approx(change, abs=1e-5)
            moved += abs(change) > 0.01
    assert moved > 100  # tripling the economy's weight moves most villages' index


def test_a_village_missing_in_either_run_has_no_change_but_keeps_its_other_value(
    published: Run, earlier: Run, client: Client
) -> None:
    gone = "33.24.01.2001"
    UnitScores.objects.filter(run=earlier, unit=Unit.VILLAGE, area__code=gone).delete()
    cache.clear()  # stored runs never change, so a payload may be cached under the run ids: this one did change
    data = compared(client, published, earlier, var="sci")
    assert data["values_compare"][gone] is None and data["values_run"][gone] is not None
    assert data["values"][gone] is None and data["classes"][gone] == -1
    missing_here = [c for c, v in data["values_run"].items() if v is None]
    assert all(data["values"][c] is None for c in missing_here)
    hatched = next(e for e in data["legend"] if e["class"] == -1)
    assert hatched["count"] == sum(v is None for v in data["values"].values()) >= 1 + len(missing_here)
    assert hatched["label"] == "data belum cukup"


def test_kecamatan_changes_come_from_the_kecamatan_scores(published: Run, earlier: Run, client: Client) -> None:
    data = compared(client, published, earlier, var="sci", level="district")
    expected = expected_change(published, earlier, Unit.DISTRICT, "sci")
    assert len(data["values"]) == 20
    for code, change in data["values"].items():
        assert change == pytest.approx(expected[code], abs=1e-5)


@pytest.mark.parametrize("method", ["quantile", "equal", "jenks"])
@pytest.mark.parametrize("k", ["3", "5", "7"])
def test_the_legend_is_diverging_symmetric_around_zero_and_holds_its_values(
    published: Run, earlier: Run, client: Client, method: str, k: str
) -> None:
    data = compared(client, published, earlier, var="sci", cls=method, k=k)
    classes = [e for e in data["legend"] if e["class"] >= 0]
    n = len(classes)
    assert n % 2 == 1 and n <= int(k) and data["palette"] == "RdBu"
    assert [e["colour"] for e in classes] == list(palettes.colours("RdBu", n))
    breaks = data["breaks"]
    assert breaks == pytest.approx([-b for b in reversed(breaks)])  # symmetric
    middle = classes[n // 2]
    assert middle["lower"] < 0 < middle["upper"] and middle["lower"] == -middle["upper"]
    for entry in classes:
        assert entry["lower"] == breaks[entry["class"]] and entry["upper"] == breaks[entry["class"] + 1]
    counts = [0] * n
    for code, change in data["values"].items():
        cls = data["classes"][code]
        if change is None:
            continue
        counts[cls] += 1
        assert classes[cls]["lower"] - 1e-9 <= change <= classes[cls]["upper"] + 1e-9
    assert counts == [e["count"] for e in classes]
    # rises are blue, falls red: the two ends of the scale
    highest = max((v, c) for c, v in data["values"].items() if v is not None)[1]
    lowest = min((v, c) for c, v in data["values"].items() if v is not None)[1]
    assert data["classes"][highest] == n - 1 and data["classes"][lowest] == 0


def test_a_value_and_its_opposite_fall_in_mirrored_classes() -> None:
    change = np.array([-3.0, -1.0, -0.2, 0.0, 0.2, 1.0, 3.0, np.nan, 2.5, -2.5])
    breaks, classes = diverging_breaks(change, "equal", 5)
    assert breaks.tolist() == pytest.approx([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0])
    assert classes.tolist() == [0, 2, 2, 2, 2, 2, 4, -1, 4, 0]


def test_no_change_anywhere_is_one_neutral_class(published: Run, earlier: Run, client: Client) -> None:
    # the weights differ at the dimension level only: a dimension's own score is the same in both runs
    data = compared(client, published, earlier, var="econ")
    classes = [e for e in data["legend"] if e["class"] >= 0]
    assert len(classes) == 1 and classes[0]["colour"] == "#f7f7f7" and classes[0]["lower"] == 0 == classes[0]["upper"]
    assert all(v in (None, 0) for v in data["values"].values())


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"k": "4"}, "k"),
        ({"pal": "YlGnBu"}, "pal"),
        ({"var": "idm:idm"}, "banding"),
    ],
)
def test_a_comparison_refuses_even_classes_sequential_palettes_and_non_index_variables(
    published: Run, earlier: Run, client: Client, params: dict, field: str
) -> None:
    response = client.get("/peta/data.json", {"run": published.pk, "banding": earlier.pk, **params})
    assert response.status_code == 400 and json.loads(response.content)["field"] == field


def test_a_run_is_not_compared_with_itself(published: Run, client: Client) -> None:
    response = client.get("/peta/data.json", {"run": published.pk, "banding": published.pk})
    assert response.status_code == 400 and json.loads(response.content)["field"] == "banding"


def test_the_map_page_offers_the_other_runs_and_keeps_the_comparison_in_its_state(
    published: Run, earlier: Run, client: Client
) -> None:
    html = client.get("/peta/", {"run": published.pk, "banding": earlier.pk, "pal": "PuOr"}).content.decode()
    assert 'id="ctl-banding"' in html and "Bandingkan dengan" in html
    assert f'<option value="{earlier.pk}" selected>2025' in html
    config = json.loads(html.split('id="map-config" type="application/json">')[1].split("</script>")[0])
    assert config["state"]["banding"] == str(earlier.pk) and config["state"]["pal"] == "PuOr"
    assert f"banding={earlier.pk}" in html.split('id="dl-csv"')[1].split(">")[0]
