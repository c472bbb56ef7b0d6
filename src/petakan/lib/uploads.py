"""One guard for every file a user hands to Petakan (web upload or command line), applied before a reader parses it.

An importer asks for :class:`Limits` (bytes per kind of file, rows and columns from its template and the scope, the
longest cell text) and calls the checker of its format; a file over a limit, or not of the format it claims, raises
:class:`UploadError` with a sentence in Bahasa Indonesia and English, before the real reader allocates anything
in proportion to what the file *claims* (a sheet's declared dimension, a zip member's size, a nesting depth):

* :func:`check_size` — the byte size, stated in the message ("Berkas 12,3 MB melebihi batas 5 MB untuk …").
* :func:`check_xlsx` — the first bytes (a PNG or an old .xls named .xlsx), the zip (members, total unpacked size,
  compression ratio), then every worksheet and the shared strings are *streamed* with expat, counting the rows and
  columns that really exist (never the declared ``<dimension>``) and the length of every cell text, and stopping at
  the first cap. After it passes, openpyxl can read the workbook in any mode in bounded time and memory.
* :func:`read_csv_rows` — UTF-8 with or without BOM, separator from the header line (``,``, ``;`` or tab, since
  spreadsheets set to an Indonesian locale write ``;``), rows, columns and cell text capped while reading.
* :func:`load_json` — nesting depth measured without recursion before ``json.loads`` (a 100,000-level array would
  otherwise exhaust the C stack or raise RecursionError).
* :func:`open_zip` / :func:`read_member` — a zip (zipped Shapefile) checked before any member is inflated.

Quoted values are cut to :data:`QUOTE_CHARS` characters, so that an error page stays small whatever the file holds.
No Django here: the settings are turned into :class:`Limits` by ``petakan.uploads``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.parsers import expat

MB = 1024 * 1024
QUOTE_CHARS = 100
CHUNK = 64 * 1024
# Compression ratios above this are refused for members that unpack to more than RATIO_GRACE_BYTES: real XLSX sheet
# XML packs about 5-20×, a run of one repeated character about 1000× (Apache POI refuses beyond 100× as well).
MAX_RATIO = 100.0
RATIO_GRACE_BYTES = MB
XLSX_REQUIRED = ("[Content_Types].xml", "xl/workbook.xml")
# Labels of the kinds of file; the settings name the same kinds (PETAKAN_UPLOAD_LIMITS).
KINDS: dict[str, tuple[str, str]] = {
    "profile": ("profil desa (Excel)", "village profiles (Excel)"),
    "idm": ("impor IDM", "IDM imports"),
    "pdrb": ("tabel PDRB", "PDRB tables"),
    "rpjmd": ("kaskade RPJMD", "the RPJMD cascade"),
    "codes": ("daftar kode wilayah", "area code lists"),
    "boundaries": ("batas wilayah", "boundary files"),
    "file": ("berkas", "files"),
    "evidence": ("berkas bukti realisasi", "realisation evidence files"),
}
MAGIC: tuple[tuple[bytes, tuple[str, str]], ...] = (
    (b"\x89PNG", ("isinya gambar PNG", "it holds a PNG image")),
    (b"\xff\xd8\xff", ("isinya gambar JPEG", "it holds a JPEG image")),
    (b"GIF8", ("isinya gambar GIF", "it holds a GIF image")),
    (b"%PDF", ("isinya dokumen PDF", "it holds a PDF document")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ("berformat Excel lama (.xls); simpan ulang sebagai .xlsx",
                                           "it is an old Excel file (.xls); save it again as .xlsx")),
    (b"SQLite format 3\x00", ("isinya basis data SQLite", "it holds an SQLite database")),
)  # fmt: skip

MESSAGES: dict[str, tuple[str, str]] = {
    "too_large": (
        "Berkas {size} melebihi batas {limit} untuk {kind}.",
        "The file of {size} exceeds the {limit} limit for {kind}.",
    ),
    "empty": ("Berkas kosong.", "The file is empty."),
    "not_xlsx": ("Berkas bukan XLSX yang sah: {detail}.", "The file is not a valid XLSX workbook: {detail}."),
    "not_zip": ("Berkas bukan arsip ZIP yang sah: {detail}.", "The file is not a valid ZIP archive: {detail}."),
    "zip_members": (
        "Arsip berisi {count} berkas; paling banyak {max} diizinkan.",
        "The archive holds {count} files; at most {max} are allowed.",
    ),
    "zip_unpacked": (
        "Isi arsip {size} setelah dibuka melebihi batas {limit}.",
        "The archive unpacks to {size}, more than the {limit} limit.",
    ),
    "zip_ratio": (
        "Bagian arsip «{member}» memekar {ratio}× (dari {packed} menjadi {size}); paling banyak {max}× diizinkan "
        "(bom zip?).",
        "The archive member «{member}» inflates {ratio}× (from {packed} to {size}); at most {max}× is allowed "
        "(zip bomb?).",
    ),
    "zip_encrypted": ("Arsip dikunci dengan kata sandi.", "The archive is password-protected."),
    "zip_method": (
        "Bagian arsip «{member}» dikemas dengan cara (metode {method}) yang tidak dapat dibuka; simpan ulang berkasnya "
        "dengan kompresi ZIP biasa.",
        "The archive member «{member}» is packed with a method ({method}) that cannot be opened; save the file again "
        "with ordinary ZIP compression.",
    ),
    "xml_doctype": (
        "{where}: XML dengan DTD atau entitas tidak diizinkan.",
        "{where}: XML with a DTD or entities is not allowed.",
    ),
    "too_many_rows": (
        "{where}: lebih dari {max} baris (ada baris ke-{row}); templat untuk cakupan ini paling banyak {max} baris.",
        "{where}: more than {max} rows (row {row} is present); the template for this scope has at most {max} rows.",
    ),
    "too_many_columns": (
        "{where}: kolom {column} melebihi batas {max} kolom templat.",
        "{where}: column {column} is beyond the template's limit of {max} columns.",
    ),
    "cell_too_long": (
        "{where}: teks sel lebih dari {max} karakter: «{value}».",
        "{where}: the cell text is longer than {max} characters: «{value}».",
    ),
    "not_text": (
        "Berkas bukan teks CSV: {detail}.",
        "The file is not CSV text: {detail}.",
    ),
    "not_utf8": (
        "Berkas bukan teks UTF-8 (byte ke-{position}); simpan ulang sebagai CSV UTF-8.",
        "The file is not UTF-8 text (byte {position}); save it again as CSV UTF-8.",
    ),
    "csv_syntax": ("Baris {line}: CSV rusak ({detail}).", "Line {line}: broken CSV ({detail})."),
    "json_too_deep": (
        "Berkas bersarang lebih dari {max} tingkat; GeoJSON yang sah tidak sedalam itu.",
        "The file is nested more than {max} levels deep; valid GeoJSON is never that deep.",
    ),
    "not_json": ("Berkas bukan JSON yang sah: {detail}.", "The file is not valid JSON: {detail}."),
    "not_evidence": (
        "Berkas «{name}» tidak diterima sebagai bukti: {detail}. Kirim PDF, foto JPEG atau PNG, XLSX atau DOCX.",
        "The file «{name}» is not accepted as evidence: {detail}. Send a PDF, a JPEG or PNG photo, XLSX or DOCX.",
    ),
}
# Details that appear inside the messages above, in both languages.
DETAILS: dict[str, tuple[str, str]] = {
    "not_zip": ("bukan arsip ZIP", "not a ZIP archive"),
    "damaged_zip": ("arsip ZIP terpotong atau rusak", "the ZIP archive is truncated or damaged"),
    "no_workbook": ("tidak ada buku kerja di dalamnya", "there is no workbook inside"),
    "bad_xml": ("XML {where} rusak (baris {line})", "the XML of {where} is broken (line {line})"),
    "nul_byte": ("berisi byte nol (berkas biner?)", "it contains NUL bytes (a binary file?)"),
    "unknown_type": ("jenisnya tidak dikenali dari isinya", "its content is of no known type"),
    "other_zip": ("arsip ZIP yang bukan XLSX atau DOCX", "a ZIP archive that is neither XLSX nor DOCX"),
}


@dataclass(frozen=True)
class Limits:
    """What one importer accepts. ``max_bytes`` is the file size; ``max_rows`` and ``max_columns`` apply to every
    sheet or table (row and column *positions*, 1-based, so a lone cell at row 1,048,576 counts as 1,048,576 rows);
    ``max_cell_chars`` to every cell text; the zip limits to any archive (an XLSX is one); ``max_depth`` to JSON
    nesting; ``max_features`` to the features of a boundary file."""

    kind: str = "file"
    max_bytes: int = 10 * MB
    max_rows: int = 100_000
    max_columns: int = 200
    max_cell_chars: int = 10_000
    max_members: int = 1_000
    max_unpacked: int = 100 * MB
    max_ratio: float = MAX_RATIO
    max_depth: int = 64
    max_features: int = 200_000


class UploadError(ValueError):
    """A file refused before it was read: ``key`` (see :data:`MESSAGES`), ``params`` and the sentence in Indonesian
    (``message_id``, also ``str()``) and English (``message_en``)."""

    def __init__(self, key: str, **params: Any) -> None:
        self.key = key
        self.params = params
        self.message_id = _render(key, params, "id")
        self.message_en = _render(key, params, "en")
        super().__init__(self.message_id)

    def text(self, lang: str) -> str:
        """The sentence in ``lang`` (``"en"``, otherwise Indonesian)."""
        return self.message_en if lang == "en" else self.message_id


@dataclass(frozen=True)
class Size:
    """A number of bytes, shown as e.g. ``12,3 MB`` (Indonesian) or ``12.3 MB`` (English)."""

    bytes: int
    exact: bool = False  # in bytes, when rounding would make two sizes look alike


@dataclass(frozen=True)
class Label:
    """A phrase given in both languages, filled into a message."""

    id: str
    en: str


def _render(key: str, params: dict[str, Any], lang: str) -> str:
    template = MESSAGES[key][1 if lang == "en" else 0]
    return template.format(**{name: _param(value, lang) for name, value in params.items()})


def _param(value: Any, lang: str) -> str:
    if isinstance(value, Size):
        if value.exact:
            return _param(value.bytes, lang) + (" bytes" if lang == "en" else " bita")
        return format_size(value.bytes, lang)
    if isinstance(value, Label):
        return value.en if lang == "en" else value.id
    if isinstance(value, float):
        text = f"{value:,.0f}" if value >= 10 else f"{value:,.1f}"
        return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".") if lang != "en" else text
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".") if lang != "en" else f"{value:,}"
    return str(value)


def format_size(size: int, lang: str) -> str:
    """``size`` bytes as KB or MB (1 MB = 1,048,576 bytes) with one decimal when not whole, in ``lang``'s style."""
    unit, value = ("MB", size / MB) if size >= MB else ("KB", size / 1024) if size >= 1024 else ("bita", float(size))
    if unit == "bita" and lang == "en":
        unit = "bytes"
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    return f"{text.replace('.', ',') if lang != 'en' else text} {unit}"


