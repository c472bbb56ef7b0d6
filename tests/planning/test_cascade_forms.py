"""Entering the cascade by form: codes unique within the period, yearly targets and budgets per year of the period."""

from __future__ import annotations

from petakan.planning.models import ChangeLog, Indicator, Misi, Period, RpjmdProgram, Sasaran, Tujuan


def test_a_tujuan_code_must_be_unique_within_the_period(period, login) -> None:  # type: ignore[no-untyped-def]
    misi = Misi.objects.get()
    response = login("analyst").post(
        f"/rencana/butir/tujuan/baru/?periode={period.pk}", {"misi": misi.pk, "code": "1.1", "text": "Lagi"}
    )
    assert response.status_code == 200 and "sudah dipakai" in response.content.decode()
    assert Tujuan.objects.count() == 1


def test_a_sasaran_form_offers_only_the_period_tujuan(period, login) -> None:  # type: ignore[no-untyped-def]
    other = Period.objects.create(name="Lain", start_year=2016, end_year=2021)
    foreign = Tujuan.objects.create(misi=Misi.objects.create(period=other, code="9", text="x"), code="9.1", text="y")
    response = login("analyst").post(
        f"/rencana/butir/sasaran/baru/?periode={period.pk}", {"tujuan": foreign.pk, "code": "9.1.1", "text": "z"}
    )
    assert response.status_code == 200 and not Sasaran.objects.filter(code="9.1.1").exists()


def test_an_indicator_keeps_a_target_for_each_year_of_the_period(period, login) -> None:  # type: ignore[no-untyped-def]
    sasaran = Sasaran.objects.get(code="1.1.2")
    data = {
        "owner": f"sasaran:{sasaran.pk}",
        "name": "Tingkat kemiskinan",
        "unit": "%",
        "baseline": "9,99",
        "baseline_year": "2020",
        "target_2024": "9,5",
        "target_2025": "9,0",
        "target_2026": "",
        "end_target": "8,5",
        "data_source": "BPS",
        "note": "",
    }
    response = login("analyst").post(f"/rencana/butir/indikator/baru/?periode={period.pk}", data)
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert indicator.sasaran == sasaran and indicator.level == "sasaran"
    assert indicator.targets == {"2024": "9,5", "2025": "9,0"}
    page = login("anonymous").get("/rencana/rpjmd/").content.decode()
    assert "Tingkat kemiskinan" in page and "9,5" in page


def test_an_rpjmd_program_keeps_its_budget_per_year_and_refuses_a_foreign_strategy(period, login) -> None:  # type: ignore[no-untyped-def]
    from petakan.planning.models import Strategy

    s1, s2 = Sasaran.objects.get(code="1.1.1"), Sasaran.objects.get(code="1.1.2")
    strategy = Strategy.objects.create(sasaran=s1, code="S1", text="Strategi")
    client = login("analyst")
    data = {
        "sasaran": s2.pk,
        "strategy": strategy.pk,
        "code": "P2",
        "nomenclature_code": "",
        "name": "Program dua",
        "opd": "Dinsos",
        "source": "",
        "budget_2024": "100",
        "budget_2025": "",
        "budget_2026": "300",
    }
    response = client.post(f"/rencana/butir/program-rpjmd/baru/?periode={period.pk}", data)
    assert response.status_code == 200 and "milik sasaran lain" in response.content.decode()
    data["sasaran"] = s1.pk
    assert client.post(f"/rencana/butir/program-rpjmd/baru/?periode={period.pk}", data).status_code == 302
    assert RpjmdProgram.objects.get(code="P2").budget == {"2024": 100, "2026": 300}


def test_editing_a_misi_is_in_the_history_with_before_and_after(period, login, cast) -> None:  # type: ignore[no-untyped-def]
    misi = Misi.objects.get()
    data = {"code": "1", "text": "Misi baru", "keywords": "", "source": ""}
    assert login("analyst").post(f"/rencana/butir/misi/{misi.pk}/ubah/", data).status_code == 302
    entry = ChangeLog.objects.get()
    assert (entry.user, entry.action, entry.object_type) == (cast["analyst"], "update", "misi")
    assert entry.changes == {"text": ["Misi uji", "Misi baru"]}
    assert "Misi baru" in login("council").get("/rencana/riwayat/").content.decode()


def test_deleting_a_sasaran_is_recorded(period, login) -> None:  # type: ignore[no-untyped-def]
    sasaran = Sasaran.objects.get(code="1.1.2")
    assert login("analyst").post(f"/rencana/butir/sasaran/{sasaran.pk}/hapus/").status_code == 302
    assert not Sasaran.objects.filter(pk=sasaran.pk).exists()
    assert ChangeLog.objects.get(action="delete").label.startswith("1.1.2")


def test_a_new_period_becomes_current_only_when_asked(period, login) -> None:  # type: ignore[no-untyped-def]
    data = {
        "name": "RPJMD 2027–2031",
        "start_year": "2027",
        "end_year": "2031",
        "vision": "",
        "legal_basis": "",
        "source": "",
    }
    assert login("analyst").post("/rencana/rpjmd/periode/baru/", data).status_code == 302
    assert Period.objects.get(is_current=True) == period
    data["name"], data["is_current"] = "RPJMD 2032–2036", "on"
    data["start_year"], data["end_year"] = "2032", "2036"
    login("analyst").post("/rencana/rpjmd/periode/baru/", data)
    assert Period.objects.get(is_current=True).name == "RPJMD 2032–2036"
