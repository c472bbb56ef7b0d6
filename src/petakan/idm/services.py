"""Between the database and ``petakan.lib.idm``: results, the village report, entry and review, imports, demo data.

Views, the ``idm`` command and other apps (the masterplan reads ``status_by_village``) call these functions; every
computation stays in the library. Results are computed on read from the stored item scores: one query fetches the
rows of a page, ``score_matrix`` scores them all at once.

Visibility: verified item scores and official results are public; draft, submitted and returned scores are seen only
by those who may read the village's non-public data (``village_scope`` / ``can(user, "profile.view", village)``).
"""

from __future__ import annotations

import dataclasses
import operator
import tempfile
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from petakan import uploads
from petakan.accounts.permissions import ANONYMOUS, can, role_of, village_scope
from petakan.idm.demo import DEMO_SEED, demo_scores
from petakan.idm.models import Action, ItemScoreChange, ItemScores, OfficialResult, ReviewStatus, Source
from petakan.idm.problems import ProblemLine, problem_lines
from petakan.lib.idm import (
    DEFAULT_EDITION,
    MISSING,
    Edition,
    IdmInputError,
    ImprovementPlan,
    Item,
    OfficialSeries,
    PlanStep,
    Problem,
    RawTable,
    compare_with_official,
    improvement_plan,
    item_gains,
    load_edition,
    next_status_gap,
    parse_official_series,
    parse_scores,
    read_table,
    score_matrix,
)
from petakan.lib.idm.edition import StatusRule, available_editions
from petakan.lib.idm.inputs import OFFICIAL_COLUMNS
from petakan.lib.idm.official import DEFAULT_TOLERANCE as OFFICIAL_TOLERANCE
from petakan.lib.uploads import Limits
from petakan.regions.models import Area, Kind, Level

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from petakan.accounts.models import User

    Viewer = User | AnonymousUser | None

RESULT_COLUMNS = [
    "code",
    "name",
    "kind",
    "district_code",
    "district_name",
    "year",
    "edition",
    "review_status",
    "source",
    "iks",
    "ike",
    "ikl",
    "idm",
    "idm_text",
    "status",
    "status_level",
    "status_name",
    "complete",
    "public",
    "demo",
]
# Same colours as static/idm/idm.css (.st-<code>), for the bar chart and the map.
STATUS_COLOURS = {
    "sangat_tertinggal": "#a50f15",
    "tertinggal": "#de6b35",
    "berkembang": "#b38600",
    "maju": "#2b7bb9",
    "mandiri": "#1a7f4b",
}
_ROW_FIELDS = (
    "village__code",
    "village__name",
    "village__kind",
    "village__parent__code",
    "village__parent__name",
    "year",
    "edition",
    "scores",
    "status",
    "source",
)


def language() -> str:
    return get_language() or "id"


def regency_code() -> str:
    return str(settings.PETAKAN_REGENCY_CODE)


def regency_villages() -> QuerySet[Area]:
    """The desa of the regency this Petakan serves: IDM (Permendesa PDTT 2/2016) is defined for desa only, so
    kelurahan are left out of every IDM page, map, count and import."""
    return regency_areas().exclude(kind=Kind.KELURAHAN)


def regency_areas() -> QuerySet[Area]:
    """Every village-level area of the regency, desa and kelurahan."""
    return Area.objects.filter(level=Level.VILLAGE, code__startswith=regency_code() + ".")


# --------------------------------------------------------------------------------------------------- results


def _visible(queryset: QuerySet[ItemScores], user: Viewer, all_statuses: bool) -> QuerySet[ItemScores]:
    if all_statuses:
        return queryset
    public = Q(status=ReviewStatus.VERIFIED)
    if role_of(user) == ANONYMOUS:
        return queryset.filter(public)
    # one query: the scope becomes a sub-select
    return queryset.filter(public | Q(village__in=village_scope(user)))


def score_matrix_of(edition: Edition, scores: Iterable[Mapping[str, Any]]) -> np.ndarray:
    """Stored ``{item_code: score}`` mappings as a (rows × items) matrix in edition order, MISSING where absent."""
    codes = edition.item_codes
    take = operator.itemgetter(*codes)
    values = []
    for mapping in scores:
        # The stored JSON has to be read row by row anyway; a complete row (the usual case) is one C-level call.
        try:
            values.append(take(mapping))
        except KeyError:
            values.append(tuple(mapping.get(code, MISSING) for code in codes))
    return np.array(values, dtype=np.int64).reshape(len(values), len(codes))