def quote(value: Any, limit: int = QUOTE_CHARS) -> str:
    """At most ``limit`` characters of ``value`` for a message, on one line, with "…" when cut."""
    raw = str(value)
    text = " ".join(raw[: 2 * limit].split())
    cut = len(raw) > 2 * limit or len(text) > limit
    return text[:limit] + "…" if cut else text


def kind_label(kind: str) -> Label:
    id_, en = KINDS.get(kind, KINDS["file"])
    return Label(id_, en)


def _detail(key: str, **params: Any) -> Label:
    id_, en = DETAILS[key]
    return Label(id_.format(**{k: _param(v, "id") for k, v in params.items()}),
                 en.format(**{k: _param(v, "en") for k, v in params.items()}))  # fmt: skip


# Size ----------------------------------------------------------------------------------------------------------


def check_size(size: int, limits: Limits) -> None:
    """Refuse a file of ``size`` bytes larger than ``limits.max_bytes``, or empty."""
    if size > limits.max_bytes:
        exact = format_size(size, "id") == format_size(limits.max_bytes, "id")
        raise UploadError(
            "too_large", size=Size(size, exact), limit=Size(limits.max_bytes, exact), kind=kind_label(limits.kind)
        )
    if size == 0:
        raise UploadError("empty")


def read_bytes(source: str | Path | bytes, limits: Limits) -> bytes:
    """The bytes of a path (its size checked before it is read) or of bytes, refused when over the limit."""
    if isinstance(source, bytes | bytearray):
        check_size(len(source), limits)
        return bytes(source)
    path = Path(source)
    check_size(path.stat().st_size, limits)
    with path.open("rb") as handle:
        data = handle.read(limits.max_bytes + 1)
    check_size(len(data), limits)  # the file may have grown since stat
    return data


