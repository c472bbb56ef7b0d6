"""The edition file: its catalogue, and precise messages for every problem of a broken file."""

from __future__ import annotations

import copy

import pytest
import yaml

from petakan.lib.idm import EditionError, available_editions, load_edition, parse_edition
from petakan.lib.idm.edition import EDITIONS_DIR, RESPONSIBLE_LEVELS


@pytest.fixture(scope="module")
def raw_edition() -> dict:
    with open(EDITIONS_DIR / "idm-2020.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_it_ships_the_idm_2020_edition():
    assert "idm-2020" in available_editions()


def test_the_catalogue_has_35_iks_12_ike_and_3_ikl_items_in_published_order(edition):
    expected = [f"iks_{i:02d}" for i in range(1, 36)] + [f"ike_{i:02d}" for i in range(1, 13)]
    expected += ["ikl_01", "ikl_02", "ikl_03"]

    assert list(edition.item_codes) == expected
    assert edition.index_max.tolist() == [175, 60, 15]
    assert {item.max_score for item in edition.items} == {5}
    assert edition.denominator == 6300
    assert edition.item("iks_05").report_label == "Skor Tingkat Kepesertaan BPJS"
    assert edition.item("iks_05").variable == "jaminan_kesehatan"
    assert edition.item("ike_06").dimension == "ekonomi"


def test_every_item_has_an_activity_and_responsible_levels_in_both_languages(edition):
    for item in edition.items:
        assert item.activity.id and item.activity.en, item.code
        assert item.responsible, item.code
        assert set(item.responsible) <= set(RESPONSIBLE_LEVELS), item.code
    assert set(edition.responsible_levels) == set(RESPONSIBLE_LEVELS)
    assert edition.item("iks_05").responsible == {"kabupaten": "Dinkes", "lainnya": "BPJS"}


def test_an_edition_file_can_be_loaded_by_path(tmp_path, raw_edition):
    path = tmp_path / "custom.yaml"
    changed = copy.deepcopy(raw_edition)
    changed["code"] = "custom"
    path.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")

    assert load_edition(path).code == "custom"


def test_an_unknown_edition_names_the_known_ones():
    with pytest.raises(FileNotFoundError, match="idm-2020"):
        load_edition("idm-1999")


def test_it_reports_every_problem_of_a_broken_file_with_its_path(raw_edition):
    broken = copy.deepcopy(raw_edition)
    broken["items"][2]["max_score"] = "five"
    broken["items"][3]["variable"] = "kesehatan_jiwa"
    broken["items"][4]["code"] = "iks_99"
    broken["items"][0]["rubric"]["rules"][0]["score"] = 7
    broken["items"][0]["rubric"]["rules"][0]["when"] = {"travel_time": {"le": 30}}
    broken["items"][1]["responsible"]["kecamatan"] = "Camat"
    broken["status"]["thresholds"]["sets"]["kemendesa-3dp"]["cutoffs"] = ["0.491", "0.707", "0.599", "0.815"]
    broken["status"]["at_cutoff"] = "inclusive"
    broken["items"][5]["name"] = {"id": "Poskesdes"}

    with pytest.raises(EditionError) as caught:
        parse_edition(broken, source="broken.yaml")

    paths = {problem.path for problem in caught.value.problems}
    assert {
        "items[2].max_score",
        "items[3].variable",
        "items[4].code",
        "items[0].rubric.rules[0].score",
        "items[0].rubric.rules[0].when.travel_time",
        "items[1].responsible.kecamatan",
        "status.thresholds.sets.kemendesa-3dp.cutoffs",
        "status.at_cutoff",
        "items[5].name",
    } <= paths
    assert "broken.yaml" in str(caught.value)
    assert "expected iks_05" in str(caught.value)


def test_it_refuses_cut_offs_written_as_yaml_floats_or_in_the_wrong_number(raw_edition):
    broken = copy.deepcopy(raw_edition)
    broken["status"]["thresholds"]["sets"]["dirjen-ppmd-4dp"]["cutoffs"] = [0.4907, "0.5989", "0.7072"]

    with pytest.raises(EditionError) as caught:
        parse_edition(broken)

    messages = [str(problem) for problem in caught.value.problems]
    assert any("cutoffs[0]" in m and "quoted decimal" in m for m in messages)
    assert any(m.endswith("expected 4 cut-offs for 5 levels, got 2") for m in messages)


def test_a_rubric_condition_must_fit_its_input_type(raw_edition):
    broken = copy.deepcopy(raw_edition)
    signal = next(item for item in broken["items"] if item["code"] == "iks_29")
    signal["rubric"]["rules"][0]["when"] = {"mobile_signal": {"eq": "sangat_kuat"}}
    bpjs = next(item for item in broken["items"] if item["code"] == "iks_05")
    bpjs["rubric"]["rules"][0]["when"] = {"bpjs_ratio": {"gt": "0.75"}}

    with pytest.raises(EditionError) as caught:
        parse_edition(broken)

    paths = {problem.path for problem in caught.value.problems}
    assert "items[28].rubric.rules[0].when.mobile_signal.eq" in paths
    assert "items[4].rubric.rules[0].when.bpjs_ratio.gt" in paths
