"""IDM (Indeks Desa Membangun, Kemendesa PDTT): exact scoring, editions as data, inputs, improvement plans.

No Django here. Typical use::

    edition = load_edition("idm-2020")
    parsed = parse_scores(read_table("scores.csv"), edition, known_codes)
    result = score_matrix(edition, parsed.scores)
    result.formatted("idm"), result.status_names("id")
"""

from petakan.lib.idm.edition import (
    DEFAULT_EDITION,
    Edition,
    EditionError,
    EditionProblem,
    Item,
    LocalText,
    StatusRule,
    available_editions,
    load_edition,
    parse_edition,
)
from petakan.lib.idm.improve import (
    PLAN_METHOD,
    ImprovementPlan,
    ItemGain,
    PlanStep,
    gain_matrices,
    improvement_plan,
    item_gains,
)
from petakan.lib.idm.inputs import (
    IdmInputError,
    OfficialSeries,
    Problem,
    RawTable,
    ScoreInput,
    as_raw_table,
    parse_official_series,
    parse_scores,
    read_known_codes,
    read_table,
)
from petakan.lib.idm.official import compare_with_official
from petakan.lib.idm.rubric import RubricResult, apply_rubric, derive_scores, rubric_inputs
from petakan.lib.idm.scoring import (
    MISSING,
    ScoreResult,
    classify_numerators,
    classify_values,
    next_status_gap,
    score_matrix,
    score_sums,
)

__all__ = [
    "DEFAULT_EDITION",
    "MISSING",
    "PLAN_METHOD",
    "Edition",
    "EditionError",
    "EditionProblem",
    "IdmInputError",
    "ImprovementPlan",
    "Item",
    "ItemGain",
    "LocalText",
    "OfficialSeries",
    "PlanStep",
    "Problem",
    "RawTable",
    "RubricResult",
    "ScoreInput",
    "ScoreResult",
    "StatusRule",
    "apply_rubric",
    "as_raw_table",
    "available_editions",
    "classify_numerators",
    "classify_values",
    "compare_with_official",
    "derive_scores",
    "gain_matrices",
    "improvement_plan",
    "item_gains",
    "load_edition",
    "next_status_gap",
    "parse_edition",
    "parse_official_series",
    "parse_scores",
    "read_known_codes",
    "read_table",
    "rubric_inputs",
    "score_matrix",
    "score_sums",
]
