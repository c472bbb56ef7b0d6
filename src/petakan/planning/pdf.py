"""PDF from the very .docx a book is, through LibreOffice headless (Debian package libreoffice-writer-nogui).

One content, two formats: the PDF is the Word document converted, so they never disagree. Each conversion runs
with its own throwaway LibreOffice profile (``-env:UserInstallation``): two conversions sharing a profile block
each other or fail, and parallel requests, commands and tests would collide.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# LibreOffice needs a few seconds to start; a big book converts in well under a minute on a small machine.
TIMEOUT_S = 180
BINARIES = ("libreoffice", "soffice")


class PdfError(RuntimeError):
    """LibreOffice is missing or failed; the message says which and how to fix it."""


def libreoffice() -> str:
    for name in BINARIES:
        found = shutil.which(name)
        if found:
            return found
    raise PdfError(
        "LibreOffice is not installed: install the Debian package libreoffice-writer-nogui "
        "(make system-test-deps does) to make PDF books."
    )


def docx_to_pdf(content: bytes, timeout: float = TIMEOUT_S) -> bytes:
    """The PDF of a .docx given as bytes."""
    binary = libreoffice()
    with tempfile.TemporaryDirectory(prefix="petakan-pdf-") as tmp:
        work = Path(tmp)
        source = work / "book.docx"
        source.write_bytes(content)
        profile = work / "profile"
        command = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False, cwd=work)
        except subprocess.TimeoutExpired as exc:
            raise PdfError(f"LibreOffice did not finish converting within {timeout:.0f} s") from exc
        target = work / "book.pdf"
        if done.returncode != 0 or not target.is_file():
            message = (done.stderr or done.stdout).decode(errors="replace").strip()[-500:]
            raise PdfError(f"LibreOffice could not convert the book (exit {done.returncode}): {message}")
        return target.read_bytes()


def page_texts(pdf: bytes) -> list[str] | None:
    """The text of each page (poppler's pdftotext), or None when poppler-utils is not installed."""
    binary = shutil.which("pdftotext")
    if binary is None:
        return None
    done = subprocess.run([binary, "-layout", "-", "-"], input=pdf, capture_output=True, timeout=60, check=False)
    if done.returncode != 0:
        return None
    return done.stdout.decode(errors="replace").split("\f")[:-1]


def heading_pages(pdf: bytes, headings: list[str]) -> list[int | None] | None:
    """The page (1-based) on which each heading of the body starts, in order; None without pdftotext.

    The table of contents lists every heading before the body does: its last page is the first page holding the
    last heading, and the body is searched after it, each heading from the page of the one before (a heading
    text can recur in tables, never earlier than its own place). A line matches a heading when, stripped, it
    starts with the heading's first 40 characters (a long heading may wrap).
    """
    pages = page_texts(pdf)
    if pages is None or not headings:
        return None
    lines = [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]

    def holds(page: int, text: str) -> bool:
        key = text.strip()[:40]
        return any(line.startswith(key) for line in lines[page])

    toc_end = next((p for p in range(1, len(pages)) if holds(p, headings[-1])), 0)
    found: list[int | None] = []
    at = toc_end + 1
    for text in headings:
        page = next((p for p in range(at, len(pages)) if holds(p, text)), None)
        found.append(None if page is None else page + 1)
        if page is not None:
            at = page
    return found