def sniffed(data: bytes) -> Label | None:
    """What a file's first bytes say it is, when it is a well-known non-text format (PNG, PDF, old .xls, …)."""
    for magic, (id_, en) in MAGIC:
        if data.startswith(magic):
            return Label(id_, en)
    return None


# Zip -----------------------------------------------------------------------------------------------------------

# the compression methods Python's zipfile inflates (stored, deflate, bzip2, LZMA)
INFLATABLE = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA})


def open_zip(data: bytes, limits: Limits, *, xlsx: bool = False) -> zipfile.ZipFile:
    """Open a zip and check its central directory before any member is inflated: number of members, total
    unpacked size (sum of the declared sizes; :func:`read_member` enforces them while inflating) and, for every
    member above :data:`RATIO_GRACE_BYTES`, the ratio unpacked / packed ≤ ``limits.max_ratio``."""
    bad = "not_xlsx" if xlsx else "not_zip"
    if not data.startswith(b"PK"):
        raise UploadError(bad, detail=sniffed(data) or _detail("not_zip"))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise UploadError(bad, detail=_detail("damaged_zip")) from exc
    if len(members) > limits.max_members:
        raise UploadError("zip_members", count=len(members), max=limits.max_members)
    total = sum(m.file_size for m in members)
    if total > limits.max_unpacked:
        raise UploadError("zip_unpacked", size=Size(total), limit=Size(limits.max_unpacked))
    for member in members:
        if member.flag_bits & 0x1:
            raise UploadError("zip_encrypted")
        if member.compress_type not in INFLATABLE:
            raise UploadError("zip_method", member=quote(member.filename), method=member.compress_type)
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_GRACE_BYTES and ratio > limits.max_ratio:
            raise UploadError(
                "zip_ratio",
                member=quote(member.filename),
                ratio=float(ratio),
                packed=Size(member.compress_size),
                size=Size(member.file_size),
                max=float(limits.max_ratio),
            )
    return archive


