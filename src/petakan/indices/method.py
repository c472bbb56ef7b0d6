"""The methodology of a framework and a run in words and formulas, read from the framework file and the run —
never written into a template — so that what a page says is what was computed."""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from petakan.indices.models import Run
from petakan.lib.profile import load_schema
from petakan.lib.smartcity import SmartCityFramework

ZONE_GROUPS = {"geo_zone": ("zona (pesisir, dataran, pegunungan)", "zone (coast, plain, mountain)")}


def percent(fraction: float) -> str:
    """0.6 → "60"; 0.675 → "67,5" (the decimal comma of Indonesian, also kept in English pages for one style)."""
    text = f"{100 * fraction:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@lru_cache(maxsize=1)
def _field_labels() -> dict[str, tuple[str, str]]:
    return {f.code: (f.label.id, f.label.en) for f in load_schema().fields}


def formula_words(formula: str, lang: str) -> str:
    """An indicator's formula (``share(poor_households, households)``) with profile fields named by their labels
    and the framework's functions spelled out: "KK miskin (DTKS) / Jumlah KK × 100". Unknown syntax is returned
    as written rather than guessed."""
    en = lang == "en"
    labels = _field_labels()
    try:
        tree = ast.parse(formula, mode="eval").body
    except SyntaxError:
        return formula

    def name(code: str) -> str:
        if code == "population":
            return "population" if en else "jumlah penduduk"
        pair = labels.get(code)
        return (pair[1] if en else pair[0]) if pair else code

    def words(node: ast.AST, top: bool = False) -> str:
        if isinstance(node, ast.Name):
            return name(node.id)
        if isinstance(node, ast.Constant):
            return str(node.value)
        if isinstance(node, ast.BinOp):
            op = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "/"}.get(type(node.op), "?")
            left, right = (f"({words(n)})" if isinstance(n, ast.Call) else words(n) for n in (node.left, node.right))
            text = f"{left} {op} {right}"
            return text if top else f"({text})"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [words(a, top=True) for a in node.args]
            fn = node.func.id
            if fn == "share" and len(args) == 2:
                return f"{words(node.args[0])} / {words(node.args[1])} × 100"
            if fn == "per1000" and len(args) == 1:
                return f"{args[0]} " + ("per 1,000 population" if en else "per 1.000 penduduk")
            if fn == "level" and len(args) == 1:
                return (f"level of «{args[0]}»") if en else f"tingkat «{args[0]}»"
            if fn == "mean":
                return ("mean of " if en else "rata-rata dari ") + "; ".join(args)
            if fn == "min" and len(args) == 2:
                return (
                    (f"the smaller of {args[0]} and {args[1]}") if en else f"yang terkecil dari {args[0]} dan {args[1]}"
                )
        return ast.unparse(node)

    return words(tree, top=True)


def _step(fw: SmartCityFramework | list[dict[str, Any]], name: str) -> dict[str, Any]:
    """A step of a framework's pipeline, or of a list of steps (a stored run's ``log["config"]["steps"]``)."""
    pipeline = fw if isinstance(fw, list) else fw.pipeline
    return next((s for s in pipeline if s.get("step") == name), {})


def screen_rule(fw: SmartCityFramework) -> dict[str, str] | None:
    s = _step(fw, "screen")
    if not s:
        return None
    threshold = float(s.get("min_availability", 2 / 3))
    return {
        "title": _("Penyaringan desa"),
        "text": _(
            "Desa yang indikatornya terukur kurang dari %(t)s%% tidak diberi skor (“data belum cukup”), "
            "bukan diberi skor yang keliru."
        )
        % {"t": percent(threshold)},
        "formula": _("indikator terukur / jumlah indikator ≥ %(t)s") % {"t": f"{threshold:g}".replace(".", ",")},
    }


def imputation_rule(fw: SmartCityFramework | list[dict[str, Any]], lang: str) -> str:
    """The rule that fills a missing indicator value, in one phrase ("" when nothing is imputed); ``fw`` is a
    framework or the steps a run was computed with."""
    s = _step(fw, "impute")
    method = s.get("method", "none")
    if not s or method == "none":
        return ""
    group = s.get("group", "")
    where = ZONE_GROUPS.get(group, (group, group))[1 if lang == "en" else 0]
    return {
        "median": _("median indikator itu di semua desa"),
        "mean": _("rata-rata indikator itu di semua desa"),
        "group_median": _("median indikator itu di desa lain dalam %(group)s yang sama") % {"group": where},
        "group_mean": _("rata-rata indikator itu di desa lain dalam %(group)s yang sama") % {"group": where},
    }.get(method, method)


