"""Rationales and the source line of the Smart City framework in Indonesian and English."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from petakan.lib.profile import load_schema
from petakan.lib.smartcity import FrameworkError, Indicator, load_framework, parse_framework

FIELDS = [f.code for f in load_schema().fields]


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return load_framework("smart-city-v1", FIELDS).raw


def first_indicator(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["dimensions"][0]["elements"][0]["indicators"][0]


def problems_of(doc: dict[str, Any]) -> list[str]:
    with pytest.raises(FrameworkError) as info:
        parse_framework(doc, FIELDS)
    return info.value.problems


def test_every_indicator_has_an_indonesian_and_an_english_rationale_that_differ() -> None:
    fw = load_framework("smart-city-v1", FIELDS)
    assert len(fw.indicators) == 53
    for i in fw.indicators:
        assert i.rationale["id"].strip() and i.rationale["en"].strip(), i.code
        assert i.rationale["id"] != i.rationale["en"], i.code


def test_the_source_line_is_given_in_both_languages() -> None:
    fw = load_framework("smart-city-v1", FIELDS)
    assert fw.source["id"].startswith("Dimensi dan elemen: Kominfo")
    assert fw.source["en"].startswith("Dimensions and elements: Kominfo")


def test_a_plain_string_rationale_and_source_still_load_and_serve_both_languages(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    text = "Layanan daring memangkas perjalanan."
    first_indicator(doc)["rationale"] = text
    doc["source"] = "Kominfo, 2017"
    fw = parse_framework(doc, FIELDS)
    indicator = fw.node("gov_online_services_n")
    assert isinstance(indicator, Indicator)
    assert indicator.rationale == {"id": text, "en": text}
    assert fw.source == {"id": "Kominfo, 2017", "en": "Kominfo, 2017"}


def test_a_rationale_without_english_is_refused_naming_the_indicator(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    first_indicator(doc)["rationale"] = {"id": "Layanan daring memangkas perjalanan."}
    assert problems_of(doc) == ["gov_online_services_n rationale: perlu nama 'id' dan 'en'"]


def test_a_source_without_indonesian_is_refused(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    doc["source"] = {"en": "Kominfo"}
    assert problems_of(doc) == ["source: perlu nama 'id' dan 'en'"]


def test_a_text_cut_by_an_unquoted_comma_is_refused_naming_the_stray_keys(raw: dict[str, Any]) -> None:
    doc = copy.deepcopy(raw)
    # what YAML makes of {id: Tanpa perangkat, administrasi di kertas., en: …} without quotes
    first_indicator(doc)["rationale"] = {"id": "Tanpa perangkat", "administrasi di kertas.": None, "en": "Without"}
    assert problems_of(doc) == [
        "gov_online_services_n rationale: kunci selain 'id' dan 'en' (administrasi di kertas.); "
        "teks berkoma perlu tanda kutip"
    ]


def test_names_and_definitions_holding_commas_are_read_whole() -> None:
    fw = load_framework("smart-city-v1", FIELDS)
    visitors = fw.node("brand_visitors")
    assert isinstance(visitors, Indicator)
    assert visitors.name["en"] == "Visits per 1,000 inhabitants"
    assert visitors.definition["en"] == "Tourist visits per year per 1,000 inhabitants"


def test_the_stored_tree_carries_the_rationale_in_both_languages() -> None:
    fw = load_framework("smart-city-v1", FIELDS)
    row = next(r for r in fw.tree() if r["code"] == "gov_online_services_n")
    assert row["rationale_id"] == "Layanan daring memangkas perjalanan warga ke kantor desa."
    assert row["rationale_en"] == "Online services spare residents trips to the village office."
    assert "rationale" not in row
