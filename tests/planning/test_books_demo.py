"""The four masterplan books built from the Kendal demo, as DOCX and PDF, checked as a reader would check them.

The demo is loaded and every book built once for the module (PDF conversion by LibreOffice is the slow part);
the database work is rolled back at the end so other tests see Kendal only.
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image

from petakan.accounts.models import User
from petakan.planning.books import BOOKS, build_book
from petakan.planning.framework import DIMENSION_NAMES
from petakan.planning.models import Period
from petakan.planning.pdf import docx_to_pdf
from petakan.regions.models import Area, Level

# the module's fixture builds everything in the database once; the mark makes pytest-django set the database up
pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
BOOK1_CHAPTERS = [
    "Profil wilayah",
    "Potensi desa",
    "Indeks Smart City",
    "Indeks Desa Membangun (IDM)",
    "Sektor ekonomi unggulan",
    "Analisis kesiapan (SWOT)",
    "Celah",
]


@dataclass
class Built:
    period: Period
    docx: dict[str, bytes] = field(default_factory=dict)
    pdf: dict[str, bytes] = field(default_factory=dict)
    english: bytes = b""
    command_pdf: bytes = b""
    command_output: str = ""
    public_pdf_response: tuple[int, str, bytes] = (0, "", b"")
    page: str = ""
    districts: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory) -> Built:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        period = Period.objects.get(is_current=True)
        admin = User.objects.get(role="admin")
        out = Built(period=Period.objects.get(pk=period.pk))
        with translation.override("id"):
            for slug in BOOKS:
                out.docx[slug] = build_book(slug, period, admin)
                # Buku 1 through build_book (two conversions: its contents get page numbers), the others converted
                # once from their DOCX: the same content, and LibreOffice is the slow part
                pdf = slug == "analisis-strategis"
                out.pdf[slug] = build_book(slug, period, admin, fmt="pdf") if pdf else docx_to_pdf(out.docx[slug])
        with translation.override("en"):
            out.english = build_book("analisis-strategis", period, admin)
        target = tmp_path_factory.mktemp("book") / "buku3.pdf"
        stdout = io.StringIO()
        call_command(
            "planning", "book", "--book", "3", "--year", "2026", "--format", "pdf", "--lang", "id", "--out",
            str(target), stdout=stdout,
        )  # fmt: skip
        out.command_pdf, out.command_output = target.read_bytes(), stdout.getvalue()
        response = Client().get(f"/rencana/buku/peta-jalan.pdf?periode={period.pk}")
        out.public_pdf_response = (response.status_code, response["Content-Type"], response.content)
        staff = Client()
        staff.force_login(admin)
        out.page = staff.get("/rencana/buku/").content.decode()
        out.districts = list(
            Area.objects.filter(level=Level.DISTRICT, code__startswith="33.24.").values_list("name", flat=True)
        )
        transaction.set_rollback(True)
    return out


# ------------------------------------------------------------------------------------------------- reading


def open_docx(content: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(content))


def body_items(doc: docx.document.Document) -> list[tuple[str, object]]:
    """The body in order: ("table", element), ("figure", paragraph), ("heading1"/"heading2", text), ("p", text)."""
    items: list[tuple[str, object]] = []
    paragraphs = {p._p: p for p in doc.paragraphs}
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            items.append(("table", child))
        elif child.tag == qn("w:p"):
            p = paragraphs[child]
            if child.findall(".//" + qn("w:drawing")):
                items.append(("figure", p))
            elif p.style.name == "Heading 1":
                items.append(("heading1", p.text))
            else:
                items.append(("p", p.text))
    return items


def text_of(doc: docx.document.Document) -> str:
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def table_by_caption(doc: docx.document.Document, caption: str) -> list[list[str]]:
    """The rows of the table whose caption (the paragraph above it) contains ``caption``."""
    items = body_items(doc)
    for i, (kind, value) in enumerate(items):
        if kind == "table" and i and caption in str(items[i - 1][1]):
            table = next(t for t in doc.tables if t._tbl is value)
            return [[c.text for c in r.cells] for r in table.rows]
    raise AssertionError(f"no table captioned {caption!r}")


def pdf_pages(content: bytes) -> list[str]:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return done.stdout.decode().split("\f")[:-1]


def money(text: str) -> int:
    return int(text.replace(".", ""))


# -------------------------------------------------------------------------------------------------- Buku 1


def test_book_one_has_every_chapter_in_order_each_opening_with_a_paragraph_of_numbers(built: Built) -> None:
    items = body_items(open_docx(built.docx["analisis-strategis"]))
    chapters = [value for kind, value in items if kind == "heading1"]
    assert [c for c in chapters if c in BOOK1_CHAPTERS] == BOOK1_CHAPTERS
    for chapter in BOOK1_CHAPTERS:
        at = next(i for i, (kind, value) in enumerate(items) if kind == "heading1" and value == chapter)
        opening = str(items[at + 1][1])
        assert items[at + 1][0] == "p" and len(opening) > 80 and re.search(r"\d", opening), chapter


def test_book_one_names_all_twenty_kecamatan_and_the_six_dimensions(built: Built) -> None:
    text = text_of(open_docx(built.docx["analisis-strategis"]))
    assert len(built.districts) == 20
    for name in built.districts:
        assert name in text, name
    for name, _en in DIMENSION_NAMES.values():
        assert name in text, name
    rows = table_by_caption(open_docx(built.docx["analisis-strategis"]), "Kecamatan, kode, luas dan penduduk")
    assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:]) and len(rows) == 21
    assert rows[1][:3] == ["33.24.01", "3324010", "Plantungan"]


def test_every_chapter_of_book_one_has_a_figure_and_each_image_is_a_real_picture(built: Built) -> None:
    doc = open_docx(built.docx["analisis-strategis"])
    per_chapter: dict[str, int] = {}
    chapter = ""
    for kind, value in body_items(doc):
        if kind == "heading1":
            chapter = str(value)
        elif kind == "figure":
            per_chapter[chapter] = per_chapter.get(chapter, 0) + 1
    assert all(per_chapter.get(c, 0) >= 1 for c in BOOK1_CHAPTERS), per_chapter
    # the index and each of the six dimensions has its own map
    assert per_chapter["Indeks Smart City"] >= 7 + 1
    for shape in doc.inline_shapes:
        assert shape.width in (Cm(16), Cm(12))
        blob = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed].blob
        image = Image.open(io.BytesIO(blob)).convert("RGB")
        assert image.width >= 600 and image.height >= 250
        assert len(image.getcolors(maxcolors=1 << 20) or range(2)) > 1  # more than one colour


@pytest.mark.parametrize("slug", list(BOOKS))
def test_every_table_and_figure_is_numbered_and_has_a_source_note_under_it(built: Built, slug: str) -> None:
    items = body_items(open_docx(built.docx[slug]))
    tables = figures = 0
    for i, (kind, _value) in enumerate(items):
        if kind == "table":
            tables += 1
            assert str(items[i - 1][1]).startswith(f"Tabel {tables}. ")
            assert str(items[i + 1][1]).startswith("Sumber: ") and len(str(items[i + 1][1])) > 20
        elif kind == "figure":
            figures += 1
            assert str(items[i + 1][1]).startswith(f"Gambar {figures}. ")
            assert str(items[i + 2][1]).startswith("Sumber: ")
    assert tables >= 3


def test_sources_name_the_publication_year_run_and_framework_version(built: Built) -> None:
    text = text_of(open_docx(built.docx["analisis-strategis"]))
    assert re.search(r"Sumber: Indeks Smart City Petakan 2026, run #\d+, kerangka smart-city-v1 versi 1\.0", text)
    assert "Kepmendagri No. 300.2.2-2430 Tahun 2025" in text and "batas wilayah BPS 2024" in text
    assert "Indeks Desa Membangun 2026" in text
    # the economy's source is named as BPS's publication, not as the file it was read from
    assert "PDRB Atas Dasar Harga Konstan (2010=100)" in text and "kendal_jateng_pdrb_total_bps.csv" not in text


def test_the_cover_names_regency_and_period_and_a_toc_field_follows(built: Built) -> None:
    doc = open_docx(built.docx["masterplan"])
    first = [p.text for p in doc.paragraphs[:8]]
    assert "Kabupaten Kendal" in first and "RPJMD Kabupaten Kendal 2021–2026" in first
    instructions = [t.text for t in doc.element.body.iter(qn("w:instrText"))]
    assert any(x.strip().startswith("TOC ") for x in instructions)
    footer = doc.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "DATA CONTOH" in doc.sections[0].header.paragraphs[0].text


# ------------------------------------------------------------------------------------------------------ PDF


@pytest.mark.parametrize("slug", list(BOOKS))
def test_every_pdf_page_says_data_contoh_in_its_header_and_has_its_number(built: Built, slug: str) -> None:
    pages = pdf_pages(built.pdf[slug])
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert "DATA CONTOH" in lines[0], (slug, n)
        assert f"Halaman {n} dari {len(pages)}" in lines[-1], (slug, n)


def test_a_pdf_page_of_book_one_with_a_map_renders_to_a_picture(built: Built) -> None:
    pages = pdf_pages(built.pdf["analisis-strategis"])
    number = next(i for i, page in enumerate(pages, 1) if "Gambar 3. Indeks Smart City per desa" in page)
    ARTIFACTS.mkdir(exist_ok=True)
    prefix = ARTIFACTS / "book1-map"
    pdf = ARTIFACTS / "book1.pdf"
    pdf.write_bytes(built.pdf["analisis-strategis"])
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-f", str(number), "-l", str(number), "-singlefile", str(pdf), str(prefix)],
        check=True,
    )
    image = Image.open(prefix.with_suffix(".png")).convert("RGB")
    assert image.width > 500
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50  # a map, not a blank page


def test_the_contents_of_the_book_one_pdf_give_the_page_of_each_chapter(built: Built) -> None:
    pages = pdf_pages(built.pdf["analisis-strategis"])
    contents = "\n".join(pages[1:3])
    for chapter in BOOK1_CHAPTERS:
        found = re.search(rf"^{re.escape(chapter)}\s*\.+\s*(\d+)\s*$", contents, re.M)
        assert found, chapter
        body = [line.strip() for line in pages[int(found.group(1)) - 1].splitlines()]
        assert chapter in body, (chapter, found.group(1))


def test_book_one_pdf_holds_the_chapters_and_the_kecamatan(built: Built) -> None:
    text = "\n".join(pdf_pages(built.pdf["analisis-strategis"]))
    for chapter in BOOK1_CHAPTERS:
        assert chapter in text
    for name in built.districts:
        assert name in text, name


# ---------------------------------------------------------------------------------------------- Buku 2 – 4


def test_book_two_has_its_chapters_and_budgets_equal_the_sum_of_their_lines(built: Built) -> None:
    doc = open_docx(built.docx["masterplan"])
    chapters = [v for k, v in body_items(doc) if k == "heading1"]
    assert chapters == ["Visi dan misi", "Program per dimensi", "Matriks keselarasan"]
    text = text_of(doc)
    assert "Strategi per dimensi dan elemen" in [p.text for p in doc.paragraphs]
    lines: dict[str, int] = {}
    totals: dict[str, int] = {}
    budgets: dict[str, str] = {}
    for table in doc.tables:
        rows = [[c.text for c in r.cells] for r in table.rows]
        if rows[0] == ["Program", "Tahun", "Sumber dana", "Anggaran (Rp)"]:
            for name, year, _source, amount in rows[1:]:
                if year == "Jumlah":
                    totals[name] = money(amount)
                elif year != "—":
                    lines[name] = lines.get(name, 0) + money(amount)
        elif rows[0][:5] == ["Program", "Elemen", "Horizon", "OPD", "Anggaran (Rp)"]:
            budgets.update({r[0].removesuffix(" (draf)"): r[4] for r in rows[1:]})
    assert lines and lines == totals
    for name, shown in budgets.items():
        assert shown != "0", name
        assert shown == "belum dianggarkan" or money(shown) == totals[name], name
    assert any(name in lines for name in budgets)
    assert "Program × sasaran RPJMD" in text and "Program × elemen Smart City" in text


def test_book_three_lists_the_shortlist_with_justification_targets_and_budget(built: Built) -> None:
    doc = open_docx(built.docx["quick-wins"])
    chapters = [v for k, v in body_items(doc) if k == "heading1"]
    assert chapters == ["Metode prioritas", "Daftar pendek quick win", "Semua program quick win"]
    shortlist = table_by_caption(doc, "Daftar pendek quick win")
    assert 1 <= len(shortlist) - 1 <= built.period.quick_win_count
    firsts = {r[0] for t in doc.tables for r in ([c.text for c in row.cells] for row in t.rows)}
    assert {"Justifikasi", "Target", "Perhitungan", "Anggaran (Rp)"} <= firsts
    assert built.command_pdf[:4] == b"%PDF" and "ditulis" in built.command_output
    assert any("Quick Win" in page for page in pdf_pages(built.command_pdf))


def test_book_four_keeps_the_road_map_inside_the_rpjmd_period(built: Built) -> None:
    doc = open_docx(built.docx["peta-jalan"])
    period = range(built.period.start_year, built.period.end_year + 1)
    assert (built.period.start_year, built.period.end_year) == (2021, 2026)
    counts = table_by_caption(doc, "Jumlah program per dimensi dan tahun")
    assert [int(y) for y in counts[0][1:]] == list(period)
    running = table_by_caption(doc, "Program berjalan per tahun")
    assert [int(r[0]) for r in running[1:]] == list(period)
    milestones = table_by_caption(doc, "Tonggak capaian per tahun")
    assert all(int(r[0]) in period for r in milestones[1:])
    targets = table_by_caption(doc, "Target indikator")
    assert [int(y) for y in targets[0][3:]] == list(period)
    figures = [v for k, v in body_items(doc) if k == "figure"]
    assert figures, "the road map is drawn as a figure"
    assert "Peta jalan program per dimensi, 2021–2026" in text_of(doc)
    budget = table_by_caption(doc, "Anggaran indikatif per dimensi dan tahun")
    year_total = sum(money(cell) for row in budget[1:] for cell in row[1:])
    assert year_total > 0


def test_the_public_gets_the_road_map_pdf_and_the_books_page_offers_both_formats(built: Built) -> None:
    status, content_type, content = built.public_pdf_response
    assert status == 200 and content_type == "application/pdf" and content[:4] == b"%PDF"
    for slug in BOOKS:
        assert f"/rencana/buku/{slug}.docx?periode=" in built.page
        # a signed-in user's PDF is built by the worker: the button posts to the job, whose page links the file
        assert f'action="/rencana/buku/{slug}/pdf/?periode=' in built.page


def test_book_one_comes_in_english(built: Built) -> None:
    doc = open_docx(built.english)
    chapters = [v for k, v in body_items(doc) if k == "heading1"]
    assert "Regional profile" in chapters and "Village potential" in chapters and "Gaps" in chapters
    text = text_of(doc)
    assert "Table 1. " in text and "Figure 1. " in text and "Source: " in text
    assert "Profil wilayah" not in chapters
