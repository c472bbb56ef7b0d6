"""A village's profile of a new year starts from its last published one; carried values count once confirmed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.test import Client

from petakan.lib.profile import Unit
from petakan.profiles import services
from petakan.profiles.models import Profile
from tests.conftest import KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

NEXT = YEAR + 1
URL = f"/profil/{KENDAL_VILLAGE}/{NEXT}/ubah/population/"
LAST = {"pop_male": 1200, "pop_female": 1250, "households": 700, "geo_zone": "pesisir"}


def test_the_new_years_form_is_prefilled_from_the_published_profile_and_marked(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(values=LAST, status="published")
    login(client, "village")
    text = client.get(URL).content.decode()
    assert 'value="1200"' in text and 'value="1250"' in text
    assert text.count(f"dari {YEAR} — periksa") == 3
    assert 'id="confirm-section"' in text
    assert not Profile.objects.filter(year=NEXT).exists()  # opening the form writes nothing


def test_a_draft_of_last_year_is_not_carried_over(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(values=LAST, status="verified")
    login(client, "village")
    text = client.get(URL).content.decode()
    assert "periksa" not in text and 'value="1200"' not in text


def test_saving_a_section_unchanged_stores_only_what_was_changed(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(values=LAST, status="published")
    login(client, "village")
    client.post(URL, {"version": 0, "pop_male": "1200", "pop_female": "1300", "households": "700"})
    p = Profile.objects.get(year=NEXT)
    assert p.values == {"pop_female": 1300}
    assert p.carried == {
        "from": YEAR,
        "values": {"pop_male": 1200, "households": 700, "geo_zone": "pesisir"},
        "changed": [],
    }
    text = client.get(URL).content.decode()
    assert text.count(f"dari {YEAR} — periksa") == 2  # the changed one is no longer marked


def test_all_still_correct_confirms_the_section_and_counts_it_complete(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], cast: dict[str, Any]
) -> None:
    make_profile(values=LAST, status="published")
    login(client, "village")
    client.post(URL, {"version": 0, "pop_male": "1200", "pop_female": "1250", "households": "700", "confirm": "1"})
    p = Profile.objects.get(year=NEXT)
    assert p.values == {"pop_male": 1200, "pop_female": 1250, "households": 700}
    assert p.carried["values"] == {"geo_zone": "pesisir"}
    rows = {r.village_code: r for r in services.completeness_rows(cast["admin"], NEXT)}
    assert rows[KENDAL_VILLAGE].filled == 3 / len(services.schema().fields)
    page = client.get(f"/profil/{KENDAL_VILLAGE}/{NEXT}/").content.decode()
    assert "3/5" in page


def test_a_field_whose_definition_changed_is_not_carried_and_the_form_says_so(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile], monkeypatch: Any
) -> None:
    make_profile(values=LAST, status="published")
    old = services.schema()
    # version 2 of the schema counts households in another unit: last year's number means something else
    households = replace(old.field("households"), unit=Unit("family", old.field("households").unit.label))
    new = replace(
        old, version=old.version + 1, fields=tuple(households if f.code == "households" else f for f in old.fields)
    )
    monkeypatch.setattr(services, "schema", lambda: new)
    login(client, "village")
    text = client.get(URL).content.decode()
    assert 'value="1200"' in text and 'value="700"' not in text
    assert text.count(f"definisi isian ini berubah sejak {YEAR}") == 1
    assert text.count(f"dari {YEAR} — periksa") == 2


def test_a_profile_of_a_schema_no_longer_packaged_carries_nothing(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    p = make_profile(values=LAST, status="published")
    Profile.objects.filter(pk=p.pk).update(schema="village-profile-v0")
    login(client, "village")
    text = client.get(URL).content.decode()
    assert 'value="1200"' not in text
    assert text.count(f"definisi isian ini berubah sejak {YEAR}") == 3
