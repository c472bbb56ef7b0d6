"""An evidence file uploaded by mistake can be removed by those who enter realisations: after a confirmation page,
written to the plan history with the file's name; an accepted realisation goes back to draft; the council and the
villages are refused, and a file of another programme is not found through this programme's address."""

from __future__ import annotations

from petakan.monitoring.models import Evidence, Realisation
from tests.monitoring.conftest import make_programme

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence(realisation: Realisation, name: str) -> Evidence:
    return Evidence.objects.create(
        realisation=realisation, name=name, content_type="application/pdf", size=len(PDF), data=PDF
    )


def url(programme, e: Evidence, year: int = 2025) -> str:  # type: ignore[no-untyped-def]
    return f"/pemantauan/program/{programme.pk}/{year}/bukti/{e.pk}/hapus/"


def test_the_analyst_removes_a_file_and_the_history_names_it(login, programme) -> None:  # type: ignore[no-untyped-def]
    r = Realisation.objects.create(programme=programme, year=2025, version=2)
    wrong, kept = evidence(r, "salah-unggah.pdf"), evidence(r, "laporan.pdf")
    analyst = login("analyst")
    page = analyst.get(f"/pemantauan/program/{programme.pk}/2025/").content.decode()
    assert url(programme, wrong) in page
    assert url(programme, wrong) in analyst.get(f"/pemantauan/program/{programme.pk}/2025/isi/").content.decode()
    confirm = analyst.get(url(programme, wrong))
    assert "salah-unggah.pdf" in confirm.content.decode() and 'id="confirm-action"' in confirm.content.decode()
    assert Evidence.objects.filter(pk=wrong.pk).exists()  # asking is not removing
    response = analyst.post(url(programme, wrong), follow=True)
    assert list(Evidence.objects.values_list("pk", flat=True)) == [kept.pk]
    r.refresh_from_db()
    assert r.version == 3
    history = response.content.decode().split('id="history"')[1]
    assert "Berkas bukti dihapus" in history and "salah-unggah.pdf" in history


def test_removing_from_an_accepted_realisation_sends_it_back_to_draft(login, programme) -> None:  # type: ignore[no-untyped-def]
    r = Realisation.objects.create(programme=programme, year=2025, review="accepted")
    e = evidence(r, "foto.pdf")
    response = login("analyst").post(url(programme, e), follow=True)
    r.refresh_from_db()
    assert r.review == "draft" and not Evidence.objects.exists()
    assert "kembali menjadi draf" in response.content.decode()


def test_the_council_and_a_village_are_refused(login, programme) -> None:  # type: ignore[no-untyped-def]
    r = Realisation.objects.create(programme=programme, year=2025)
    e = evidence(r, "laporan.pdf")
    for role in ("council", "village"):
        client = login(role)
        assert client.get(url(programme, e)).status_code == 403
        assert client.post(url(programme, e)).status_code == 403
    assert Evidence.objects.filter(pk=e.pk).exists()
    assert url(programme, e) not in login("council").get(f"/pemantauan/program/{programme.pk}/2025/").content.decode()


def test_a_file_of_another_programme_is_not_found(login, programme, period) -> None:  # type: ignore[no-untyped-def]
    other = make_programme(period, name="Pasar Digital", start_year=2024, end_year=2026)
    e = evidence(Realisation.objects.create(programme=other, year=2025), "milik-lain.pdf")
    Realisation.objects.create(programme=programme, year=2025)
    analyst = login("analyst")
    assert analyst.post(url(programme, e)).status_code == 404
    assert analyst.post(url(programme, e, year=2024)).status_code == 404
    assert Evidence.objects.filter(pk=e.pk).exists()
