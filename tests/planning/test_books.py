"""The four masterplan books download as editable Word drafts built from what the masterplan pages compute, with
the same permissions as those pages."""

from __future__ import annotations

import io

import docx
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from petakan.planning.books import build_book
from petakan.planning.models import (
    Period,
    ProgrammeBudget,
    ReadinessRating,
    RpjmdProgram,
    Sasaran,
    SwotEntry,
)
from tests.planning.conftest import make_programme


def open_docx(response) -> docx.document.Document:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return docx.Document(io.BytesIO(response.content))


def headings(doc: docx.document.Document) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading") or p.style.name == "Title"]


def table_rows(doc: docx.document.Document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in doc.tables for row in table.rows]


def all_text(doc: docx.document.Document) -> str:
    return "\n".join([p.text for p in doc.paragraphs] + ["\t".join(r) for r in table_rows(doc)])


def rows_of(doc: docx.document.Document, first_cell: str) -> list[list[str]]:
    """Table rows whose first cell is ``first_cell``, or starts with it and a space (a name with a note)."""
    found = [r for r in table_rows(doc) if r[0] == first_cell or r[0].startswith(first_cell + " ")]
    assert found, f"no table row starts with {first_cell!r}"
    return found


def row_of(doc: docx.document.Document, first_cell: str) -> list[str]:
    return rows_of(doc, first_cell)[0]


def approve(programme):  # type: ignore[no-untyped-def]
    programme.approved_at = timezone.now()
    programme.save()
    return programme


def test_the_strategic_analysis_holds_the_swot_the_element_scores_and_the_gaps(period, login, make_run) -> None:  # type: ignore[no-untyped-def]
    SwotEntry.objects.create(period=period, element="struktur", quadrant="S", text="Dewan Smart City sudah dibentuk")
    ReadinessRating.objects.create(period=period, element="struktur", rating=3, justification="SK bupati ada")
    make_run({"gov_service": 40.0, "env_waste": 85.0, "econ_welfare": 70.0})
    make_programme(period, name="Program Lepas", elements=["env_waste"], dimension="env")
    doc = open_docx(login("analyst").get(f"/rencana/buku/analisis-strategis.docx?periode={period.pk}"))
    titles = headings(doc)
    for expected in ("Analisis kesiapan (SWOT)", "Indeks Smart City", "Elemen terlemah", "Celah"):
        assert expected in titles
    assert "Program tanpa tautan RPJMD" in titles and "Elemen lemah tanpa program" in titles
    assert row_of(doc, "Kekuatan (S)")[1] == "Dewan Smart City sudah dibentuk"
    assert "Nilai kesiapan: 3" in all_text(doc)
    assert ["Smart Governance", "pelayanan publik", "40,0"] in table_rows(doc)
    weakest = row_of(doc, "pelayanan publik")
    assert weakest[1] == "40,0" and "di bawah ambang 50,0" in weakest[2]
    text = all_text(doc)
    assert "Program “Program Lepas” tidak terhubung ke sasaran" in text
    assert "DATA CONTOH" in text and "DRAF" in text and "Kabupaten Kendal" in text
    assert "RPJMD Uji 2024–2026" in [p.text for p in doc.paragraphs]


def test_the_masterplan_table_traces_each_programme_to_its_rpjmd_link_and_measured_gap(period, login, make_run) -> None:  # type: ignore[no-untyped-def]
    make_run({"gov_service": 40.0, "gov_policy": 90.0, "env_waste": 80.0})
    satu = make_programme(
        period,
        name="Satu Data Kendal",
        elements=["gov_service"],
        horizon="short",
        opd="Diskominfo",
        sasaran=[Sasaran.objects.get(code="1.1.1")],
        rpjmd_programs=[RpjmdProgram.objects.get(code="P1")],
    )
    ProgrammeBudget.objects.create(programme=satu, year=2024, source="apbd", amount=150_000_000)
    doc = open_docx(login("council").get("/rencana/buku/masterplan.docx"))
    titles = headings(doc)
    assert {"Visi dan misi", "Misi RPJMD", "Program per dimensi", "Smart Governance"} <= set(titles)
    assert row_of(doc, "1")[1] == "Misi uji"
    row = row_of(doc, "Satu Data Kendal")
    assert row[1:5] == ["pelayanan publik", "Jangka pendek (1 tahun)", "Diskominfo", "150.000.000"]
    assert "Sasaran 1.1.1 Meningkatnya layanan publik" in row[5] and "Program P1 Program Aplikasi" in row[5]
    assert row[6] == "pelayanan publik 40,0 (elemen lemah)"


