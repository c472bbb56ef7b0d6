"""Reading stored runs for pages: tables, radar series and plain-language sentences. One query per table."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
import pandas as pd
from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from petakan.indices import method, scores
from petakan.indices import summary as run_summary
from petakan.indices.models import Run, Unit, UnitScores
from petakan.lib.index.sensitivity import MIN_BOOTSTRAP_N, too_uncertain
from petakan.lib.smartcity import SmartCityFramework
from petakan.regions.models import Area
from petakan.regions.models import Level as AreaLevel

ZONE_NAMES = {"pesisir": "Pesisir", "dataran": "Dataran", "pegunungan": "Pegunungan"}


def fmt(value: float | None, digits: int = 1) -> str:
    """``value`` in the active language with ``digits`` decimals ("–" for none or NaN), rounded half away from zero
    on its exact binary value — as the browser's Intl.NumberFormat does, so that a page's tables and the map's
    tooltips and legend show the same digits (Python's round() would give 52,2 for 52.25 where the map says 52,3;
    Django's number_format alone truncates: 0.99 → "0,9")."""
    if value is None or not math.isfinite(value):
        return "–"
    exact = Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return number_format(exact, digits, use_l10n=True)


def names(run: Run, lang: str) -> dict[str, str]:
    key = "name_en" if lang == "en" else "name_id"
    return {n["code"]: n[key] for n in run.tree}


def nodes(run: Run, level: str) -> list[dict[str, Any]]:
    return [n for n in run.tree if n["level"] == level]


def dimension_axes(run: Run, lang: str) -> list[dict[str, Any]]:
    key = "name_en" if lang == "en" else "name_id"
    return [{"name": n[key], "max": 100} for n in nodes(run, "dimension")]


def radar_series(run: Run, unit: str, area: Area | None, label: str) -> dict[str, Any]:
    return dimension_series(run, scores.unit_scores(run, unit, area), label)


def dimension_series(run: Run, found: dict[str, scores.NodeScore], label: str) -> dict[str, Any]:
    """A radar series of the six dimension scores of one unit's already read scores."""
    return {
        "name": label,
        "value": [_round(found[n["code"]].value if n["code"] in found else None) for n in nodes(run, "dimension")],
    }


def number(v: Any) -> float | None:
    """A stored or computed value as a float, None when missing (None, NaN, pd.NA)."""
    return None if v is None or pd.isna(v) else float(v)


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


def rank_text(rank: int | None, low: int | None, high: int | None) -> str:
    if rank is None:
        return _("data belum cukup")
    if low is None or high is None:
        return _("peringkat %(rank)d") % {"rank": rank}
    return _("peringkat %(rank)d (antara %(low)d dan %(high)d)") % {"rank": rank, "low": low, "high": high}


def _ranking_query(run: Run, within: str = "", search: str = "") -> QuerySet[UnitScores]:
    """The run's villages in ranking order, villages without a score last; optionally those whose code starts
    with ``within`` (a kecamatan) and whose name contains ``search``. Filtering, ordering and paging happen in
    the database, so a national run of 84,000 villages is read a page at a time."""
    rows = UnitScores.objects.filter(run=run, unit=Unit.VILLAGE)
    if within:
        rows = rows.filter(area__code__startswith=within)
    if search:
        rows = rows.filter(area__name__icontains=search)
    # a village without a score has no rank either (the store writes none), so it sorts by code after the rest
    unscored = Case(When(value__isnull=True, then=Value(1)), default=Value(0), output_field=IntegerField())
    return (
        rows.select_related("area", "area__parent")
        .only("value", "rank", "rank_low", "rank_high", "area__code", "area__name", "area__parent__name")
        .order_by(unscored, "rank", "area__code")
    )


def _ranking_entry(s: UnitScores) -> dict[str, Any]:
    rank = s.rank if s.value is not None else None
    return {
        "rank": rank,
        "code": s.area.code,
        "name": s.area.name,
        "district": s.area.parent.name if s.area.parent else "",
        "score": s.value,
        "score_text": fmt(s.value),
        "low": s.rank_low,
        "high": s.rank_high,
        "text": rank_text(rank, s.rank_low, s.rank_high),
    }


def village_ranking(run: Run, within: str = "") -> list[dict[str, Any]]:
    """Every village of the run (or of one kecamatan, ``within`` its code and a dot) in ranking order."""
    return [_ranking_entry(s) for s in _ranking_query(run, within)]


RANKING_PAGE = 100


def areas_named(search: str) -> np.ndarray:
    """The ids of the areas whose name contains ``search`` (case-insensitive), as the ranking's search finds them."""
    return np.fromiter(Area.objects.filter(name__icontains=search).values_list("pk", flat=True), dtype=np.int64)


def ranking_page(run: Run, search: str = "", page_number: Any = 1, per_page: int = RANKING_PAGE) -> Page:
    """One page of the run's village ranking, its entries as ``village_ranking``'s; a page number out of range
    gives the last page, a malformed one the first.

    The order comes from the run's stored summary, so only the page's rows are read: a national run's last page
    costs what its first does."""
    order = run_summary.of(run, vectors=False).order
    search = search.strip()
    if search:
        order = order[np.isin(order, areas_named(search))]
    page = Paginator(order, per_page).get_page(page_number)
    ids = page.object_list.tolist()
    rows = {s.area_id: s for s in _ranking_query(run).filter(area_id__in=ids)}
    page.object_list = [_ranking_entry(rows[i]) for i in ids if i in rows]
    return page


def ranking_length(run: Run) -> int:
    """The length of the ranking the rank intervals are drawn against: the highest rank or interval bound."""
    return int(run_summary.of(run, vectors=False).data["ranking_length"])


def interval_reading(run: Run) -> str:
    median = run_summary.of(run, vectors=False).data["interval_median"]
    if median is None:
        return ""
    return _(
        "Rentang peringkat menunjukkan posisi desa bila bobot, imputasi dan normalisasi diubah dalam batas yang "
        "wajar: separuh desa bergeser paling banyak %(n)d peringkat, jadi selisih beberapa peringkat belum berarti "
        "perbedaan nyata."
    ) % {"n": median}


def district_table(run: Run, lang: str, within: str = "") -> list[dict[str, Any]]:
    """The run's kecamatan (those whose code starts with ``within``: the regency's, when a run covers more) with
    their index (simple and population-weighted mean), rank, dimension scores, strongest and weakest dimension."""
    label = names(run, lang)
    dims = [n["code"] for n in nodes(run, "dimension")]
    index_code = scores.index_code(run)
    simple = scores.table(run, Unit.DISTRICT, prefix=within)
    weighted = scores.table(run, Unit.DISTRICT_WEIGHTED, prefix=within).values[index_code]
    out = []
    for code, row in simple.values.iterrows():
        rank = simple.ranks.at[code, index_code]
        entry: dict[str, Any] = {
            "code": code,
            "name": simple.info.at[code, "name"],
            "simple": number(row[index_code]),
            "weighted": number(weighted.get(code)),
            "rank": None if pd.isna(rank) else int(rank),
            "dims": {d: number(row[d]) for d in dims},
        }
        present = {k: v for k, v in entry["dims"].items() if v is not None}
        entry["strongest"] = label[max(present, key=present.get)] if present else "–"
        entry["weakest"] = label[min(present, key=present.get)] if present else "–"
        entry["simple_text"], entry["weighted_text"] = fmt(entry.get("simple")), fmt(entry.get("weighted"))
        entry["dim_values"] = [fmt(entry["dims"].get(d)) for d in dims]
        out.append(entry)
    return sorted(out, key=lambda e: (e.get("rank") is None, e.get("rank") or 0))


def zone_table(run: Run, lang: str) -> list[dict[str, Any]]:
    dims = [n["code"] for n in nodes(run, "dimension")]
    index_code = scores.index_code(run)
    frame = scores.table(run, Unit.ZONE).values
    return [
        {"zone": ZONE_NAMES.get(z, z), "index": fmt(number(v[index_code])), "dims": [fmt(number(v[d])) for d in dims]}
        for z, v in frame.sort_index().iterrows()
    ]


# The unit of indicators that only say whether something exists (0 = no, 100 = yes).
YES_NO_UNIT = "0/100"


def measured_text(raw: float | None, unit: str) -> str:
    """The measured value behind an indicator score as a reader says it: "3 layanan", "ya"/"tidak" for a yes/no
    indicator (unit ``0/100``), "45 % ya" for a share of yes; "" when nothing was measured (a kecamatan's mean has
    no measured value), so that no placeholder like "(– 0/100)" is printed."""
    if raw is None or (isinstance(raw, float) and math.isnan(raw)):
        return ""
    if unit == YES_NO_UNIT:
        if raw in (0, 100):
            return str(_("ya") if raw == 100 else _("tidak"))
        return _("%(share)s %% ya") % {"share": fmt(raw, 0)}
    return f"{fmt(raw, 2)} {unit}".strip()


def area_summary(run: Run, area: Area, lang: str) -> dict[str, Any]:
    """What a village or kecamatan page shows of the current run."""
    label = names(run, lang)
    tree = {n["code"]: n for n in run.tree}
    index_code = scores.index_code(run)
    regency = Area.objects.filter(code=area.code.rsplit(".", 2 if area.level == AreaLevel.VILLAGE else 1)[0]).first()
    if area.level == AreaLevel.VILLAGE:
        unit, district = Unit.VILLAGE, area.parent
    else:
        unit, district = Unit.DISTRICT, None
    rows = scores.unit_scores(run, unit, area)
    index_row = rows.get(index_code)
    series = [dimension_series(run, rows, area.name)]
    if district is not None:
        series.append(radar_series(run, Unit.DISTRICT, district, _("Kec. %(name)s") % {"name": district.name}))
    series.append(radar_series(run, Unit.REGENCY, None, regency.name if regency else _("Kabupaten")))
    elements = [
        {
            "code": n["code"],
            "name": label[n["code"]],
            "dimension": label.get(n["parent"], ""),
            "value": fmt(rows[n["code"]].value) if n["code"] in rows else "–",
        }
        for n in nodes(run, "element")
    ]
    indicators = [
        {
            "code": code,
            "name": label[code],
            "score": s.value,
            "raw": s.raw,
            "unit": tree[code].get("unit", ""),
            "element": label.get(tree[code]["parent"], ""),
            # scored but not measured: the value was filled in by the imputation rule
            "imputed": s.raw is None,
        }
        for code, s in rows.items()
        if code in tree and tree[code]["level"] == "indicator" and s.value is not None
    ]
    indicators.sort(key=lambda r: r["score"])
    for r in indicators:
        r["score_text"], r["raw_text"] = fmt(r["score"]), fmt(r["raw"], 2)
        r["measured"] = measured_text(r["raw"], r["unit"])
    measured = [r for r in indicators if not r["imputed"]]  # an imputed value is no strength nor weakness
    summary: dict[str, Any] = {
        "run": run,
        "is_demo": run.is_demo,
        "score": fmt(index_row.value) if index_row else "–",
        "has_score": bool(index_row and index_row.value is not None),
        "rank_text": rank_text(index_row.rank, index_row.rank_low, index_row.rank_high)
        if index_row and index_row.value is not None
        else _("data belum cukup"),
        "radar": {"axes": dimension_axes(run, lang), "series": series},
        "elements": elements,
        "weakest": measured[:3],
        "strongest": list(reversed(measured[-3:])),
        "imputed": [r for r in indicators if r["imputed"]],
        "imputation_rule": method.run_imputation_rule(run, lang),
        "screen_percent": method.run_screen_percent(run),
        "title": method.run_title(run),
    }
    if area.level == AreaLevel.DISTRICT:
        villages = village_ranking(run, within=area.code + ".")
        for position, r in enumerate([v for v in villages if v["rank"] is not None], start=1):
            r["local_rank"] = position
        summary["villages"] = villages
        summary["n_total"] = UnitScores.objects.filter(run=run, unit=Unit.DISTRICT).count()
    return summary


def framework_tree(fw: SmartCityFramework, lang: str) -> list[dict[str, Any]]:
    key = "en" if lang == "en" else "id"
    out = []
    for d in fw.dimensions:
        elements = []
        for e in [e for e in fw.elements if e.parent == d.code]:
            inds = [
                {
                    "code": i.code,
                    "name": i.name[key],
                    "definition": i.definition[key],
                    "formula": i.formula,
                    "formula_words": method.formula_words(i.formula, lang),
                    "unit": i.unit,
                    "direction": "+" if i.direction > 0 else "−",
                    "bounds": i.bounds,
                    "weight": i.weight,
                    "rationale": i.rationale[key],
                }
                for i in fw.indicators
                if i.element == e.code
            ]
            elements.append({"code": e.code, "name": e.name[key], "weight": e.weight, "indicators": inds})
        out.append({"code": d.code, "name": d.name[key], "weight": d.weight, "elements": elements})
    return out


def audit_sentences(run: Run, lang: str) -> list[str]:
    label = names(run, lang)
    audit = run.audit or {}
    out = []
    availability = audit.get("availability", {})
    below = availability.get("indicators_below", [])
    if below:
        out.append(
            _("Indikator dengan data kurang dari %(t)s%%: %(list)s.")
            % {"t": fmt(100 * availability.get("threshold", 0), 0), "list": ", ".join(label.get(c, c) for c in below)}
        )
    else:
        out.append(
            _("Semua indikator terisi untuk sedikitnya %(t)s%% desa.")
            % {"t": fmt(100 * availability.get("threshold", 0), 0)}
        )
    units_below = availability.get("units_below", [])
    if units_below:
        out.append(_("%(n)d desa datanya belum cukup dan tidak diberi skor.") % {"n": len(units_below)})
    level_of = {n["code"]: n["level"] for n in run.tree}
    level_word = {"index": _("indeks"), "dimension": _("dimensi"), "element": _("elemen")}
    child_word = {"index": _("dimensi"), "dimension": _("elemen"), "element": _("indikator")}
    for flag in audit.get("flags", []):
        agg = flag.get("aggregate")
        level, name = level_word.get(level_of.get(agg, ""), ""), str(label.get(agg, agg))
        # "dimensi Smart Living", but "Indeks Smart City" rather than "indeks Indeks Smart City"
        where = {"place": name if name.lower().startswith(level.lower()) else f"{level} {name}".strip()}
        if flag.get("type") == "negative_correlation":
            pairs = "; ".join(f"{label.get(a, a)} – {label.get(b, b)}" for a, b in flag.get("pairs", []))
            out.append(
                _("Di %(place)s, %(children)s berkorelasi negatif: %(pairs)s. Mereka saling meniadakan.")
                % {**where, "children": child_word.get(level_of.get(agg, ""), ""), "pairs": pairs}
            )
        elif flag.get("type") == "dominant_child":
            out.append(
                _("Di %(place)s, %(codes)s mendominasi skor melebihi bobotnya.")
                % {**where, "codes": ", ".join(label.get(c, c) for c in flag.get("codes", []))}
            )
        elif flag.get("type") == "outliers":
            out.append(
                _("Sebaran menceng (pencilan) pada: %(codes)s.")
                % {"codes": ", ".join(label.get(c, c) for c in flag.get("codes", []))}
            )
    return out


def _index_text(value: float | None, low: float | None, high: float | None) -> str:
    if low is None or high is None:
        return fmt(value, 2)
    return _("%(v)s (selang 95%%: %(lo)s sampai %(hi)s)") % {"v": fmt(value, 2), "lo": fmt(low, 2), "hi": fmt(high, 2)}


def sensitivity_sentences(run: Run, lang: str) -> list[str]:
    """The run's Sobol indices in plain words, each with its 95 % bootstrap interval; an index whose interval is
    wider than ±0.05 (or that has none, as in runs stored before intervals) is called too uncertain to read."""
    sa = run.sensitivity or {}
    if not sa.get("indices"):
        return [_("Analisis sensitivitas tidak dijalankan untuk run ini.")]
    names_id = {"weights": _("bobot"), "imputation": _("imputasi data kosong"), "normalisation": _("normalisasi")}
    parts = sorted(sa["indices"], key=lambda r: -(r.get("total") or 0))
    if sa.get("method") == "factorial":
        first = _(
            "%(n)d perhitungan ulang: setiap kombinasi asumsi dihitung sekali (seed %(seed)s), sehingga indeks "
            "Sobol dihitung tepat untuk rancangan ini. Yang diukur: rata-rata pergeseran peringkat desa terhadap run "
            "ini. Hanya himpunan bobot yang diundi; selang 95%% dari %(boot)s pengambilan ulang (bootstrap) "
            "himpunan bobot itu."
        ) % {"n": sa.get("evaluations", 0), "seed": sa.get("seed"), "boot": sa.get("bootstrap", "–")}
    else:
        first = _(
            "%(n)d perhitungan ulang dengan asumsi yang diubah-ubah (sampel dasar N = %(base)s, seed %(seed)s). "
            "Yang diukur: rata-rata pergeseran peringkat desa terhadap run ini. Selang 95%% dari %(boot)s "
            "pengambilan ulang (bootstrap)."
        ) % {
            "n": sa.get("evaluations", 0),
            "base": sa.get("n"),
            "seed": sa.get("seed"),
            "boot": sa.get("bootstrap", "–"),
        }
    out = [first]
    # Saltelli's design with a tiny base sample: not even its bootstrap intervals can be trusted
    tiny = sa.get("method", "sobol") != "factorial" and int(sa.get("n") or 0) < MIN_BOOTSTRAP_N
    for r in parts:
        name = names_id.get(r["assumption"], r["assumption"]).capitalize()
        s1, st = number(r.get("first_order")), number(r.get("total"))
        s1_lo, s1_hi = number(r.get("first_order_low")), number(r.get("first_order_high"))
        st_lo, st_hi = number(r.get("total_low")), number(r.get("total_high"))
        text = _("%(name)s: indeks orde pertama S1 = %(s1)s; indeks total ST = %(st)s.") % {
            "name": name,
            "s1": _index_text(s1, s1_lo, s1_hi),
            "st": _index_text(st, st_lo, st_hi),
        }
        if tiny or too_uncertain(st_lo, st_hi):
            text += " " + _(
                "Perkiraan ini terlalu tidak pasti untuk dibaca (selangnya lebih lebar dari ±0,05): perlu sampel "
                "yang lebih besar."
            )
        else:
            text += " " + _("Sekitar %(share)s%% variasi pergeseran peringkat melibatkan %(name)s.") % {
                "share": fmt(100 * max(0.0, min(1.0, st or 0)), 0),
                "name": names_id.get(r["assumption"], r["assumption"]),
            }
            if too_uncertain(s1_lo, s1_hi):
                text += " " + _("Berapa yang dari %(name)s saja (S1) terlalu tidak pasti untuk dibaca.") % {
                    "name": names_id.get(r["assumption"], r["assumption"])
                }
        out.append(text)
    out.append(
        _(
            "Rentang yang ditampilkan adalah rentang peringkat (5–95 persen), bukan rentang skor: perhitungan ulang "
            "dengan normalisasi lain memberi skor pada skala yang berbeda."
        )
    )
    return out


def rank_shifts(a: Run, b: Run) -> pd.DataFrame:
    """Each village's score and rank in runs ``a`` and ``b`` and its shift (rank in b − rank in a), largest shift
    first (villages ranked in only one run last, ties by rank in ``a``, then by code), as a frame indexed by the
    village's area id. Computed from the runs' stored summaries: no village row is read (:func:`shift_rows` names
    the villages of the page it is given)."""
    sa, sb = run_summary.of(a), run_summary.of(b)
    assert sa.area_ids is not None and sb.area_ids is not None  # read with its vectors
    ids = _code_ordered_union(sa.area_ids, sb.area_ids)

    def columns(found: run_summary.Summary) -> tuple[np.ndarray, np.ndarray]:
        assert found.values is not None and found.ranks is not None
        at = pd.Index(found.area_ids).get_indexer(ids)  # -1: not in this run, which reads the NaN appended
        score = np.append(found.values, np.nan)[at]
        rank = np.where(np.isnan(score), np.nan, np.append(found.ranks, np.nan)[at])  # no score, no rank
        return score, rank

    score_a, rank_a = columns(sa)
    score_b, rank_b = columns(sb)
    shift = rank_b - rank_a
    # largest |shift| first, villages ranked in one run only last; then by rank in a (none last); then by code
    size = np.where(np.isnan(shift), -1.0, np.abs(shift))
    order = np.lexsort((np.arange(len(ids)), np.where(np.isnan(rank_a), np.inf, rank_a), -size))
    return pd.DataFrame(
        {"score": score_a, "rank": rank_a, "score_b": score_b, "rank_b": rank_b, "shift": shift},
        index=pd.Index(ids, name="area_id"),
    ).iloc[order]


def _code_ordered_union(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The area ids of two code-ordered id vectors, in code order (the codes are read only when neither run holds
    every village of the other)."""
    if np.isin(second, first).all():
        return first
    if np.isin(first, second).all():
        return second
    ids = np.union1d(first, second)
    codes = dict(Area.objects.filter(pk__in=ids.tolist()).values_list("pk", "code"))
    return np.array(sorted(ids.tolist(), key=lambda pk: codes.get(pk, "")), dtype=np.int64)


def _village_names(ids: Any) -> dict[int, tuple[str, str]]:
    """Area id → (code, name) of the given villages. One query."""
    found = Area.objects.filter(pk__in=list(ids)).values_list("pk", "code", "name")
    return {pk: (code, name) for pk, code, name in found}


def shifts_named(frame: pd.DataFrame, search: str) -> pd.DataFrame:
    """The rows of a ``rank_shifts`` frame whose village name contains ``search`` (case-insensitive)."""
    return frame[frame.index.isin(areas_named(search))]


def shift_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Table rows of (a page of) ``rank_shifts``."""
    named = _village_names(int(i) for i in frame.index)
    return [
        {
            "code": named.get(int(pk), ("", ""))[0],
            "name": named.get(int(pk), ("", ""))[1],
            "rank_a": _int(r["rank"]),
            "rank_b": _int(r["rank_b"]),
            "score_a": fmt(number(r["score"])),
            "score_b": fmt(number(r["score_b"])),
            "shift": _int(r["shift"]),
            "score_change": _signed(number(r["score_b"]), number(r["score"])),
        }
        for pk, r in frame.iterrows()
    ]


def shift_summary(frame: pd.DataFrame) -> str:
    """One sentence on a comparison: how many villages are ranked in both runs, how many moved, how far half of
    them moved at most, and the largest move."""
    both = frame[frame["shift"].notna()]
    if both.empty:
        return _("Tidak ada desa yang berperingkat di kedua run.")
    moves = np.sort(np.abs(both["shift"].to_numpy()).astype(int))
    largest = int(both["shift"].abs().idxmax())
    return _(
        "%(n)d desa berperingkat di kedua run; %(moved)d di antaranya bergeser. Separuh desa bergeser paling banyak "
        "%(median)d peringkat; pergeseran terbesar %(largest)d peringkat (%(name)s)."
    ) % {
        "n": len(both),
        "moved": int((moves > 0).sum()),
        "median": int(moves[len(moves) // 2]),
        "largest": int(moves[-1]),
        "name": _village_names([largest]).get(largest, ("", ""))[1],
    }


def _signed(new: float | None, old: float | None) -> str:
    """The score change old → new with its sign ("+2,0", "−2,0", "0,0"; "–" when either is missing)."""
    if new is None or old is None:
        return "–"
    change = new - old
    text = fmt(abs(change))
    if text == fmt(0.0):
        return text
    return ("+" if change > 0 else "−") + text


def _int(v: Any) -> int | None:
    return None if pd.isna(v) else int(v)


def export_frame(run: Run) -> pd.DataFrame:
    """Every village's score at every node (tree order), the index rank and its interval: one row per village."""
    found = scores.table(run, Unit.VILLAGE)
    index_code = scores.index_code(run)
    wide = found.values.copy()
    wide.insert(0, "name", found.info["name"])
    wide[f"{index_code}_rank"] = found.ranks[index_code].astype("Int64")
    wide[f"{index_code}_rank_p05"] = found.info["rank_low"]
    wide[f"{index_code}_rank_p95"] = found.info["rank_high"]
    # indicators scored but not measured were filled in by the imputation rule: listed per village
    indicator_codes = [n["code"] for n in run.tree if n["level"] == "indicator"]
    imputed = found.values[indicator_codes].notna() & found.raw[indicator_codes].isna()
    wide["imputed"] = [";".join(c for c, flag in row.items() if flag) for _code, row in imputed.iterrows()]
    out = wide.reset_index()
    out.insert(2, "framework", f"{run.framework} {run.framework_version}")
    out.insert(3, "run", run.pk)
    position = 4
    if run.is_demo:
        out.insert(position, "data", "DATA CONTOH")
        position += 1
    if run.includes_drafts:
        out.insert(position, "profil", method.drafts_label())
    return out


def methodology_frame(run: Run) -> pd.DataFrame:
    """The XLSX export's methodology sheet: the run, its hashes and pipeline, then every node of its tree with
    names, weight, direction, unit, formula, bounds, definition and rationale in Indonesian and English."""
    rows = [
        {
            "kode": n["code"],
            "induk": n["parent"],
            "tingkat": n["level"],
            "nama": n["name_id"],
            "name": n["name_en"],
            "bobot": n["weight"],
            "arah": n.get("direction", ""),
            "satuan": n.get("unit", ""),
            "rumus": n.get("formula", ""),
            "batas": str(n.get("bounds", "")),
            "definisi": n.get("definition_id", ""),
            "definition": n.get("definition_en", ""),
            # runs stored before rationales were bilingual carry one Indonesian "rationale"
            "alasan": n.get("rationale_id", n.get("rationale", "")),
            "rationale": n.get("rationale_en", ""),
        }
        for n in run.tree
    ]
    meta = pd.DataFrame(rows)
    header = pd.DataFrame(
        [
            {"kode": "run", "nama": method.run_title(run)},
            {"kode": "imputasi", "nama": method.run_imputation_rule(run, "id")},
            {"kode": "framework_hash", "nama": run.framework_hash},
            {"kode": "data_hash", "nama": run.data_hash},
            {"kode": "profil", "nama": run.profile_status},
            {"kode": "pipeline", "nama": str(run.log.get("config", {}).get("steps", ""))},
            *_step_rows(run),
        ]
    )
    return pd.concat([header, meta], ignore_index=True)


def _step_rows(run: Run) -> list[dict[str, str]]:
    """The methodology steps in words (title: sentence — formula) when the framework file is still the run's."""
    from petakan.indices.services import framework
    from petakan.lib.smartcity import FrameworkError

    try:
        fw = framework(run.framework)
    except FrameworkError:
        return []
    if fw.hash != run.framework_hash:
        return []
    return [
        {"kode": f"langkah {i}", "nama": f"{s['title']}: {s['text']}" + (f" ({s['formula']})" if s["formula"] else "")}
        for i, s in enumerate(method.steps(fw, "id"), start=1)
    ]
