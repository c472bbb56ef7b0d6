"""Evidence files pass the one upload guard: PDF, JPEG, PNG, XLSX and DOCX by their first bytes (whatever their
name), anything else refused with a sentence saying what it is, and the size limit of the "evidence" kind."""

from __future__ import annotations

import io
import zipfile

import pytest

from petakan.lib.uploads import DOCX_TYPE, XLSX_TYPE, Limits, UploadError, check_evidence

LIMITS = Limits(kind="evidence", max_bytes=64 * 1024)


def zipped(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (zipped("[Content_Types].xml", "xl/workbook.xml"), XLSX_TYPE),
        (zipped("[Content_Types].xml", "word/document.xml"), DOCX_TYPE),
    ],
)
def test_it_accepts_the_five_kinds_by_their_content(data: bytes, content_type: str) -> None:
    assert check_evidence(data, "foto.bin", LIMITS) == content_type


def test_a_renamed_program_is_refused_with_a_sentence() -> None:
    with pytest.raises(UploadError) as refused:
        check_evidence(b"MZ\x90\x00 windows program", "laporan.pdf", LIMITS)
    assert str(refused.value) == (
        "Berkas «laporan.pdf» tidak diterima sebagai bukti: jenisnya tidak dikenali dari isinya. "
        "Kirim PDF, foto JPEG atau PNG, XLSX atau DOCX."
    )
    assert "is not accepted as evidence" in refused.value.message_en


def test_a_gif_or_an_old_xls_says_what_it_is() -> None:
    with pytest.raises(UploadError, match="isinya gambar GIF"):
        check_evidence(b"GIF89a....", "foto.gif", LIMITS)
    with pytest.raises(UploadError, match=r"Excel lama \(.xls\)"):
        check_evidence(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "tabel.xls", LIMITS)


def test_a_zip_that_is_no_office_document_is_refused() -> None:
    with pytest.raises(UploadError, match="arsip ZIP yang bukan XLSX atau DOCX"):
        check_evidence(zipped("virus.exe"), "bukti.docx", LIMITS)


def test_a_damaged_zip_is_refused_as_evidence() -> None:
    with pytest.raises(UploadError, match="tidak diterima sebagai bukti: arsip ZIP terpotong atau rusak"):
        check_evidence(b"PK\x03\x04 truncated", "bukti.xlsx", LIMITS)


def test_a_file_over_the_evidence_limit_is_refused_before_its_type_is_checked() -> None:
    with pytest.raises(UploadError, match="melebihi batas 64 KB untuk berkas bukti realisasi"):
        check_evidence(b"%PDF-" + b"x" * 70_000, "besar.pdf", LIMITS)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(UploadError, match="Berkas kosong"):
        check_evidence(b"", "kosong.pdf", LIMITS)
