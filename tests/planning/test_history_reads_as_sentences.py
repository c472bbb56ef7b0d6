"""The plan's history reads as sentences ("Dewan Smart City menyetujui program *Poskamling Pintar* — 4 Des 2026,
21.04"), with before/after values as the pages show them: never a raw field key, a user id or an ISO timestamp."""

from __future__ import annotations

import re

from django.utils import timezone, translation

from petakan.planning.models import ChangeLog
from tests.planning.conftest import make_programme

MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def approve(period, login, cast):  # type: ignore[no-untyped-def]
    programme = make_programme(period, name="Poskamling Pintar")
    login("council").post(f"/rencana/program/{programme.pk}/persetujuan/", {"action": "approve"})
    return programme


def test_an_approval_reads_as_a_sentence_with_the_date_in_indonesian(period, login, cast) -> None:  # type: ignore[no-untyped-def]
    approve(period, login, cast)
    at = timezone.localtime(ChangeLog.objects.get(action="approve").at)
    page = login("admin").get("/rencana/riwayat/").content.decode()
    sentence = re.search(
        r"<strong>Dewan Smart City</strong> menyetujui program Smart City <em>Poskamling Pintar</em> — "
        r"<time[^>]*>([^<]+)</time>",
        page,
    )
    assert sentence is not None, page[page.index('class="history"') :][:1500]
    assert sentence.group(1) == f"{at.day} {MONTHS[at.month - 1]} {at.year}, {at.hour}.{at:%M}"
    # the changes: the approver by name and role, the time localised; no raw key, no id, no ISO timestamp
    assert f"Disetujui pada: — → <strong>{sentence.group(1)}</strong>" in page
    assert "Disetujui oleh: — → <strong>Dewan Smart City</strong>" in page
    assert "approved_at" not in page and "approved_by" not in page
    visible = re.sub(r"<[^>]+>", " ", page)
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", visible)


def test_the_programme_page_shows_the_same_sentences(period, login, cast) -> None:  # type: ignore[no-untyped-def]
    programme = approve(period, login, cast)
    page = login("analyst").get(f"/rencana/program/{programme.pk}/").content.decode()
    assert "<strong>Dewan Smart City</strong> menyetujui program Smart City <em>Poskamling Pintar</em>" in page


def test_a_new_programme_names_its_links_and_numbers_as_the_pages_do(period, login, cast) -> None:  # type: ignore[no-untyped-def]
    from tests.planning.test_role_matrix import programme_form

    login("analyst").post("/rencana/program/baru/", programme_form(period))
    page = login("analyst").get("/rencana/riwayat/").content.decode()
    assert "Analis (Bappeda/OPD)</strong> menambahkan program Smart City <em>Layanan Adminduk Daring</em>" in page
    assert "150.000.000" in page
    assert "Anggaran (tahun · sumber · jumlah): — → <strong>2024 · APBD · 150.000.000</strong>" in page
    assert "Elemen yang ditangani: — → <strong>pelayanan publik</strong>" in page
    assert "Data contoh: — → <strong>tidak</strong>" in page and "Seluruh kabupaten: — → <strong>ya</strong>" in page
    assert "— → <strong>—</strong>" not in page


def test_in_english_the_sentence_is_english(period, login, cast) -> None:  # type: ignore[no-untyped-def]
    approve(period, login, cast)
    client = login("admin")
    client.cookies["django_language"] = "en"
    page = client.get("/rencana/riwayat/").content.decode()
    assert "<strong>Smart City Council</strong> approved Smart City program <em>Poskamling Pintar</em>" in page
    translation.activate("id")
