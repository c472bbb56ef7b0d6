"""The profile inside the village page (/wilayah/<code>/): by section, status, history, an edit link if allowed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from petakan.profiles.models import Profile
from tests.conftest import KENDAL_DISTRICT, KENDAL_VILLAGE
from tests.profiles.conftest import YEAR

URL = f"/wilayah/{KENDAL_VILLAGE}/"


def test_the_public_reads_a_published_profile_by_section_without_edit_links(
    client: Client, make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    make_profile(status="published", values=dict(complete_values, pop_male=1612))
    text = client.get(URL).content.decode()
    assert "Profil potensi desa 2026" in text and 'id="profile-status">dipublikasikan<' in text
    assert '<dd data-field="pop_male">1.612 jiwa</dd>' in text
    assert text.count('class="profile-section"') == 19
    assert 'id="edit-profile"' not in text and "/ubah/" not in text
    assert 'id="history"' in text


def test_the_public_does_not_see_a_draft_nor_an_older_published_year_hides_it(
    client: Client, make_profile: Callable[..., Profile], complete_values: dict[str, Any]
) -> None:
    make_profile(status="published", values={"pop_male": 1000}, year=YEAR - 1)
    make_profile(status="draft", values={"pop_male": 2000})
    text = client.get(URL).content.decode()
    assert "Profil potensi desa 2025" in text and '<dd data-field="pop_male">1.000 jiwa</dd>' in text
    assert "2.000" not in text


def test_the_village_sees_its_draft_with_an_edit_link(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(status="draft", values={"pop_male": 2000})
    login(client, "village")
    text = client.get(URL).content.decode()
    assert '<dd data-field="pop_male">2.000 jiwa</dd>' in text and 'id="edit-profile"' in text
    # the link resumes at the first section that still lacks a required value
    assert f'id="edit-profile" href="/profil/{KENDAL_VILLAGE}/{YEAR}/ubah/population/"' in text


def test_another_village_account_cannot_read_the_draft(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(status="submitted", values={"pop_male": 2000})
    login(client, "other_village")
    text = client.get(URL).content.decode()
    assert "2.000" not in text and 'id="profile-absent"' in text
    assert client.get(f"/profil/{KENDAL_VILLAGE}/{YEAR}/").status_code == 403


def test_the_district_reads_a_submitted_profile_but_gets_no_edit_link(
    client: Client, login: Callable[..., Client], make_profile: Callable[..., Profile]
) -> None:
    make_profile(status="submitted", values={"pop_male": 2000})
    login(client, "district")
    text = client.get(URL).content.decode()
    assert "diajukan" in text and '<dd data-field="pop_male">2.000 jiwa</dd>' in text
    assert 'id="edit-profile"' not in text and 'id="action-verify"' in text


def test_a_kecamatan_page_has_no_profile_section(client: Client, kendal) -> None:  # type: ignore[no-untyped-def]
    text = client.get(f"/wilayah/{KENDAL_DISTRICT}/").content.decode()
    assert 'id="profil"' not in text


def test_the_village_page_costs_a_fixed_number_of_queries(
    client: Client,
    login: Callable[..., Client],
    make_profile: Callable[..., Profile],
    complete_values: dict[str, Any],
    django_assert_max_num_queries: Any,
) -> None:
    make_profile(status="published", values=complete_values)
    login(client, "village")
    with django_assert_max_num_queries(20):
        assert client.get(URL).status_code == 200
