"""Progress views: behind-schedule programmes with their reasons, a sasaran's indicators target vs realised (entered
on its page), the DATA CONTOH badge on demo numbers, and the links from the role homes."""

from __future__ import annotations

from petakan.monitoring.models import IndicatorRealisation, Realisation
from petakan.planning.models import ChangeLog, Indicator


def test_a_programme_not_started_in_its_year_is_behind_with_the_reason(login, programme) -> None:  # type: ignore[no-untyped-def]
    html = login("council").get("/pemantauan/tertinggal/?tahun=2025").content.decode()
    assert "Layanan Desa Daring" in html
    assert "belum dimulai (atau realisasi belum diisi)" in html
    Realisation.objects.create(programme=programme, year=2025, status="running")
    html = login("council").get("/pemantauan/tertinggal/?tahun=2025").content.decode()
    assert "belum dimulai (atau" not in html.split("</details>")[-1]
    assert "Serapan anggaran di bawah separuh" in html  # nothing spent of a year that is over


def test_the_sasaran_page_takes_and_compares_indicator_values(login, programme) -> None:  # type: ignore[no-untyped-def]
    sasaran = programme.period.misi.first().tujuan.first().sasaran.first()
    programme.sasaran.add(sasaran)
    ind = Indicator.objects.create(sasaran=sasaran, name="Indeks kepuasan", baseline="70", targets={"2025": "75,5"})
    analyst = login("analyst")
    analyst.post(f"/pemantauan/sasaran/{sasaran.pk}/", {f"ir_{ind.pk}_2025": "76", f"ir_{ind.pk}_2024": ""})
    assert IndicatorRealisation.objects.get().value == "76"
    assert ChangeLog.objects.filter(object_type="indicator", object_id=ind.pk).exists()
    html = login("council").get(f"/pemantauan/sasaran/{sasaran.pk}/").content.decode()
    assert "target 75,5" in html and "<strong>76</strong>" in html and "✓ tercapai" in html
    assert "Layanan Desa Daring" in html  # the programme serving the sasaran
    cascade = login("council").get("/rencana/rpjmd/").content.decode()
    assert f'href="/pemantauan/sasaran/{sasaran.pk}/"' in cascade
    programme_page = login("council").get(f"/pemantauan/program/{programme.pk}/").content.decode()
    assert f'href="/pemantauan/sasaran/{sasaran.pk}/"' in programme_page
    assert login("council").post(f"/pemantauan/sasaran/{sasaran.pk}/", {f"ir_{ind.pk}_2025": "1"}).status_code == 403
    assert IndicatorRealisation.objects.get().value == "76"


def test_demo_realisations_carry_the_badge(login, programme) -> None:  # type: ignore[no-untyped-def]
    Realisation.objects.create(programme=programme, year=2025, status="running", is_demo=True)
    assert "DATA CONTOH" in login("council").get(f"/pemantauan/program/{programme.pk}/").content.decode()
    assert "DATA CONTOH" in login("council").get("/pemantauan/?tahun=2025").content.decode()


def test_the_role_homes_link_to_their_monitoring_work(login, programme) -> None:  # type: ignore[no-untyped-def]
    analyst_home = login("analyst").get("/beranda/").content.decode()
    assert 'id="realisations-to-enter"' in analyst_home and "Layanan Desa Daring" in analyst_home
    Realisation.objects.create(programme=programme, year=2026, review="submitted")
    admin_home = login("admin").get("/beranda/").content.decode()
    assert f'href="/pemantauan/program/{programme.pk}/2026/"' in admin_home
    council_home = login("council").get("/beranda/").content.decode()
    assert 'id="monitoring-summary-link"' in council_home and 'id="menu-monitoring"' in council_home
    assert 'id="menu-monitoring"' not in login("village").get("/beranda/").content.decode()


def test_the_summary_costs_the_same_queries_for_one_programme_as_for_ten(  # type: ignore[no-untyped-def]
    login, programme, django_assert_max_num_queries
) -> None:
    from tests.planning.conftest import make_programme

    client = login("council")
    client.get("/pemantauan/")  # the session and the user are loaded once
    for i in range(10):
        p = make_programme(programme.period, name=f"Program {i}", start_year=2024, end_year=2026)
        Realisation.objects.create(programme=p, year=2026, status="running")
    # session, user, period, programmes and their budget lines, indicators, realisations, spending, values, sasaran
    with django_assert_max_num_queries(14):
        assert client.get("/pemantauan/").status_code == 200
