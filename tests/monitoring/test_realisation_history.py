"""Changes to a realisation are kept as sentences: on the realisation's page and on the programme's history."""

from __future__ import annotations

from tests.monitoring.conftest import form_data, measures


def test_entering_reviewing_and_changing_read_as_sentences(login, programme) -> None:  # type: ignore[no-untyped-def]
    analyst = login("analyst")
    numeric, _qualitative = measures(programme)
    analyst.post(
        f"/pemantauan/program/{programme.pk}/2025/isi/",
        form_data(programme, spend_apbd="1.000.000", submit="1", **{f"value_{numeric.pk}": "18"}),
    )
    login("admin").post(f"/pemantauan/program/{programme.pk}/2025/tinjau/", {"action": "accept"})

    page = analyst.get(f"/pemantauan/program/{programme.pk}/2025/").content.decode()
    assert "menambahkan realisasi program" in page
    assert "mengajukan untuk ditinjau realisasi program" in page
    assert "menerima realisasi program" in page
    assert "APBD: 1.000.000" in page  # the spend rows as a change
    assert "Desa dengan layanan daring: 18 (target 20)" in page

    plan_page = analyst.get(f"/rencana/program/{programme.pk}/").content.decode()
    assert "menerima realisasi program" in plan_page
    assert f'href="/pemantauan/program/{programme.pk}/"' in plan_page  # the programme page links to its realisation