def steps(fw: SmartCityFramework, lang: str) -> list[dict[str, str]]:
    """Every step of the framework's pipeline, in order, as a title, a sentence and a formula."""
    out: list[dict[str, str]] = []
    screen = screen_rule(fw)
    if screen:
        out.append(screen)
    rule = imputation_rule(fw, lang)
    if rule:
        out.append(
            {
                "title": _("Imputasi"),
                "text": _(
                    "Nilai indikator yang kosong diisi dengan %(rule)s. Nilai isian itu ditandai "
                    "“diimputasi” di setiap halaman dan unduhan, dan tidak pernah disebut sebagai "
                    "kekuatan atau kelemahan desa."
                )
                % {"rule": rule},
                "formula": "",
            }
        )
    norm = _step(fw, "normalise")
    if norm.get("method") == "goalposts":
        out.append(
            {
                "title": _("Normalisasi"),
                "text": _(
                    "Setiap indikator diubah ke skala 0–100 dengan batas (terburuk, terbaik) yang tertulis di "
                    "indikatornya; nilai di luar batas dipotong. Untuk indikator yang makin kecil makin baik, "
                    "terburuk adalah batas atas."
                ),
                "formula": _("skor = (x − terburuk) / (terbaik − terburuk) × 100, dibatasi 0–100"),
            }
        )
    elif norm.get("method") == "minmax":
        out.append(
            {
                "title": _("Normalisasi"),
                "text": _("Setiap indikator diubah ke skala 0–100 antara nilai terendah dan tertinggi semua desa."),
                "formula": _("skor = (x − min) / (maks − min) × 100"),
            }
        )
    agg = _step(fw, "aggregate")
    if agg:
        share = float(agg.get("min_share", 0) or 0)
        text = _(
            "Elemen, dimensi dan indeks adalah rata-rata tertimbang anak-anaknya, dengan bobot yang tertulis di pohon "
            "indikator di bawah; anak yang kosong tidak dihitung dan bobot sisanya dibagi ulang."
        )
        if share > 0:
            text += " " + _("Bila kurang dari %(t)s%% anak terisi, induknya tidak diberi nilai.") % {
                "t": percent(share)
            }
        out.append(
            {
                "title": _("Pembobotan dan agregasi"),
                "text": text,
                "formula": _("nilai induk = Σ wᵢ·xᵢ / Σ wᵢ atas anak i yang terisi"),
            }
        )
    out.append(area_aggregation(fw))
    return out


def area_aggregation(fw: SmartCityFramework) -> dict[str, str]:
    """How kecamatan, zone and regency values are formed from village scores (the framework's ``areas.weighting``)."""
    if fw.area_weighting == "population":
        text = _(
            "Nilai kecamatan, zona dan kabupaten adalah rata-rata skor desa yang diberi skor, ditimbang jumlah "
            "penduduk (kerangka memilih: tertimbang penduduk). Tabel kecamatan juga menunjukkan rata-rata sederhana."
        )
        formula = _("nilai wilayah = Σ penduduk_d·skor_d / Σ penduduk_d atas desa d yang diberi skor")
    else:
        text = _(
            "Nilai kecamatan, zona dan kabupaten adalah rata-rata sederhana (tanpa bobot) skor desa yang diberi "
            "skor (kerangka memilih: tanpa bobot). Tabel kecamatan juga menunjukkan rata-rata tertimbang penduduk."
        )
        formula = _("nilai wilayah = Σ skor_d / n atas n desa d yang diberi skor")
    return {"title": _("Kecamatan, zona dan kabupaten"), "text": text, "formula": formula}


def run_title(run: Run) -> str:
    """The name of a run on every page about it: number, framework, year and which profiles went in."""
    title = _("Run #%(id)d · %(fw)s %(v)s · %(year)d") % {
        "id": run.pk,
        "fw": run.framework,
        "v": run.framework_version,
        "year": run.year,
    }
    if run.includes_drafts:
        title += " · " + drafts_label()
    return title


def drafts_label() -> str:
    return _("termasuk profil yang belum diverifikasi")


def run_imputation_rule(run: Run, lang: str) -> str:
    """The imputation rule ``run`` was computed with (from its stored log, not today's framework file)."""
    return imputation_rule(list((run.log or {}).get("config", {}).get("steps", [])), lang)


def run_screen_percent(run: Run) -> str:
    """The data-availability threshold ``run`` screened villages with, in percent ("60"; "" without screening)."""
    s = _step(list((run.log or {}).get("config", {}).get("steps", [])), "screen")
    return percent(float(s["min_availability"])) if s and "min_availability" in s else ""
