"""The Smart City framework file: its content, and the precise messages for every way it can be wrong."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from petakan.lib.profile import load_schema
from petakan.lib.smartcity import FrameworkError, load_framework, parse_framework

FIELDS = [f.code for f in load_schema().fields]


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return load_framework("smart-city-v1", FIELDS).raw


def broken(raw: dict[str, Any], change) -> list[str]:  # type: ignore[no-untyped-def]
    doc = copy.deepcopy(raw)
    change(doc)
    with pytest.raises(FrameworkError) as info:
        parse_framework(doc, FIELDS)
    return info.value.problems


def test_it_has_the_six_dimensions_and_eighteen_published_elements() -> None:
    fw = load_framework("smart-city-v1", FIELDS)
    assert [d.code for d in fw.dimensions] == ["gov", "brand", "econ", "living", "society", "env"]
    assert len(fw.elements) == 18
    assert {e.name["id"] for e in fw.elements} >= {"Pelayanan publik", "Ekosistem pariwisata", "Tata kelola energi"}
    per_element = {e.code: sum(i.element == e.code for i in fw.indicators) for e in fw.elements}
    assert all(2 <= n <= 4 for n in per_element.values()), per_element
    assert "geo_zone" not in {f for i in fw.indicators for f in i.fields}  # a grouping, not an indicator


def test_the_hash_changes_with_any_change_of_method(raw: dict[str, Any]) -> None:
    fw = parse_framework(raw, FIELDS)
    doc = copy.deepcopy(raw)
    doc["dimensions"][0]["elements"][0]["indicators"][0]["weight"] = 2
    assert parse_framework(doc, FIELDS).hash != fw.hash
    assert parse_framework(copy.deepcopy(raw), FIELDS).hash == fw.hash


def test_it_names_an_unknown_profile_field(raw: dict[str, Any]) -> None:
    def change(doc):  # type: ignore[no-untyped-def]
        doc["dimensions"][0]["elements"][0]["indicators"][0]["formula"] = "gov_online_servises"

    assert broken(raw, change) == ["indikator gov_online_services_n: kolom profil 'gov_online_servises' tidak dikenal"]


def test_it_names_a_missing_or_non_positive_weight(raw: dict[str, Any]) -> None:
    def change(doc):  # type: ignore[no-untyped-def]
        del doc["dimensions"][1]["weight"]
        doc["dimensions"][2]["elements"][0]["weight"] = 0

    problems = broken(raw, change)
    assert "brand: bobot (weight) tidak ada" in problems
    assert "econ_industry: bobot harus bilangan positif, bukan 0" in problems


def test_it_refuses_duplicate_codes(raw: dict[str, Any]) -> None:
    def change(doc):  # type: ignore[no-untyped-def]
        doc["dimensions"][1]["elements"][0]["code"] = "gov_service"

    assert any("kode 'gov_service' ganda" in p for p in broken(raw, change))


def test_it_refuses_code_that_is_not_a_formula(raw: dict[str, Any]) -> None:
    def change(doc):  # type: ignore[no-untyped-def]
        doc["dimensions"][0]["elements"][0]["indicators"][0]["formula"] = "__import__('os').system('x')"

    assert any("gov_online_services_n" in p for p in broken(raw, change))


def test_it_refuses_bounds_that_contradict_the_direction(raw: dict[str, Any]) -> None:
    def change(doc):  # type: ignore[no-untyped-def]
        doc["dimensions"][0]["elements"][0]["indicators"][0]["direction"] = -1

    assert any("tidak cocok dengan arah -1" in p for p in broken(raw, change))


def test_an_element_needs_two_indicators(raw: dict[str, Any]) -> None:
    def change(doc):  # type: ignore[no-untyped-def]
        doc["dimensions"][0]["elements"][0]["indicators"] = doc["dimensions"][0]["elements"][0]["indicators"][:1]

    assert "gov_service: perlu sedikitnya 2 indikator, ada 1" in broken(raw, change)


def test_an_unknown_framework_lists_the_available_ones() -> None:
    with pytest.raises(FrameworkError, match="smart-city-v1"):
        load_framework("smart-city-v9", FIELDS)
