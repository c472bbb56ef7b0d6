"""Every page about a run is about that run and names it; the drafts run is never the public current one; a
comparison reads older → newer with its arrows and signs following the change."""

from __future__ import annotations

import pandas as pd
from django.test import Client

from petakan.indices import reading
from petakan.indices.models import Run
from tests.conftest import PASSWORD
from tests.indices.conftest import make_run


def analyst(cast) -> Client:
    c = Client()
    c.login(username=cast["analyst"].username, password=PASSWORD)
    return c


def test_the_methodology_page_of_an_older_run_shows_that_runs_audit(demo_profiles, kendal, client: Client) -> None:
    older = make_run(demo_profiles, "published")
    newer = make_run(demo_profiles, "published")
    older.refresh_from_db()
    assert newer.is_current and not older.is_current
    html = client.get(f"/indeks/run/{older.pk}/metodologi/").content.decode()
    assert f"Audit run #{older.pk} (2026)" in html and f"Sensitivitas run #{older.pk}" in html
    assert f"#{newer.pk}" not in html
    assert f"Run #{older.pk} · smart-city-v1 1.0 · 2026" in html  # the run is named in the title
    run_page = client.get(f"/indeks/run/{older.pk}/").content.decode()
    assert f"/indeks/run/{older.pk}/metodologi/" in run_page


def test_a_drafts_run_is_labelled_everywhere_and_never_starred(published: Run, drafts: Run, cast) -> None:
    assert drafts.is_current and not drafts.is_public_current and published.is_public_current
    c = analyst(cast)
    runs = c.get("/indeks/").content.decode()
    assert f">#{published.pk}</a> ★" in runs and f">#{drafts.pk}</a> ★" not in runs
    assert "termasuk profil yang belum diverifikasi" in runs
    page = c.get(f"/indeks/run/{drafts.pk}/").content.decode()
    assert 'id="drafts-note"' in page and "yang berlaku" not in page.split('id="drafts-note"')[0].split("<h1>")[1]
    assert 'id="drafts-note"' in c.get(f"/indeks/run/{drafts.pk}/metodologi/").content.decode()
    csv = c.get(f"/indeks/run/{drafts.pk}/skor.csv").content.decode().splitlines()
    header = csv[0].split(",")
    assert "profil" in header and "termasuk profil yang belum diverifikasi" in csv[1]
    assert "profil" not in c.get(f"/indeks/run/{published.pk}/skor.csv").content.decode().splitlines()[0]


def test_the_public_current_run_is_the_published_one_even_for_analysts(published: Run, drafts: Run, cast) -> None:
    html = analyst(cast).get("/indeks/metodologi/smart-city-v1/").content.decode()
    assert f"Audit run #{published.pk}" in html and f"Audit run #{drafts.pk}" not in html


def test_the_public_api_says_which_profiles_a_run_is_computed_from(published: Run, drafts: Run) -> None:
    runs = Client().get("/api/v1/runs").json()
    assert [r["id"] for r in runs] == [published.pk] and runs[0]["profile_status"] == "published"


def test_a_comparison_reads_older_to_newer_and_its_signs_follow_the_score_change(
    published: Run, demo_profiles, client: Client
) -> None:
    changed = demo_profiles.copy()
    changed["gov_online_services"] = changed["gov_online_services"].iloc[::-1].to_numpy()  # scores move
    newer = make_run(changed, "published")
    # opened from the newer run, it still reads older → newer
    html = client.get(f"/indeks/bandingkan/?a={newer.pk}&b={published.pk}").content.decode()
    assert f"#{published.pk} → #{newer.pk}" in html
    shifts = reading.rank_shifts(published, newer)
    rows = dict(zip(shifts.index, reading.shift_rows(shifts), strict=True))  # the frame is indexed by area id
    both = shifts.dropna(subset=["score", "score_b"])
    fell = both[(both["score_b"] < both["score"] - 0.5) & (both["shift"] > 0)].index[0]
    rose = both[(both["score_b"] > both["score"] + 0.5) & (both["shift"] < 0)].index[0]
    assert rows[fell]["score_change"].startswith("−") and rows[rose]["score_change"].startswith("+")
    table = pd.read_html(__import__("io").StringIO(html), attrs={"id": "shifts"})[0]
    by_name = table.set_index(table.columns[0])
    name_fell = rows[fell]["name"]
    if name_fell in by_name.index:  # on the first page: the arrow says the village fell
        assert str(by_name.loc[name_fell].iloc[2]).startswith("▼")
    # any row on the page: ▼ with a rank number that grew, ▲ with one that shrank
    for _, row in table.iterrows():
        arrow = str(row.iloc[3])
        if arrow.startswith("▼"):
            assert row.iloc[2] > row.iloc[1]
        elif arrow.startswith("▲"):
            assert row.iloc[2] < row.iloc[1]


def test_audit_sentences_name_each_level_and_show_no_configuration(published: Run, client: Client) -> None:
    from petakan.indices.reading import audit_sentences

    sentences = audit_sentences(published, "id")
    levels = {n["code"]: n["level"] for n in published.tree}
    flagged = [f for f in published.audit.get("flags", []) if f.get("aggregate")]
    assert flagged  # the demo data have correlation flags at several levels
    text = " ".join(sentences)
    for flag in flagged:
        name = next(n["name_id"] for n in published.tree if n["code"] == flag["aggregate"])
        word = {"element": "elemen", "dimension": "dimensi", "index": ""}[levels[flag["aggregate"]]]
        assert f"Di {word} {name}".replace("Di  ", "Di ") in text
    assert "Di indeks Indeks" not in text and "Di elemen Smart" not in text
    html = client.get(f"/indeks/run/{published.pk}/metodologi/").content.decode()
    for syntax in ("min_availability", "by=na", "screen", "group_median", "share(", "per1000("):
        assert syntax not in html, syntax
