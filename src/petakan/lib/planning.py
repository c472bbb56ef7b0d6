"""Masterplan rules: gaps between the Smart City programmes, the measured scores and the RPJMD, alignment
matrices, budget summaries, a transparent prioritisation score and the road map.

Method: shared/spec/methodology/smart-city-framework.md, sections 3 (readiness), 5–6 (masterplan, horizons) and
7 (alignment chain visi → misi → tujuan → sasaran → strategi/arah kebijakan → program).

Every rule takes plain dataclasses (:class:`Programme`, :class:`VillageTable`, :class:`Sasaran`) and returns a
:class:`RuleResult`: whether the rule could be evaluated at all (a rule that needs scores is *not evaluable*
without a run — that is never the same as "no gaps"), and one :class:`Gap` per finding with a reason in
Indonesian and English and the ids a page needs to link to the fix.

Conventions:

* scores are 0–100, higher is better; ``None``/NaN means "no score" and is never treated as low;
* a programme *reaches* a village when it is for the whole regency, targets the village, or targets its kecamatan;
* a programme *addresses* an element when it lists the element, or an indicator whose parent is that element;
* a programme *serves* a sasaran when it links to it directly or to an RPJMD program under it.

No Django import here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "HORIZONS",
    "HORIZON_MAX_YEARS",
    "LOW_IDM_STATUSES",
    "BudgetLine",
    "BudgetSummary",
    "Gap",
    "GapSettings",
    "Matrix",
    "PlanningConfigError",
    "Priority",
    "PriorityWeights",
    "Programme",
    "Roadmap",
    "RuleResult",
    "Sasaran",
    "VillageTable",
    "bottom_share_mask",
    "budget_summary",
    "detect_gaps",
    "element_matrix",
    "low_villages_without_programme",
    "overlapping_programmes",
    "priority_scores",
    "programmes_without_rpjmd",
    "quick_win_shortlist",
    "reach_matrix",
    "roadmap",
    "sasaran_matrix",
    "sasaran_without_programme",
    "served_sasaran",
    "weak_elements_without_programme",
]

# Horizons of the masterplan (framework section 6): quick win 6 months – 1 year, short 1, medium 5, long 10 years.
HORIZONS = ("quick_win", "short", "medium", "long")
HORIZON_MAX_YEARS = {"quick_win": 1, "short": 1, "medium": 5, "long": 10}
LOW_IDM_STATUSES = frozenset({"Tertinggal", "Sangat Tertinggal"})

RULE_UNLINKED = "programme_without_rpjmd"
RULE_WEAK_ELEMENT = "weak_element_without_programme"
RULE_LOW_VILLAGE = "low_village_without_programme"
RULE_SASARAN = "sasaran_without_programme"
RULE_OVERLAP = "overlapping_programmes"


class PlanningConfigError(ValueError):
    """A setting a user entered is out of range. ``field`` names it, ``value`` is what was given."""

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}={value!r}: {reason}")


# ---------------------------------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class BudgetLine:
    """Indicative budget of one programme in one year, in rupiah, from one source (APBD, APBDes, CSR, other)."""

    year: int
    amount: float
    source: str = "apbd"


@dataclass(frozen=True)
class Programme:
    """A Smart City masterplan programme as the rules see it.

    ``elements``/``indicators`` are the framework codes it addresses; ``districts``/``villages`` the Kemendagri
    codes it targets (ignored when ``whole_regency``); ``sasaran``/``rpjmd_programs`` the ids of the RPJMD
    sasaran and programs it serves; ``feasibility`` the analyst's ordinal rating 1–5 (None = not rated).
    """

    id: int
    name: str
    dimension: str
    elements: frozenset[str] = frozenset()
    indicators: frozenset[str] = frozenset()
    whole_regency: bool = False
    districts: frozenset[str] = frozenset()
    villages: frozenset[str] = frozenset()
    sasaran: frozenset[int] = frozenset()
    rpjmd_programs: frozenset[int] = frozenset()
    horizon: str = "medium"
    start_year: int | None = None
    end_year: int | None = None
    budget: tuple[BudgetLine, ...] = ()
    status: str = "planned"
    feasibility: int | None = None

    def years(self) -> range:
        if self.start_year is None:
            return range(0)
        end = self.end_year if self.end_year is not None else self.start_year
        return range(self.start_year, end + 1)


@dataclass(frozen=True)
class Sasaran:
    id: int
    code: str
    text: str


@dataclass(frozen=True)
class VillageTable:
    """Villages of the regency as parallel arrays: ``codes``, ``names``, ``districts`` (kecamatan codes),
    ``district_names``, ``index`` (Smart City index 0–100, NaN = no score), ``idm`` (IDM status or "") and
    ``population`` (people, NaN = unknown)."""

    codes: np.ndarray
    names: np.ndarray
    districts: np.ndarray
    district_names: np.ndarray
    index: np.ndarray
    idm: np.ndarray
    population: np.ndarray

    @classmethod
    def build(
        cls,
        codes: Sequence[str],
        names: Sequence[str] | None = None,
        districts: Sequence[str] | None = None,
        district_names: Sequence[str] | None = None,
        index: Sequence[float | None] | None = None,
        idm: Sequence[str | None] | None = None,
        population: Sequence[float | None] | None = None,
    ) -> VillageTable:
        n = len(codes)

        def text(values: Sequence[str | None] | None, default: Sequence[str]) -> np.ndarray:
            return np.array(["" if v is None else str(v) for v in (values if values is not None else default)])

        def number(values: Sequence[float | None] | None) -> np.ndarray:
            if values is None:
                return np.full(n, np.nan)
            return np.array([np.nan if v is None else float(v) for v in values], dtype=float)

        # a village code "33.24.01.2001" lies in kecamatan "33.24.01"
        default_districts = [c.rsplit(".", 1)[0] for c in codes]
        table = cls(
            codes=np.array(list(codes), dtype=str) if n else np.array([], dtype=str),
            names=text(names, list(codes)),
            districts=text(districts, default_districts),
            district_names=text(district_names, [""] * n),
            index=number(index),
            idm=text(idm, [""] * n),
            population=number(population),
        )
        for name in ("names", "districts", "district_names", "index", "idm", "population"):
            if len(getattr(table, name)) != n:
                raise PlanningConfigError(name, len(getattr(table, name)), f"expected {n} values, one per village")
        return table

    def __len__(self) -> int:
        return len(self.codes)


@dataclass(frozen=True)
class GapSettings:
    """What counts as "low".

    An element is weak when its regency score is below ``low_threshold`` OR it is in the bottom
    ``element_bottom_share`` of the scored elements; a village is low when it is in the bottom
    ``village_bottom_share`` of the scored villages OR its IDM status is in ``low_idm_statuses``.
    """

    low_threshold: float = 50.0
    element_bottom_share: float = 1 / 3
    village_bottom_share: float = 0.2
    low_idm_statuses: frozenset[str] = LOW_IDM_STATUSES

    def __post_init__(self) -> None:
        if not 0 <= self.low_threshold <= 100:
            raise PlanningConfigError("low_threshold", self.low_threshold, "must be between 0 and 100")
        for name in ("element_bottom_share", "village_bottom_share"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise PlanningConfigError(name, value, "must be a share between 0 and 1")


# --------------------------------------------------------------------------------------------------- outputs


@dataclass(frozen=True)
class Gap:
    """One finding. ``rule`` is the rule code; ``reason_id``/``reason_en`` say why in words; the id fields name
    what a page links to (the programme to edit, the element or village or sasaran to add a programme for)."""

    rule: str
    reason_id: str
    reason_en: str
    programme_id: int | None = None
    other_programme_id: int | None = None
    element: str | None = None
    village: str | None = None
    sasaran_id: int | None = None
    value: float | None = None

    def reason(self, language: str) -> str:
        return self.reason_en if language.startswith("en") else self.reason_id


@dataclass
class RuleResult:
    """The outcome of one rule. ``evaluable`` is False when its inputs do not exist yet (then ``gaps`` is empty
    and ``notes_*`` say what is missing); notes may also qualify an evaluable result."""

    rule: str
    evaluable: bool
    gaps: list[Gap] = field(default_factory=list)
    notes_id: list[str] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)

    def notes(self, language: str) -> list[str]:
        return self.notes_en if language.startswith("en") else self.notes_id


# ----------------------------------------------------------------------------------------------- formatting


def _num(value: float, language: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if language == "id" else text


def _quote(name: str) -> str:
    return f"“{name}”"


def _names(codes: Iterable[str], names: Mapping[str, tuple[str, str]] | None, language: str) -> list[str]:
    pick = 1 if language == "en" else 0
    return [names[c][pick] if names and c in names else c for c in codes]


# ------------------------------------------------------------------------------------------------ helpers


def bottom_share_mask(values: np.ndarray, share: float) -> np.ndarray:
    """True where a value lies in the bottom ``share`` of the non-missing values.

    With n non-missing values, value v is in the bottom share when #{values < v} < share · n; ties are all in or
    all out, and NaN is never in. E.g. 18 elements and share 1/3: the 6 lowest; 286 villages and share 1/5: the
    58 lowest (fewer than 57.2 below them). Vectorised: one sort and one ``searchsorted``.
    """
    values = np.asarray(values, dtype=float)
    present = ~np.isnan(values)
    n = int(present.sum())
    if n == 0 or share <= 0:
        return np.zeros(values.shape, dtype=bool)
    ordered = np.sort(values[present])
    below = np.searchsorted(ordered, np.where(present, values, np.inf), side="left")
    return present & (below < share * n)


def _rank_from_bottom(values: np.ndarray) -> np.ndarray:
    """1 = lowest; ties share the lowest rank; NaN gets 0."""
    values = np.asarray(values, dtype=float)
    present = ~np.isnan(values)
    ordered = np.sort(values[present])
    ranks = np.searchsorted(ordered, np.where(present, values, np.inf), side="left") + 1
    return np.where(present, ranks, 0)


def reach_matrix(programmes: Sequence[Programme], villages: VillageTable) -> np.ndarray:
    """Boolean (programmes × villages): does programme p reach village v?

    A whole-regency programme reaches every village; otherwise a village is reached when it, or its kecamatan,
    is targeted. Villages are grouped by kecamatan once (one sort), so each programme costs only its own
    targets, not a pass over all villages: 200 programmes × 83,762 villages take milliseconds.
    """
    out = np.zeros((len(programmes), len(villages)), dtype=bool)
    if not len(villages) or not programmes:
        return out
    position = {code: i for i, code in enumerate(villages.codes.tolist())}
    districts, inverse = np.unique(villages.districts, return_inverse=True)
    district_position = {code: k for k, code in enumerate(districts.tolist())}
    members = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[members], np.arange(len(districts) + 1))
    for i, p in enumerate(programmes):
        if p.whole_regency:
            out[i] = True
            continue
        out[i, [position[c] for c in p.villages if c in position]] = True
        for code in p.districts:
            k = district_position.get(code)
            if k is not None:
                out[i, members[bounds[k] : bounds[k + 1]]] = True
    return out


def _addressed_elements(p: Programme, indicator_element: Mapping[str, str] | None) -> set[str]:
    found = set(p.elements)
    if indicator_element:
        found.update(indicator_element[c] for c in p.indicators if c in indicator_element)
    return found


def served_sasaran(p: Programme, program_sasaran: Mapping[int, int] | None = None) -> set[int]:
    """The sasaran a programme serves: its direct links plus the sasaran of the RPJMD programs it links to."""
    found = set(p.sasaran)
    if program_sasaran:
        found.update(program_sasaran[x] for x in p.rpjmd_programs if x in program_sasaran)
    return found


# -------------------------------------------------------------------------------------------------- rules


def programmes_without_rpjmd(programmes: Sequence[Programme]) -> RuleResult:
    """Programmes linked to no RPJMD sasaran and no RPJMD program: not traceable to a development target."""
    result = RuleResult(RULE_UNLINKED, evaluable=True)
    for p in programmes:
        if p.sasaran or p.rpjmd_programs:
            continue
        result.gaps.append(
            Gap(
                RULE_UNLINKED,
                reason_id=(
                    f"Program {_quote(p.name)} tidak terhubung ke sasaran maupun program RPJMD mana pun, sehingga "
                    "tidak dapat ditelusuri ke target pembangunan daerah."
                ),
                reason_en=(
                    f"Programme {_quote(p.name)} is linked to no RPJMD sasaran or program, so it cannot be traced "
                    "to a regional development target."
                ),
                programme_id=p.id,
            )
        )
    return result


def weak_elements_without_programme(
    scores: Mapping[str, float | None],
    programmes: Sequence[Programme],
    settings: GapSettings | None = None,
    names: Mapping[str, tuple[str, str]] | None = None,
    indicator_element: Mapping[str, str] | None = None,
) -> RuleResult:
    """Weak elements that no programme addresses.

    ``scores`` maps element code → regency score (0–100, None = no score). Weak = score < ``low_threshold`` or
    in the bottom ``element_bottom_share`` of the scored elements (:func:`bottom_share_mask`). ``names`` maps a
    code to its (Indonesian, English) name; ``indicator_element`` an indicator code to its element, so that a
    programme addressing an indicator addresses its element.
    """
    settings = settings or GapSettings()
    codes = list(scores)
    values = np.array([np.nan if scores[c] is None else float(scores[c]) for c in codes], dtype=float)  # type: ignore[arg-type]
    if not codes or np.isnan(values).all():
        return RuleResult(
            RULE_WEAK_ELEMENT,
            evaluable=False,
            notes_id=["Belum ada skor elemen tingkat kabupaten (belum ada perhitungan indeks): belum dapat dinilai."],
            notes_en=["No regency element scores yet (no index run): not evaluable yet."],
        )
    below = values < settings.low_threshold  # NaN compares False
    bottom = bottom_share_mask(values, settings.element_bottom_share)
    ranks = _rank_from_bottom(values)
    n = int((~np.isnan(values)).sum())
    addressed: set[str] = set()
    for p in programmes:
        addressed |= _addressed_elements(p, indicator_element)
    result = RuleResult(RULE_WEAK_ELEMENT, evaluable=True)
    unscored = [c for c, v in zip(codes, values, strict=True) if np.isnan(v)]
    if unscored:
        listed = ", ".join(unscored)
        result.notes_id.append(f"Elemen tanpa skor (tidak dinilai rendah): {listed}.")
        result.notes_en.append(f"Elements without a score (not treated as low): {listed}.")
    order = np.argsort(values, kind="stable")
    for i in order:
        code = codes[i]
        if not (below[i] or bottom[i]) or code in addressed:
            continue
        name_id, name_en = (names or {}).get(code, (code, code))
        why_id, why_en = [], []
        if below[i]:
            why_id.append(f"di bawah ambang {_num(settings.low_threshold, 'id')}")
            why_en.append(f"below the threshold of {_num(settings.low_threshold, 'en')}")
        if bottom[i]:
            share = _num(settings.element_bottom_share * 100, "id", 0)
            why_id.append(f"termasuk {share}% terbawah (peringkat {ranks[i]} terendah dari {n} elemen)")
            why_en.append(
                f"in the bottom {_num(settings.element_bottom_share * 100, 'en', 0)}% "
                f"(rank {ranks[i]} from the bottom of {n} elements)"
            )
        result.gaps.append(
            Gap(
                RULE_WEAK_ELEMENT,
                reason_id=(
                    f"Elemen {_quote(name_id)} bernilai {_num(values[i], 'id')} — {' dan '.join(why_id)} — "
                    "dan belum ada program yang menanganinya."
                ),
                reason_en=(
                    f"Element {_quote(name_en)} scores {_num(values[i], 'en')} — {' and '.join(why_en)} — "
                    "and no programme addresses it."
                ),
                element=code,
                value=float(values[i]),
            )
        )
    return result


def low_villages_without_programme(
    villages: VillageTable, programmes: Sequence[Programme], settings: GapSettings | None = None
) -> RuleResult:
    """Low villages that no programme reaches.

    Low = in the bottom ``village_bottom_share`` of the Smart City index among villages with a score, or an IDM
    status in ``low_idm_statuses``. A village with neither a score nor a low status is not low. A whole-regency
    programme reaches every village; a kecamatan target reaches its villages.
    """
    settings = settings or GapSettings()
    has_index = bool((~np.isnan(villages.index)).any()) if len(villages) else False
    has_idm = bool((villages.idm != "").any()) if len(villages) else False
    if not has_index and not has_idm:
        return RuleResult(
            RULE_LOW_VILLAGE,
            evaluable=False,
            notes_id=["Belum ada skor indeks desa maupun status IDM: belum dapat dinilai."],
            notes_en=["No village index scores and no IDM statuses yet: not evaluable yet."],
        )
    result = RuleResult(RULE_LOW_VILLAGE, evaluable=True)
    if not has_index:
        result.notes_id.append("Belum ada skor indeks desa: hanya status IDM yang dipakai.")
        result.notes_en.append("No village index scores yet: only IDM statuses are used.")
    if not has_idm:
        result.notes_id.append("Belum ada status IDM: hanya skor indeks desa yang dipakai.")
        result.notes_en.append("No IDM statuses yet: only village index scores are used.")
    bottom = bottom_share_mask(villages.index, settings.village_bottom_share)
    low_idm = np.isin(villages.idm, list(settings.low_idm_statuses))
    reached = reach_matrix(programmes, villages).any(axis=0) if programmes else np.zeros(len(villages), dtype=bool)
    ranks = _rank_from_bottom(villages.index)
    n_scored = int((~np.isnan(villages.index)).sum())
    # lowest index first, villages known only by their IDM status after them
    order = np.lexsort((villages.codes, np.where(np.isnan(villages.index), np.inf, villages.index)))
    share = settings.village_bottom_share * 100
    for i in order:
        if not (bottom[i] or low_idm[i]) or reached[i]:
            continue
        where = f"{villages.names[i]}" + (f" (Kec. {villages.district_names[i]})" if villages.district_names[i] else "")
        why_id, why_en = [], []
        if bottom[i]:
            why_id.append(
                f"termasuk {_num(share, 'id', 0)}% terbawah indeks Smart City (skor {_num(villages.index[i], 'id')}, "
                f"peringkat {ranks[i]} terendah dari {n_scored} desa/kelurahan)"
            )
            why_en.append(
                f"is in the bottom {_num(share, 'en', 0)}% of the Smart City index (score "
                f"{_num(villages.index[i], 'en')}, rank {ranks[i]} from the bottom of {n_scored} villages)"
            )
        if low_idm[i]:
            why_id.append(f"berstatus IDM {villages.idm[i]}")
            why_en.append(f"has IDM status {villages.idm[i]}")
        result.gaps.append(
            Gap(
                RULE_LOW_VILLAGE,
                reason_id=f"{where} {' dan '.join(why_id)}, tetapi tidak dijangkau program mana pun.",
                reason_en=f"{where} {' and '.join(why_en)}, but no programme reaches it.",
                village=str(villages.codes[i]),
                value=None if np.isnan(villages.index[i]) else float(villages.index[i]),
            )
        )
    return result


def sasaran_without_programme(
    sasaran: Sequence[Sasaran], programmes: Sequence[Programme], program_sasaran: Mapping[int, int] | None = None
) -> RuleResult:
    """RPJMD sasaran that no Smart City programme serves (directly or through an RPJMD program under it)."""
    if not sasaran:
        return RuleResult(
            RULE_SASARAN,
            evaluable=False,
            notes_id=["Belum ada sasaran RPJMD yang dimasukkan: belum dapat dinilai."],
            notes_en=["No RPJMD sasaran entered yet: not evaluable yet."],
        )
    served: set[int] = set()
    for p in programmes:
        served |= served_sasaran(p, program_sasaran)
    result = RuleResult(RULE_SASARAN, evaluable=True)
    for s in sasaran:
        if s.id in served:
            continue
        result.gaps.append(
            Gap(
                RULE_SASARAN,
                reason_id=f"Sasaran RPJMD {s.code} {_quote(s.text)} belum didukung program Smart City mana pun.",
                reason_en=f"RPJMD sasaran {s.code} {_quote(s.text)} is served by no Smart City programme.",
                sasaran_id=s.id,
            )
        )
    return result


def overlapping_programmes(
    programmes: Sequence[Programme],
    villages: VillageTable,
    names: Mapping[str, tuple[str, str]] | None = None,
    indicator_element: Mapping[str, str] | None = None,
) -> RuleResult:
    """Pairs of programmes that address a common element in at least one common village.

    With E the (programmes × elements) matrix, pairs sharing an element are the non-zero cells of E·Eᵀ; only for
    those pairs are the reached villages intersected (row-wise AND of the reach matrix, in chunks), which keeps
    200 programmes × 83,762 villages well under a second. Two whole-regency programmes on the same element
    overlap even without a village list.
    """
    result = RuleResult(RULE_OVERLAP, evaluable=True)
    if len(programmes) < 2:
        return result
    element_sets = [_addressed_elements(p, indicator_element) for p in programmes]
    all_elements = sorted(set().union(*element_sets))
    e = np.array([[c in s for c in all_elements] for s in element_sets], dtype=np.float32).reshape(
        len(programmes), len(all_elements)
    )
    candidates = np.argwhere(np.triu(e @ e.T, k=1) > 0)
    reach = reach_matrix(programmes, villages)
    shared_villages = np.zeros(len(candidates), dtype=np.int64)
    for start in range(0, len(candidates), 256):
        i, j = candidates[start : start + 256].T
        shared_villages[start : start + 256] = np.count_nonzero(reach[i] & reach[j], axis=1)
    whole = np.array([p.whole_regency for p in programmes])
    keep = (shared_villages > 0) | (whole[candidates[:, 0]] & whole[candidates[:, 1]])
    overlapping = {(int(i), int(j)): int(n) for (i, j), n in zip(candidates[keep], shared_villages[keep], strict=True)}
    for (i, j), n_shared in overlapping.items():
        a, b = programmes[i], programmes[j]
        common = [c for k, c in enumerate(all_elements) if e[i, k] and e[j, k]]
        if a.whole_regency and b.whole_regency:
            where_id, where_en = "di seluruh kabupaten", "across the whole regency"
        else:
            where_id = f"di {n_shared} desa/kelurahan yang sama"
            where_en = f"in {n_shared} common village(s)"
        result.gaps.append(
            Gap(
                RULE_OVERLAP,
                reason_id=(
                    f"Program {_quote(a.name)} dan {_quote(b.name)} sama-sama menangani elemen "
                    f"{', '.join(_names(common, names, 'id'))} {where_id}: periksa apakah perlu digabung atau "
                    "dibedakan."
                ),
                reason_en=(
                    f"Programmes {_quote(a.name)} and {_quote(b.name)} both address "
                    f"{', '.join(_names(common, names, 'en'))} {where_en}: check whether to merge or differentiate "
                    "them."
                ),
                programme_id=a.id,
                other_programme_id=b.id,
            )
        )
    return result


def detect_gaps(
    programmes: Sequence[Programme],
    *,
    element_scores: Mapping[str, float | None],
    villages: VillageTable,
    sasaran: Sequence[Sasaran],
    program_sasaran: Mapping[int, int] | None = None,
    settings: GapSettings | None = None,
    names: Mapping[str, tuple[str, str]] | None = None,
    indicator_element: Mapping[str, str] | None = None,
) -> list[RuleResult]:
    """All five gap rules, in the order a page shows them."""
    return [
        programmes_without_rpjmd(programmes),
        weak_elements_without_programme(element_scores, programmes, settings, names, indicator_element),
        low_villages_without_programme(villages, programmes, settings),
        sasaran_without_programme(sasaran, programmes, program_sasaran),
        overlapping_programmes(programmes, villages, names, indicator_element),
    ]


# ------------------------------------------------------------------------------------------------- budget


@dataclass
class BudgetSummary:
    """Indicative budget in rupiah: totals by dimension, horizon, year and source, and dimension × year."""

    total: float
    by_dimension: dict[str, float]
    by_horizon: dict[str, float]
    by_year: dict[int, float]
    by_source: dict[str, float]
    by_dimension_year: dict[str, dict[int, float]]
    unbudgeted: list[int]  # programme ids without any budget line


def budget_summary(programmes: Sequence[Programme]) -> BudgetSummary:
    """Sums of the budget lines. Every key present in the input appears in the output, even with 0."""
    summary = BudgetSummary(0.0, {}, {}, {}, {}, {}, [])
    for p in programmes:
        summary.by_dimension.setdefault(p.dimension, 0.0)
        summary.by_horizon.setdefault(p.horizon, 0.0)
        row = summary.by_dimension_year.setdefault(p.dimension, {})
        if not p.budget:
            summary.unbudgeted.append(p.id)
        for line in p.budget:
            summary.total += line.amount
            summary.by_dimension[p.dimension] += line.amount
            summary.by_horizon[p.horizon] += line.amount
            summary.by_year[line.year] = summary.by_year.get(line.year, 0.0) + line.amount
            summary.by_source[line.source] = summary.by_source.get(line.source, 0.0) + line.amount
            row[line.year] = row.get(line.year, 0.0) + line.amount
    summary.by_year = dict(sorted(summary.by_year.items()))
    return summary


# ----------------------------------------------------------------------------------------------- matrices


@dataclass
class Matrix:
    """Rows × columns with a short mark per cell ("" = no link). ``rows``/``columns`` are (id, label) pairs."""

    title: str
    rows: list[tuple[object, str]]
    columns: list[tuple[object, str]]
    cells: list[list[str]]

    def marked(self) -> int:
        return sum(1 for row in self.cells for cell in row if cell)


def sasaran_matrix(
    programmes: Sequence[Programme],
    sasaran: Sequence[Sasaran],
    program_sasaran: Mapping[int, int] | None = None,
    title: str = "programmes × sasaran",
) -> Matrix:
    """Programmes × RPJMD sasaran: "L" direct link, "P" through an RPJMD program under the sasaran, "L+P" both."""
    cells = []
    for p in programmes:
        via = {program_sasaran[x] for x in p.rpjmd_programs if program_sasaran and x in program_sasaran}
        row = []
        for s in sasaran:
            direct, indirect = s.id in p.sasaran, s.id in via
            row.append("L+P" if direct and indirect else "L" if direct else "P" if indirect else "")
        cells.append(row)
    return Matrix(title, [(p.id, p.name) for p in programmes], [(s.id, s.code) for s in sasaran], cells)


def element_matrix(
    programmes: Sequence[Programme],
    elements: Sequence[tuple[str, str]],
    indicator_element: Mapping[str, str] | None = None,
    title: str = "programmes × elements",
) -> Matrix:
    """Programmes × elements: "E" the programme lists the element, "I" it lists an indicator of it, "E+I" both.
    ``elements`` are (code, label) pairs in display order."""
    cells = []
    for p in programmes:
        via = {indicator_element[c] for c in p.indicators if indicator_element and c in indicator_element}
        row = []
        for code, _label in elements:
            mark = ("E" if code in p.elements else "") + ("I" if code in via else "")
            row.append("E+I" if mark == "EI" else mark)
        cells.append(row)
    return Matrix(title, [(p.id, p.name) for p in programmes], list(elements), cells)


# -------------------------------------------------------------------------------------------- prioritisation


@dataclass(frozen=True)
class PriorityWeights:
    """Weights of the four components. They need not sum to 1: the score divides by the sum of the weights of the
    components that could be evaluated."""

    gap: float = 0.35
    people: float = 0.25
    alignment: float = 0.25
    feasibility: float = 0.15

    def __post_init__(self) -> None:
        for name in ("gap", "people", "alignment", "feasibility"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and value >= 0):
                raise PlanningConfigError(f"weight_{name}", value, "must be a number ≥ 0")
        if self.gap + self.people + self.alignment + self.feasibility <= 0:
            raise PlanningConfigError("weights", 0, "at least one weight must be above 0")

    def as_dict(self) -> dict[str, float]:
        return {"gap": self.gap, "people": self.people, "alignment": self.alignment, "feasibility": self.feasibility}


@dataclass
class Priority:
    """``components`` are each 0–1 or None (not evaluable); ``score`` is 0–100 or None when nothing could be
    evaluated; ``explanation_*`` spells the computation out."""

    programme_id: int
    score: float | None
    components: dict[str, float | None]
    explanation_id: str
    explanation_en: str

    def explanation(self, language: str) -> str:
        return self.explanation_en if language.startswith("en") else self.explanation_id


COMPONENT_NAMES = {
    "gap": ("kesenjangan", "gap size"),
    "people": ("penerima manfaat", "people affected"),
    "alignment": ("keselarasan RPJMD", "RPJMD alignment"),
    "feasibility": ("kelayakan", "feasibility"),
}


def priority_scores(
    programmes: Sequence[Programme],
    scores: Mapping[str, float | None],
    villages: VillageTable,
    weights: PriorityWeights | None = None,
) -> list[Priority]:
    """Transparent priority score per programme, 0–100.

    Components (each 0–1):

    * gap size = mean over the addressed elements and indicators that have a regency score s of (100 − s)/100;
    * people affected = population of the reached villages / total population; when no village has a
      population, the share of villages reached is used instead and the explanation says so;
    * RPJMD alignment = 1 when linked to an RPJMD program (a budgeted line of the RPJMD), 0.5 when linked to a
      sasaran only, 0 when not linked;
    * feasibility = (f − 1)/4 for the analyst's rating f in 1–5.

    score = 100 · Σ_k w_k c_k / Σ_k w_k over the components k that could be evaluated; a component without
    inputs (no scores, no villages, no rating) is left out and named in the explanation.
    """
    weights = weights or PriorityWeights()
    w = weights.as_dict()
    reach = reach_matrix(programmes, villages)
    population = villages.population
    use_population = len(villages) > 0 and bool((~np.isnan(population)).any())
    if use_population:
        pop = np.nan_to_num(population, nan=0.0)
        total = pop.sum()
        people = (reach @ pop) / total if total > 0 else np.full(len(programmes), np.nan)
    elif len(villages):
        people = reach.sum(axis=1) / len(villages)
    else:
        people = np.full(len(programmes), np.nan)
    out = []
    for i, p in enumerate(programmes):
        addressed = [scores[c] for c in sorted(p.elements | p.indicators) if scores.get(c) is not None]
        components: dict[str, float | None] = {
            "gap": float(np.mean([(100.0 - float(s)) / 100.0 for s in addressed])) if addressed else None,  # type: ignore[arg-type]
            "people": None if np.isnan(people[i]) else float(people[i]),
            "alignment": 1.0 if p.rpjmd_programs else 0.5 if p.sasaran else 0.0,
            "feasibility": None if p.feasibility is None else (p.feasibility - 1) / 4,
        }
        used = {k: v for k, v in components.items() if v is not None and w[k] > 0}
        denominator = sum(w[k] for k in used)
        score = 100.0 * sum(w[k] * v for k, v in used.items()) / denominator if denominator > 0 else None
        parts_id, parts_en, missing_id, missing_en = [], [], [], []
        for k, v in components.items():
            if v is None:
                missing_id.append(COMPONENT_NAMES[k][0])
                missing_en.append(COMPONENT_NAMES[k][1])
            else:
                parts_id.append(f"{COMPONENT_NAMES[k][0]} {_num(v, 'id', 2)} × {_num(w[k], 'id', 2)}")
                parts_en.append(f"{COMPONENT_NAMES[k][1]} {_num(v, 'en', 2)} × {_num(w[k], 'en', 2)}")
        text_id = "100 × (" + " + ".join(parts_id) + f") ÷ {_num(denominator, 'id', 2)}"
        text_en = "100 × (" + " + ".join(parts_en) + f") ÷ {_num(denominator, 'en', 2)}"
        if score is None:
            text_id, text_en = "tidak dapat dihitung", "cannot be computed"
        if missing_id:
            text_id += "; tidak dinilai (bobotnya tidak dihitung): " + ", ".join(missing_id)
            text_en += "; not evaluable (weight left out): " + ", ".join(missing_en)
        if components["people"] is not None and not use_population:
            text_id += "; penerima manfaat diukur dengan bagian desa yang dijangkau (jumlah penduduk desa belum ada)"
            text_en += "; people affected measured as the share of villages reached (no village population yet)"
        out.append(Priority(p.id, score, components, text_id, text_en))
    return out


def quick_win_shortlist(
    programmes: Sequence[Programme], priorities: Sequence[Priority], n: int = 3
) -> list[tuple[Programme, Priority]]:
    """The ``n`` highest-scoring quick-win programmes that are not done (Bimtek IV aims at "tiga quick win").
    Programmes without a score come last, then by name."""
    by_id = {x.programme_id: x for x in priorities}
    candidates = [p for p in programmes if p.horizon == "quick_win" and p.status != "done" and p.id in by_id]
    candidates.sort(key=lambda p: (by_id[p.id].score is None, -(by_id[p.id].score or 0.0), p.name))
    return [(p, by_id[p.id]) for p in candidates[:n]]


# ------------------------------------------------------------------------------------------------ road map


@dataclass
class Roadmap:
    """Programmes active per year and dimension (``counts[dimension][i]`` for ``years[i]``), with the budget."""

    years: list[int]
    dimensions: list[str]
    counts: dict[str, list[int]]
    budget: dict[str, list[float]]
    undated: list[int]  # programme ids without a start year


def roadmap(programmes: Sequence[Programme], dimensions: Sequence[str], years: Sequence[int] | None = None) -> Roadmap:
    """A programme counts in every year from its start to its end year. ``years`` default to the span of all
    programme years; budget is summed by the year of each budget line."""
    dated = [p for p in programmes if p.start_year is not None]
    if years is None:
        span = [y for p in dated for y in p.years()] + [b.year for p in programmes for b in p.budget]
        years = list(range(min(span), max(span) + 1)) if span else []
    years = list(years)
    position = {y: i for i, y in enumerate(years)}
    counts = {d: [0] * len(years) for d in dimensions}
    budget = {d: [0.0] * len(years) for d in dimensions}
    for p in programmes:
        if p.dimension not in counts:
            raise PlanningConfigError("dimension", p.dimension, f"programme {p.id} has an unknown dimension")
        for y in p.years():
            if y in position:
                counts[p.dimension][position[y]] += 1
        for line in p.budget:
            if line.year in position:
                budget[p.dimension][position[line.year]] += line.amount
    return Roadmap(years, list(dimensions), counts, budget, [p.id for p in programmes if p.start_year is None])
