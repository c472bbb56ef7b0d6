"""Each village's leading commodities: a location quotient of village × commodity against the regency.

Commodities are recorded in different units (tonnes, head, sheets), so the LQ is weighted by population:
LQ_vk = (x_vk / X_k) / (w_v / W), see petakan.lib.economy.commodity_location_quotient. A commodity a village
did not report counts as no production.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from petakan.lib.economy import commodity_location_quotient, leading_commodities
from petakan.lib.profile import load_schema
from petakan.lib.smartcity import POPULATION_FIELDS

TOP = 3


@dataclass
class VillageLeaders:
    code: str
    name: str
    leaders: list[tuple[str, float]] = field(default_factory=list)  # (commodity label, LQ), best first


@dataclass
class DistrictLeaders:
    code: str
    name: str
    villages: list[VillageLeaders] = field(default_factory=list)
    leaders: list[tuple[str, float]] = field(default_factory=list)


def leaders(frame: pd.DataFrame, villages: pd.DataFrame, lang: str) -> list[DistrictLeaders]:
    """Leading commodities per village and per kecamatan. ``frame``: profiles (index village code);
    ``villages``: code → name, district_code, district_name (index village code)."""
    key = "en" if lang == "en" else "id"
    fields = [f for f in load_schema().commodity_fields if f.code in frame.columns]
    labels = [f.label.get(key) for f in fields]
    columns = [f.code for f in fields]
    if frame.empty or not columns or not set(POPULATION_FIELDS) <= set(frame.columns):
        return []
    population = frame[list(POPULATION_FIELDS)].apply(pd.to_numeric, errors="coerce").astype(float).sum(axis=1)
    frame = frame[population > 0]
    population = population[population > 0]
    volumes = frame[columns].apply(pd.to_numeric, errors="coerce").astype(float).fillna(0.0).clip(lower=0)
    lq = commodity_location_quotient(volumes.to_numpy(), weights=population.to_numpy())
    top = leading_commodities(lq, limit=TOP)
    info = villages.reindex(frame.index)
    districts = info["district_code"].to_numpy()
    d_labels, inverse = np.unique(districts, return_inverse=True)
    d_volumes = np.vstack([volumes.to_numpy()[inverse == i].sum(axis=0) for i in range(len(d_labels))])
    d_population = np.bincount(inverse, population.to_numpy(), len(d_labels))
    d_top = leading_commodities(commodity_location_quotient(d_volumes, weights=d_population), limit=TOP)
    out = []
    for i, d_code in enumerate(d_labels):
        members = np.flatnonzero(inverse == i)
        d = DistrictLeaders(str(d_code), str(info["district_name"].iloc[members[0]]))
        d.leaders = [(labels[c], q) for c, q in d_top.for_unit(i)]
        for m in members:
            code = str(frame.index[m])
            d.villages.append(
                VillageLeaders(code, str(info["name"].iloc[m]), [(labels[c], q) for c, q in top.for_unit(m)])
            )
        out.append(d)
    return out
