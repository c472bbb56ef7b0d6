"""The schema loader refuses a defective schema file, naming every defect precisely."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from petakan.lib.profile import SchemaError, load_schema, parse_schema


def field_index(data: dict[str, Any], code: str) -> int:
    return next(i for i, f in enumerate(data["fields"]) if f["code"] == code)


def reasons(data: Any) -> list[str]:
    with pytest.raises(SchemaError) as info:
        parse_schema(data, origin="test.yaml")
    return [str(p) for p in info.value.problems]


def test_the_packaged_schema_is_valid(schema_data: dict[str, Any]) -> None:
    assert parse_schema(schema_data).code == "village-profile-v1"


def test_it_rejects_a_duplicate_field_code(schema_data: dict[str, Any]) -> None:
    schema_data["fields"].append(dict(schema_data["fields"][field_index(schema_data, "pop_male")]))
    found = reasons(schema_data)
    assert any("duplicate field code 'pop_male'" in r and "first defined at fields[" in r for r in found)


def test_it_rejects_an_unknown_type(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "households")]["type"] = "number"
    assert any("'households'.type: unknown type 'number'" in r for r in reasons(schema_data))


def test_it_rejects_a_choice_field_without_choices(schema_data: dict[str, Any]) -> None:
    del schema_data["fields"][field_index(schema_data, "geo_zone")]["choices"]
    assert any("'geo_zone'" in r and "a choice field needs 'choices'" in r for r in reasons(schema_data))


def test_it_rejects_min_greater_than_max(schema_data: dict[str, Any]) -> None:
    f = schema_data["fields"][field_index(schema_data, "elevation_m")]
    f["min"], f["max"] = 500, 10
    assert any("'elevation_m'" in r and "min 500 is greater than max 10" in r for r in reasons(schema_data))


def test_it_rejects_an_unknown_section(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "tour_sites")]["section"] = "wisata"
    assert any("'tour_sites'.section: unknown section 'wisata'" in r for r in reasons(schema_data))


def test_it_rejects_a_duplicate_section_code(schema_data: dict[str, Any]) -> None:
    schema_data["sections"].append(dict(schema_data["sections"][0]))
    assert any("duplicate section code 'identity'" in r for r in reasons(schema_data))


def test_it_rejects_an_unknown_unit(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "pop_male")]["unit"] = "people"
    assert any("'pop_male'.unit: unknown unit 'people'" in r for r in reasons(schema_data))


def test_it_rejects_an_unknown_choice_set(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "risk_flood")]["choices"] = "risk_levels"
    assert any("unknown choice set 'risk_levels'" in r for r in reasons(schema_data))


def test_it_rejects_a_misspelt_key(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "households")]["requird"] = True
    assert any("'households'" in r and "unknown key 'requird'" in r for r in reasons(schema_data))


def test_it_rejects_a_field_code_that_is_not_snake_case(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "households")]["code"] = "Households"
    assert any("field code 'Households' must be snake_case" in r for r in reasons(schema_data))


def test_it_rejects_a_comma_in_a_choice_label(schema_data: dict[str, Any]) -> None:
    schema_data["choice_sets"]["zone"][0]["label"]["id"] = "Pesisir, pantai"
    assert any("choice labels may not contain commas" in r for r in reasons(schema_data))


def test_it_rejects_percent_bounds_outside_0_to_100(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "liv_trade_pct")]["max"] = 150
    assert any("'liv_trade_pct'" in r and "percent bounds must lie within 0-100" in r for r in reasons(schema_data))


def test_it_rejects_a_text_field_without_max_length(schema_data: dict[str, Any]) -> None:
    del schema_data["fields"][field_index(schema_data, "notes_problems")]["max_length"]
    assert any("'notes_problems'.max_length: text fields need a positive max_length" in r for r in reasons(schema_data))


def test_it_rejects_min_on_a_non_numeric_field(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "conn_4g")]["min"] = 0
    assert any("'conn_4g'" in r and "min/max are only allowed on numeric fields" in r for r in reasons(schema_data))


def test_it_rejects_a_required_region_field(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "village_name")]["required"] = True
    assert any("a region field is not entered and cannot be required" in r for r in reasons(schema_data))


def test_it_rejects_a_derived_field_over_an_unknown_field(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "pop_total")]["sum_of"] = ["pop_male", "pop_women"]
    assert any("'pop_total'" in r and "unknown field 'pop_women'" in r for r in reasons(schema_data))


def test_it_rejects_a_rule_naming_an_unknown_field(schema_data: dict[str, Any]) -> None:
    schema_data["rules"][0]["left"] = ["housholds"]
    assert any(
        "rules[0] 'households_at_most_population'.left: unknown field 'housholds'" in r for r in reasons(schema_data)
    )


def test_it_rejects_an_at_most_rule_over_a_text_field(schema_data: dict[str, Any]) -> None:
    schema_data["rules"][0]["left"] = ["tour_main_site"]
    assert any("field 'tour_main_site' is not numeric" in r for r in reasons(schema_data))


def test_it_rejects_an_unknown_rule_kind(schema_data: dict[str, Any]) -> None:
    schema_data["rules"][0]["kind"] = "at_least"
    assert any("unknown rule kind 'at_least'" in r for r in reasons(schema_data))


def test_it_rejects_an_only_if_condition_with_an_unknown_choice(schema_data: dict[str, Any]) -> None:
    rule = next(r for r in schema_data["rules"] if r["code"] == "fourg_needs_signal")
    rule["condition"]["in"] = ["weak", "excellent"]
    assert any("unknown choice value(s) ['excellent'] of 'conn_signal'" in r for r in reasons(schema_data))


def test_it_rejects_an_element_hint_naming_an_unknown_field(schema_data: dict[str, Any]) -> None:
    schema_data["element_hints"][0]["fields"].append("gov_app_count")
    assert any("element_hints[0].fields: unknown field 'gov_app_count'" in r for r in reasons(schema_data))


def test_it_rejects_a_label_without_english(schema_data: dict[str, Any]) -> None:
    del schema_data["fields"][field_index(schema_data, "households")]["label"]["en"]
    assert any("'households'.label.en: missing or empty text" in r for r in reasons(schema_data))


def test_it_reports_all_defects_at_once(schema_data: dict[str, Any]) -> None:
    schema_data["fields"][field_index(schema_data, "households")]["type"] = "number"
    schema_data["fields"][field_index(schema_data, "tour_sites")]["section"] = "wisata"
    del schema_data["fields"][field_index(schema_data, "geo_zone")]["choices"]
    with pytest.raises(SchemaError) as info:
        parse_schema(schema_data, origin="test.yaml")
    assert len(info.value.problems) >= 3
    message = str(info.value)
    assert (
        "test.yaml" in message and "'households'" in message and "'tour_sites'" in message and "'geo_zone'" in message
    )


def test_it_rejects_a_duplicate_key_in_the_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("schema: x\nversion: 1\nversion: 2\nsections: []\nfields: []\n", encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(path)
    assert "duplicate key 'version'" in str(info.value)


def test_it_rejects_a_file_that_is_not_yaml(tmp_path: Path) -> None:
    path = tmp_path / "profile.yaml"
    path.write_text("schema: [unclosed\n", encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(path)
    assert info.value.problems[0].path == "<yaml>"


def test_it_rejects_a_file_that_is_not_a_mapping() -> None:
    assert any("<root>: the schema must be a YAML mapping" in r for r in reasons(["a", "list"]))
