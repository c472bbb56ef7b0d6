"""The programme form checks what the rules rely on: targets, horizon length, elements, budget years, stale edits;
and an edit withdraws the council's approval."""

from __future__ import annotations

from django.utils import timezone

from petakan.planning.models import ChangeLog, Programme
from petakan.regions.models import Area
from tests.planning.conftest import make_programme
from tests.planning.test_role_matrix import programme_form


def errors_of(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, "expected the form back with errors"
    return response.content.decode()


def test_a_programme_needs_the_whole_regency_or_a_target_area(period, login) -> None:  # type: ignore[no-untyped-def]
    page = errors_of(login("analyst").post("/rencana/program/baru/", programme_form(period, whole_regency=None)))
    assert "paling tidak satu kecamatan atau desa" in page
    village = Area.objects.get(code="33.24.01.2001")
    both = programme_form(period, villages=[village.pk])
    assert "tidak memilih kecamatan atau desa" in errors_of(login("analyst").post("/rencana/program/baru/", both))
    assert not Programme.objects.exists()


def test_a_programme_for_villages_and_a_kecamatan_is_saved_with_them(period, login) -> None:  # type: ignore[no-untyped-def]
    village, district = Area.objects.get(code="33.24.02.2002"), Area.objects.get(code="33.24.01")
    data = programme_form(period, whole_regency=None, villages=[village.pk], districts=[district.pk])
    assert login("analyst").post("/rencana/program/baru/", data).status_code == 302
    p = Programme.objects.get()
    assert list(p.villages.all()) == [village] and list(p.districts.all()) == [district]


def test_a_quick_win_cannot_last_longer_than_a_year(period, login) -> None:  # type: ignore[no-untyped-def]
    data = programme_form(period, horizon="quick_win", end_year=period.start_year + 1)
    assert "paling lama 1 tahun" in errors_of(login("analyst").post("/rencana/program/baru/", data))


def test_at_least_one_element_belongs_to_the_dimension(period, login) -> None:  # type: ignore[no-untyped-def]
    data = programme_form(period, dimension="env", elements=["gov_service"])
    assert "dari dimensi program ini" in errors_of(login("analyst").post("/rencana/program/baru/", data))


def test_indicator_codes_are_refused_before_any_index_run(period, login) -> None:  # type: ignore[no-untyped-def]
    data = programme_form(period, indicators="puskesmas_access")
    assert "Belum ada perhitungan indeks" in errors_of(login("analyst").post("/rencana/program/baru/", data))


def test_indicator_codes_are_checked_against_the_current_run(period, login, make_run) -> None:  # type: ignore[no-untyped-def]
    make_run({"gov_service": 40.0})
    bad = programme_form(period, indicators="puskesmas_access, no_such_code")
    assert "no_such_code" in errors_of(login("analyst").post("/rencana/program/baru/", bad))
    good = programme_form(period, indicators="puskesmas_access")
    assert login("analyst").post("/rencana/program/baru/", good).status_code == 302
    assert Programme.objects.get().indicators == ["puskesmas_access"]


def test_a_budget_year_outside_the_programme_years_is_refused(period, login) -> None:  # type: ignore[no-untyped-def]
    data = programme_form(period, **{"anggaran-0-year": str(period.start_year + 2)})
    assert "Tahun anggaran harus di antara" in errors_of(login("analyst").post("/rencana/program/baru/", data))


def test_a_stale_form_does_not_overwrite_a_newer_save(period, login) -> None:  # type: ignore[no-untyped-def]
    p = make_programme(period, name="Lama")
    Programme.objects.filter(pk=p.pk).update(version=2, name="Sudah diubah orang lain")
    data = programme_form(period, name="Perubahan basi", version="1")
    assert "sudah diubah orang lain" in errors_of(login("analyst").post(f"/rencana/program/{p.pk}/ubah/", data))
    p.refresh_from_db()
    assert p.name == "Sudah diubah orang lain"


def test_editing_an_approved_programme_withdraws_the_approval(period, login, cast) -> None:  # type: ignore[no-untyped-def]
    p = make_programme(period, approved_at=timezone.now(), approved_by=cast["council"])
    data = programme_form(period, name="Diubah", version=str(p.version))
    assert login("analyst").post(f"/rencana/program/{p.pk}/ubah/", data).status_code == 302
    p.refresh_from_db()
    assert p.name == "Diubah" and p.approved_at is None and p.approved_by is None and p.version == 2
    change = ChangeLog.objects.get(action="update").changes
    assert change["name"] == ["Program uji", "Diubah"]
    assert change["approved_by"][1] is None


def test_a_new_programme_opened_from_a_gap_is_prefilled(period, login) -> None:  # type: ignore[no-untyped-def]
    sasaran = period.misi.get().tujuan.get().sasaran.get(code="1.1.2")
    page = (
        login("analyst")
        .get(f"/rencana/program/baru/?elemen=econ_welfare&desa=33.24.01.2001&sasaran={sasaran.pk}")
        .content.decode()
    )
    village = Area.objects.get(code="33.24.01.2001")
    assert is_checked(page, "elements", "econ_welfare")
    assert not is_checked(page, "elements", "gov_service")
    assert is_checked(page, "villages", village.pk)
    assert is_checked(page, "sasaran", sasaran.pk)


def is_checked(page: str, name: str, value: object) -> bool:
    tag = page.split(f'name="{name}" value="{value}"')[1].split(">")[0]
    return "checked" in tag


def test_a_new_programme_form_starts_with_no_indicator_codes(period, login) -> None:  # type: ignore[no-untyped-def]
    page = login("analyst").get("/rencana/program/baru/").content.decode()
    tag = page.split('name="indicators"')[1].split(">")[0]
    assert "[]" not in tag
