"""Readiness: SWOT with evidence per element and a rating 1–5 with the regency's own rubric; no official score."""

from __future__ import annotations

from petakan.planning.models import ReadinessRating, RubricLevel, SwotEntry


def test_the_page_says_no_official_score_exists(period, login) -> None:  # type: ignore[no-untyped-def]
    page = login("council").get("/rencana/kesiapan/").content.decode()
    assert "Tidak ada skor kesiapan resmi" in page
    assert "Rubrik belum disusun" in page


def test_a_rating_shows_its_rubric_level_and_swot_entries_their_evidence(period, login, cast) -> None:  # type: ignore[no-untyped-def]
    client = login("analyst")
    rubric = {
        "rubrik-TOTAL_FORMS": "5",
        "rubrik-INITIAL_FORMS": "0",
        "rubrik-MIN_NUM_FORMS": "0",
        "rubrik-MAX_NUM_FORMS": "5",
    }
    for i, label in enumerate(["Belum ada", "Rintisan", "Berkembang", "Terpadu", "Optimal"]):
        rubric |= {f"rubrik-{i}-level": str(i + 1), f"rubrik-{i}-label": label, f"rubrik-{i}-description": ""}
    assert client.post(f"/rencana/kesiapan/rubrik/?periode={period.pk}", rubric).status_code == 302
    assert RubricLevel.objects.count() == 5
    swot = {
        "element": "infrastruktur",
        "quadrant": "W",
        "text": "Blank spot di selatan",
        "evidence": "https://diskominfo.kendalkab.go.id/x",
        "dimension": "",
    }
    assert client.post(f"/rencana/butir/swot/baru/?periode={period.pk}", swot).status_code == 302
    rating = {"element": "infrastruktur", "rating": "3", "justification": "Pantura baik"}
    assert client.post(f"/rencana/butir/nilai-kesiapan/baru/?periode={period.pk}", rating).status_code == 302
    assert ReadinessRating.objects.get().rated_by == cast["analyst"]
    again = client.post(f"/rencana/butir/nilai-kesiapan/baru/?periode={period.pk}", rating)
    assert again.status_code == 200 and "sudah dinilai" in again.content.decode()
    page = client.get("/rencana/kesiapan/").content.decode()
    assert "<strong>3</strong> — Berkembang" in page
    assert "Blank spot di selatan" in page and "diskominfo.kendalkab.go.id/x" in page
    assert SwotEntry.objects.get().period == period