def score_rows(rows: list[tuple[Any, ...]], thresholds: str | None = None) -> pd.DataFrame:
    """Score value rows (``_ROW_FIELDS``) into the result frame (``RESULT_COLUMNS``), one scoring per edition;
    statuses by the named cut-off set (the edition's default when None or unknown to the edition)."""
    frame = pd.DataFrame(
        rows,
        columns=[
            "code",
            "name",
            "kind",
            "district_code",
            "district_name",
            "year",
            "edition",
            "scores",
            "review_status",
            "source",
        ],
    )
    for column in ("iks", "ike", "ikl", "idm"):
        frame[column] = np.nan
    frame["idm_text"] = ""
    frame["status"] = ""
    frame["status_level"] = np.full(len(frame), -1, dtype=np.int64)
    frame["status_name"] = ""
    for edition_code, positions in frame.groupby("edition").indices.items():
        edition = load_edition(edition_code)
        chosen = thresholds if thresholds in edition.thresholds else None
        result = score_matrix(edition, score_matrix_of(edition, frame["scores"].iloc[positions]), chosen)
        for code in edition.index_codes:
            frame.loc[frame.index[positions], code] = result.index_value(code)
        frame.loc[frame.index[positions], "idm"] = result.idm
        frame.loc[frame.index[positions], "idm_text"] = result.formatted(edition.composite_code)
        frame.loc[frame.index[positions], "status"] = result.status_codes()
        frame.loc[frame.index[positions], "status_level"] = result.status.astype(np.int64)
        frame.loc[frame.index[positions], "status_name"] = result.status_names("id")
    frame["complete"] = (frame["status_level"] >= 0).astype(bool)
    frame["public"] = (frame["review_status"] == ReviewStatus.VERIFIED).astype(bool)
    frame["demo"] = (frame["source"] == Source.DEMO).astype(bool)
    return frame[RESULT_COLUMNS].set_index("code", drop=False)


def results_for(
    year: int,
    codes: Collection[str] | None = None,
    *,
    user: Viewer = None,
    all_statuses: bool = False,
    thresholds: str | None = None,
) -> pd.DataFrame:
    """IKS, IKE, IKL, IDM (exact floats, NaN when an item is missing) and status per village, indexed by code.

    Public (verified) results only, plus the unverified ones ``user`` may read; ``all_statuses`` includes every
    row (for commands and analyses). Columns: ``RESULT_COLUMNS`` — ``idm_text`` is the IDM rounded half-up as
    published ("0.6419"); ``status`` the edition's status code ("berkembang"), ``status_name`` its Indonesian
    name, ``status_level`` 0 (sangat tertinggal) … 4 (mandiri) or -1; ``review_status`` draft / submitted /
    verified / returned; ``demo`` marks generated data (DATA CONTOH).
    One query.
    """
    queryset = ItemScores.objects.filter(year=year).exclude(village__kind=Kind.KELURAHAN)  # IDM: desa only
    if codes is not None:
        queryset = queryset.filter(village__code__in=list(codes))
    queryset = _visible(queryset, user, all_statuses).order_by("village__code")
    return score_rows(list(queryset.values_list(*_ROW_FIELDS)), thresholds)


def status_by_village(year: int) -> dict[str, str]:
    """Village code → IDM status name in Indonesian ("Tertinggal"), for the public (verified) results of ``year``
    whose IDM is complete. Villages without verified, complete item scores are absent."""
    frame = results_for(year)
    complete = frame[frame["complete"]]
    return dict(zip(complete["code"], complete["status_name"], strict=True))


def statuses_are_demo(year: int) -> bool:
    """Whether any public result of ``year`` that :func:`status_by_village` returns is generated (DATA CONTOH)."""
    frame = results_for(year)
    return bool((frame["complete"] & frame["demo"]).any())


def map_data(year: int) -> dict[str, dict[str, Any]]:
    """The public results of ``year`` for the map: ``{code: {"idm": 0.6419, "status": "berkembang", ...}}``.

    ``idm`` is the library's 4-decimal half-up rounding; ``demo`` is true for generated (DATA CONTOH) data.
    """
    frame = results_for(year)
    frame = frame[frame["complete"]]
    data: dict[str, dict[str, Any]] = {}
    for edition_code, group in frame.groupby("edition"):
        edition = load_edition(str(edition_code))
        names = {level.code: level.name.get(language()) for level in edition.statuses}
        columns = (group["code"], group["idm_text"], group["status"], group["demo"])
        for code, idm, status, demo in zip(*columns, strict=True):
            data[str(code)] = {
                "idm": float(idm),
                "status": str(status),
                "status_name": names[str(status)],
                "demo": bool(demo),
            }
    return dict(sorted(data.items()))


def years_with_results(user: Viewer = None) -> list[int]:
    """Years with at least one result ``user`` may see (item scores or an official series), newest first."""
    scores = _visible(ItemScores.objects.all(), user, False).values_list("year", flat=True)
    years = set(scores.distinct()) | set(OfficialResult.objects.values_list("year", flat=True).distinct())
    return sorted(years, reverse=True)


# ------------------------------------------------------------------------------------------------- summaries


def threshold_label(edition: Edition, name: str) -> str:
    """A cut-off set named for readers: its decimals and publication, and whether it is the default."""
    found = edition.thresholds[name]
    decimals = len(found.cutoff_texts[0].split(".")[-1]) if found.cutoff_texts else 0
    label = {
        "dirjen-ppmd-52-2018": _("%(d)d desimal, Kepdirjen PPMD No. 52/2018") % {"d": decimals},
        "village-sites": _("%(d)d desimal, seperti dikutip situs desa") % {"d": decimals},
    }.get(found.source, f"{name}")
    if name == edition.default_thresholds:
        label += ", " + _("bawaan: cocok dengan status terbitan Kemendesa")
    return label


