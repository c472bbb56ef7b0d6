"""Evidence files go through the one upload guard: accepted by content and kept in the database, served as a
download; a file of another kind is refused with a sentence, and nothing of that save is written."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from petakan.monitoring.models import Evidence, Realisation
from tests.monitoring.conftest import form_data

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_pdf_is_kept_and_served_as_a_download(login, programme) -> None:  # type: ignore[no-untyped-def]
    analyst = login("analyst")
    upload = SimpleUploadedFile("laporan.pdf", PDF, content_type="application/octet-stream")
    analyst.post(f"/pemantauan/program/{programme.pk}/2025/isi/", {**form_data(programme), "evidence_files": upload})
    e = Evidence.objects.get()
    assert (e.name, e.content_type, e.size) == ("laporan.pdf", "application/pdf", len(PDF))
    response = login("council").get(f"/pemantauan/bukti/{e.pk}/")
    assert response.content == PDF
    assert response["Content-Disposition"] == 'attachment; filename="laporan.pdf"'
    assert login("village").get(f"/pemantauan/bukti/{e.pk}/").status_code == 403


def test_a_program_renamed_pdf_is_refused_and_nothing_is_saved(login, programme) -> None:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile("foto.pdf", b"MZ\x90\x00 program", content_type="application/pdf")
    response = login("analyst").post(
        f"/pemantauan/program/{programme.pk}/2025/isi/",
        {**form_data(programme, status="done", spend_apbd="5"), "evidence_files": upload},
    )
    assert response.status_code == 200
    assert "Berkas «foto.pdf» tidak diterima sebagai bukti" in response.content.decode()
    assert not Realisation.objects.exists() and not Evidence.objects.exists()


def test_a_file_over_the_evidence_limit_is_refused(login, programme, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PETAKAN_UPLOAD_LIMITS = {**settings.PETAKAN_UPLOAD_LIMITS, "evidence": 1024}
    upload = SimpleUploadedFile("besar.png", b"\x89PNG\r\n\x1a\n" + b"0" * 2048)
    response = login("analyst").post(
        f"/pemantauan/program/{programme.pk}/2025/isi/", {**form_data(programme), "evidence_files": upload}
    )
    assert "melebihi batas 1 KB untuk berkas bukti realisasi" in response.content.decode()
    assert not Evidence.objects.exists()
