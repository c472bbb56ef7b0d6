"""A form loaded before someone else saved gives a conflict that lists what changed, and never overwrites."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from petakan.profiles import services
from petakan.profiles.models import FieldChange, Profile
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

URL = f"/profil/{KENDAL_VILLAGE}/{YEAR}/ubah/population/"


def test_a_stale_form_is_refused_with_the_fields_changed_in_between(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], cast: dict[str, Any]
) -> None:
    p = make_profile(values={"pop_male": 1000, "pop_female": 1010, "households": 600})
    login(client, "village")
    loaded_at = p.version
    # the admin saves the same section in between
    services.save_section(
        p.area,
        YEAR,
        "population",
        {"pop_male": "1100", "pop_female": "1010", "households": "650"},
        user=cast["admin"],
        version=loaded_at,
    )
    response = client.post(URL, {"version": loaded_at, "pop_male": "999", "pop_female": "1010", "households": "600"})
    text = response.content.decode()
    assert response.status_code == 409
    assert 'id="conflict"' in text
    assert "Penduduk laki-laki" in text and "Jumlah kepala keluarga (KK)" in text and "Admin (Kominfo)" in text
    # the form now carries the stored values and the new version, not the user's input
    assert 'value="1100"' in text and f'name="version" value="{loaded_at + 1}"' in text
    p.refresh_from_db()
    assert p.values == {"pop_male": 1100, "pop_female": 1010, "households": 650}
    assert FieldChange.objects.filter(by=cast["village"]).count() == 0


def test_the_service_lists_the_missed_changes_in_order(
    make_profile: Callable[..., Profile], cast: dict[str, Any]
) -> None:
    p = make_profile(values={"pop_male": 1000})
    services.save_section(p.area, YEAR, "population", {"pop_male": "1001"}, user=cast["admin"], version=1)
    services.save_section(
        p.area, YEAR, "population", {"pop_male": "1001", "households": "5"}, user=cast["admin"], version=2
    )
    with pytest.raises(services.ConflictError) as caught:
        services.save_section(p.area, YEAR, "population", {"pop_male": "7"}, user=cast["village"], version=1)
    assert caught.value.current_version == 3
    assert caught.value.fields == ["pop_male", "households"]
    p.refresh_from_db()
    assert p.values == {"pop_male": 1001, "households": 5}


def test_a_workflow_step_in_between_also_makes_the_form_stale(
    make_profile: Callable[..., Profile], complete_values: dict[str, Any], cast: dict[str, Any]
) -> None:
    p = make_profile(status="submitted", values=complete_values)
    services.transition(p, "return", user=cast["district"], version=1, comment="Perbaiki.")
    with pytest.raises(services.ConflictError) as caught:
        services.save_section(p.area, YEAR, "population", {"pop_male": "7"}, user=cast["village"], version=1)
    assert [(m.action, m.by) for m in caught.value.missed] == [("returned", "Kecamatan Plantungan")]


def test_a_stale_workflow_action_is_refused(
    client: Client,
    login: Callable[..., Client],
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
    cast: dict[str, Any],
) -> None:
    p = make_profile(values=complete_values)
    services.save_section(p.area, YEAR, "notes", {"notes_problems": "Jalan rusak."}, user=cast["village"], version=1)
    login(client, "village")
    response = client.post(f"/profil/{KENDAL_VILLAGE}/{YEAR}/ajukan/", {"version": 1})
    assert response.status_code == 409
    p.refresh_from_db()
    assert p.status == "draft"


def test_two_first_saves_of_a_new_profile_do_not_both_win(kendal, cast: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    from petakan.regions.models import Area

    area = Area.objects.get(code=KENDAL_VILLAGE)
    services.save_section(area, YEAR, "population", {"pop_male": "10"}, user=cast["village"], version=0)
    with pytest.raises(services.ConflictError):
        services.save_section(area, YEAR, "population", {"pop_male": "20"}, user=cast["admin"], version=0)
    assert Profile.objects.get(area=area, year=YEAR).values == {"pop_male": 10}
