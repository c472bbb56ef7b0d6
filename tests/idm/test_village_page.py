"""The village IDM page: values with a decimal comma, items with their gains, the greedy plan, official values."""

from __future__ import annotations

import numpy as np

from petakan.idm.models import ItemScores, OfficialResult
from petakan.lib.idm import improvement_plan, score_matrix
from tests.idm.conftest import VILLAGE, YEAR

URL = f"/idm/desa/{VILLAGE}/{YEAR}/"


def _comma(text: str) -> str:
    return text.replace(".", ",")


def _enter(client, scores: dict[str, int], submit: bool = False):  # type: ignore[no-untyped-def]
    data = {code: str(score) for code, score in scores.items()} | {"version": ""}
    data["submit" if submit else "save"] = "1"
    return client.post(f"/idm/desa/{VILLAGE}/{YEAR}/isi/", data)


def test_it_shows_the_pakisrejo_numbers_for_the_scores_the_village_entered(login, pakisrejo, edition) -> None:
    client = login("village")
    response = _enter(client, pakisrejo, submit=True)
    assert response.status_code == 302

    html = client.get(URL).content.decode()

    result = score_matrix(edition, np.array([[pakisrejo[c] for c in edition.item_codes]]))
    for code, published in (("iks", "0,7257"), ("ike", "0,5333"), ("ikl", "0,6667"), ("idm", "0,6419")):
        assert _comma(result.formatted(code)[0]) == published
        assert f'id="v-{code}">{published}</b>' in html
    assert 'class="st st-berkembang big">Berkembang</span>' in html


def test_it_lists_every_item_with_its_score_and_the_gain_of_one_point_and_of_the_maximum(store, pakisrejo) -> None:
    from django.test import Client

    store(VILLAGE, pakisrejo)
    html = Client().get(URL).content.decode()

    assert html.count('<tr id="item-') == 50
    ikl_03 = html.split('id="item-ikl_03"')[1].split("</tr>")[0]
    assert "0 / 5" in ikl_03
    assert "+0,0222" in ikl_03  # one IKL point: 1/45
    assert "+0,1111" in ikl_03  # 0 → 5: 5/45
    assert "Kabupaten/Kota" in ikl_03 or "Desa" in ikl_03  # the responsible level is named
    ike_07 = html.split('id="item-ike_07"')[1].split("</tr>")[0]
    assert "2 / 5" in ike_07 and "+0,0056" in ike_07 and "+0,0167" in ike_07  # 1/180 and 3/180
    iks_01 = html.split('id="item-iks_01"')[1].split("</tr>")[0]
    assert "5 / 5" in iks_01 and "+0,0019" not in iks_01  # at the maximum nothing is left to gain
    assert "Perbaikan akses ke sarana kesehatan" in iks_01  # the recommended activity


def test_it_shows_the_gap_to_the_next_status_and_the_greedy_plan(store, pakisrejo, edition) -> None:
    from django.test import Client

    store(VILLAGE, pakisrejo)
    html = Client().get(URL).content.decode()

    plan = improvement_plan(edition, [pakisrejo[c] for c in edition.item_codes])
    assert [(s.item.code, s.from_score, s.to_score) for s in plan.steps] == [("ikl_03", 0, 3)]
    assert "Untuk menjadi desa <strong>Maju</strong>, IDM harus melewati 0,7072: kurang 0,0653." in html
    assert '<li data-item="ikl_03">' in html and "skor 0 → 3 (IDM +0,0667)" in html
    assert f"IDM menjadi {_comma(f'{plan.idm_after:.4f}')}, status Maju" in html
    assert "0,7086" in html
    assert "serakah (greedy) menurut kenaikan IDM per poin" in html


def test_it_puts_official_values_beside_the_computed_ones_and_flags_differences(store, pakisrejo, kendal) -> None:
    from django.test import Client

    from petakan.regions.models import Area

    store(VILLAGE, pakisrejo)
    village = Area.objects.get(code=VILLAGE)
    OfficialResult.objects.create(
        source="Kemendesa 2024",
        village=village,
        year=YEAR,
        iks=0.7257,
        ike=0.5333,
        ikl=0.6667,
        idm=0.6419,
        status="berkembang",
    )
    OfficialResult.objects.create(
        source="Salinan lain",
        village=village,
        year=YEAR,
        iks=0.7257,
        ike=0.5333,
        ikl=0.6667,
        idm=0.7123,
        status="maju",
    )

    html = Client().get(URL).content.decode()

    same, other = html.split("Sumber resmi:")[1], html.split("Sumber resmi:")[2]
    assert "Kemendesa 2024" in same and 'class="differs"' not in same.split("</table>")[0]
    other_table = other.split("</table>")[0]
    assert '<tr class="differs" data-value="IDM">' in other_table
    assert "−0,0704" in other_table  # 0.641905 − 0.7123
    assert '<tr class="differs"><th>Status</th>' in other_table
    assert '<tr class="differs" data-value="IKS">' not in other_table


def test_demo_scores_are_labelled_data_contoh(store, pakisrejo) -> None:
    from django.test import Client

    store(VILLAGE, pakisrejo, source="demo")
    assert "DATA CONTOH" in Client().get(URL).content.decode()
    ItemScores.objects.update(source="entered")
    assert "DATA CONTOH" not in Client().get(URL).content.decode()


def test_a_village_without_scores_says_there_is_no_published_result(kendal, client) -> None:
    html = client.get(URL).content.decode()
    assert 'id="no-result"' in html
    assert client.get("/idm/desa/33.24.99.9999/2024/").status_code == 404
    assert client.get("/idm/desa/33.24.01/2024/").status_code == 404  # a kecamatan is not a village


def test_the_page_takes_a_fixed_number_of_queries(store, pakisrejo, client, django_assert_max_num_queries) -> None:
    store(VILLAGE, pakisrejo)
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200


def test_in_english_the_page_uses_a_decimal_point_and_english_item_names(store, pakisrejo, client, settings) -> None:
    store(VILLAGE, pakisrejo)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get(URL).content.decode()

    assert 'id="v-idm">0.6419</b>' in html
    assert "Access to health facilities" in html and "Akses ke sarana kesehatan" not in html
    assert ">Developing</span>" in html


def test_a_village_account_finds_its_own_page_from_the_summary(login, kendal) -> None:
    html = login("village").get("/idm/").content.decode()
    assert f'id="own-village" href="/idm/desa/{VILLAGE}/' in html