def test_the_quick_win_book_lists_quick_wins_with_their_priority_and_not_the_others(period, login, make_run) -> None:  # type: ignore[no-untyped-def]
    make_run({"gov_service": 40.0})
    make_programme(
        period,
        name="Cepat",
        horizon="quick_win",
        start_year=2024,
        end_year=2024,
        feasibility=5,
        rpjmd_programs=[RpjmdProgram.objects.get()],
    )
    make_programme(period, name="Lambat", horizon="long", end_year=2030, feasibility=1)
    doc = open_docx(login("analyst").get("/rencana/buku/quick-wins.docx"))
    assert {"Daftar pendek quick win", "Semua program quick win", "Cepat"} <= set(headings(doc))
    # gap 0.6, people 1, alignment 1, feasibility 1 with the default weights → 86.0, as on the priority page
    assert row_of(doc, "1")[1:3] == ["Cepat", "86,0"]
    assert "kesenjangan 0,60 × 0,35" in row_of(doc, "Perhitungan")[1]
    assert "Lambat" not in all_text(doc)


def test_the_road_map_book_groups_programmes_by_horizon_and_year(period, login) -> None:  # type: ignore[no-untyped-def]
    a = make_programme(period, name="Aplikasi Desa", horizon="medium", start_year=2024, end_year=2026)
    make_programme(
        period,
        name="Bank Sampah",
        dimension="env",
        elements=["env_waste"],
        horizon="short",
        start_year=2025,
        end_year=2025,
    )
    ProgrammeBudget.objects.create(programme=a, year=2025, source="apbd", amount=5_000_000)
    doc = open_docx(login("analyst").get("/rencana/buku/peta-jalan.docx"))
    titles = headings(doc)
    assert {"Program per horizon", "Jangka menengah (5 tahun)", "Jangka pendek (1 tahun)", "Program per tahun"} <= set(
        titles
    )
    assert row_of(doc, "Aplikasi Desa")[2] == "2024–2026"
    assert set(row_of(doc, "2025")[1].split(", ")) == {"Aplikasi Desa", "Bank Sampah"}
    assert row_of(doc, "2024")[1] == "Aplikasi Desa"
    counts, budget = rows_of(doc, "Smart Environment")
    assert counts[1:] == ["0", "1", "0"] and budget[1:] == ["0", "0", "0"]
    assert rows_of(doc, "Smart Governance")[1][1:] == ["0", "5.000.000", "0"]


def test_real_data_has_no_data_contoh_line_and_demo_data_has_one(period, login) -> None:  # type: ignore[no-untyped-def]
    programme = make_programme(period, name="Nyata")
    first = all_text(open_docx(login("analyst").get("/rencana/buku/peta-jalan.docx")))
    assert "DRAF" in first and "DATA CONTOH" not in first
    programme.is_demo = True
    programme.save()
    assert "DATA CONTOH" in all_text(open_docx(login("analyst").get("/rencana/buku/peta-jalan.docx")))
    Period.objects.filter(pk=period.pk).update(is_demo=True)
    programme.delete()
    assert "DATA CONTOH" in all_text(open_docx(login("analyst").get("/rencana/buku/masterplan.docx")))


def test_the_books_come_in_english_with_the_language_cookie(period, login, make_run, cast) -> None:  # type: ignore[no-untyped-def]
    make_run({"gov_service": 40.0})
    make_programme(period, name="Lone Programme")
    client = login("analyst")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    doc = open_docx(client.get("/rencana/buku/analisis-strategis.docx"))
    titles = headings(doc)
    assert {"Readiness analysis (SWOT)", "Gaps", "Programs without an RPJMD link"} <= set(titles)
    assert "Celah" not in titles
    assert "Programme “Lone Programme” is linked to no RPJMD sasaran" in all_text(doc)
    with translation.override("en"):
        roadmap = docx.Document(io.BytesIO(build_book("peta-jalan", period, cast["analyst"])))
    assert "Number of programs per year" in headings(roadmap)


