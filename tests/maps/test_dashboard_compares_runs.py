"""/peta/dasbor/?banding=<run>: the regency (and a chosen kecamatan) of another run as a dashed radar series, and
each kecamatan's index and rank change in the kecamatan table; a run the visitor may not see stays a 404."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client

from petakan.indices import scores
from petakan.indices.models import Run, Unit
from petakan.maps.data import signed
from tests.maps.test_dashboard import script_json


def dimension_values(run: Run, unit: str, code: str | None = None) -> list[float | None]:
    table = scores.table(run, unit).values
    row = table.iloc[0] if code is None else table.loc[code]
    dims = [n["code"] for n in run.tree if n["level"] == "dimension"]
    return [None if row[d] != row[d] else round(float(row[d]), 1) for d in dims]


def test_the_radar_draws_the_other_runs_regency_and_kecamatan_dashed(
    published: Run, earlier: Run, client: Client
) -> None:
    html = client.get("/peta/dasbor/", {"banding": earlier.pk, "kecamatan": "33.24.01"}).content.decode()
    series = {s["name"]: s for s in script_json(html, "radar-dashboard")["series"]}
    assert set(series) == {
        "Kabupaten 2026",
        f"Kabupaten 2025 (#{earlier.pk})",
        "Plantungan 2026",
        f"Plantungan 2025 (#{earlier.pk})",
    }
    assert series[f"Kabupaten 2025 (#{earlier.pk})"]["value"] == dimension_values(earlier, Unit.REGENCY)
    assert series[f"Plantungan 2025 (#{earlier.pk})"]["value"] == dimension_values(earlier, Unit.DISTRICT, "33.24.01")
    assert series[f"Kabupaten 2025 (#{earlier.pk})"]["dashed"] and not series["Kabupaten 2026"].get("dashed")


def test_the_kecamatan_table_shows_each_index_and_rank_change(published: Run, earlier: Run, client: Client) -> None:
    html = client.get("/peta/dasbor/", {"banding": earlier.pk}).content.decode()
    assert "Perubahan indeks sejak 2025" in html
    code_of = scores.index_code(published)
    now, before = scores.table(published, Unit.DISTRICT), scores.table(earlier, Unit.DISTRICT)
    table = html[html.index('id="district-table"') : html.index("</table>", html.index('id="district-table"'))]
    rows = re.findall(
        r'href="/wilayah/(33\.24\.\d\d)/">[^<]+</a>.*?<td class="change">([^<]+)</td><td>([^<]+)</td>', table
    )
    assert len(rows) == 20
    for code, change, rank_change in rows:
        expected = now.values.at[code, code_of] - before.values.at[code, code_of]
        assert change == signed(expected), code
        moved = int(before.ranks.at[code, code_of]) - int(now.ranks.at[code, code_of])
        assert rank_change == ("=" if moved == 0 else ("▲ " if moved > 0 else "▼ ") + str(abs(moved))), code
    assert any(change != "0,0" for _, change, _ in rows)


def test_it_says_the_runs_differ_in_method_and_links_the_map_with_the_same_comparison(
    published: Run, earlier: Run, client: Client
) -> None:
    html = client.get("/peta/dasbor/", {"banding": earlier.pk}).content.decode()
    assert "membandingkan 2026 dengan 2025" in html and "berkas kerangka yang berbeda" in html
    assert f"/peta/?run={published.pk}&amp;banding={earlier.pk}" in html


def test_without_a_comparison_there_is_no_change_column(published: Run, earlier: Run, client: Client) -> None:
    html = client.get("/peta/dasbor/").content.decode()
    assert 'class="change"' not in html and "Kabupaten 2026" not in html
    assert f'<option value="{earlier.pk}">' in html  # offered


def test_a_comparison_with_a_run_over_drafts_is_a_404_for_those_who_may_not_see_it(
    published: Run, earlier_draft: Run, login: Callable[[str], Client]
) -> None:
    for role, status in (("anonymous", 404), ("village", 404), ("district", 404), ("council", 200), ("analyst", 200)):
        assert login(role).get("/peta/dasbor/", {"banding": earlier_draft.pk}).status_code == status, role
    assert login("anonymous").get("/peta/dasbor/", {"banding": "x"}).status_code == 404