# What zipfile raises while inflating a member of a damaged archive: a bad CRC or header (BadZipFile), a corrupt
# deflate stream (zlib.error), a truncated member (EOFError, OSError), and a password-protected member whose flag
# lied (RuntimeError). Each is a file the user must re-save, not a server error. Methods zipfile cannot inflate
# (Deflate64, Implode, ...) never get here: open_zip refuses them by name from the central directory.
DAMAGED_MEMBER = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError)


def _chunks(archive: zipfile.ZipFile, name: str, xlsx: bool) -> Iterable[bytes]:
    """A member's bytes in chunks; a damaged member is a rejected file. zipfile stops at the declared size."""
    try:
        with archive.open(name) as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
    except DAMAGED_MEMBER as exc:
        raise UploadError("not_xlsx" if xlsx else "not_zip", detail=_detail("damaged_zip")) from exc


def read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes (its size was checked by :func:`open_zip`)."""
    return b"".join(_chunks(archive, name, False))


# XLSX ----------------------------------------------------------------------------------------------------------


def check_xlsx(source: str | Path | bytes, limits: Limits) -> bytes:
    """Check a workbook without trusting anything it declares, and return its bytes for the real reader.

    Refused: over ``max_bytes``; not a zip (with what it is instead, e.g. a PNG); a truncated or damaged zip; a zip
    bomb (see :func:`open_zip`); no ``xl/workbook.xml``; XML with a DTD; in any worksheet, a row position above
    ``max_rows`` or a column above ``max_columns`` (counted as the rows stream by, stopping at the first one over);
    a cell text (value, inline or shared string, formula) longer than ``max_cell_chars``, quoted to 100 characters.
    """
    data = read_bytes(source, limits)
    archive = open_zip(data, limits, xlsx=True)
    with archive:
        names = set(archive.namelist())
        if not all(name in names for name in XLSX_REQUIRED):
            raise UploadError("not_xlsx", detail=_detail("no_workbook"))
        sheets = _sheet_names(archive)
        long_strings: dict[int, str] = {}
        for name in sorted(names):
            if name.lower().endswith("sharedstrings.xml"):
                _scan(archive, name, "berkas teks bersama", _SharedStrings(limits, long_strings))
        for name in sorted(names):
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                where = sheets.get(name, name)
                _scan(archive, name, where, _Sheet(limits, where, long_strings))
        if long_strings:  # a long shared string that no cell uses still has no business in the file
            index, prefix = next(iter(long_strings.items()))
            raise UploadError(
                "cell_too_long",
                where=Label(f"Teks bersama ke-{index + 1}", f"Shared string {index + 1}"),
                max=limits.max_cell_chars,
                value=quote(prefix),
            )
    return data


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → "Lembar «name»", from workbook.xml and its relationships (both small; read capped)."""
    try:
        book = b"".join(_chunks(archive, "xl/workbook.xml", True))[: 4 * MB].decode("utf-8", "replace")
        rels = b"".join(_chunks(archive, "xl/_rels/workbook.xml.rels", True))[: 4 * MB].decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {
        m.group("id"): m.group("target").lstrip("/")
        for m in re.finditer(r'<Relationship\b(?=[^>]*\bId="(?P<id>[^"]+)")(?=[^>]*\bTarget="(?P<target>[^"]+)")', rels)
    }
    names: dict[str, str] = {}
    for m in re.finditer(r'<(?:\w+:)?sheet\b(?=[^>]*\bname="(?P<name>[^"]*)")(?=[^>]*:id="(?P<id>[^"]+)")', book):
        target = targets.get(m.group("id"), "")
        part = target if target.startswith("xl/") else f"xl/{target}"
        names[part] = f"Lembar «{quote(m.group('name'), 40)}»"
    return names


