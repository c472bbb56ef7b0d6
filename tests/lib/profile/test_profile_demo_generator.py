"""The demo generator gives plausible, valid, seeded profiles for all 286 Kendal villages."""

from __future__ import annotations

import pandas as pd
import pytest

from petakan.lib.profile import DemoInputs, Schema, completeness_frame, frame_to_records, validate_values


@pytest.fixture(scope="module")
def profiles(demo_profiles: pd.DataFrame, demo_inputs: DemoInputs) -> pd.DataFrame:
    """The demo profiles joined with the village identity."""
    identity = demo_inputs.villages.set_index("code")[["name", "type", "kecamatan_code", "kecamatan_name"]]
    return demo_profiles.join(identity)


def test_it_gives_one_row_per_village_and_one_column_per_field(
    schema: Schema, demo_profiles: pd.DataFrame, village_codes: set[str]
) -> None:
    assert set(demo_profiles.index) == village_codes and demo_profiles.index.is_unique
    assert list(demo_profiles.columns) == list(schema.codes)
    assert demo_profiles.attrs["demo"] is True
    assert (demo_profiles.attrs["year"], demo_profiles.attrs["seed"]) == (2024, 7)
    assert demo_profiles.attrs["schema"] == "village-profile-v1"


def test_the_same_seed_gives_the_same_profiles(demo_inputs: DemoInputs, demo_profiles: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(demo_inputs.generate(year=2024, seed=7), demo_profiles)


def test_another_seed_gives_other_profiles(demo_inputs: DemoInputs, demo_profiles: pd.DataFrame) -> None:
    other = demo_inputs.generate(year=2024, seed=8)
    assert (other["pop_male"] != demo_profiles["pop_male"]).mean() > 0.9


def test_every_generated_profile_passes_validation(schema: Schema, demo_profiles: pd.DataFrame) -> None:
    for code, values in frame_to_records(schema, demo_profiles).items():
        assert validate_values(schema, values, partial=False) == [], code


def test_kecamatan_populations_add_up_to_the_census(demo_inputs: DemoInputs) -> None:
    frame = demo_inputs.generate(year=2020, seed=3)
    pop = (frame["pop_male"] + frame["pop_female"]).groupby(frame.index.str[:8]).sum()
    census = demo_inputs.kecamatan_stats.set_index("kecamatan_code")["pop_census2020"].dropna()
    ratio = pop[census.index] / census
    assert ratio.between(0.995, 1.005).all()
    assert pop.sum() == pytest.approx(1018505, rel=0.001)


def test_coastal_villages_fish_farm_ponds_and_face_abrasion(profiles: pd.DataFrame) -> None:
    coast = profiles["geo_zone"] == "pesisir"
    assert (profiles.loc[~coast, "com_ikan_laut_ton"].fillna(0) == 0).all()
    assert profiles.loc[coast, "liv_fishery_pct"].mean() > 3 * profiles.loc[~coast, "liv_fishery_pct"].mean()
    assert (
        profiles.loc[coast, "com_bandeng_tambak_ton"].mean()
        > 10 * profiles.loc[~coast, "com_bandeng_tambak_ton"].mean()
    )
    assert (profiles.loc[~coast, "risk_abrasion"].dropna() == "none").all()
    assert profiles.loc[coast, "risk_abrasion"].isin(["medium", "high"]).mean() > 0.5


def test_kek_villages_have_a_high_manufacturing_share(profiles: pd.DataFrame) -> None:
    kek = profiles["kecamatan_code"].isin(["33.24.08", "33.24.09"])
    assert profiles.loc[kek, "liv_industry_pct"].mean() > 1.5 * profiles.loc[~kek, "liv_industry_pct"].mean()
    estate = profiles.loc[["33.24.08.2015", "33.24.08.2014"]]
    assert (estate["industry_large_medium"] >= 5).all()


def test_highland_villages_grow_plantation_crops_and_face_landslides(profiles: pd.DataFrame) -> None:
    high = profiles["geo_zone"] == "pegunungan"
    for crop in ("com_kopi_ton", "com_teh_ton"):
        assert profiles.loc[~high, crop].fillna(0).sum() == 0
        assert profiles.loc[high, crop].sum() > 0
    # Cloves also grow on the hills of the plain, but mostly in the highland.
    assert profiles.loc[high, "com_cengkeh_ton"].sum() > 3 * profiles.loc[~high, "com_cengkeh_ton"].sum()
    assert profiles.loc[high, "risk_landslide"].isin(["medium", "high"]).mean() > 0.6
    assert profiles.loc[high, "elevation_m"].min() >= 100
    assert (
        profiles.loc[high, "tour_sites"].mean() > profiles.loc[profiles["geo_zone"] == "dataran", "tour_sites"].mean()
    )


def test_kelurahan_have_no_farming_heavy_profile(profiles: pd.DataFrame) -> None:
    kel = profiles["type"] == "kelurahan"
    assert kel.sum() == 20
    assert (profiles.loc[kel, "liv_agriculture_pct"].dropna() < 20).all()
    assert profiles.loc[kel, "bumdes_exists"].dropna().eq(False).all()


def test_the_sourced_tourism_villages_are_desa_wisata(profiles: pd.DataFrame) -> None:
    for code in ("33.24.06.2003", "33.24.01.2011"):
        village = profiles.loc[code]
        assert village["tour_village_status"] in ("berkembang", "maju")
        assert village["tour_sites"] >= 3 and village["tour_homestays"] >= 5
    assert profiles.loc["33.24.01.2011", "tour_main_site"] == "Curug Jeglong"


def test_the_sourced_durian_and_bandeng_villages_lead_their_commodity(profiles: pd.DataFrame) -> None:
    assert profiles.loc["33.24.02.2012", "com_durian_ton"] >= profiles["com_durian_ton"].quantile(0.8)
    assert profiles.loc["33.24.13.2014", "com_bandeng_tambak_ton"] >= profiles["com_bandeng_tambak_ton"].quantile(0.8)


def test_about_10_percent_of_villages_leave_optional_fields_empty_and_3_are_very_sparse(
    schema: Schema, demo_profiles: pd.DataFrame
) -> None:
    sparse, very_sparse = demo_profiles.attrs["sparse"], demo_profiles.attrs["very_sparse"]
    assert len(sparse) == round(0.1 * 286) and len(very_sparse) == 3 and not set(sparse) & set(very_sparse)
    share = completeness_frame(schema, demo_profiles)
    required = completeness_frame(schema, demo_profiles, required_only=True)
    assert set(share[share < 0.3].index) == set(very_sparse)
    assert (required[very_sparse] == 1).all() and (required == 1).all()
    numeric = [f.code for f in schema.fields if f.is_numeric and not f.code.startswith("bumdes_")]
    empty_numbers = demo_profiles[numeric].isna().sum(axis=1)
    assert (empty_numbers[sparse] > 0).all()
    others = demo_profiles.index.difference(sparse + very_sparse)
    assert (empty_numbers[others] == 0).all()


def test_the_villages_named_by_sources_keep_a_full_profile(demo_profiles: pd.DataFrame) -> None:
    named = {"33.24.06.2003", "33.24.01.2011", "33.24.08.2015", "33.24.13.2014", "33.24.15.1019", "33.24.02.2012"}
    assert not named & set(demo_profiles.attrs["sparse"] + demo_profiles.attrs["very_sparse"])
