"""Completeness is the share of entered fields that are filled."""

from __future__ import annotations

import pandas as pd
import pytest

from petakan.lib.profile import Schema, completeness, completeness_frame, frame_to_records


def test_an_empty_profile_is_0_complete(schema: Schema) -> None:
    assert completeness(schema, {}) == 0.0


def test_completeness_counts_filled_fields_over_all_entered_fields(schema: Schema) -> None:
    values = {code: 1 for code in schema.codes[:30]}
    values[schema.codes[0]] = None
    assert completeness(schema, values) == pytest.approx(29 / len(schema.fields))


def test_zero_and_no_count_as_filled(schema: Schema) -> None:
    assert completeness(schema, {"tour_sites": 0, "conn_4g": False}) == pytest.approx(2 / len(schema.fields))


def test_completeness_of_required_fields_only(schema: Schema) -> None:
    values = {f.code: 1 for f in schema.required_fields[:7]}
    assert completeness(schema, values, required_only=True) == pytest.approx(7 / len(schema.required_fields))


def test_the_frame_version_matches_the_per_profile_version(schema: Schema, demo_profiles: pd.DataFrame) -> None:
    records = frame_to_records(schema, demo_profiles)
    by_frame = completeness_frame(schema, demo_profiles)
    for code in list(records)[:40]:
        assert by_frame[code] == pytest.approx(completeness(schema, records[code]))


def test_the_frame_version_names_missing_columns(schema: Schema, demo_profiles: pd.DataFrame) -> None:
    with pytest.raises(KeyError, match="pop_male"):
        completeness_frame(schema, demo_profiles.drop(columns=["pop_male"]))
