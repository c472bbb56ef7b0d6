"""Benchmark: Buku 1 (Analisis Strategis) of the Kendal demo as DOCX (budget 15 s) and as PDF (budget 30 s).

Run: PETAKAN_DATA_DIR=../shared/data .venv/bin/python benchmarks/bench_books.py

Setup (not timed): a throwaway SQLite database with `petakan demo` loaded. Each line prints the measured time, its
budget and the ratio to a baseline measured in the same run: a plain python-docx document holding the same
paragraphs and tables as the book, without figures, fields or styles (what the books were before, in size), and for
the PDF the conversion of that plain document by the same LibreOffice (its start-up is most of it).
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from demo_database import load_demo  # noqa: E402

DOCX_BUDGET_S = 15.0
PDF_BUDGET_S = 30.0


def setup_django() -> None:
    load_demo("Kendal demo")


def plain_copy(content: bytes) -> bytes:
    """The baseline: the book's paragraphs and tables written into a bare python-docx document."""
    import docx

    book = docx.Document(io.BytesIO(content))
    plain = docx.Document()
    for paragraph in book.paragraphs:
        if paragraph.text:
            plain.add_paragraph(paragraph.text)
    for table in book.tables:
        rows = [[c.text for c in r.cells] for r in table.rows]
        copy = plain.add_table(rows=len(rows), cols=len(rows[0]))
        for target, row in zip(copy.rows, rows, strict=True):
            for cell, text in zip(target.cells, row, strict=True):
                cell.text = text
    out = io.BytesIO()
    plain.save(out)
    return out.getvalue()


def cpu() -> float:
    """CPU seconds of this process and its finished children (LibreOffice), to tell work from waiting for a
    shared machine's cores."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    started, cpu_started = time.perf_counter(), cpu()
    result = fn(*args, **kwargs)
    timed.cpu = cpu() - cpu_started  # type: ignore[attr-defined]
    return result, time.perf_counter() - started


def main() -> int:
    setup_django()
    from django.utils import translation

    from petakan.accounts.models import User
    from petakan.planning.books import build_book
    from petakan.planning.pdf import docx_to_pdf
    from petakan.planning.services import current_period

    translation.activate("id")
    period = current_period()
    admin = User.objects.get(role="admin")
    content, docx_s = timed(build_book, "analisis-strategis", period, admin)
    docx_cpu = timed.cpu  # type: ignore[attr-defined]
    plain, plain_s = timed(plain_copy, content)
    pdf, pdf_s = timed(build_book, "analisis-strategis", period, admin, fmt="pdf")
    pdf_cpu = timed.cpu  # type: ignore[attr-defined]
    _plain_pdf, plain_pdf_s = timed(docx_to_pdf, plain)
    print(
        f"books Buku 1 Kendal DOCX ({len(content) / 1e6:.1f} MB, 16 figures): {docx_s:.1f} s, cpu {docx_cpu:.1f} s "
        f"(budget {DOCX_BUDGET_S:.0f} s) | baseline plain python-docx copy {plain_s:.2f} s | "
        f"ratio {docx_s / plain_s:.0f}x"
    )
    print(
        f"books Buku 1 Kendal PDF ({len(pdf) / 1e6:.1f} MB, two LibreOffice passes for the contents' page numbers): "
        f"{pdf_s:.1f} s, cpu {pdf_cpu:.1f} s (budget {PDF_BUDGET_S:.0f} s) | baseline plain copy through "
        f"LibreOffice {plain_pdf_s:.1f} s | ratio {pdf_s / plain_pdf_s:.1f}x"
    )
    return 0 if docx_s <= DOCX_BUDGET_S and pdf_s <= PDF_BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
