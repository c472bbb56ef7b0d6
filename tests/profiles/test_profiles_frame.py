"""profiles_frame: the stored profiles as one typed villages × fields frame, for the analyses."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from petakan.lib.profile import load_schema
from petakan.profiles.models import Profile
from petakan.profiles.services import _profiles_frame_records, profiles_frame
from tests.conftest import KENDAL_VILLAGE, OTHER_VILLAGE, SAME_DISTRICT_OTHER_VILLAGE
from tests.profiles.conftest import YEAR


@pytest.fixture
def three(make_profile: Callable[..., Profile]) -> None:
    make_profile(
        KENDAL_VILLAGE,
        "published",
        {"pop_male": 1200, "land_sawah_ha": 12.5, "conn_4g": True, "geo_zone": "pegunungan"},
        is_demo=False,
    )
    make_profile(OTHER_VILLAGE, "draft", {"pop_male": 900, "conn_4g": False}, is_demo=True)
    make_profile(SAME_DISTRICT_OTHER_VILLAGE, "published", {"pop_male": 10}, year=YEAR - 1, is_demo=True)


def test_published_keeps_only_published_profiles_of_the_year(three: None) -> None:
    frame, is_demo = profiles_frame(YEAR, "published")
    assert list(frame.index) == [KENDAL_VILLAGE]
    assert is_demo is False
    row = frame.loc[KENDAL_VILLAGE]
    assert row["pop_male"] == 1200 and row["land_sawah_ha"] == 12.5
    assert bool(row["conn_4g"]) is True and row["geo_zone"] == "pegunungan"
    assert pd.isna(row["pop_female"])
    assert list(frame.columns) == list(load_schema().codes)


def test_all_takes_every_profile_and_reports_demo_data(three: None) -> None:
    frame, is_demo = profiles_frame(YEAR, "all")
    assert list(frame.index) == sorted([KENDAL_VILLAGE, OTHER_VILLAGE])
    assert is_demo is True
    assert frame.loc[OTHER_VILLAGE, "pop_male"] == 900
    assert bool(frame.loc[OTHER_VILLAGE, "conn_4g"]) is False


def test_columns_are_typed(three: None) -> None:
    frame, _ = profiles_frame(YEAR, "all")
    assert str(frame["pop_male"].dtype) == "Int64"
    assert str(frame["land_sawah_ha"].dtype) == "Float64"
    assert str(frame["conn_4g"].dtype) == "boolean"
    assert frame.index.name == "village_code"


def test_it_reads_with_one_query(three: None) -> None:
    with CaptureQueriesContext(connection) as queries:
        profiles_frame(YEAR, "all")
    # PostgreSQL streams the table with one COPY on the driver's cursor, which Django does not see
    assert len(queries) == (0 if connection.vendor == "postgresql" else 1)


def test_the_postgresql_stream_gives_the_same_frame_as_reading_the_records(
    three: None, make_profile: Callable[..., Profile]
) -> None:
    make_profile(
        SAME_DISTRICT_OTHER_VILLAGE,
        "draft",
        {"pop_female": 0, "land_sawah_ha": 0.1, "conn_4g": False, "notes_problems": 'a, "quoted"\nline'},
    )
    for status in ("all", "published"):
        frame, is_demo = profiles_frame(YEAR, status)
        expected, expected_demo = _profiles_frame_records(YEAR, status)
        pd.testing.assert_frame_equal(frame, expected)
        assert is_demo == expected_demo


def test_an_empty_year_gives_an_empty_frame_with_the_columns(three: None) -> None:
    frame, is_demo = profiles_frame(1999, "all")
    assert frame.empty and is_demo is False and len(frame.columns) == len(load_schema().codes)


def test_it_refuses_an_unknown_status(three: None) -> None:
    with pytest.raises(ValueError, match="status"):
        profiles_frame(YEAR, "drafts")


def test_a_prefix_keeps_one_kecamatans_villages_and_is_matched_literally(three: None) -> None:
    frame, _ = profiles_frame(YEAR, "all", prefix="33.24.02.")
    assert list(frame.index) == [OTHER_VILLAGE]
    frame, _ = profiles_frame(YEAR, "all", prefix="33.24.01.")
    assert list(frame.index) == [KENDAL_VILLAGE]
    frame, _ = profiles_frame(YEAR, "all", prefix="33.24.0_.")  # "_" is not a LIKE wildcard here
    assert frame.empty
