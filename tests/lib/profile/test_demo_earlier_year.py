"""The demo's earlier year: the same villages with the same character, worse where a programme later worked."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from petakan.lib.profile import DemoInputs, load_schema, validate_values
from petakan.lib.profile.demo import earlier_demo_profiles
from petakan.lib.profile.values import frame_to_records

LEVELS = {"none": 0, "partial": 1, "full": 2}


@pytest.fixture(scope="module")
def reached(demo_profiles: pd.DataFrame) -> dict[str, set[str]]:
    coastal = {c for c in demo_profiles.index if c.rsplit(".", 1)[0] in ("33.24.14", "33.24.15")}
    return {"env_waste": coastal, "econ_transaction": coastal}


@pytest.fixture(scope="module")
def earlier(demo_inputs: DemoInputs, demo_profiles: pd.DataFrame, reached: dict[str, set[str]]) -> pd.DataFrame:
    return demo_inputs.earlier(demo_profiles, year=2023, seed=7, improved=reached)


@pytest.mark.parametrize(
    "code", ["fin_qris_merchants", "health_stunting_pct", "util_clean_water_pct", "sec_cctv", "households"]
)
def test_each_village_keeps_its_character_from_one_year_to_the_next(
    demo_profiles: pd.DataFrame, earlier: pd.DataFrame, code: str
) -> None:
    both = pd.DataFrame({"later": demo_profiles[code], "earlier": earlier[code]}).astype(float).dropna()
    assert len(both) > 250
    assert np.corrcoef(both["earlier"], both["later"])[0, 1] > 0.9
    assert not both["earlier"].equals(both["later"]) or code == "sec_cctv"


def test_every_earlier_profile_is_valid_and_labelled_as_demo_data(
    demo_profiles: pd.DataFrame, earlier: pd.DataFrame
) -> None:
    schema = load_schema()
    records = frame_to_records(schema, earlier)
    assert all(not validate_values(schema, values, partial=False) for values in records.values())
    assert earlier.attrs["demo"] is True and earlier.attrs["year"] == 2023 and earlier.attrs["derived_from"] == 2024
    assert list(earlier.index) == list(demo_profiles.index)
    # empty stays empty: the villages that left fields out did so both years
    assert (earlier.isna() == demo_profiles.isna()).all().all()


def test_the_population_was_smaller_the_year_before(demo_profiles: pd.DataFrame, earlier: pd.DataFrame) -> None:
    later_pop = (demo_profiles["pop_male"] + demo_profiles["pop_female"]).astype(float)
    earlier_pop = (earlier["pop_male"] + earlier["pop_female"]).astype(float)
    assert 1.005 < later_pop.sum() / earlier_pop.sum() < 1.02


def test_villages_a_programme_reached_were_worse_before_it_and_the_others_were_not(
    demo_profiles: pd.DataFrame, earlier: pd.DataFrame, reached: dict[str, set[str]]
) -> None:
    inside = demo_profiles.index.isin(list(reached["env_waste"]))
    before = earlier["waste_collection"].map(LEVELS).fillna(-1)
    after = demo_profiles["waste_collection"].map(LEVELS).fillna(-1)
    assert (before[inside] <= after[inside]).all() and (before[inside] < after[inside]).sum() >= 5
    assert (before[~inside] == after[~inside]).all()
    qris_before, qris_after = earlier["fin_qris_merchants"].astype(float), demo_profiles["fin_qris_merchants"]
    assert qris_before[inside].sum() < 0.85 * qris_after.astype(float)[inside].sum()


def test_the_same_inputs_give_the_same_earlier_year(
    demo_inputs: DemoInputs, demo_profiles: pd.DataFrame, earlier: pd.DataFrame, reached: dict[str, set[str]]
) -> None:
    again = demo_inputs.earlier(demo_profiles, year=2023, seed=7, improved=reached)
    pd.testing.assert_frame_equal(again, earlier)


def test_it_rejects_a_year_that_is_not_earlier_and_an_element_it_cannot_improve(demo_profiles: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="must come before"):
        earlier_demo_profiles(demo_profiles, year=2024, seed=7, growth=1.01)
    with pytest.raises(ValueError, match="brand_tourism"):
        earlier_demo_profiles(demo_profiles, year=2023, seed=7, growth=1.01, improved={"brand_tourism": {"x"}})
