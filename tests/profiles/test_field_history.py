"""Every saved value leaves a history row — who, when, old → new, and how — and the page shows each step."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.test import Client

from petakan.profiles import services
from petakan.profiles.models import FieldChange, Profile
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

URL = f"/profil/{KENDAL_VILLAGE}/{YEAR}"


def test_saving_a_section_records_only_the_fields_that_changed(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], cast: dict[str, Any]
) -> None:
    p = make_profile(values={"pop_male": 1000, "pop_female": 1010, "households": 600})
    login(client, "village")
    response = client.post(
        f"{URL}/ubah/population/", {"version": 1, "pop_male": "1.050", "pop_female": "1010", "households": "600"}
    )
    assert response.status_code == 302
    rows = list(
        FieldChange.objects.filter(profile=p).values_list("field", "old", "new", "by__username", "via", "version")
    )
    assert rows == [("pop_male", 1000, 1050, "eka-village", "form", 2)]
    p.refresh_from_db()
    assert p.values["pop_male"] == 1050 and p.changed_by == cast["village"] and p.version == 2


def test_clearing_a_value_removes_it_and_records_old_to_empty(
    make_profile: Callable[..., Profile], cast: dict[str, Any]
) -> None:
    p = make_profile(values={"pop_male": 1000, "unemployed": 40})
    services.save_section(
        p.area, YEAR, "population", {"pop_male": "1000", "unemployed": ""}, user=cast["village"], version=1
    )
    p.refresh_from_db()
    assert "unemployed" not in p.values
    assert list(FieldChange.objects.values_list("field", "old", "new")) == [("unemployed", 40, None)]


def test_a_save_without_changes_writes_nothing(make_profile: Callable[..., Profile], cast: dict[str, Any]) -> None:
    p = make_profile(values={"pop_male": 1000})
    result = services.save_section(p.area, YEAR, "population", {"pop_male": "1000"}, user=cast["village"], version=1)
    assert result.changes == []
    p.refresh_from_db()
    assert p.version == 1 and not FieldChange.objects.exists()


def test_the_page_history_shows_saves_with_old_and_new_values_and_each_workflow_step(
    client: Client,
    login: Callable[..., Client],
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
    cast: dict[str, Any],
) -> None:
    values = dict(complete_values, pop_male=1000)
    p = make_profile(values=values)
    services.save_section(
        p.area,
        YEAR,
        "population",
        {**{k: str(v) for k, v in values.items()}, "pop_male": "1200"},
        user=cast["village"],
        version=1,
    )
    p = services.transition(Profile.objects.get(pk=p.pk), "submit", user=cast["village"], version=2)
    p = services.transition(p, "return", user=cast["district"], version=3, comment="Data sekolah kurang.")
    login(client, "district")
    text = client.get(f"{URL}/").content.decode()
    history = text[text.index('id="history"') :]
    assert "Penduduk laki-laki: 1.000 jiwa → <strong>1.200 jiwa</strong>" in history
    # sentences: who (by role and area, not by account id) did what, when
    returned = re.search(
        r"<strong>Kecamatan Plantungan</strong> <span class=\"step\">mengembalikan profil untuk diperbaiki</span> — "
        r"<time[^>]*>[^<]+</time>: "
        r"“Data sekolah kurang.”",
        history,
    )
    assert returned is not None, history[:2000]
    assert '<strong>Desa Blumah</strong> <span class="step">mengajukan profil untuk diverifikasi' in history
    assert "<strong>Desa Blumah</strong> mengubah 1 isian lewat formulir" in history
    assert "eka-village" not in history and "dedi-district" not in history
    # newest first
    assert history.index("mengembalikan") < history.index("mengajukan") < history.index("mengubah 1 isian")
