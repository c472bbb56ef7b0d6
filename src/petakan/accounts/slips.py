"""Account slips: a printable A4 PDF with one cut-out slip per account (name, username, one-time password, the
site's address and a QR code of it), eight slips to a page, to hand each village head at the Bimtek.

The QR code is drawn as one PNG image (segno), shared by every slip, so that a reader of the PDF can extract it
exactly as printed. Text labels are translated by the caller's active language.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

import segno
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

# 2 columns × 4 rows of 105 × 74.25 mm: A4 cut in eight with a guillotine (A7-sized slips).
COLUMNS, ROWS = 2, 4
SLIPS_PER_PAGE = COLUMNS * ROWS
PAGE_W, PAGE_H = A4
SLIP_W, SLIP_H = PAGE_W / COLUMNS, PAGE_H / ROWS
MARGIN = 6 * mm
QR_SIZE = 30 * mm


@dataclass(frozen=True)
class Slip:
    """What one slip shows. ``kind`` is the area's kind in words (Desa, Kelurahan, Kecamatan)."""

    area_name: str
    kind: str
    district: str
    username: str
    password: str


def qr_png(url: str) -> bytes:
    """The QR code of ``url`` as a PNG (error correction M, 4-module quiet zone as the standard asks)."""
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


def _fit(canvas: Canvas, text: str, font: str, size: float, width: float) -> float:
    """The largest font size ≤ ``size`` at which ``text`` fits in ``width`` points (long village names)."""
    while size > 6 and canvas.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _draw_slip(canvas: Canvas, slip: Slip, x: float, y: float, site_url: str, qr: ImageReader) -> None:
    """One slip whose lower-left corner is (x, y), in points."""
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.4)
    canvas.setStrokeGray(0.6)
    canvas.rect(x, y, SLIP_W, SLIP_H)
    canvas.setDash()
    left, top = x + MARGIN, y + SLIP_H - MARGIN
    text_w = SLIP_W - 2 * MARGIN - QR_SIZE - 3 * mm
    canvas.setFillGray(0.35)
    canvas.setFont("Helvetica", 7.5)
    canvas.drawString(left, top - 7, _("Petakan — akun pengisian profil desa"))
    canvas.setFillGray(0)
    title = f"{slip.kind} {slip.area_name}"
    size = _fit(canvas, title, "Helvetica-Bold", 13, text_w)
    canvas.setFont("Helvetica-Bold", size)
    canvas.drawString(left, top - 22, title)
    canvas.setFont("Helvetica", 8.5)
    if slip.district:
        canvas.drawString(left, top - 33, _("Kecamatan %(name)s") % {"name": slip.district})
    rows = ((_("Nama pengguna"), slip.username, 12), (_("Kata sandi sekali pakai"), slip.password, 14))
    line = top - 50
    for label, value, value_size in rows:
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(left, line, label)
        canvas.setFont("Courier-Bold", value_size)
        canvas.drawString(left, line - value_size - 1, value)
        line -= value_size + 17
    canvas.setFont("Helvetica", 7.5)
    canvas.drawString(left, y + MARGIN + 20, _("Alamat situs:"))
    canvas.setFont("Helvetica-Bold", _fit(canvas, site_url, "Helvetica-Bold", 9, SLIP_W - 2 * MARGIN))
    canvas.drawString(left, y + MARGIN + 9, site_url)
    canvas.setFont("Helvetica-Oblique", 6.5)
    canvas.drawString(left, y + MARGIN, _("Saat pertama masuk, Anda diminta membuat kata sandi sendiri."))
    qr_x, qr_y = x + SLIP_W - MARGIN - QR_SIZE, top - QR_SIZE
    canvas.drawImage(qr, qr_x, qr_y, QR_SIZE, QR_SIZE)


def write_slips(slips: Sequence[Slip], site_url: str, stream: IO[bytes], *, title: str = "Petakan") -> int:
    """Write the slips as an A4 PDF to ``stream``, eight to a page in reading order; returns the number of pages.

    An empty list gives no file content and 0 pages: there is nothing to print.
    """
    if not slips:
        return 0
    canvas = Canvas(stream, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("Petakan")
    qr = ImageReader(io.BytesIO(qr_png(site_url)))
    pages = 0
    for start in range(0, len(slips), SLIPS_PER_PAGE):
        for n, slip in enumerate(slips[start : start + SLIPS_PER_PAGE]):
            column, row = n % COLUMNS, n // COLUMNS
            _draw_slip(canvas, slip, column * SLIP_W, PAGE_H - (row + 1) * SLIP_H, site_url, qr)
        canvas.showPage()
        pages += 1
    canvas.save()
    return pages