class _StopError(Exception):
    """Raised inside an expat handler to stop the parse at the first problem."""

    def __init__(self, rejected: UploadError) -> None:
        self.rejected = rejected


def _scan(archive: zipfile.ZipFile, name: str, where: str, handler: _Sheet | _SharedStrings) -> None:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.text

    def refuse_dtd(*_args: Any) -> None:
        raise _StopError(UploadError("xml_doctype", where=where))

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    try:
        for chunk in _chunks(archive, name, True):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _StopError as stop:
        raise stop.rejected from None
    except expat.ExpatError as exc:
        raise UploadError("not_xlsx", detail=_detail("bad_xml", where=where, line=exc.lineno)) from None


def _local(name: str) -> str:
    return name.rpartition(":")[2]


_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def column_letter(index: int) -> str:
    """1 → A, 27 → AA (Excel's column names)."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_index(letters: str) -> int:
    index = 0
    for ch in letters.upper():
        index = index * 26 + ord(ch) - 64
    return index


class _Text:
    """Length and first characters of the text inside the current element group, counted chunk by chunk."""

    def __init__(self) -> None:
        self.length = 0
        self.prefix = ""
        self.on = False

    def reset(self) -> None:
        self.length, self.prefix, self.on = 0, "", False

    def add(self, data: str) -> None:
        if self.on:
            self.length += len(data)
            if len(self.prefix) < 4 * QUOTE_CHARS:
                self.prefix += data[: 4 * QUOTE_CHARS - len(self.prefix)]


class _SharedStrings:
    """Counts each ``<si>``'s text; long ones are remembered by index so the sheet scan can name their cell."""

    def __init__(self, limits: Limits, long_strings: dict[int, str]) -> None:
        self.limits = limits
        self.long = long_strings
        self.index = -1
        self.current = _Text()

    def start(self, name: str, _attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "si":
            self.index += 1
            self.current.reset()
        elif tag == "t":
            self.current.on = True

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag == "t":
            self.current.on = False
        elif tag == "si" and self.current.length > self.limits.max_cell_chars and len(self.long) < 1000:
            self.long[self.index] = self.current.prefix

    def text(self, data: str) -> None:
        self.current.add(data)


class _Sheet:
    """Counts the rows and cells of one worksheet as they stream by and stops at the first one over a cap."""

    def __init__(self, limits: Limits, where: str, long_strings: dict[int, str]) -> None:
        self.limits = limits
        self.where = where
        self.long = long_strings
        self.row = 0
        self.rows = 0
        self.column = 0
        self.type = ""
        self.in_cell = False
        self.current = _Text()

    def _here(self) -> Label:
        ref = f"{column_letter(self.column)}{self.row}"
        return Label(f"{self.where} sel {ref}", f"{self.where.replace('Lembar', 'Sheet')} cell {ref}")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "row":
            r = attrs.get("r", "")
            self.row = int(r) if r.isdigit() else self.row + 1
            self.rows += 1
            self.column = 0
            if self.row > self.limits.max_rows or self.rows > self.limits.max_rows:
                where = Label(self.where, self.where.replace("Lembar", "Sheet"))
                raise _StopError(UploadError("too_many_rows", where=where, max=self.limits.max_rows, row=self.row))
        elif tag == "c":
            match = _CELL_REF.match(attrs.get("r", ""))
            if match:
                self.column = _column_index(match.group(1))
                row = int(match.group(2))
                if row > self.limits.max_rows:
                    where = Label(self.where, self.where.replace("Lembar", "Sheet"))
                    raise _StopError(UploadError("too_many_rows", where=where, max=self.limits.max_rows, row=row))
            else:
                self.column += 1
            if self.column > self.limits.max_columns:
                where = Label(self.where, self.where.replace("Lembar", "Sheet"))
                raise _StopError(
                    UploadError(
                        "too_many_columns", where=where, column=column_letter(self.column), max=self.limits.max_columns
                    )
                )
            self.type = attrs.get("t", "")
            self.in_cell = True
            self.current.reset()
        elif self.in_cell and tag in ("v", "t", "f"):
            self.current.on = True

    def end(self, name: str) -> None:
        tag = _local(name)
        if tag in ("v", "t", "f"):
            self.current.on = False
        elif tag == "c":
            self.in_cell = False
            if self.type == "s" and self.long and self.current.prefix.strip().isdigit():
                prefix = self.long.get(int(self.current.prefix.strip()))
                if prefix is not None:
                    raise _StopError(
                        UploadError(
                            "cell_too_long",
                            where=self._here(),
                            max=self.limits.max_cell_chars,
                            value=quote(prefix),
                        )
                    )

    def text(self, data: str) -> None:
        if not self.current.on:
            return
        self.current.add(data)
        if self.current.length > self.limits.max_cell_chars:
            # Stop while the text streams: a 200 MB cell is never held whole.
            raise _StopError(
                UploadError(
                    "cell_too_long",
                    where=self._here(),
                    max=self.limits.max_cell_chars,
                    value=quote(self.current.prefix),
                )
            )


# Evidence ------------------------------------------------------------------------------------------------------

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Evidence files accepted by their first bytes (never by the name or the browser's claimed type).
EVIDENCE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def check_evidence(data: bytes, name: str, limits: Limits) -> str:
    """Check an evidence file (a realisation's photo, report or table) and return its content type.

    Refused: over ``limits.max_bytes`` or empty; anything that is not, by its first bytes, a PDF, a JPEG, a PNG, or a
    zip holding an XLSX workbook (``xl/workbook.xml``) or a DOCX document (``word/document.xml``) — the zip checked
    like any archive (members, unpacked size, compression ratio) before its names are trusted.
    """
    check_size(len(data), limits)
    for magic, content_type in EVIDENCE_MAGIC:
        if data.startswith(magic):
            return content_type
    if data.startswith(b"PK"):
        try:
            archive = open_zip(data, limits)
        except UploadError as exc:
            raise UploadError(
                "not_evidence",
                name=quote(name, 60),
                detail=exc.params.get("detail") or Label(exc.message_id.rstrip("."), exc.message_en.rstrip(".")),
            ) from None
        with archive:
            names = set(archive.namelist())
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX_TYPE
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX_TYPE
        raise UploadError("not_evidence", name=quote(name, 60), detail=_detail("other_zip"))
    raise UploadError("not_evidence", name=quote(name, 60), detail=sniffed(data) or _detail("unknown_type"))


# CSV -----------------------------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 text with or without BOM; a binary file or another encoding is refused with where it failed."""
    head = sniffed(data)
    if head is not None:
        raise UploadError("not_text", detail=head)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError("not_utf8", position=exc.start + 1) from None
    if "\x00" in text:
        raise UploadError("not_text", detail=_detail("nul_byte"))
    return text


def separator(header_line: str) -> str:
    """The separator the header line uses most among ``,``, ``;`` and tab (``,`` on a tie)."""
    return max((",", ";", "\t"), key=header_line.count)


def read_csv_rows(source: str | Path | bytes, limits: Limits, *, delimiter: str | None = None) -> list[list[str]]:
    """Every row of a CSV file as lists of strings (blank lines kept as ``[]`` so positions stay line numbers).

    Refused: over ``max_bytes``; binary or not UTF-8; more than ``max_rows`` rows (counted while reading, so the
    reader stops there); more than ``max_columns`` cells in a row; a cell longer than ``max_cell_chars``; broken
    quoting. ``delimiter`` defaults to :func:`separator` of the first non-blank line.
    """
    text = decode_text(read_bytes(source, limits))
    if delimiter is None:
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = separator(first)
    # csv's own field limit (131,072 by default) must not fire before our cap, which quotes the cell. The whole text
    # is in memory already (within max_bytes), so no field can be longer; the limit is process-wide: only raise it.
    if csv.field_size_limit() <= limits.max_bytes:
        csv.field_size_limit(limits.max_bytes + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            if len(rows) >= limits.max_rows:
                where = Label("Berkas", "The file")
                raise UploadError("too_many_rows", where=where, max=limits.max_rows, row=reader.line_num)
            if len(row) > limits.max_columns:
                where = Label(f"Baris {reader.line_num}", f"Line {reader.line_num}")
                raise UploadError("too_many_columns", where=where, column=len(row), max=limits.max_columns)
            for number, cell in enumerate(row, start=1):
                if len(cell) > limits.max_cell_chars:
                    where = Label(f"Baris {reader.line_num} kolom {number}", f"Line {reader.line_num} column {number}")
                    raise UploadError("cell_too_long", where=where, max=limits.max_cell_chars, value=quote(cell))
            rows.append(row)
    except csv.Error as exc:
        raise UploadError("csv_syntax", line=reader.line_num, detail=quote(exc)) from None
    return rows


# JSON ----------------------------------------------------------------------------------------------------------

# A JSON string (with escapes) or a bracket; strings are skipped whole so brackets inside them do not count.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def json_depth(text: str, limit: int) -> int:
    """The deepest nesting of ``[`` and ``{`` in ``text``, found without recursion, stopping once it passes
    ``limit`` (then the return value is ``limit + 1``)."""
    depth = deepest = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        elif token in "]}":
            depth -= 1
    return deepest


def load_json(source: str | Path | bytes, limits: Limits) -> Any:
    """Parse a JSON file after checking its size and its nesting depth (≤ ``max_depth``)."""
    data = read_bytes(source, limits)
    head = sniffed(data)
    if head is not None:
        raise UploadError("not_json", detail=head)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError("not_utf8", position=exc.start + 1) from None
    if json_depth(text, limits.max_depth) > limits.max_depth:
        raise UploadError("json_too_deep", max=limits.max_depth)
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise UploadError("not_json", detail=quote(exc)) from None
