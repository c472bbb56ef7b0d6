"""The regional chapters of Buku 1 (Analisis Strategis): the regency's profile and zones, village potential, the
six-dimension Smart City scores, IDM and the leading economic sectors.

Nothing is computed here that another app already computes: the index scores, kecamatan table, uncertainty words
come from petakan.indices (scores, reading), the zones and profiles from petakan.profiles through maps.sources,
IDM statuses from petakan.idm.services, the sector analysis from petakan.economy.analysis. This module reads them,
writes the opening paragraph of each chapter from the numbers, and draws the figures (petakan.lib.figures) with
the web map's classes and palettes (lib.classify, maps.palettes, 5 quantile classes in YlGnBu by default).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils.translation import gettext as _

from petakan.indices import reading, scores
from petakan.indices.models import Run, Unit
from petakan.lib import figures
from petakan.lib.classify import classify
from petakan.maps import palettes, sources
from petakan.maps.data import DEFAULT_K, DEFAULT_METHOD
from petakan.planning.docwriter import Writer, language
from petakan.regions.models import Area, Generation, Layer, Level

CODES_SOURCE = "Kepmendagri No. 300.2.2-2430 Tahun 2025 (kode wilayah)"


def fmt(value: float | None, digits: int = 1) -> str:
    return reading.fmt(value, digits)


def _lang() -> str:
    return language()


@dataclass
class Geometry:
    """The active generation's simplified village and kecamatan layers (the web map's), read once per book."""

    generation: str
    villages: list[dict[str, Any]] = field(default_factory=list)  # features: code, district_code, geometry
    districts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def available(self) -> bool:
        return bool(self.villages)

    def outlines(self) -> list[tuple[str, Mapping[str, Any]]]:
        return [(f["properties"]["name"], f["geometry"]) for f in self.districts]


def load_geometry() -> Geometry:
    gen = Generation.current()
    if gen is None:
        return Geometry("")
    layers = dict(Layer.objects.filter(generation=gen, key__in=["village", "district"]).values_list("key", "content"))
    prefix = settings.PETAKAN_REGENCY_CODE + "."
    villages = [
        f
        for f in json.loads(layers.get("village", '{"features":[]}'))["features"]
        if f["properties"]["code"].startswith(prefix)
    ]
    districts = [
        f
        for f in json.loads(layers.get("district", '{"features":[]}'))["features"]
        if f["properties"]["code"].startswith(prefix)
    ]
    return Geometry(gen.name, villages, districts)


def boundary_source(geo: Geometry) -> str:
    return _("batas wilayah %(generation)s") % {"generation": geo.generation or "—"}


def sequential_map(
    geo: Geometry, values: Mapping[str, float | None], legend_title: str, digits: int = 1, palette: str = ""
) -> bytes | None:
    """A village choropleth of ``values`` (village code → number) with the web map's default classes
    (DEFAULT_METHOD, DEFAULT_K) and palette; None without boundaries or without any value."""
    if not geo.available:
        return None
    codes = [f["properties"]["code"] for f in geo.villages]
    numbers = np.array([np.nan if values.get(c) is None else float(values[c]) for c in codes], dtype=float)
    if not np.isfinite(numbers).any():
        return None
    result = classify(numbers, DEFAULT_METHOD, DEFAULT_K)
    colours = palettes.colours(palette or palettes.DEFAULT, result.k) if result.k else ()
    b = result.breaks
    legend = []
    for i in range(result.k):
        lower, upper = fmt(float(b[i]), digits), fmt(float(b[i + 1]), digits)
        label = upper if lower == upper else f"{lower} – {upper}"
        legend.append(figures.MapClass(f"{label} ({int(result.counts[i])})", colours[i]))
    return figures.choropleth(
        [f["geometry"] for f in geo.villages],
        [int(k) for k in result.classes],
        legend,
        outlines=geo.outlines(),
        missing_label=_("data belum cukup"),
        legend_title=legend_title,
    )


def category_map(
    geo: Geometry, values: Mapping[str, str], categories: Sequence[tuple[str, str]], title: str
) -> bytes | None:
    """A village map of categories (code → category code) in display order; the web map's sequential palette over
    the categories, plus a hatch per category so that print in black and white keeps them apart."""
    if not geo.available or not values:
        return None
    codes = [f["properties"]["code"] for f in geo.villages]
    order = {code: i for i, (code, _label) in enumerate(categories)}
    classes = [order.get(values.get(c, ""), -1) for c in codes]
    colours = palettes.colours(palettes.DEFAULT, len(categories))
    counts = np.bincount([k for k in classes if k >= 0], minlength=len(categories))
    legend = [
        figures.MapClass(f"{label} ({int(counts[i])})", colours[i], figures.HATCHES[i % len(figures.HATCHES)])
        for i, (_code, label) in enumerate(categories)
    ]
    return figures.choropleth(
        [f["geometry"] for f in geo.villages],
        classes,
        legend,
        outlines=geo.outlines(),
        missing_label=_("tidak ada data"),
        legend_title=title,
    )


def run_source(run: Run) -> str:
    """The index run as a source: publication, year, run and framework version."""
    text = _("Indeks Smart City Petakan %(year)s, run #%(run)s, kerangka %(framework)s versi %(version)s") % {
        "year": run.year,
        "run": run.pk,
        "framework": run.framework,
        "version": run.framework_version,
    }
    return text + (f" ({_('DATA CONTOH')})" if run.is_demo else "")


# --------------------------------------------------------------------------------------------- the chapters


@dataclass
class Context:
    """What the regional chapters share: the run (may be None), the year, boundaries and the profiles."""

    run: Run | None
    year: int
    geo: Geometry
    profiles: pd.DataFrame | None
    profiles_demo: bool
    demo_values: bool = False  # set when a chapter shows generated values (DATA CONTOH)


def context(run: Run | None, year: int) -> Context:
    prefix = settings.PETAKAN_REGENCY_CODE + "."
    frame: pd.DataFrame | None = None
    demo = False
    if sources.profiles_available():
        from petakan.profiles.services import profiles_frame

        found, demo = profiles_frame(year, "published", prefix)
        frame = found if not found.empty else None
    return Context(run, year, load_geometry(), frame, bool(demo and frame is not None))


def _districts() -> list[Area]:
    return list(
        Area.objects.filter(level=Level.DISTRICT, code__startswith=settings.PETAKAN_REGENCY_CODE + ".").order_by("code")
    )


def _village_counts() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for code, kind in Area.objects.filter(
        level=Level.VILLAGE, code__startswith=settings.PETAKAN_REGENCY_CODE + "."
    ).values_list("code", "kind"):
        row = out.setdefault(code.rsplit(".", 1)[0], {"desa": 0, "kelurahan": 0})
        row["kelurahan" if kind == "kelurahan" else "desa"] += 1
    return out


def _profile_source(ctx: Context) -> str:
    text = _("profil potensi desa %(year)s yang diterbitkan") % {"year": ctx.year}
    return text + (f" ({_('DATA CONTOH')})" if ctx.profiles_demo else "")


def profile_chapter(w: Writer, ctx: Context) -> None:
    """Administrative areas with codes, area and population per kecamatan; zones with a map."""
    districts = _districts()
    counts = _village_counts()
    regency = Area.objects.filter(code=settings.PETAKAN_REGENCY_CODE).first()
    population: dict[str, float] = {}
    zones: pd.Series | None = None
    if ctx.profiles is not None:
        p = ctx.profiles
        people = p.get("pop_male", pd.Series(dtype=float)).astype(float).fillna(0) + p.get(
            "pop_female", pd.Series(dtype=float)
        ).astype(float).fillna(0)
        people = people[people > 0]
        population = people.groupby(people.index.str.rsplit(".", n=1).str[0]).sum().to_dict()
        zones = sources.zones_of(p)
    n_desa = sum(c["desa"] for c in counts.values())
    n_kel = sum(c["kelurahan"] for c in counts.values())
    w.heading(_("Profil wilayah"), 1)
    largest = max(districts, key=lambda a: a.area_km2 or 0, default=None)
    smallest = min(districts, key=lambda a: a.area_km2 or float("inf"), default=None)
    intro = _(
        "%(regency)s terdiri atas %(k)d kecamatan dengan %(d)d desa dan %(l)d kelurahan, seluas %(area)s km². "
    ) % {
        "regency": regency.name if regency else settings.PETAKAN_REGENCY_CODE,
        "k": len(districts),
        "d": n_desa,
        "l": n_kel,
        "area": fmt(regency.area_km2 if regency else None, 1),
    }
    if largest and smallest and largest.area_km2 and smallest.area_km2:
        intro += _("Kecamatan terluas adalah %(big)s (%(a)s km²), yang tersempit %(small)s (%(b)s km²). ") % {
            "big": largest.name,
            "a": fmt(largest.area_km2, 1),
            "small": smallest.name,
            "b": fmt(smallest.area_km2, 1),
        }
    if zones is not None:
        share = zones.value_counts(normalize=True)
        intro += _(
            "Menurut profil desa, %(c)s %% desa berada di pesisir, %(p)s %% di dataran dan %(m)s %% di pegunungan."
        ) % {
            "c": fmt(100 * share.get("pesisir", 0.0), 0),
            "p": fmt(100 * share.get("dataran", 0.0), 0),
            "m": fmt(100 * share.get("pegunungan", 0.0), 0),
        }
    w.para(intro)
    w.heading(_("Wilayah administrasi"), 2)
    rows = []
    for a in districts:
        c = counts.get(a.code, {"desa": 0, "kelurahan": 0})
        pop = population.get(a.code)
        rows.append(
            (
                a.code,
                a.bps_code or "—",
                a.name,
                c["desa"],
                c["kelurahan"],
                fmt(a.area_km2, 2),
                fmt(pop, 0) if pop else "—",
            )
        )
    if population:
        ctx.demo_values = ctx.demo_values or ctx.profiles_demo
    w.table(
        _("Kecamatan, kode, luas dan penduduk"),
        [
            _("Kode Kemendagri"),
            _("Kode BPS"),
            _("Kecamatan"),
            _("Desa"),
            _("Kelurahan"),
            _("Luas (km²)"),
            _("Penduduk"),
        ],
        rows,
        f"{CODES_SOURCE}; {_('luas')}: {boundary_source(ctx.geo)}; {_('penduduk')}: {_profile_source(ctx)}",
        small=True,
    )
    w.heading(_("Zona geografis"), 2)
    if zones is None:
        w.para(_("Profil desa belum memuat zona geografis."), italic=True)
    else:
        zone_names = [(z, reading.ZONE_NAMES[z]) for z in sources.ZONES]
        png = category_map(ctx.geo, zones.to_dict(), zone_names, _("Zona"))
        if png:
            w.figure(
                png,
                _("Zona pesisir, dataran dan pegunungan per desa"),
                f"{_profile_source(ctx)}; {boundary_source(ctx.geo)}",
            )
        table = pd.crosstab(zones.index.str.rsplit(".", n=1).str[0], zones).reindex(columns=list(sources.ZONES))
        names = {a.code: a.name for a in districts}
        w.table(
            _("Jumlah desa per zona dan kecamatan"),
            [_("Kecamatan"), *(n for _z, n in zone_names)],
            [(names.get(code, code), *(int(v) if pd.notna(v) else 0 for v in row)) for code, row in table.iterrows()],
            _profile_source(ctx),
            small=True,
        )


def potential_chapter(w: Writer, ctx: Context) -> None:
    """What the published profiles say per zone and kecamatan: desa wisata, BUMDes, flagship products, the main
    livelihood, and how complete the profiles are."""
    w.heading(_("Potensi desa"), 1)
    p = ctx.profiles
    if p is None:
        w.para(_("Belum ada profil desa yang diterbitkan untuk tahun %(year)s.") % {"year": ctx.year})
        return
    ctx.demo_values = ctx.demo_values or ctx.profiles_demo
    from petakan.lib.profile import completeness_frame, load_schema

    complete = completeness_frame(load_schema(), p)
    district = pd.Series(p.index.str.rsplit(".", n=1).str[0], index=p.index)
    tourism = (
        p["tour_village_status"].astype("string").fillna("none").ne("none") if "tour_village_status" in p else None
    )
    bumdes = p["bumdes_exists"].astype("boolean").fillna(False) if "bumdes_exists" in p else None
    names = {a.code: a.name for a in _districts()}
    n_villages = Area.objects.filter(level=Level.VILLAGE, code__startswith=settings.PETAKAN_REGENCY_CODE + ".").count()
    by_district = pd.DataFrame({"district": district, "complete": complete})
    if tourism is not None:
        by_district["tourism"] = tourism.astype(int)
    if bumdes is not None:
        by_district["bumdes"] = bumdes.astype(int)
    grouped = by_district.groupby("district")
    summary = grouped.agg(n=("complete", "size"), complete=("complete", "mean"))
    for col in ("tourism", "bumdes"):
        if col in by_district:
            summary[col] = grouped[col].sum()
    lowest = summary["complete"].idxmin()
    top_tourism = summary["tourism"].idxmax() if "tourism" in summary else None
    w.para(
        _(
            "%(n)d dari %(total)d desa/kelurahan sudah menerbitkan profil %(year)s; rata-rata %(c)s %% isian terisi, "
            "paling rendah di %(low)s (%(lc)s %%). "
        )
        % {
            "n": len(p),
            "total": n_villages,
            "year": ctx.year,
            "c": fmt(100 * float(complete.mean()), 0),
            "low": names.get(lowest, lowest),
            "lc": fmt(100 * float(summary.at[lowest, "complete"]), 0),
        }
        + (
            _("Desa wisata paling banyak di %(d)s (%(n)d desa); %(b)d desa memiliki BUMDes.")
            % {
                "d": names.get(top_tourism, top_tourism),
                "n": int(summary.at[top_tourism, "tourism"]),
                "b": int(bumdes.sum()) if bumdes is not None else 0,
            }
            if top_tourism is not None
            else ""
        )
    )
    png = sequential_map(ctx.geo, {c: 100 * float(v) for c, v in complete.items()}, _("Isian terisi (%)"), 0)
    if png:
        w.figure(
            png,
            _("Kelengkapan profil desa (bagian isian yang terisi, %)"),
            f"{_profile_source(ctx)}; {boundary_source(ctx.geo)}",
        )
    zones = sources.zones_of(p)
    if zones is not None and tourism is not None and bumdes is not None:
        frame = pd.DataFrame({"zone": zones.reindex(p.index), "tourism": tourism, "bumdes": bumdes, "c": complete})
        rows = []
        for z in sources.ZONES:
            part = frame[frame["zone"] == z]
            if part.empty:
                continue
            products = p.loc[part.index, "flagship_product"].dropna().astype(str) if "flagship_product" in p else []
            common = pd.Series(list(products)).value_counts().head(3).index.tolist() if len(products) else []
            rows.append(
                (
                    reading.ZONE_NAMES[z],
                    len(part),
                    int(part["tourism"].sum()),
                    int(part["bumdes"].sum()),
                    ", ".join(common) or "—",
                    fmt(100 * float(part["c"].mean()), 0),
                )
            )
        w.table(
            _("Potensi desa per zona"),
            [_("Zona"), _("Desa"), _("Desa wisata"), _("BUMDes"), _("Produk unggulan tersering"), _("Kelengkapan (%)")],
            rows,
            _profile_source(ctx),
        )
    rows = [
        (
            names.get(code, code),
            int(r["n"]),
            int(r.get("tourism", 0)),
            int(r.get("bumdes", 0)),
            fmt(100 * r["complete"], 0),
        )
        for code, r in summary.iterrows()
    ]
    w.table(
        _("Potensi desa per kecamatan"),
        [_("Kecamatan"), _("Profil"), _("Desa wisata"), _("BUMDes"), _("Kelengkapan (%)")],
        rows,
        _profile_source(ctx),
        small=True,
    )


def index_chapter(w: Writer, ctx: Context, weak_elements: Sequence[tuple[str, float | None, str]]) -> None:
    """Choropleths of the index and of each dimension, the regency radar, the kecamatan table, the strongest and
    weakest elements, and the uncertainty in words. ``weak_elements``: (name, score, reason) from the gap rule."""
    run = ctx.run
    w.heading(_("Indeks Smart City"), 1)
    if run is None:
        w.para(_("Belum ada perhitungan indeks Smart City yang diterbitkan."))
        return
    lang = _lang()
    ctx.demo_values = ctx.demo_values or run.is_demo
    label = reading.names(run, lang)
    dims = reading.nodes(run, "dimension")
    index_code = scores.index_code(run)
    regency = scores.unit_scores(run, Unit.REGENCY)
    district_rows = reading.district_table(run, lang, within=settings.PETAKAN_REGENCY_CODE + ".")
    dim_values = {d["code"]: (regency[d["code"]].value if d["code"] in regency else None) for d in dims}
    present = {k: v for k, v in dim_values.items() if v is not None}
    index_value = regency[index_code].value if index_code in regency else None
    intro = _("Indeks Smart City kabupaten %(year)s bernilai %(v)s dari 100 (run #%(run)s). ") % {
        "year": run.year,
        "v": fmt(index_value),
        "run": run.pk,
    }
    if present:
        hi, lo = max(present, key=present.get), min(present, key=present.get)  # type: ignore[arg-type]
        intro += _("Dimensi tertinggi adalah %(hi)s (%(hv)s), terendah %(lo)s (%(lv)s). ") % {
            "hi": label[hi],
            "hv": fmt(present[hi]),
            "lo": label[lo],
            "lv": fmt(present[lo]),
        }
    ranked = [r for r in district_rows if r.get("simple") is not None]
    if ranked:
        intro += _("Di antara kecamatan, %(top)s tertinggi (%(tv)s) dan %(bottom)s terendah (%(bv)s).") % {
            "top": ranked[0]["name"],
            "tv": ranked[0]["simple_text"],
            "bottom": ranked[-1]["name"],
            "bv": ranked[-1]["simple_text"],
        }
    w.para(intro)
    source = f"{run_source(run)}; {boundary_source(ctx.geo)}"
    w.heading(_("Peta indeks dan dimensi"), 2)
    for code, caption in [(index_code, label[index_code])] + [(d["code"], label[d["code"]]) for d in dims]:
        values = scores.node_values(run, Unit.VILLAGE, code)
        png = sequential_map(ctx.geo, values, _("Skor (0–100)"))
        if png:
            w.figure(png, _("%(name)s per desa, %(k)d kelas kuantil") % {"name": caption, "k": DEFAULT_K}, source)
    w.heading(_("Profil enam dimensi"), 2)
    regency_name = Area.objects.filter(code=settings.PETAKAN_REGENCY_CODE).values_list("name", flat=True).first()
    w.figure(
        figures.radar([label[d["code"]] for d in dims], [(regency_name or _("Kabupaten"), list(dim_values.values()))]),
        _("Skor enam dimensi kabupaten"),
        run_source(run),
        width_cm=12,
    )
    w.table(
        _("Skor dimensi kabupaten"),
        [_("Dimensi"), _("Skor")],
        [(label[d["code"]], fmt(dim_values[d["code"]])) for d in dims],
        run_source(run),
    )
    w.heading(_("Skor kecamatan"), 2)
    w.table(
        _("Indeks dan dimensi per kecamatan (rata-rata desa), urut peringkat"),
        [
            _("Peringkat"),
            _("Kecamatan"),
            _("Indeks"),
            *(label[d["code"]].replace("Smart ", "") for d in dims),
            _("Terkuat"),
            _("Terlemah"),
        ],
        [
            (r["rank"] or "—", r["name"], r["simple_text"], *r["dim_values"], r["strongest"], r["weakest"])
            for r in district_rows
        ],
        run_source(run),
        small=True,
    )
    w.heading(_("Skor elemen kabupaten"), 2)
    elements = reading.nodes(run, "element")
    element_values = [(e, regency[e["code"]].value if e["code"] in regency else None) for e in elements]
    w.table(
        _("Skor elemen kabupaten"),
        [_("Dimensi"), _("Elemen"), _("Skor")],
        [(label.get(e.get("parent") or "", "—"), label[e["code"]], fmt(v)) for e, v in element_values],
        run_source(run),
    )
    known = sorted([(v, label[e["code"]]) for e, v in element_values if v is not None], reverse=True)
    w.heading(_("Elemen terkuat"), 2)
    if known:
        w.para(_("Tiga elemen terkuat: %(list)s.") % {"list": "; ".join(f"{n} ({fmt(v)})" for v, n in known[:3])})
    w.heading(_("Elemen terlemah"), 2)
    if weak_elements:
        w.table(
            _("Elemen lemah menurut aturan celah"),
            [_("Elemen"), _("Skor"), _("Alasan")],
            [(n, fmt(v), reason) for n, v, reason in weak_elements],
            run_source(run),
        )
    else:
        w.para(_("Tidak ada elemen lemah."))
    if known:
        w.figure(
            figures.hbars(
                [n for _v, n in known],
                [v for v, _n in known],
                x_label=_("Skor (0–100)"),
                highlight=[n in {x[0] for x in weak_elements} for _v, n in known],
                highlight_label=_("elemen lemah"),
                maximum=100,
            ),
            _("Skor elemen kabupaten, dari yang terkuat"),
            run_source(run),
        )
    w.heading(_("Ketidakpastian"), 2)
    words = [reading.interval_reading(run), *reading.sensitivity_sentences(run, lang)]
    w.para(" ".join(x for x in words if x))


def idm_chapter(w: Writer, ctx: Context) -> None:
    """IDM status distribution per kecamatan, with a map and the stacked bars."""
    w.heading(_("Indeks Desa Membangun (IDM)"), 1)
    module = sources.idm_services()
    if module is None:
        w.para(_("Modul IDM tidak terpasang."))
        return
    frame = module.results_for(ctx.year)
    frame = frame[frame["complete"]] if not frame.empty else frame
    frame = (
        frame[frame["code"].astype(str).str.startswith(settings.PETAKAN_REGENCY_CODE + ".")]
        if not frame.empty
        else frame
    )
    if frame.empty:
        w.para(_("Belum ada hasil IDM %(year)s yang terverifikasi.") % {"year": ctx.year})
        return
    from petakan.lib.idm.edition import load_edition

    edition = load_edition(str(frame["edition"].iloc[0]))
    lang = _lang()
    statuses = [(s.code, s.name.get(lang)) for s in edition.statuses]
    demo = bool(frame["demo"].any())
    ctx.demo_values = ctx.demo_values or demo
    source = _("Indeks Desa Membangun %(year)s, %(edition)s (%(n)d desa terverifikasi)") % {
        "year": ctx.year,
        "edition": edition.name.get(lang),
        "n": len(frame),
    } + (f" ({_('DATA CONTOH')})" if demo else "")
    counts = frame["status"].value_counts()
    low = frame[frame["status_level"] <= 1]
    most = counts.idxmax()
    worst = low.groupby("district_name").size().sort_values(ascending=False)
    w.para(
        _(
            "Dari %(n)d desa dengan IDM %(year)s yang lengkap, status terbanyak adalah %(most)s (%(m)d desa); "
            "rata-rata IDM %(mean)s. %(low)d desa berstatus Tertinggal atau Sangat Tertinggal"
        )
        % {
            "n": len(frame),
            "year": ctx.year,
            "most": dict(statuses).get(most, most),
            "m": int(counts.max()),
            "mean": fmt(float(frame["idm"].mean()), 4),
            "low": len(low),
        }
        + (
            _(", terbanyak di %(d)s (%(k)d desa).") % {"d": worst.index[0], "k": int(worst.iloc[0])}
            if len(worst)
            else "."
        )
    )
    png = category_map(ctx.geo, dict(zip(frame["code"], frame["status"], strict=True)), statuses, _("Status IDM"))
    if png:
        w.figure(png, _("Status IDM per desa"), f"{source}; {boundary_source(ctx.geo)}")
    table = pd.crosstab(frame["district_name"], frame["status"]).reindex(
        columns=[c for c, _n in statuses], fill_value=0
    )
    order = {a.name: a.code for a in _districts()}
    table = table.loc[sorted(table.index, key=lambda n: order.get(n, n))]
    w.figure(
        figures.stacked_hbars(list(table.index), [n for _c, n in statuses], table.values.tolist(), x_label=_("Desa")),
        _("Jumlah desa per status IDM dan kecamatan"),
        source,
    )
    w.table(
        _("Status IDM per kecamatan"),
        [_("Kecamatan"), *(n for _c, n in statuses), _("Rata-rata IDM")],
        [
            (name, *(int(v) for v in row), fmt(float(frame[frame["district_name"] == name]["idm"].mean()), 4))
            for name, row in table.iterrows()
        ],
        source,
        small=True,
    )


def economy_chapter(w: Writer, ctx: Context) -> None:
    """Leading sectors from PDRB: LQ, dynamic LQ, shift-share and the Klassen quadrants, with their readings."""
    w.heading(_("Sektor ekonomi unggulan"), 1)
    try:
        from petakan.economy import services as economy_services
        from petakan.economy.analysis import AnalysisError, analyse
        from petakan.economy.models import PdrbSeries
    except ImportError:
        w.para(_("Modul ekonomi tidak terpasang."))
        return
    pair = economy_services.default_pair(list(PdrbSeries.objects.all()))
    if pair is None:
        w.para(_("Belum ada seri PDRB kabupaten dan provinsi."))
        return
    region, reference = pair
    years = economy_services.common_years(region, reference)
    if len(years) < 2:
        w.para(_("Seri PDRB kabupaten dan provinsi belum memiliki dua tahun yang sama."))
        return
    try:
        result = analyse(region, reference, years[0], years[-1])
    except AnalysisError as exc:
        w.para(str(exc))
        return
    ctx.demo_values = ctx.demo_values or result.illustrative
    source = _("PDRB %(region)s dan %(reference)s %(start)s–%(end)s, %(basis)s: %(src)s") % {
        "region": region.region_name,
        "reference": reference.region_name,
        "start": result.start,
        "end": result.end,
        "basis": region.get_price_basis_display(),
        "src": region.source,
    } + (f" ({_('DATA CONTOH')})" if result.illustrative else "")
    leading = [r for r in result.leading() if r.klassen_number == "I"]
    basis = [r for r in result.rows if r.lq_end is not None and r.lq_end > 1]
    w.para(
        _(
            "Dibandingkan dengan %(reference)s pada %(start)s–%(end)s, %(n)d dari %(total)d lapangan usaha %(region)s "
            "adalah sektor basis (LQ > 1) pada %(end)s, dan %(k)d berada di kuadran I Klassen (maju dan tumbuh "
            "cepat)%(list)s."
        )
        % {
            "reference": reference.region_name,
            "region": region.region_name,
            "start": result.start,
            "end": result.end,
            "n": len(basis),
            "total": len(result.rows),
            "k": len(leading),
            "list": (": " + ", ".join(r.name for r in leading)) if leading else "",
        }
    )
    w.table(
        _("LQ, LQ dinamis, pergeseran-pangsa dan kuadran Klassen per lapangan usaha"),
        [
            _("Kode"),
            _("Lapangan usaha"),
            f"LQ {result.start}",
            f"LQ {result.end}",
            "DLQ",
            _("Pergeseran (juta Rp)"),
            _("Kuadran"),
        ],
        [
            (r.code, r.name, fmt(r.lq_start, 2), fmt(r.lq_end, 2), fmt(r.dlq, 2), fmt(r.total, 0), r.klassen_number)
            for r in result.leading()
        ],
        source,
        small=True,
    )
    chart = result.chart_data()
    points = [
        (k["code"], k["x"], k["y"], k["quadrant"])
        for k in chart["klassen"]
        if k["x"] is not None and k["y"] is not None
    ]
    from petakan.lib.economy import DEFAULT_KLASSEN_SECTOR_LABELS

    quadrant_names = {q.number: q.text(result.language) for q in DEFAULT_KLASSEN_SECTOR_LABELS.values()}
    w.figure(
        figures.klassen(
            points,
            x_label=chart["text"]["klassen_x"],
            y_label=chart["text"]["klassen_y"],
            quadrant_labels=[f"{q}: {quadrant_names.get(q, '')}" for q in ("I", "II", "III", "IV")],
        ),
        _("Tipologi Klassen lapangan usaha"),
        source,
    )
    w.heading(_("Bacaan per sektor"), 2)
    w.bullets([f"{r.code}: {r.reading}" for r in result.leading() if r.reading])
