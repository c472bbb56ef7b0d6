"""The document skeleton every masterplan book shares (python-docx): A4 pages, a running header (the book, and
"DATA CONTOH" on every page when the book holds generated values), page numbers in the footer, a table of
contents field, numbered tables and figures with captions, and a source note under every table and figure.

Fields (TOC, PAGE, NUMPAGES) are real Word fields: Word refreshes them on opening (``w:updateFields``), and the
table of contents is written with its entries already filled in (the headings, without page numbers) so that
LibreOffice, which does not refresh fields when converting to PDF, still prints a useful contents list.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

import docx
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

TABLE_STYLE = "Table Grid"
SOURCE_STYLE = "Sumber"
PAGE_WIDTH_CM = 21.0
MARGIN_CM = 2.5
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM


def language() -> str:
    """The active language code ("id" or "en")."""
    return "en" if (get_language() or settings.LANGUAGE_CODE).startswith("en") else "id"


def _field_runs(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """Append a complex field (begin, instruction, separate, cached result ``shown``, end) to ``paragraph``."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("text", shown), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._r.append(el)
        elif kind == "text":
            run.text = text or ""
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)


class Writer:
    """A python-docx document with the building blocks of the books; counts tables and figures as it goes."""

    def __init__(self, header: str = "", demo: bool = False) -> None:
        self.doc = docx.Document()
        # the running header and the DATA CONTOH mark are written last (bytes()): a book learns whether it shows
        # generated values only while it gathers them
        self.header = header
        self.demo = demo
        self.cover_mark: Paragraph | None = None
        self.tables = 0
        self.figures = 0
        self.headings: list[tuple[int, str]] = []
        self._toc: Paragraph | None = None
        self._toc_runs: list[Any] | None = None
        self.toc_pages: list[int | None] = []
        self._finished = False
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(MARGIN_CM))
        styles = self.doc.styles
        styles["Normal"].font.size = Pt(10)
        source = styles.add_style(SOURCE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        source.base_style = styles["Normal"]
        source.font.size, source.font.italic = Pt(8), True
        source.paragraph_format.space_after = Pt(10)
        styles["Caption"].font.color.rgb = RGBColor(0, 0, 0)
        styles["Caption"].font.size = Pt(9)
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        self.doc.settings.element.append(update)

    # ----------------------------------------------------------------------------------------------- text

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level)
        if level in (1, 2):
            self.headings.append((level, text))

    def para(self, text: str, bold: bool = False, italic: bool = False) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        return paragraph

    def bullets(self, items: Iterable[str]) -> None:
        for item in items:
            self.doc.add_paragraph(item, style="List Bullet")

    def source(self, text: str) -> None:
        """The source note under a table or figure: publication, year, run and framework version."""
        self.doc.add_paragraph(f"{_('Sumber')}: {text}", style=SOURCE_STYLE)

    def toc(self) -> None:
        """The table-of-contents field; its entries are written by :meth:`bytes` once every heading is known."""
        self.para(_("Daftar isi"), bold=True)
        self._toc = self.doc.add_paragraph()
        self.doc.add_page_break()

    # ------------------------------------------------------------------------------------------ tables, figures

    def table(
        self, caption: str, header: Sequence[str], rows: Iterable[Sequence[object]], source: str, *, small: bool = False
    ) -> None:
        """A numbered table: caption above ("Tabel n. …"), the grid, the source note below."""
        self.tables += 1
        # the caption stays on the page of its table, the picture with its caption and source
        self.doc.add_paragraph(
            f"{_('Tabel')} {self.tables}. {caption}", style="Caption"
        ).paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = TABLE_STYLE
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        size = Pt(7.5 if small else 8.5)
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(str(text))
            run.bold, run.font.size = True, size
        # repeat the header row on every page the table spans
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        texts = [[str(v) for v in row] for row in rows]
        for row in texts:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(value).font.size = size
        self._column_widths(table, [[str(h) for h in header], *texts], 0.15 if small else 0.17)
        self.source(source)

    @staticmethod
    def _column_widths(table: Any, rows: list[list[str]], char_cm: float = 0.17) -> None:
        """Columns wide enough for their longest word (``char_cm`` per character at the table's font size, at most
        5 cm), the rest of the text width shared by their mean text length (capped at 40 characters): without it
        Word and LibreOffice give every column the same width, and amounts and programme names wrap mid-word."""
        n = len(rows[0])
        need, share = [], []
        for j in range(n):
            column = [r[j] for r in rows if j < len(r)]
            longest_word = max((len(w) for text in column for w in text.split()), default=1)
            need.append(min(longest_word * char_cm + 0.3, 5.0))
            share.append(sum(min(len(text), 40) for text in column) / max(len(column), 1) + 1)
        spare = TEXT_WIDTH_CM - sum(need)
        if spare <= 0:
            widths = [TEXT_WIDTH_CM * x / sum(need) for x in need]
        else:
            widths = [x + spare * y / sum(share) for x, y in zip(need, share, strict=True)]
        table.autofit = False
        # LibreOffice lays a table out from its grid (w:tblGrid), Word from the cells: set both
        for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
            col.w = Cm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)

    def figure(self, png: bytes, caption: str, source: str, width_cm: float = TEXT_WIDTH_CM) -> None:
        """A numbered figure: the image, its caption below ("Gambar n. …"), the source note."""
        self.figures += 1
        self.doc.add_picture(io.BytesIO(png), width=Cm(width_cm))
        picture = self.doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        label = self.doc.add_paragraph(f"{_('Gambar')} {self.figures}. {caption}", style="Caption")
        label.paragraph_format.keep_with_next = True
        self.source(source)

    def page_break(self) -> None:
        self.doc.add_page_break()

    # ---------------------------------------------------------------------------------------------- output

    def _fill_toc(self) -> None:
        """Write the TOC field's entries (once), then set their text: the heading, and its page number when
        :meth:`set_toc_pages` gave them (after a first PDF conversion, see planning/pdf.py)."""
        if self._toc is None:
            return
        entries = self.headings or [(1, "—")]
        if self._toc_runs is None:
            first = self._toc
            paragraphs = [first]
            anchor = first
            for _level in entries[1:]:
                new = OxmlElement("w:p")
                anchor._p.addnext(new)
                anchor = Paragraph(new, first._parent)
                paragraphs.append(anchor)
            self._toc_runs = []
            for i, (paragraph, (level, _text)) in enumerate(zip(paragraphs, entries, strict=True)):
                paragraph.paragraph_format.left_indent = Cm(0.6 * (level - 1))
                paragraph.paragraph_format.space_after = Pt(2)
                paragraph.paragraph_format.tab_stops.add_tab_stop(
                    Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
                )
                if i == 0:
                    for kind, value in (("begin", None), ("instr", 'TOC \\o "1-2" \\h \\z \\u'), ("separate", None)):
                        run = paragraph.add_run()
                        el = OxmlElement("w:instrText" if kind == "instr" else "w:fldChar")
                        if kind == "instr":
                            el.set(qn("xml:space"), "preserve")
                            el.text = f" {value} "
                        else:
                            el.set(qn("w:fldCharType"), kind)
                        run._r.append(el)
                self._toc_runs.append(paragraph.add_run())
                if i == len(entries) - 1:
                    end = OxmlElement("w:fldChar")
                    end.set(qn("w:fldCharType"), "end")
                    paragraph.add_run()._r.append(end)
        for i, (run, (_level, text)) in enumerate(zip(self._toc_runs, entries, strict=True)):
            page = self.toc_pages[i] if i < len(self.toc_pages) else None
            run.text = text if page is None else f"{text}\t{page}"

    def set_toc_pages(self, pages: list[int | None]) -> None:
        """Page numbers of the headings (in order, None when not found) for the table of contents."""
        self.toc_pages = pages

    def _write_header(self) -> None:
        section = self.doc.sections[0]
        head = section.header.paragraphs[0]
        head.text = ""
        if self.demo:
            head.add_run(_("DATA CONTOH") + " — ").bold = True
        head.add_run(self.header).font.size = Pt(8)
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        foot.add_run(_("Halaman") + " ")
        _field_runs(foot, "PAGE", "1")
        foot.add_run(" " + _("dari") + " ")
        _field_runs(foot, "NUMPAGES", "1")
        if self.demo and self.cover_mark is not None:
            self.cover_mark.add_run(f"{_('DATA CONTOH')} — {_('Sebagian isi adalah contoh ilustratif')}").bold = True

    def bytes(self) -> bytes:
        """The .docx; may be called again after :meth:`set_toc_pages` (the header is written once)."""
        if not self._finished:
            self._write_header()
            self._finished = True
        self._fill_toc()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