@dataclass(frozen=True)
class StatusCount:
    code: str
    name: str
    count: int


@dataclass
class Summary:
    """Counts per status and the table of villages of a kecamatan or of the regency, for one year."""

    year: int
    area: Area
    edition: Edition
    counts: list[StatusCount]
    villages: list[dict[str, Any]]
    districts: list[dict[str, Any]]
    n_villages: int
    n_with_result: int
    n_unverified: int
    has_demo: bool
    rule: StatusRule | None = None  # the cut-off set and boundary rule the statuses were classified with
    n_kelurahan: int = 0  # left out: IDM is defined for desa only

    @property
    def rule_text(self) -> str:
        """The status cut-offs in words, with which side a value exactly on a cut-off falls."""
        if self.rule is None:
            return ""
        names = [level.name.get(language()) for level in self.edition.statuses]
        texts = self.edition.thresholds[self.rule.thresholds].cutoff_texts
        lower = self.rule.at_cutoff == "lower_status"
        op_low, op_high = ("<", "≤") if lower else ("≤", "<")
        parts = [names[0]]
        for name, cut in zip(names[1:], texts, strict=True):
            parts.append(f"{op_high} {cut.replace('.', ',')} {op_low} {name}")
        chain = " ".join(parts)
        at = (
            _("nilai yang tepat sama dengan batas mendapat status yang lebih rendah")
            if lower
            else _("nilai yang tepat sama dengan batas mendapat status yang lebih tinggi")
        )
        return _("Batas status (%(set)s): %(chain)s; %(at)s.") % {"set": self.threshold_label, "chain": chain, "at": at}

    @property
    def threshold_label(self) -> str:
        assert self.rule is not None
        return threshold_label(self.edition, self.rule.thresholds)

    @property
    def other_thresholds(self) -> list[tuple[str, str]]:
        """(name, label) of the edition's other cut-off sets, which a page may switch to."""
        current = self.rule.thresholds if self.rule else self.edition.default_thresholds
        return [(name, threshold_label(self.edition, name)) for name in self.edition.thresholds if name != current]

    @property
    def chart(self) -> dict[str, Any]:
        return {
            "labels": [c.name for c in self.counts],
            "values": [c.count for c in self.counts],
            "colors": [STATUS_COLOURS.get(c.code, "#8a949b") for c in self.counts],
        }


def summary(year: int, area: Area, user: Viewer = None, thresholds: str | None = None) -> Summary:
    """Status counts and the village table for a kecamatan (``area.level == district``) or the regency.

    Villages without a visible result are listed with no values. Three queries whatever the number of villages.
    """
    villages_qs = regency_villages() if area.level != Level.DISTRICT else Area.objects.filter(parent=area)
    villages = list(
        villages_qs.filter(level=Level.VILLAGE)
        .exclude(kind=Kind.KELURAHAN)
        .order_by("code")
        .values("code", "name", "kind", "parent__code", "parent__name")
    )
    codes = [v["code"] for v in villages]
    frame = results_for(year, codes if area.level == Level.DISTRICT else None, user=user, thresholds=thresholds)
    edition = load_edition(frame["edition"].iloc[0] if len(frame) else DEFAULT_EDITION)
    rule = edition.status_rule(thresholds if thresholds in edition.thresholds else None)
    lang = language()
    names = {level.code: level.name.get(lang) for level in edition.statuses}
    complete = frame[frame["complete"]]
    counts_by_code = complete["status"].value_counts().to_dict()
    counts = [
        StatusCount(level.code, names[level.code], int(counts_by_code.get(level.code, 0))) for level in edition.statuses
    ]
    rows: list[dict[str, Any]] = []
    results = frame.to_dict("index")
    for village in villages:
        result = results.get(village["code"])
        rows.append(
            {
                **village,
                "result": result,
                "status_label": names.get(result["status"], "") if result else "",
                "review_label": ReviewStatus(result["review_status"]).label if result else "",
            }
        )
    districts: list[dict[str, Any]] = []
    if area.level != Level.DISTRICT:
        by_district = complete.groupby(["district_code", "status"]).size()
        seen: dict[str, dict[str, Any]] = {}
        for village in villages:
            entry = seen.setdefault(
                village["parent__code"],
                {"code": village["parent__code"], "name": village["parent__name"], "n": 0, "counts": []},
            )
            entry["n"] += 1
        for entry in seen.values():
            entry["counts"] = [int(by_district.get((entry["code"], level.code), 0)) for level in edition.statuses]
            entry["with_result"] = sum(entry["counts"])
        districts = list(seen.values())
    in_area = frame[frame["code"].isin(codes)] if len(frame) else frame
    return Summary(
        year=year,
        area=area,
        edition=edition,
        counts=counts,
        villages=rows,
        districts=districts,
        n_villages=len(villages),
        n_with_result=int(in_area["complete"].sum()) if len(in_area) else 0,
        n_unverified=int((~in_area["public"]).sum()) if len(in_area) else 0,
        has_demo=bool(in_area["demo"].any()) if len(in_area) else False,
        rule=rule,
        n_kelurahan=(regency_areas() if area.level != Level.DISTRICT else Area.objects.filter(parent=area))
        .filter(kind=Kind.KELURAHAN)
        .count(),
    )