def test_the_public_books_hold_approved_programmes_only_and_no_scores(period, login, make_run) -> None:  # type: ignore[no-untyped-def]
    make_run({"gov_service": 40.0})
    approve(make_programme(period, name="Program Disetujui"))
    make_programme(period, name="Program Draf")
    anonymous = login("anonymous")
    for slug in ("masterplan", "peta-jalan"):
        text = all_text(open_docx(anonymous.get(f"/rencana/buku/{slug}.docx")))
        assert "Program Disetujui" in text and "Program Draf" not in text, slug
        assert "Hanya program yang sudah disetujui." in text
    masterplan = open_docx(anonymous.get("/rencana/buku/masterplan.docx"))
    assert "Celah terukur" not in all_text(masterplan) and "40,0" not in all_text(masterplan)
    staff = all_text(open_docx(login("analyst").get("/rencana/buku/masterplan.docx")))
    assert "Program Draf (draf)" in staff and "Celah terukur" in staff


@pytest.mark.parametrize("slug", ["analisis-strategis", "quick-wins"])
def test_staff_books_send_the_public_to_login_and_refuse_village_accounts(period, login, slug) -> None:  # type: ignore[no-untyped-def]
    for ext in ("docx", "pdf"):
        response = login("anonymous").get(f"/rencana/buku/{slug}.{ext}")
        assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
        assert login("village").get(f"/rencana/buku/{slug}.{ext}").status_code == 403
        assert login("district").get(f"/rencana/buku/{slug}.{ext}").status_code == 403


def test_an_unknown_book_is_not_found(period, login) -> None:  # type: ignore[no-untyped-def]
    assert login("analyst").get("/rencana/buku/rahasia.docx").status_code == 404
    assert login("anonymous").get("/rencana/buku/rahasia.docx").status_code == 404


def test_the_book_page_lists_what_each_visitor_may_download_and_the_overview_links_to_it(period, login) -> None:  # type: ignore[no-untyped-def]
    staff = login("council").get("/rencana/buku/").content.decode()
    for slug in ("analisis-strategis", "masterplan", "quick-wins", "peta-jalan"):
        assert f"/rencana/buku/{slug}.docx?periode={period.pk}" in staff
    public = login("anonymous").get("/rencana/buku/").content.decode()
    assert "/rencana/buku/masterplan.docx" in public and "/rencana/buku/peta-jalan.docx" in public
    assert "analisis-strategis.docx" not in public and "quick-wins.docx" not in public
    assert "/rencana/buku/" in login("anonymous").get("/rencana/").content.decode()


def test_every_book_builds_on_the_demo_plan_and_says_data_contoh(login) -> None:  # type: ignore[no-untyped-def]
    call_command("planning", "load-demo", stdout=io.StringIO())
    client = login("admin")
    for slug, title in (
        ("analisis-strategis", "Analisis Strategis"),
        ("masterplan", "Masterplan Smart City"),
        ("quick-wins", "Quick Win"),
        ("peta-jalan", "Peta Jalan"),
    ):
        doc = open_docx(client.get(f"/rencana/buku/{slug}.docx"))
        assert headings(doc)[0] == title
        assert doc.tables and all(t.style.name == "Table Grid" for t in doc.tables)
        assert "DATA CONTOH" in all_text(doc), slug


def test_the_book_command_writes_a_book_as_the_public_sees_it_and_refuses_what_it_may_not(period, tmp_path) -> None:  # type: ignore[no-untyped-def]
    approve(make_programme(period, name="Program Disetujui"))
    make_programme(period, name="Program Draf")
    out = tmp_path / "peta-jalan.docx"
    stdout = io.StringIO()
    call_command("planning", "book", "--book", "4", "--year", "2025", "--public", "--out", str(out), stdout=stdout)
    text = all_text(docx.Document(str(out)))
    assert "Program Disetujui" in text and "Program Draf" not in text and "ditulis" in stdout.getvalue()
    with pytest.raises(CommandError, match="bukan buku publik"):
        call_command("planning", "book", "--book", "1", "--public", "--out", str(out))
    with pytest.raises(CommandError, match="Tidak ada periode RPJMD yang memuat tahun 2030"):
        call_command("planning", "book", "--book", "2", "--year", "2030", "--out", str(out))
