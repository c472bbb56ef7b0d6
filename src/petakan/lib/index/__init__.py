"""Composite index engine: a COINr-style pipeline over a units × indicators table and an indicator tree.

Typical use (pure Python, no Django)::

    from petakan.lib.index import build, sensitivity, compare

    run = build(data_df, meta_df, config_dict)      # config: see petakan.lib.index.config
    run.scores(), run.ranks()                        # aggregates (top level first); scores(level=1) = indicators
    run.results_table()                              # unit_code, <code>_score, <code>_rank ...
    run.decomposition("Index")                       # contribution of each indicator, per unit
    run.log, run.hash, run.audit()                   # JSON-able methodology log, stable hash, audit
    run.dataset("Treated")                           # any step's output data set
    other = run.variant("normalise", {"method": "zscore"})
    compare(run, other).table                        # unit-by-unit score and rank shifts
    regenerate(run.log, data_df)                     # rebuild from the log
    sa = sensitivity(run, assumptions, n=500, seed=1)
    sa.summary                                       # median rank and 5-95 % interval per unit
    sa.indices                                       # first-order and total Sobol index per assumption
"""

from .audit import audit
from .compare import Comparison, apply_change, compare, regenerate, variant
from .config import resolve_config
from .errors import IndexConfigError, IndexInputError, IndexMethodError, Problem
from .framework import Framework, parse_framework
from .inputs import Inputs, prepare_inputs, read_inputs, read_table
from .pipeline import DEFAULT_CONFIG, ENGINE_VERSION, build, execute
from .results import Run, jsonable
from .sensitivity import SensitivityResult, saltelli_sample, sensitivity, sobol_indices

__all__ = [
    "DEFAULT_CONFIG",
    "ENGINE_VERSION",
    "Comparison",
    "Framework",
    "IndexConfigError",
    "IndexInputError",
    "IndexMethodError",
    "Inputs",
    "Problem",
    "Run",
    "SensitivityResult",
    "apply_change",
    "audit",
    "build",
    "compare",
    "execute",
    "jsonable",
    "parse_framework",
    "prepare_inputs",
    "read_inputs",
    "read_table",
    "regenerate",
    "resolve_config",
    "saltelli_sample",
    "sensitivity",
    "sobol_indices",
    "variant",
]