# -------------------------------------------------------------------------------------------- village report


@dataclass(frozen=True)
class ItemLine:
    item: Item
    index_name: str
    dimension_name: str
    variable_name: str
    name: str
    score: int | None
    gain_one_point: float | None
    gain_to_max: float | None
    activity: str
    responsible: list[tuple[str, str]]  # (level name, agencies)
    rubric: list[tuple[int, str]]  # the published rubric fragments: (score, text)


@dataclass(frozen=True)
class OfficialLine:
    source: str
    values: dict[str, float]
    status_name: str
    diffs: dict[str, float | None]
    rows: list[tuple[str, float | None, float, float | None, bool]]  # label, computed, official, diff, differs
    value_differs: bool
    status_differs: bool
    compared: bool


@dataclass
class VillageReport:
    village: Area
    year: int
    edition: Edition
    record: ItemScores | None
    visible: bool
    may_view_unpublished: bool
    values: dict[str, float] = field(default_factory=dict)
    status_name: str = ""
    status_code: str = ""
    lines: list[ItemLine] = field(default_factory=list)
    missing: list[Item] = field(default_factory=list)
    plan: ImprovementPlan | None = None
    # each step with its item's name and recommended activity
    plan_steps: list[tuple[PlanStep, str, str]] = field(default_factory=list)
    plan_target_name: str = ""
    plan_after_name: str = ""
    next_cutoff: Decimal | None = None  # as published ("0.707"); templates localise it
    official: list[OfficialLine] = field(default_factory=list)
    history: list[ItemScoreChange] = field(default_factory=list)

    @property
    def cutoffs(self) -> list[Decimal]:
        """The status cut-offs as published ("0.491"), as decimals (templates localise them: "0,491")."""
        return [Decimal(text) for text in self.edition.thresholds[self.edition.default_thresholds].cutoff_texts]

    @property
    def at_cutoff_lower(self) -> bool:
        """An IDM exactly on a cut-off keeps the lower status: it must pass the cut-off, not reach it."""
        return self.edition.at_cutoff == "lower_status"

    @property
    def complete(self) -> bool:
        return bool(self.values)

    @property
    def demo(self) -> bool:
        return bool(self.visible and self.record and self.record.source == Source.DEMO)


def visible_record(record: ItemScores | None, user: Viewer) -> bool:
    if record is None:
        return False
    return record.status == ReviewStatus.VERIFIED or can(user, "profile.view", record.village)


def village_report(village: Area, year: int, user: Viewer = None) -> VillageReport:
    """Everything the village IDM page shows: values, items with gains, the greedy plan, official series, history.

    Unverified scores appear only for users who may read the village's non-public data.
    """
    record = (
        ItemScores.objects.select_related("updated_by", "submitted_by", "reviewed_by")
        .filter(village=village, year=year)
        .first()
    )
    if record is not None:
        record.village = village
    may_view = can(user, "profile.view", village)
    visible = visible_record(record, user)
    edition = load_edition(record.edition if record else DEFAULT_EDITION)
    report = VillageReport(village, year, edition, record, visible, may_view)
    lang = language()
    scores: list[int | None] = [None] * len(edition.items)
    result = None
    if visible and record is not None:
        matrix = score_matrix_of(edition, [record.scores])
        scores = [None if s == MISSING else int(s) for s in matrix[0]]
        result = score_matrix(edition, matrix)
        report.missing = [item for item, s in zip(edition.items, scores, strict=True) if s is None]
        if bool(result.complete[0]):
            report.values = {code: float(result.index_value(code)[0]) for code in edition.index_codes}
            report.values[edition.composite_code] = float(result.idm[0])
            level = edition.statuses[int(result.status[0])]
            report.status_name, report.status_code = level.name.get(lang), level.code
            plan = improvement_plan(edition, scores)
            report.plan = plan
            report.plan_steps = [(s, s.item.name.get(lang), s.item.activity.get(lang)) for s in plan.steps]
            report.plan_target_name = plan.target.name.get(lang) if plan.target else ""
            report.plan_after_name = plan.status_after.name.get(lang)
            target, _gap = next_status_gap(result)
            if target[0] > 0:
                texts = edition.thresholds[result.rule.thresholds].cutoff_texts
                report.next_cutoff = Decimal(texts[int(target[0]) - 1])
        report.history = list(record.changes.select_related("by")[:50]) if may_view else []
    report.lines = _item_lines(edition, scores if visible else [None] * len(edition.items), lang)
    report.official = _official_lines(village, year, edition, result if report.complete else None, lang)
    return report


