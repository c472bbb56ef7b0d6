"""Section forms come from the schema; server-side messages name the field, in the visitor's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from petakan.lib.profile import load_schema
from petakan.profiles.models import FieldChange, Profile
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

URL = f"/profil/{KENDAL_VILLAGE}/{YEAR}/ubah"


def test_every_section_form_has_exactly_the_entered_fields_of_its_section(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile()
    login(client, "village")
    schema = load_schema()
    for section in schema.sections:
        entered = [f.code for f in section.fields if f.is_entered]
        response = client.get(f"{URL}/{section.code}/")
        if not entered:
            assert response.status_code == 404, section.code
            continue
        text = response.content.decode()
        assert response.status_code == 200, section.code
        for f in schema.fields:
            assert (f'name="{f.code}"' in text) == (f.code in entered), (section.code, f.code)


def test_an_unknown_section_is_404(client: Client, login: Callable[..., Client], kendal) -> None:  # type: ignore[no-untyped-def]
    login(client, "village")
    assert client.get(f"{URL}/nonsense/").status_code == 404


def test_messages_name_the_field_in_indonesian_by_default(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    p = make_profile(values={"pop_male": 1000})
    login(client, "village")
    response = client.post(
        f"{URL}/population/",
        {"version": 1, "pop_male": "banyak", "pop_female": "-5", "households": "100000", "poor_households": "2,5"},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Penduduk laki-laki (jiwa): &#x27;banyak&#x27; bukan angka." in text
    assert "Penduduk perempuan (jiwa): -5 kurang dari batas bawah 0." in text
    assert "KK miskin (DTKS) (KK): 2,5 bukan bilangan bulat." in text
    # the user's input stays in the form
    assert 'value="banyak"' in text
    p.refresh_from_db()
    assert p.values == {"pop_male": 1000} and p.version == 1 and not FieldChange.objects.exists()


def test_messages_are_in_english_for_a_visitor_who_chose_english(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile()
    login(client, "village")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(f"{URL}/population/", {"version": 1, "pop_male": "many"})
    text = response.content.decode()
    assert "Male population (persons): &#x27;many&#x27; is not a number." in text


def test_a_cross_field_rule_of_the_section_is_reported_on_its_field(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile()
    login(client, "village")
    data = {"version": 1, "liv_agriculture_pct": "70", "liv_fishery_pct": "40"}
    text = client.post(f"{URL}/livelihood/", data).content.decode()
    assert 'class="field has-error" id="row-liv_agriculture_pct"' in text
    assert "tidak boleh melebihi" in text or "melebihi batas" in text
    assert Profile.objects.get().values == {}


def test_saving_a_section_goes_on_to_the_next_one_and_keeps_other_sections(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    p = make_profile(values=complete_values)
    login(client, "village")
    response = client.post(
        f"{URL}/population/",
        {"version": 1, "pop_male": "1500", "pop_female": "1490", "households": "900", "next": "geography"},
    )
    assert response.status_code == 302 and response["Location"] == f"{URL}/geography/"
    p.refresh_from_db()
    assert p.values["pop_male"] == 1500
    others = {k: v for k, v in complete_values.items() if load_schema().field(k).section != "population"}
    assert {k: p.values[k] for k in others} == others


def test_a_new_village_starts_its_draft_with_the_first_save(
    client: Client, login: Callable[..., Client], kendal
) -> None:  # type: ignore[no-untyped-def]
    login(client, "village")
    page = client.get(f"/profil/{KENDAL_VILLAGE}/{YEAR}/").content.decode()
    assert "belum mulai" in page and "Mulai mengisi profil" in page
    response = client.post(f"{URL}/geography/", {"version": 0, "geo_zone": "pegunungan", "elevation_m": "850"})
    assert response.status_code == 302
    p = Profile.objects.get()
    assert (p.status, p.version, p.values) == ("draft", 1, {"geo_zone": "pegunungan", "elevation_m": 850})


def test_stored_decimals_come_back_into_the_form_as_they_will_be_read(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(values={"land_sawah_ha": 1.234, "land_forest_ha": 12.5, "land_use_map": True, "geo_zone": "pesisir"})
    login(client, "village")
    text = client.get(f"{URL}/geography/").content.decode()
    assert 'value="1,234"' in text and 'value="12,5"' in text
    assert '<option value="ya" selected>Ya</option>' in text
    assert '<option value="pesisir" selected>' in text
    # sent back unchanged, nothing changes
    response = client.post(
        f"{URL}/geography/",
        {"version": 1, "land_sawah_ha": "1,234", "land_forest_ha": "12,5", "land_use_map": "ya", "geo_zone": "pesisir"},
    )
    assert response.status_code == 302
    assert not FieldChange.objects.exists()
