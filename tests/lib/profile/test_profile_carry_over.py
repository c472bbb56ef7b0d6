"""Next year starts from last year: which published values are carried over, and when they count as filled."""

from __future__ import annotations

from dataclasses import replace

from petakan.lib.profile import Schema, Unit, completeness, load_schema
from petakan.lib.profile.carry import CarryOver, carry_over, field_fingerprint, settle_section

LAST_YEAR = {"pop_male": 1200, "pop_female": 1250, "geo_zone": "pesisir", "land_sawah_ha": 35.5, "land_use_map": True}


def _with_field(schema: Schema, code: str, **changes: object) -> Schema:
    """The schema with one entered field redefined (a later schema version)."""
    fields = tuple(replace(f, **changes) if f.code == code else f for f in schema.fields)
    return replace(schema, version=schema.version + 1, fields=fields)


def test_it_carries_every_filled_value_when_the_schema_is_the_same() -> None:
    schema = load_schema()
    carried = carry_over(schema, schema, LAST_YEAR, from_year=2026)
    assert carried.values == LAST_YEAR
    assert carried.changed == ()
    assert carried.from_year == 2026


def test_it_leaves_behind_a_field_whose_unit_changed_and_names_it() -> None:
    old = load_schema()
    new = _with_field(old, "land_sawah_ha", unit=Unit("km2", old.field("land_sawah_ha").unit.label))
    carried = carry_over(old, new, LAST_YEAR, from_year=2026)
    assert "land_sawah_ha" not in carried.values
    assert carried.changed == ("land_sawah_ha",)
    assert carried.values["pop_male"] == 1200


def test_it_leaves_behind_a_choice_field_whose_choices_changed() -> None:
    old = load_schema()
    f = old.field("geo_zone")
    new = _with_field(old, "geo_zone", choices=f.choices[:2])
    assert field_fingerprint(new.field("geo_zone")) != field_fingerprint(f)
    assert carry_over(old, new, LAST_YEAR, from_year=2026).changed == ("geo_zone",)


def test_a_new_label_or_bound_does_not_change_a_fields_meaning() -> None:
    f = load_schema().field("pop_male")
    assert field_fingerprint(replace(f, max=10**7, help=f.label)) == field_fingerprint(f)
    assert field_fingerprint(replace(f, type="decimal")) != field_fingerprint(f)


def test_an_unconfirmed_unchanged_value_stays_carried_and_unsaved() -> None:
    to_save, still = settle_section({"pop_male": 1200, "pop_female": 1250}, {"pop_male": 1200}, confirm=False)
    assert to_save == {}
    assert still == {"pop_male": 1200, "pop_female": 1250}


def test_a_changed_value_is_saved_and_no_longer_carried() -> None:
    to_save, still = settle_section({"pop_male": 1200, "pop_female": 1250}, {"pop_male": 1300}, confirm=False)
    assert to_save == {"pop_male": 1300}
    assert still == {"pop_female": 1250}


def test_emptying_a_carried_value_counts_as_a_change() -> None:
    to_save, still = settle_section({"pop_male": 1200}, {"pop_male": None}, confirm=False)
    assert to_save == {"pop_male": None}
    assert still == {}


def test_confirming_a_section_saves_all_its_carried_values() -> None:
    carried = {"pop_male": 1200, "pop_female": 1250, "geo_zone": "pesisir"}
    to_save, still = settle_section(carried, {"pop_male": 1200, "pop_female": 1250}, confirm=True)
    assert to_save == {"pop_male": 1200, "pop_female": 1250}
    assert still == {"geo_zone": "pesisir"}


def test_a_boolean_is_not_the_same_as_one() -> None:
    to_save, _ = settle_section({"land_use_map": True}, {"land_use_map": 1}, confirm=False)
    assert to_save == {"land_use_map": 1}


def test_completeness_counts_only_confirmed_or_changed_fields() -> None:
    schema = load_schema()
    carried = carry_over(schema, schema, LAST_YEAR, from_year=2026)
    values: dict = {}
    assert completeness(schema, values) == 0
    to_save, still = settle_section(carried.values, {"pop_male": 1200, "pop_female": 1251}, confirm=False)
    values.update({k: v for k, v in to_save.items() if v is not None})
    assert completeness(schema, values) == 1 / len(schema.fields)  # only the changed pop_female
    to_save, still = settle_section(still, {"pop_male": 1200}, confirm=True)
    values.update(to_save)
    assert completeness(schema, values) == 2 / len(schema.fields)
    assert "pop_male" not in still


def test_it_round_trips_through_the_stored_json() -> None:
    carried = CarryOver(2026, {"pop_male": 1200}, ("land_sawah_ha",))
    assert CarryOver.from_json(carried.as_json()) == carried
    assert CarryOver.from_json({}) is None
