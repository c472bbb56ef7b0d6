"""What the map can show, and the values of one variable for every village or kecamatan.

Variables of a run: its index, dimensions, elements and indicators (codes of the run's tree), then — when those apps
hold data — IDM (``idm:idm``, ``idm:iks`` …, ``idm:status``) and commodity specialisation (``lq:<commodity field>``,
the location quotient of the commodity weighted by population).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from petakan.indices import scores
from petakan.indices.method import run_imputation_rule
from petakan.indices.models import Run, Unit
from petakan.lib.economy import commodity_location_quotient, group_sum
from petakan.lib.profile import load_schema
from petakan.lib.smartcity import POPULATION_FIELDS
from petakan.maps import sources
from petakan.regions.models import Area
from petakan.regions.models import Level as AreaLevel

NUMERIC: Final = "numeric"
CATEGORY: Final = "category"
VILLAGE: Final = "village"
DISTRICT: Final = "district"
LEVELS: Final = (VILLAGE, DISTRICT)
IDM_PREFIX: Final = "idm:"
LQ_PREFIX: Final = "lq:"
IDM_VALUES: Final = ("idm", "iks", "ike", "ikl")

GROUPS = {
    "index": gettext_lazy("Indeks"),
    "dimension": gettext_lazy("Dimensi"),
    "element": gettext_lazy("Elemen"),
    "indicator": gettext_lazy("Indikator"),
    "idm": gettext_lazy("Indeks Desa Membangun (IDM)"),
    "commodity": gettext_lazy("Spesialisasi komoditas (LQ)"),
}


class VariableError(ValueError):
    """A variable or level the map cannot show; ``field`` is the URL parameter, ``value`` what was given."""

    def __init__(self, field: str, value: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.value = value
        self.reason = reason


@dataclass(frozen=True)
class Variable:
    code: str
    group: str
    name: str
    kind: str = NUMERIC
    levels: tuple[str, ...] = LEVELS
    digits: int = 1
    unit: str = ""
    categories: tuple[tuple[str, str], ...] = ()  # ordered (code, label), for CATEGORY variables

    @property
    def group_name(self) -> str:
        return str(GROUPS.get(self.group, self.group))


@dataclass
class Values:
    """One variable over every area of a level: ``numbers`` is NaN where the data are missing; for a CATEGORY
    variable it holds the category's position in ``variable.categories``."""

    variable: Variable
    level: str
    codes: list[str]
    numbers: np.ndarray
    note: str = ""
    sources: list[str] = field(default_factory=list)
    imputed: list[str] = field(default_factory=list)  # codes of villages whose (indicator) value was imputed


def lang_key(lang: str) -> str:
    return "en" if lang == "en" else "id"


def tree_variables(run: Run, lang: str) -> list[Variable]:
    return list(_tree_variables(run.pk, lang, run.tree).values())


def _tree_variables(run_id: int, lang: str, tree: list[dict[str, Any]]) -> dict[str, Variable]:
    # the tree of a stored run never changes: build its variables once per process and language
    key = (run_id, lang)
    found = _TREE_VARIABLES.get(key) if run_id is not None else None
    if found is None:
        name = "name_en" if lang == "en" else "name_id"
        found = {
            node["code"]: Variable(
                node["code"],
                node["level"],
                node[name],
                unit="0–100" if node["level"] != "indicator" else str(node.get("unit", "") or ""),
            )
            for node in tree
        }
        if run_id is not None:
            if len(_TREE_VARIABLES) > 128:
                _TREE_VARIABLES.clear()
            _TREE_VARIABLES[key] = found
    return found


_TREE_VARIABLES: dict[tuple[int, str], dict[str, Variable]] = {}


def idm_variables(lang: str) -> list[Variable]:
    from petakan.lib.idm import DEFAULT_EDITION, load_edition

    edition = load_edition(DEFAULT_EDITION)
    key = lang_key(lang)
    out = [Variable(f"{IDM_PREFIX}idm", "idm", edition.composite_name.get(key), digits=edition.decimals, unit="0–1")]
    for index in edition.indices:
        out.append(Variable(f"{IDM_PREFIX}{index.code}", "idm", index.name.get(key), digits=edition.decimals))
    out.append(
        Variable(
            f"{IDM_PREFIX}status",
            "idm",
            _("Status IDM"),
            kind=CATEGORY,
            levels=(VILLAGE,),
            categories=tuple((s.code, s.name.get(key)) for s in edition.statuses),
        )
    )
    return out


def commodity_variables(lang: str) -> list[Variable]:
    key = lang_key(lang)
    return [
        Variable(f"{LQ_PREFIX}{f.code}", "commodity", f.label.get(key), digits=2, unit="LQ")
        for f in load_schema().commodity_fields
    ]


def idm_years(user: Any) -> list[int]:
    module = sources.idm_services()
    return module.years_with_results(user) if module is not None else []


def catalogue(run: Run, lang: str, user: Any, *, with_idm: bool | None = None) -> list[Variable]:
    """Every variable the map offers for ``run``: the tree, IDM when ``user`` may see IDM results of the run's
    year, commodities when the profiles app is installed."""
    out = tree_variables(run, lang)
    if with_idm is None:
        with_idm = run.year in idm_years(user)
    if with_idm:
        out += idm_variables(lang)
    if sources.profiles_available():
        out += commodity_variables(lang)
    return out


