"""diff lists exactly the values an import would change, for the dry-run preview."""

from __future__ import annotations

from petakan.lib.profile import Change, diff


def test_identical_rows_give_no_changes() -> None:
    rows = {"33.24.06.2003": {"pop_male": 10, "geo_zone": "pegunungan", "conn_4g": True, "notes_problems": None}}
    assert diff(rows, {k: dict(v) for k, v in rows.items()}) == []


def test_each_changed_value_is_one_change_with_old_and_new() -> None:
    old = {"33.24.06.2003": {"pop_male": 10, "com_padi_ton": 1.5, "geo_zone": "pegunungan"}}
    new = {"33.24.06.2003": {"pop_male": 11, "com_padi_ton": 1.5, "geo_zone": "dataran"}}
    assert diff(old, new) == [
        Change("33.24.06.2003", "pop_male", 10, 11),
        Change("33.24.06.2003", "geo_zone", "pegunungan", "dataran"),
    ]


def test_emptying_or_filling_a_value_is_a_change() -> None:
    old = {"v": {"a": None, "b": 3}}
    new = {"v": {"a": 0, "b": None}}
    assert diff(old, new) == [Change("v", "a", None, 0), Change("v", "b", 3, None)]


def test_numbers_compare_by_value_but_booleans_only_with_booleans() -> None:
    old = {"v": {"n": 2, "flag": 1}}
    new = {"v": {"n": 2.0, "flag": True}}
    assert diff(old, new) == [Change("v", "flag", 1, True)]


def test_a_new_village_counts_as_previously_empty() -> None:
    assert diff({}, {"v": {"a": 1, "b": None}}) == [Change("v", "a", None, 1)]


def test_villages_and_fields_absent_from_the_new_rows_are_untouched() -> None:
    old = {"v": {"a": 1, "b": 2}, "w": {"a": 5}}
    new = {"v": {"a": 1}}
    assert diff(old, new) == []