def _item_lines(edition: Edition, scores: list[int | None], lang: str) -> list[ItemLine]:
    index_names = {index.code: index.name.get(lang) for index in edition.indices}
    dimension_names = {d.code: d.name.get(lang) for d in edition.dimensions}
    variable_names = {v.code: v.name.get(lang) for d in edition.dimensions for v in d.variables}
    level_names = {code: text.get(lang) for code, text in edition.responsible_levels.items()}
    gains = item_gains(edition, scores)
    lines = []
    for gain in gains:
        item = gain.item
        rubric = [(rule.score, rule.text.get(lang)) for rule in item.rubric.rules] if item.rubric else []
        lines.append(
            ItemLine(
                item=item,
                index_name=index_names[item.index],
                dimension_name=dimension_names[item.dimension],
                variable_name=variable_names[item.variable],
                name=item.name.get(lang),
                score=gain.score,
                gain_one_point=None if gain.score is None else gain.gain_one_point,
                gain_to_max=None if gain.score is None else gain.gain_to_max,
                activity=item.activity.get(lang),
                responsible=[(level_names.get(level, level), agencies) for level, agencies in item.responsible.items()],
                rubric=rubric,
            )
        )
    return lines


def official_series_of(rows: list[OfficialResult], edition: Edition, source: str) -> OfficialSeries:
    """Stored official rows of one source as the library's OfficialSeries (to compare with computed values)."""
    status = np.array([edition.status_index(row.status) for row in rows], dtype=np.int8)
    return OfficialSeries(
        source=source,
        edition=edition,
        codes=np.array([row.village.code for row in rows], dtype=object),
        years=np.array([row.year for row in rows], dtype=np.int64),
        values=np.array([[row.iks, row.ike, row.ikl, row.idm] for row in rows], dtype=float).reshape(-1, 4),
        status=status,
        row_numbers=np.arange(2, len(rows) + 2),
        warnings=[],
        ignored_columns=[],
    )


def _computed_value(result: Any, column: str) -> float:
    if column == result.edition.composite_code:
        return float(result.idm[0])
    return float(result.index_value(column)[0])


def _official_lines(village: Area, year: int, edition: Edition, result: Any, lang: str) -> list[OfficialLine]:
    rows = list(OfficialResult.objects.filter(village=village, year=year).order_by("source"))
    names = {level.code: level.name.get(lang) for level in edition.statuses}
    lines = []
    for row in rows:
        row.village = village
        values = {column: float(getattr(row, column)) for column in OFFICIAL_COLUMNS}
        diffs: dict[str, float | None] = dict.fromkeys(OFFICIAL_COLUMNS)
        value_differs = status_differs = False
        if result is not None:
            series = official_series_of([row], edition, row.source)
            compared = compare_with_official(
                np.array([village.code], dtype=object), np.array([year]), result, series
            ).iloc[0]
            diffs = {column: float(compared[f"diff_{column}"]) for column in OFFICIAL_COLUMNS}
            value_differs, status_differs = bool(compared["value_differs"]), bool(compared["status_differs"])
        table = []
        for column in OFFICIAL_COLUMNS:
            diff = diffs[column]
            computed = None if result is None else _computed_value(result, column)
            differs = diff is not None and abs(diff) > OFFICIAL_TOLERANCE + 1e-12
            table.append((column.upper(), computed, values[column], diff, differs))
        lines.append(
            OfficialLine(
                source=row.source,
                values=values,
                status_name=names.get(row.status, row.status),
                diffs=diffs,
                rows=table,
                value_differs=value_differs,
                status_differs=status_differs,
                compared=result is not None,
            )
        )
    return lines


# --------------------------------------------------------------------------------------- entry and review


class IdmEditError(Exception):
    """An entry or review step that cannot be done; ``message`` is translated, ``items`` names the items."""

    def __init__(self, message: str, items: list[Item] | None = None) -> None:
        self.message = message
        self.items = items or []
        super().__init__(message)


def _diff(old: Mapping[str, Any], new: Mapping[str, Any], edition: Edition) -> dict[str, list[Any]]:
    changes = {}
    for code in edition.item_codes:
        before, after = old.get(code), new.get(code)
        if before != after:
            changes[code] = [before, after]
    return changes


