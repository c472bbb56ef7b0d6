"""Every role lands on its own work after login ("Beranda saya", /beranda/): the village on its profile and the next
step, the kecamatan on its worklist, Kominfo on the regency's progress and what waits for it, the analyst and the
council on runs and programmes waiting for approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from petakan.lib.profile import load_schema
from petakan.profiles.models import Profile
from petakan.profiles.presentation import status_label
from petakan.regions.models import Area
from tests.conftest import KENDAL_DISTRICT, KENDAL_VILLAGE, PASSWORD, SAME_DISTRICT_OTHER_VILLAGE

YEAR = timezone.localdate().year


@pytest.fixture
def make_profile(kendal: Any) -> Callable[..., Profile]:
    def make(code: str, status: str = "draft", values: dict[str, Any] | None = None) -> Profile:
        return Profile.objects.create(
            area=Area.objects.get(code=code),
            year=YEAR,
            schema=load_schema().code,
            values=values or {},
            status=status,
            version=1,
            changed_at=timezone.now(),
        )

    return make


def log_in(client: Client, user: Any) -> Client:
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_logging_in_lands_on_my_home_and_the_root_sends_a_signed_in_user_there(client: Client, cast: Any) -> None:
    response = client.post("/akun/masuk/", {"username": cast["village"].username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/beranda/"
    assert client.get("/")["Location"] == "/beranda/"


def test_the_public_keeps_the_regency_home_and_my_home_asks_to_log_in(client: Client, kendal: Any) -> None:
    assert client.get("/").status_code == 200
    assert client.get("/beranda/")["Location"].startswith("/akun/masuk/")


def test_a_village_without_a_profile_is_told_to_start_with_the_first_section(client: Client, cast: Any) -> None:
    text = log_in(client, cast["village"]).get("/beranda/").content.decode()
    assert f'id="home-status">{status_label("not_started", "id")}<' in text
    assert f'href="/profil/{KENDAL_VILLAGE}/{YEAR}/ubah/population/"' in text and "Mulai mengisi: Kependudukan" in text


def test_a_village_continues_with_the_first_section_not_begun_or_missing_a_required_value(
    client: Client, cast: Any, make_profile: Callable[..., Profile]
) -> None:
    make_profile(KENDAL_VILLAGE, values={"pop_male": 1000, "pop_female": 990, "households": 600, "poor_households": 50})
    text = log_in(client, cast["village"]).get("/beranda/").content.decode()
    assert 'id="home-next"' in text and "Lanjutkan mengisi: Geografi" in text
    assert 'id="home-filled"' in text and "Terisi 4 dari" in text


def test_a_returned_village_sees_the_comment_and_a_locked_one_sees_why(
    client: Client, cast: Any, make_profile: Callable[..., Profile]
) -> None:
    p = make_profile(KENDAL_VILLAGE, status="returned")
    Profile.objects.filter(pk=p.pk).update(return_comment="Jumlah KK tidak sesuai.")
    text = log_in(client, cast["village"]).get("/beranda/").content.decode()
    assert 'id="home-return-comment"' in text and "Jumlah KK tidak sesuai." in text
    Profile.objects.filter(pk=p.pk).update(status="published")
    text = client.get("/beranda/").content.decode()
    assert (
        'id="home-lock"' in text and "Kominfo" in text and 'id="home-reopen"' in text and 'id="home-next"' not in text
    )


def test_a_kecamatan_lands_on_its_worklist_with_counts_and_a_link_to_each_profile(
    client: Client, cast: Any, make_profile: Callable[..., Profile]
) -> None:
    make_profile(KENDAL_VILLAGE, status="submitted")
    make_profile(SAME_DISTRICT_OTHER_VILLAGE, status="returned")
    make_profile("33.24.02.2002", status="submitted")  # another kecamatan: not on this worklist
    text = log_in(client, cast["district"]).get("/beranda/").content.decode()
    n_villages = Area.objects.filter(parent__code=KENDAL_DISTRICT).count()
    assert 'data-status="submitted"><a href="#work-submitted"><span class="n">1</span> Perlu diverifikasi' in text
    assert '<span class="n">1</span> Dikembalikan, menunggu desa' in text
    assert f'<span class="n">{n_villages - 2}</span> Belum mulai mengisi' in text
    assert f'href="/profil/{KENDAL_VILLAGE}/{YEAR}/"' in text and "33.24.02.2002" not in text


def test_the_admin_home_counts_every_kecamatan_in_a_few_queries(
    client: Client, cast: Any, make_profile: Callable[..., Profile], django_assert_max_num_queries: Any
) -> None:
    make_profile(KENDAL_VILLAGE, status="verified")
    make_profile(SAME_DISTRICT_OTHER_VILLAGE, status="submitted")
    make_profile("33.24.02.2002", status="published")
    log_in(client, cast["admin"])
    # session, user, villages per kecamatan, profiles per kecamatan × status, to publish (+count), reopen
    # requests, runs, programmes (+count), the current period and the realisations to review (monitoring), and the
    # header's permission checks: none of them per kecamatan
    with django_assert_max_num_queries(14):
        text = client.get("/beranda/").content.decode()
    row = text[text.index(f'data-kecamatan="{KENDAL_DISTRICT}"') :]
    row = row[: row.index("</tr>")]
    n_villages = Area.objects.filter(parent__code=KENDAL_DISTRICT).count()
    # not started / draft / submitted / returned / verified / published
    cells = [c.split(">")[-1] for c in row.split("</td>")[:-1]]
    assert cells == [str(n_villages - 2), "0", "1", "0", "1", "0"]
    total = text[text.index('id="progress-total"') :]
    assert "(286)" in total[: total.index("</tr>")]
    assert 'id="to-publish"' in text and f'href="/profil/{KENDAL_VILLAGE}/{YEAR}/"' in text


def test_the_council_sees_the_programmes_waiting_for_its_approval(client: Client, cast: Any) -> None:
    text = log_in(client, cast["council"]).get("/beranda/").content.decode()
    assert "Program menunggu persetujuan Dewan (0)" in text and 'id="home-planning"' in text


def test_the_analyst_sees_its_runs_and_may_start_one(client: Client, cast: Any) -> None:
    text = log_in(client, cast["analyst"]).get("/beranda/").content.decode()
    assert "Perhitungan indeks terakhir" in text and "Hitung indeks baru" in text


def test_a_village_with_every_required_value_gets_the_submit_step_which_asks_first(
    client: Client, cast: Any, make_profile: Callable[..., Profile], data_dir: Any
) -> None:
    import dataclasses

    from petakan.lib.profile import frame_to_records, generate_demo_profiles, load_demo_inputs

    inputs = load_demo_inputs(data_dir)
    frame = generate_demo_profiles(
        **{f.name: getattr(inputs, f.name) for f in dataclasses.fields(inputs)}, year=YEAR, seed=1
    )
    values = {k: v for k, v in frame_to_records(load_schema(), frame)[KENDAL_VILLAGE].items() if v is not None}
    make_profile(KENDAL_VILLAGE, values=values)
    text = log_in(client, cast["village"]).get("/beranda/").content.decode()
    assert f'action="/profil/{KENDAL_VILLAGE}/{YEAR}/ajukan/"' in text and 'id="home-submit"' in text
    response = client.post(f"/profil/{KENDAL_VILLAGE}/{YEAR}/ajukan/", {"version": 1})
    assert 'id="confirm-action"' in response.content.decode()
    assert Profile.objects.get(area__code=KENDAL_VILLAGE).status == "draft"
