"""The analyst enters a programme's realisation of a year and submits it; the admin accepts it or returns it with a
note; a change after acceptance sends it back to draft; a form opened before someone else's save is refused."""

from __future__ import annotations

from petakan.monitoring.models import MeasureRealisation, Realisation
from tests.monitoring.conftest import form_data, measures


def url(programme, tail: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/pemantauan/program/{programme.pk}/2025/{tail}"


def test_the_form_prefills_each_indicator_with_the_years_target(login, programme) -> None:  # type: ignore[no-untyped-def]
    html = login("analyst").get(url(programme, "isi/")).content.decode()
    numeric, qualitative = measures(programme)
    assert f'name="target_{numeric.pk}" value="20"' in html  # targets["2025"]
    assert f'name="target_{qualitative.pk}" value="WTP"' in html
    assert "rencana 200.000.000" in html  # the APBD line of 2025 beside its field


def test_the_analyst_saves_and_submits_then_the_admin_accepts(login, programme, cast) -> None:  # type: ignore[no-untyped-def]
    numeric, qualitative = measures(programme)
    data = form_data(
        programme,
        spend_apbd="150.000.000",
        **{f"value_{numeric.pk}": "22", f"value_{qualitative.pk}": "WDP"},
        evidence_text="Laporan triwulan IV",
        submit="1",
    )
    response = login("analyst").post(url(programme, "isi/"), data)
    assert response.status_code == 302
    r = Realisation.objects.get(programme=programme, year=2025)
    assert (r.status, r.review, r.entered_by) == ("running", "submitted", cast["analyst"])
    assert [(s.source, s.amount) for s in r.spending.all()] == [("apbd", 150_000_000)]
    values = {m.measure_id: (m.target, m.value) for m in MeasureRealisation.objects.filter(realisation=r)}
    assert values == {numeric.pk: ("20", "22"), qualitative.pk: ("WTP", "WDP")}

    page = login("admin").get(url(programme)).content.decode()
    assert "✓ tercapai" in page and "✗ di bawah target" in page  # 22 ≥ 20; WDP is not WTP
    assert login("admin").post(url(programme, "tinjau/"), {"action": "accept", "note": ""}).status_code == 302
    r.refresh_from_db()
    assert (r.review, r.reviewed_by) == ("accepted", cast["admin"])


def test_returning_needs_a_note_which_the_analyst_then_reads(login, programme) -> None:  # type: ignore[no-untyped-def]
    Realisation.objects.create(programme=programme, year=2025, review="submitted")
    admin = login("admin")
    admin.post(url(programme, "tinjau/"), {"action": "return", "note": " "})
    assert Realisation.objects.get().review == "submitted"
    admin.post(url(programme, "tinjau/"), {"action": "return", "note": "Lampirkan foto kegiatan."})
    assert Realisation.objects.get().review == "returned"
    assert "Lampirkan foto kegiatan." in login("analyst").get(url(programme)).content.decode()


def test_an_edit_after_acceptance_goes_back_to_draft(login, programme) -> None:  # type: ignore[no-untyped-def]
    r = Realisation.objects.create(programme=programme, year=2025, review="accepted", version=3)
    response = login("analyst").post(
        url(programme, "isi/"), form_data(programme, version=3, status="done"), follow=True
    )
    r.refresh_from_db()
    assert (r.status, r.review, r.version) == ("done", "draft", 4)
    assert "kembali menjadi draf" in response.content.decode()


def test_a_form_opened_before_someone_elses_save_is_refused_and_nothing_changes(login, programme) -> None:  # type: ignore[no-untyped-def]
    Realisation.objects.create(programme=programme, year=2025, status="running", version=2)
    response = login("analyst").post(url(programme, "isi/"), form_data(programme, version=1, status="stopped"))
    assert response.status_code == 200
    assert "sudah diubah orang lain" in response.content.decode()
    assert Realisation.objects.get().status == "running"


def test_a_spend_that_is_not_rupiah_names_the_source(login, programme) -> None:  # type: ignore[no-untyped-def]
    response = login("analyst").post(url(programme, "isi/"), form_data(programme, spend_csr="lima juta"))
    assert "Realisasi anggaran CSR: «lima juta» bukan jumlah rupiah" in response.content.decode()
    assert not Realisation.objects.exists()