def save_scores(
    village: Area,
    year: int,
    scores: Mapping[str, int | None],
    user: User,
    *,
    expected_version: int | None,
    submit: bool = False,
) -> ItemScores:
    """Store a village's item scores from the form as a draft, or submit them for verification.

    ``expected_version`` is the version the form was opened on (None for a new record): a newer version in the
    database means someone changed the scores meanwhile and nothing is written. Submitting needs every item.
    Permissions are the caller's job (``idm.edit``; a verified record also needs ``idm.verify``).
    """
    edition = load_edition(DEFAULT_EDITION)
    clean = {code: int(value) for code, value in scores.items() if value is not None}
    unknown = sorted(set(clean) - set(edition.item_codes))
    if unknown:
        raise IdmEditError(_("Indikator tidak dikenal: %(codes)s") % {"codes": ", ".join(unknown)})
    with transaction.atomic():
        record = ItemScores.objects.select_for_update().filter(village=village, year=year).first()
        if record is not None:
            edition = load_edition(record.edition)
        if (record.version if record else None) != expected_version:
            who = record.updated_by.username if record and record.updated_by else "-"
            raise IdmEditError(
                _(
                    "Skor ini sudah diubah oleh %(who)s sejak formulir dibuka. Muat ulang halaman; perubahan Anda "
                    "tidak disimpan."
                )
                % {"who": who}
            )
        if submit:
            missing = [item for item in edition.items if item.code not in clean]
            if missing:
                raise IdmEditError(_("Belum semua indikator diberi skor; tidak dapat diajukan."), missing)
        status_before = record.status if record else ""
        if record is None:
            record = ItemScores(village=village, year=year, edition=edition.code, source=Source.ENTERED, version=0)
        changes = _diff(record.scores or {}, clean, edition)
        record.scores = {code: clean[code] for code in edition.item_codes if code in clean}
        record.source = Source.ENTERED if changes else record.source
        record.status = ReviewStatus.SUBMITTED if submit else ReviewStatus.DRAFT
        record.updated_by = user
        record.version += 1
        now = timezone.now()
        if submit:
            record.submitted_by, record.submitted_at = user, now
        record.save()
        ItemScoreChange.objects.create(
            record=record,
            action=Action.SUBMIT if submit else Action.SAVE,
            by=user,
            changes=changes,
            status_before=status_before,
            status_after=record.status,
        )
    return record


def review(record: ItemScores, user: User, *, verify: bool, comment: str, expected_version: int) -> ItemScores:
    """Verify a submitted record, or return it to the village with a comment (required when returning)."""
    comment = comment.strip()
    if not verify and not comment:
        raise IdmEditError(_("Tulis catatan untuk desa: apa yang harus diperbaiki."))
    with transaction.atomic():
        current = ItemScores.objects.select_for_update().get(pk=record.pk)
        if current.version != expected_version:
            raise IdmEditError(_("Skor ini sudah diubah sejak halaman dibuka. Muat ulang halaman."))
        if current.status != ReviewStatus.SUBMITTED:
            raise IdmEditError(_("Hanya skor yang sudah diajukan yang dapat diverifikasi atau dikembalikan."))
        before = current.status
        current.status = ReviewStatus.VERIFIED if verify else ReviewStatus.RETURNED
        current.reviewed_by, current.reviewed_at = user, timezone.now()
        current.review_comment = comment
        current.version += 1
        current.save()
        ItemScoreChange.objects.create(
            record=current,
            action=Action.VERIFY if verify else Action.RETURN,
            by=user,
            status_before=before,
            status_after=current.status,
            comment=comment,
        )
    return current


# ------------------------------------------------------------------------------------------------- imports


@dataclass(frozen=True)
class PlannedRow:
    code: str
    name: str
    year: int
    action: str  # "new", "replace", "unchanged"
    previous_status: str

    @property
    def action_label(self) -> str:
        labels = {"new": _("baru"), "replace": _("mengganti yang ada"), "unchanged": _("tidak berubah")}
        return labels[self.action]


@dataclass
class ImportReport:
    """What an import found and would do (dry run) or did (commit). Nothing is written when ``problems``."""

    file_name: str
    rows: int
    problems: list[ProblemLine]
    warnings: list[ProblemLine]
    planned: list[PlannedRow]
    committed: bool
    source: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(p.action == action for p in self.planned)

    @property
    def count_new(self) -> int:
        return self.count("new")

    @property
    def count_replace(self) -> int:
        return self.count("replace")

    @property
    def count_unchanged(self) -> int:
        return self.count("unchanged")


def _with_year(table: RawTable, year: int | None) -> tuple[RawTable, list[Problem]]:
    """Fill a missing ``year`` column with ``year``; rows of another year are problems (row and column named)."""
    if year is None:
        return table, []
    keys = [name.strip().lower() for name in table.header]
    if "year" not in keys:
        cells = np.column_stack([table.cells, np.full(table.cells.shape[0], str(year), dtype=object)])
        cells = cells.astype(object) if cells.size else np.zeros((0, len(table.header) + 1), dtype=object)
        return RawTable([*table.header, "year"], cells, table.row_numbers, table.source), []
    column = table.cells[:, keys.index("year")] if table.cells.size else np.zeros(0, dtype=object)
    numbers = pd.to_numeric(pd.Series(column, dtype=object), errors="coerce").to_numpy(dtype=float)
    wrong = np.isfinite(numbers) & (numbers != year)
    problems = [
        Problem(
            "wrong_year",
            f"year {column[i]} differs from the import year {year}",
            int(table.row_numbers[i]),
            "year",
            str(column[i]),
            context={"expected": year},
        )
        for i in np.flatnonzero(wrong)
    ]
    return table, problems


def _sorted_lines(problems: list[Problem], edition: Edition) -> list[ProblemLine]:
    problems = _name_kelurahan(problems)
    return problem_lines(sorted(problems, key=lambda p: (p.row or 0, p.column or "")), edition)


