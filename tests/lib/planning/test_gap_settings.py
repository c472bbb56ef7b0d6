from __future__ import annotations

import pytest

from petakan.lib.planning import GapSettings, PlanningConfigError, PriorityWeights


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"low_threshold": 101}, "low_threshold"),
        ({"element_bottom_share": -0.1}, "element_bottom_share"),
        ({"village_bottom_share": 1.5}, "village_bottom_share"),
    ],
)
def test_it_rejects_settings_out_of_range_naming_the_field(fields, name) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PlanningConfigError) as caught:
        GapSettings(**fields)
    assert caught.value.field == name


def test_it_rejects_negative_or_all_zero_weights() -> None:
    with pytest.raises(PlanningConfigError) as caught:
        PriorityWeights(gap=-1)
    assert caught.value.field == "weight_gap"
    with pytest.raises(PlanningConfigError):
        PriorityWeights(0, 0, 0, 0)
