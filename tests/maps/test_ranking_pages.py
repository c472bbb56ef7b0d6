"""The village ranking on the run page and the dashboard is read a page at a time, with a search by name: a
national run has 84,000 villages, and a page that lists them all would not load on a phone."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from petakan.indices.models import Run, Unit, UnitScores

PAGES = ("/indeks/run/{pk}/", "/peta/dasbor/?run={pk}")


def ranked_codes(html: str) -> list[str]:
    table = html[html.index('id="ranking"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'href="/wilayah/([0-9.]+)/"', table)


def expected_order(run: Run) -> list[str]:
    rows = UnitScores.objects.filter(run=run, unit=Unit.VILLAGE).values_list("area__code", "value", "rank")
    return [c for c, _, _ in sorted(rows, key=lambda r: (r[1] is None, 0 if r[1] is None else r[2], r[0]))]


@pytest.mark.parametrize("url", PAGES)
def test_the_pages_together_list_every_village_once_in_ranking_order(url: str, published: Run, client: Client) -> None:
    seen: list[str] = []
    for number in (1, 2, 3):
        html = client.get(url.format(pk=published.pk) + f"{'&' if '?' in url else '?'}hal={number}").content.decode()
        page = ranked_codes(html)
        assert len(page) == (100 if number < 3 else 86)
        seen += page
    assert seen == expected_order(published) and len(set(seen)) == 286


@pytest.mark.parametrize("url", PAGES)
def test_the_first_page_links_to_the_next_and_says_how_many_there_are(url: str, published: Run, client: Client) -> None:
    html = client.get(url.format(pk=published.pk)).content.decode()
    assert "Desa 1–100 dari 286" in html and "halaman 1 dari 3" in html
    assert re.search(r'href="\?[^"]*hal=2#h-ranking" rel="next"', html)
    assert 'rel="prev"' not in html


def test_the_last_page_holds_the_villages_without_a_score(published: Run, client: Client) -> None:
    html = client.get(f"/indeks/run/{published.pk}/?hal=3").content.decode()
    unscored = UnitScores.objects.filter(run=published, unit=Unit.VILLAGE, value__isnull=True).count()
    assert unscored > 0 and html.count("<td>data belum cukup</td>") == unscored
    assert 'rel="prev"' in html and 'rel="next"' not in html


@pytest.mark.parametrize(("number", "first_shown"), [("999", 201), ("dua", 1), ("-1", 201), ("", 1)])
def test_a_page_number_out_of_range_or_malformed_gives_a_page_not_an_error(
    number: str, first_shown: int, published: Run, client: Client
) -> None:
    response = client.get(f"/indeks/run/{published.pk}/?hal={number}")
    assert response.status_code == 200
    assert f"Desa {first_shown}–" in response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_search_finds_villages_by_part_of_their_name_and_keeps_the_other_choices(
    url: str, published: Run, client: Client
) -> None:
    html = client.get(
        url.format(pk=published.pk) + f"{'&' if '?' in url else '?'}kecamatan=33.24.01&cari=ked"
    ).content.decode()
    names = dict(UnitScores.objects.filter(run=published, unit=Unit.VILLAGE).values_list("area__code", "area__name"))
    wanted = sorted(c for c, n in names.items() if "ked" in n.lower())
    assert wanted and sorted(ranked_codes(html)) == wanted
    assert f"dari {len(wanted)}" in html
    assert '<input type="hidden" name="kecamatan" value="33.24.01">' in html  # the radar's comparison stays
    assert '<input type="search" name="cari" value="ked"' in html


def test_a_search_that_finds_nothing_says_so(published: Run, client: Client) -> None:
    html = client.get(f"/indeks/run/{published.pk}/?cari=zzzz").content.decode()
    assert ranked_codes(html) == [] and "Tidak ada desa yang namanya memuat “zzzz”." in html


def test_the_interval_bars_on_a_later_page_are_drawn_against_the_whole_ranking(published: Run, client: Client) -> None:
    html = client.get(f"/peta/dasbor/?run={published.pk}&hal=2").content.decode()
    marks = [float(m) for m in re.findall(r'<line class="mark" x1="([0-9.]+)"', html)]
    assert marks and min(marks) > 30  # ranks 101–200 of 2xx sit right of the first third, not from 0