def _name_kelurahan(problems: list[Problem]) -> list[Problem]:
    """A kelurahan's code is no unknown code: say why it is refused (IDM is defined for desa only)."""
    codes = {p.value for p in problems if p.reason == "unknown_code" and p.value}
    if not codes:
        return problems
    kelurahan = dict(regency_areas().filter(kind=Kind.KELURAHAN, code__in=codes).values_list("code", "name"))
    return [
        dataclasses.replace(
            p,
            reason="kelurahan",
            message=f"{p.value} ({kelurahan[p.value]}) is a kelurahan: IDM is defined for desa only",
        )
        if p.reason == "unknown_code" and p.value in kelurahan
        else p
        for p in problems
    ]


def import_scores(
    table: RawTable, user: User | None, *, year: int | None = None, commit: bool = False, sheet_name: str = ""
) -> ImportReport:
    """Check a score file (code, [year,] iks_01 … ikl_03) and, with ``commit`` and no problem, store every row.

    All or nothing: a single problem anywhere and nothing is written. Stored rows get source "imported" and status
    "submitted" — the kecamatan verifies them like entered scores; the change history records the importer.
    """
    edition = load_edition(DEFAULT_EDITION)
    table, extra = _with_year(table, year)
    villages = {area.code: area for area in regency_villages()}
    problems: list[Problem] = list(extra)
    parsed = None
    try:
        parsed = parse_scores(table, edition, known_codes=set(villages))
    except IdmInputError as exc:
        problems.extend(exc.problems)
    report = ImportReport(table.source or sheet_name, int(table.cells.shape[0]), [], [], [], False)
    if problems or parsed is None:
        report.problems = _sorted_lines(problems, edition)
        return report
    existing = {
        (record.village.code, record.year): record
        for record in ItemScores.objects.select_related("village").filter(
            village__code__in=list(parsed.codes), year__in=sorted(set(parsed.years.tolist()))
        )
    }
    planned: list[PlannedRow] = []
    new_scores: list[dict[str, int]] = []
    for i, code in enumerate(parsed.codes):
        scores = {c: int(s) for c, s in zip(edition.item_codes, parsed.scores[i], strict=True)}
        new_scores.append(scores)
        record = existing.get((code, int(parsed.years[i])))
        action = "new" if record is None else ("unchanged" if record.scores == scores else "replace")
        planned.append(
            PlannedRow(code, villages[code].name, int(parsed.years[i]), action, record.status if record else "")
        )
    report.planned = planned
    if not commit:
        return report
    with transaction.atomic():
        history = []
        for i, row in enumerate(planned):
            if row.action == "unchanged":
                continue
            record = existing.get((row.code, row.year))
            before = record.status if record else ""
            old = record.scores if record else {}
            if record is None:
                record = ItemScores(village=villages[row.code], year=row.year, edition=edition.code, version=0)
            record.scores = new_scores[i]
            record.source = Source.IMPORTED
            record.status = ReviewStatus.SUBMITTED
            record.updated_by = user
            record.submitted_by, record.submitted_at = user, timezone.now()
            record.version += 1
            record.save()
            history.append(
                ItemScoreChange(
                    record=record,
                    action=Action.IMPORT,
                    by=user,
                    changes=_diff(old, new_scores[i], edition),
                    status_before=before,
                    status_after=record.status,
                    comment=report.file_name,
                )
            )
        ItemScoreChange.objects.bulk_create(history)
    report.committed = True
    return report


def import_official(table: RawTable, source: str, user: User | None, *, commit: bool = False) -> ImportReport:
    """Check a published series (code, year, iks, ike, ikl, idm, status) tagged with ``source`` and, with
    ``commit`` and no problem, store it all; rows of the same source, village and year are replaced.

    Warnings (IDM ≠ mean of the indices, status ≠ cut-offs) do not stop the import: the series is kept as
    published, and the village page shows the difference.
    """
    edition = load_edition(DEFAULT_EDITION)
    villages = {area.code: area for area in regency_villages()}
    report = ImportReport(table.source, int(table.cells.shape[0]), [], [], [], False, source=source.strip())
    try:
        series = parse_official_series(table, edition, source, known_codes=set(villages))
    except IdmInputError as exc:
        report.problems = _sorted_lines(exc.problems, edition)
        return report
    report.warnings = _sorted_lines(series.warnings, edition)
    existing = set(
        OfficialResult.objects.filter(source=series.source, village__code__in=list(series.codes)).values_list(
            "village__code", "year"
        )
    )
    report.planned = [
        PlannedRow(str(code), villages[code].name, int(year), "replace" if (code, int(year)) in existing else "new", "")
        for code, year in zip(series.codes, series.years, strict=True)
    ]
    if not commit:
        return report
    status_codes = [level.code for level in edition.statuses]
    with transaction.atomic():
        for year in sorted(set(series.years.tolist())):
            codes = [str(c) for c, y in zip(series.codes, series.years, strict=True) if y == year]
            OfficialResult.objects.filter(source=series.source, year=year, village__code__in=codes).delete()
        OfficialResult.objects.bulk_create(
            [
                OfficialResult(
                    source=series.source,
                    village=villages[code],
                    year=int(series.years[i]),
                    edition=edition.code,
                    iks=float(series.values[i, 0]),
                    ike=float(series.values[i, 1]),
                    ikl=float(series.values[i, 2]),
                    idm=float(series.values[i, 3]),
                    status=status_codes[int(series.status[i])],
                    imported_by=user,
                )
                for i, code in enumerate(series.codes)
            ]
        )
    report.committed = True
    return report