def find(run: Run, code: str, lang: str, *, field: str = "var") -> Variable:
    """The variable ``code`` of ``run`` without loading what the others need; VariableError when unknown (on
    ``field``: "banding" when ``run`` is the comparison run)."""
    if code.startswith(IDM_PREFIX):
        if sources.idm_services() is not None:
            for v in idm_variables(lang):
                if v.code == code:
                    return v
    elif code.startswith(LQ_PREFIX):
        if sources.profiles_available():
            for v in commodity_variables(lang):
                if v.code == code:
                    return v
    else:
        found = _tree_variables(run.pk, lang, run.tree).get(code)
        if found is not None:
            return found
    if field == "banding":
        raise VariableError(field, str(run.pk), _("Variabel %(code)s tidak ada pada run pembanding.") % {"code": code})
    raise VariableError(field, code, _("Variabel %(code)s tidak ada pada run ini.") % {"code": code})


def area_codes(level: str) -> list[str]:
    """Codes of the regency's villages or kecamatan, sorted."""
    area_level = AreaLevel.VILLAGE if level == VILLAGE else AreaLevel.DISTRICT
    prefix = settings.PETAKAN_REGENCY_CODE + "."
    return list(
        Area.objects.filter(level=area_level, code__startswith=prefix).order_by("code").values_list("code", flat=True)
    )


def values(run: Run, variable: Variable, level: str, user: Any) -> Values:
    """The values of ``variable`` for every area of ``level`` (one query for index variables)."""
    if level not in LEVELS:
        raise VariableError("level", level, _("Tingkat harus desa atau kecamatan."))
    if level not in variable.levels:
        raise VariableError("level", level, _("%(name)s hanya tersedia per desa.") % {"name": variable.name})
    codes = area_codes(level)
    imputed: list[str] = []
    if variable.group == "idm":
        series, note = _idm_values(run, variable, level, user)
    elif variable.group == "commodity":
        series, note = _commodity_values(run, variable, level)
    else:
        unit = Unit.VILLAGE if level == VILLAGE else Unit.DISTRICT
        series = pd.Series(scores.node_values(run, unit, variable.code), dtype=float)
        note = "" if level == VILLAGE else _("Nilai kecamatan: rata-rata sederhana skor desanya.")
        if level == VILLAGE:
            imputed = scores.node_imputed(run, variable.code)
            if imputed:
                note = _("%(n)d desa tidak mengukur indikator ini; nilainya diimputasi: %(rule)s.") % {
                    "n": len(imputed),
                    "rule": run_imputation_rule(run, lang_key(translation.get_language() or "id")),
                }
    numbers = series.reindex(codes).to_numpy(dtype=float)
    # Six decimals are far below any reading precision; rounding before classifying keeps the values sent to the
    # browser and the classes computed here exactly consistent.
    numbers = np.round(numbers, 6)
    found = imputed if variable.group not in ("idm", "commodity") and level == VILLAGE else []
    return Values(variable, level, codes, numbers, note, imputed=found)


def _idm_values(run: Run, variable: Variable, level: str, user: Any) -> tuple[pd.Series, str]:
    module = sources.idm_services()
    if module is None:
        return pd.Series(dtype=float), ""
    frame = module.results_for(run.year, user=user)
    what = variable.code.removeprefix(IDM_PREFIX)
    # kelurahan are blank on the map for a reason other than missing data
    desa_only = _("Kelurahan tidak dinilai: IDM hanya didefinisikan untuk desa.")
    if what == "status":
        position = {code: i for i, (code, _label) in enumerate(variable.categories)}
        return frame["status"].map(position).astype(float), desa_only
    numbers = pd.to_numeric(frame[what], errors="coerce")
    if level == VILLAGE:
        return numbers, desa_only
    means = numbers.groupby(frame["district_code"]).mean()
    return means, _("Nilai kecamatan: rata-rata sederhana nilai desanya yang lengkap.")


def _commodity_values(run: Run, variable: Variable, level: str) -> tuple[pd.Series, str]:
    """Weighted LQ (x_vk / X_k) / (w_v / W) with population as the weight, since commodities are in different
    units (tonnes, head, sheets). Villages without the commodity's volume or a population are left out of both
    sums, and get no value."""
    frame = sources.profile_frame(run.year, run.profile_status)
    column = variable.code.removeprefix(LQ_PREFIX)
    note = _("LQ > 1: lebih terspesialisasi pada komoditas ini daripada kabupaten (bobot: jumlah penduduk).")
    if frame is None or column not in frame.columns or not set(POPULATION_FIELDS) <= set(frame.columns):
        return pd.Series(dtype=float), note
    # the profiles app types columns with pandas' nullable dtypes; the LQ wants plain floats
    volume = pd.to_numeric(frame[column], errors="coerce").astype(float)
    population = (
        frame[list(POPULATION_FIELDS)].apply(pd.to_numeric, errors="coerce").astype(float).sum(axis=1, min_count=2)
    )
    usable = volume.notna() & population.notna() & (volume >= 0) & (population > 0)
    volume, population = volume[usable], population[usable]
    if volume.empty:
        return pd.Series(dtype=float), note
    if level == VILLAGE:
        lq = commodity_location_quotient(volume.to_numpy()[:, None], weights=population.to_numpy())[:, 0]
        return pd.Series(lq, index=volume.index), note
    districts = volume.index.astype(str).str.rsplit(".", n=1).str[0].to_numpy()
    labels, sums = group_sum(np.column_stack([volume.to_numpy(), population.to_numpy()]), districts)
    lq = commodity_location_quotient(sums[:, :1], weights=sums[:, 1])[:, 0]
    return pd.Series(lq, index=labels), note
