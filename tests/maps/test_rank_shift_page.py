"""/indeks/bandingkan/: the rank shifts between two runs, largest first, a page at a time, with one sentence that
says how much the ranking moved."""

from __future__ import annotations

import re

from django.test import Client

from petakan.indices.models import Run, Unit, UnitScores


def ranks(run: Run) -> dict[str, tuple[str, int | None]]:
    rows = UnitScores.objects.filter(run=run, unit=Unit.VILLAGE).values_list(
        "area__code", "area__name", "value", "rank"
    )
    return {code: (name, None if value is None else rank) for code, name, value, rank in rows}


def shifts(a: Run, b: Run) -> dict[str, tuple[str, int]]:
    ra, rb = ranks(a), ranks(b)
    return {
        code: (name, rb[code][1] - rank)
        for code, (name, rank) in ra.items()
        if rank is not None and code in rb and rb[code][1] is not None
    }


def shown_rows(html: str) -> list[str]:
    table = html[html.index('id="shifts"') :]
    return re.findall(r'href="/wilayah/([0-9.]+)/"', table[: table.index("</table>")])


def test_the_summary_counts_the_villages_that_moved_and_names_the_largest_move(
    published: Run, earlier: Run, client: Client
) -> None:
    html = client.get(f"/indeks/bandingkan/?a={published.pk}&b={earlier.pk}").content.decode()
    moved = shifts(published, earlier)
    moves = sorted(abs(s) for _, s in moved.values())
    largest = max(abs(s) for _, s in moved.values())
    assert sum(1 for m in moves if m) > 0
    summary = re.search(r'<p class="reading" id="shift-summary">([^<]+)</p>', html).group(1)  # type: ignore[union-attr]
    assert summary.startswith(
        f"{len(moved)} desa berperingkat di kedua run; {sum(1 for m in moves if m)} di antaranya bergeser. "
        f"Separuh desa bergeser paling banyak {moves[len(moves) // 2]} peringkat; "
        f"pergeseran terbesar {largest} peringkat ("
    )
    named = summary[summary.rindex("(") + 1 : -2]
    assert any(name == named and abs(s) == largest for name, s in moved.values())


def test_the_shifts_come_a_page_at_a_time_largest_first(published: Run, earlier: Run, client: Client) -> None:
    url = f"/indeks/bandingkan/?a={published.pk}&b={earlier.pk}"
    first = client.get(url).content.decode()
    rows = shown_rows(first)
    assert len(rows) == 100 and "halaman 1 dari 3" in first and 'rel="next"' in first
    moved = shifts(published, earlier)
    sizes = [abs(moved[c][1]) for c in rows if c in moved]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == max(abs(s) for _, s in moved.values())
    every = rows + shown_rows(client.get(url + "&hal=2").content.decode())
    every += shown_rows(client.get(url + "&hal=3").content.decode())
    assert sorted(every) == sorted(ranks(published)) and len(set(every)) == 286


def test_a_search_narrows_the_table_but_not_the_summary(published: Run, earlier: Run, client: Client) -> None:
    url = f"/indeks/bandingkan/?a={published.pk}&b={earlier.pk}"
    whole = client.get(url).content.decode()
    found = client.get(url + "&cari=KEDITEN").content.decode()
    assert [ranks(published)[c][0] for c in shown_rows(found)] == ["Kediten"]
    summary = re.compile(r'id="shift-summary">([^<]+)<')
    assert summary.search(found).group(1) == summary.search(whole).group(1)  # type: ignore[union-attr]
    assert f'<input type="hidden" name="a" value="{published.pk}">' in found