# ---------------------------------------------------------------------------------------------------- demo


@dataclass(frozen=True)
class DemoReport:
    year: int
    created: int
    updated: int
    unchanged: int
    kept: list[str]  # villages with entered or imported scores for the year: never overwritten by demo data


class DemoDataError(ValueError):
    pass


def load_demo(year: int, *, seed: int = DEMO_SEED) -> DemoReport:
    """Seeded demo item scores (source "demo", verified) for every village of the regency in ``year``.

    Idempotent: the same seed gives the same scores, unchanged rows are not touched and get no history. Villages
    with real (entered or imported) scores for the year keep them.
    """
    edition = load_edition(DEFAULT_EDITION)
    # every village-level area places the kelurahan (the urban centres the demo's remoteness is measured from);
    # only desa get scores: IDM is defined for desa only
    villages = list(regency_areas().order_by("code"))
    if not villages:
        raise DemoDataError("no villages of the regency: load them first (petakan regions load-kendal --commit)")
    without = [v.code for v in villages if v.centroid_lat is None or v.centroid_lng is None]
    if without:
        raise DemoDataError(f"{len(without)} village(s) have no centroid (e.g. {without[0]}); load the boundaries")
    matrix = demo_scores(
        edition,
        [v.centroid_lat for v in villages],
        [v.centroid_lng for v in villages],
        [v.kind == Kind.KELURAHAN for v in villages],
        seed=seed,
    )
    existing = {r.village_id: r for r in ItemScores.objects.filter(year=year, village__in=villages)}
    created = updated = unchanged = 0
    kept: list[str] = []
    now = timezone.now()
    with transaction.atomic():
        to_create: list[ItemScores] = []
        history: list[ItemScoreChange] = []
        for village, row in zip(villages, matrix, strict=True):
            if village.kind == Kind.KELURAHAN:
                continue
            scores = {code: int(s) for code, s in zip(edition.item_codes, row, strict=True)}
            record = existing.get(village.pk)
            if record is not None and record.source != Source.DEMO:
                kept.append(village.code)
                continue
            if record is not None and record.scores == scores and record.status == ReviewStatus.VERIFIED:
                unchanged += 1
                continue
            if record is None:
                to_create.append(
                    ItemScores(
                        village=village,
                        year=year,
                        edition=edition.code,
                        scores=scores,
                        status=ReviewStatus.VERIFIED,
                        source=Source.DEMO,
                        reviewed_at=now,
                        review_comment="DATA CONTOH",
                    )
                )
                created += 1
            else:
                history.append(
                    ItemScoreChange(
                        record=record,
                        action=Action.DEMO,
                        changes=_diff(record.scores, scores, edition),
                        status_before=record.status,
                        status_after=ReviewStatus.VERIFIED,
                    )
                )
                record.scores, record.status, record.version = scores, ReviewStatus.VERIFIED, record.version + 1
                record.save()
                updated += 1
        for record in ItemScores.objects.bulk_create(to_create):
            history.append(
                ItemScoreChange(
                    record=record,
                    action=Action.DEMO,
                    changes={},
                    status_before="",
                    status_after=ReviewStatus.VERIFIED,
                    comment="DATA CONTOH",
                )
            )
        ItemScoreChange.objects.bulk_create(history)
    return DemoReport(year, created, updated, unchanged, kept)


def upload_limits(villages: int | None = None) -> Limits:
    """What an IDM file may hold: a header and one row per village (``villages``, by default those registered) for
    each year of the IDM (2015 on, at most 15 years in one file), the edition's items and a few carried-through
    columns; the size from the settings."""
    if villages is None:
        villages = Area.objects.filter(level=Level.VILLAGE).count()
    items = max(len(load_edition(code).items) for code in available_editions())
    return uploads.limits("idm", max_rows=1 + max(villages, 1) * 15 + 100, max_columns=items + 30)


def read_upload(name: str, chunks: Iterable[bytes], sheet: str | None = None) -> RawTable:
    """Read an uploaded CSV/XLSX through the library's reader (IdmInputError when unreadable).

    The bytes go to a private temporary folder under the upload's own base name, so messages name the user's file.
    """
    base = PurePath(name).name or "upload.csv"
    with tempfile.TemporaryDirectory(prefix="petakan-idm-") as folder:
        path = Path(folder) / base
        with open(path, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        return read_table(path, sheet=sheet or None, limits=upload_limits())
