"""Regency and kecamatan summaries: counts per status (chart and table), and a table of villages."""

from __future__ import annotations

import json

from tests.idm.conftest import YEAR


def _three(store, scores_with_sums) -> None:  # type: ignore[no-untyped-def]
    store("33.24.01.2001", scores_with_sums(127, 32, 10))  # Berkembang
    store("33.24.01.2002", scores_with_sums(100, 30, 8))  # Tertinggal
    store("33.24.02.2002", scores_with_sums(175, 60, 15))  # Mandiri


def test_the_kecamatan_page_counts_its_villages_per_status(client, store, scores_with_sums) -> None:
    _three(store, scores_with_sums)

    response = client.get(f"/idm/kecamatan/33.24.01/?tahun={YEAR}")

    counts = {c.code: c.count for c in response.context["summary"].counts}
    assert counts == {"sangat_tertinggal": 0, "tertinggal": 1, "berkembang": 1, "maju": 0, "mandiri": 0}
    html = response.content.decode()
    chart = json.loads(html.split('id="idm-chart-data" type="application/json">')[1].split("</script>")[0])
    assert chart["values"] == [0, 1, 1, 0, 0] and chart["labels"][1] == "Tertinggal"
    assert '<tr data-status="tertinggal">' in html and "npm/echarts/echarts.min.js" in html
    assert html.count('<tr data-code="33.24.01.') == 12  # every desa of Plantungan, with or without a result
    assert "2 dari 12 desa punya hasil IDM" in html


def test_the_regency_page_counts_every_kecamatan(client, store, scores_with_sums) -> None:
    _three(store, scores_with_sums)

    response = client.get("/idm/")  # the newest year with results

    summary = response.context["summary"]
    assert summary.year == YEAR and summary.n_villages == 266 and summary.n_kelurahan == 20
    assert {c.code: c.count for c in summary.counts}["mandiri"] == 1
    rows = {d["code"]: d["counts"] for d in summary.districts}
    # Kota Kendal has kelurahan only, and so no IDM
    assert len(rows) == 19 and rows["33.24.01"] == [0, 1, 1, 0, 0] and rows["33.24.02"] == [0, 0, 0, 0, 1]


def test_the_summaries_take_a_fixed_number_of_queries(client, store, scores_with_sums, django_assert_max_num_queries):
    from petakan.regions.models import Area

    for area in Area.objects.filter(level="village")[:60]:
        store(area.code, scores_with_sums(120, 40, 9))
    with django_assert_max_num_queries(6):
        assert client.get(f"/idm/?tahun={YEAR}").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(f"/idm/kecamatan/33.24.01/?tahun={YEAR}").status_code == 200


def test_without_results_the_pages_say_so(client, kendal) -> None:
    assert "Belum ada hasil IDM" in client.get("/idm/").content.decode()
    assert client.get("/idm/kecamatan/33.24.01.2001/").status_code == 404
