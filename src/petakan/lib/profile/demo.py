"""Demo village profiles ("data contoh") for all villages of a regency, seeded and plausible per zone.

Village-level values are not available for Kendal (shared/data/SOURCES.md), so the demo generates them,
anchored on the real facts that exist:

- population: the census-2020 population of each kecamatan (``kendal_kecamatan_stats.csv``) is split over its
  villages, grown to the profile year by the regency's 2010–2020 census growth rate; the 6 kecamatan whose
  census figure is missing share the remainder of the regency total in proportion to their village counts
  (logged as a warning); males by the kecamatan's census sex ratio;
- zone: :func:`~petakan.lib.profile.zones.assign_zone` from latitude and coast contact, plus the sourced facts
  (a fish-auction village is coastal);
- KEK Kendal (Kaliwungu, Brangsong; ``kendal_potential_facts.csv``) raises the manufacturing share, most of all
  in the named estate villages (Mororejo, Wonorejo; ``kendal_village_potential_notes.csv``);
- the sourced desa wisata (Gondang, Bendosari), marine-tourism villages, durian villages and kecamatan, the
  bandeng village and the fish-auction villages get the matching tourism, commodity and fishery profile.

Everything else is drawn from zone-specific distributions (coastal: fisheries, tambak, abrasion and flood
risk; highland: plantations, tourism, landslide risk; kelurahan: urban, no farming-heavy profile). Numbers
are clipped to the schema's bounds. About 10 % of villages leave some optional fields empty and 3 villages
fill in only the required fields, so that "not enough data" can be shown. Every generated profile passes
``validate_values(partial=False)``. The frame's ``attrs`` carry ``demo=True``: pages must label the values as
"data contoh".
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .schema import Schema, load_schema
from .values import frame_to_records, validate_values
from .zones import assign_zone, coast_contact_km

log = logging.getLogger(__name__)

VILLAGE_COLUMNS = ("code", "name", "type", "kecamatan_code", "kecamatan_name", "lat", "lng", "area_km2", "coast_km")
SPARSE_SHARE = 0.10
VERY_SPARSE_COUNT = 3
CENSUS_YEAR = 2020
# Kemendagri code of the regency in the Jawa Tengah regency layer (excluded when finding the land border).
DEFAULT_REGENCY_CODE = "33.24"

# Elevation (m asl) along the north–south axis of Kendal: coast 0–4 m (Kec. Kendal), Rowosari 6–13 m,
# Kaliwungu Selatan 12–90 m, Gondang (Limbangan, 7.19° S) ~1000 m (kendal_village_potential_notes.csv).
ELEVATION_LAT = np.array([-7.19, -7.16, -7.12, -7.08, -7.04, -7.00, -6.95, -6.90, -6.86])
ELEVATION_M = np.array([1000.0, 760.0, 520.0, 330.0, 160.0, 45.0, 10.0, 3.0, 1.0])

LIVELIHOODS = ("agriculture", "fishery", "industry", "trade", "services", "other")
# Dirichlet shapes of the livelihood shares (agriculture, fishery, industry, trade, services, other).
LIVELIHOOD_ALPHA = {
    "pegunungan": (12.0, 0.2, 2.5, 2.5, 2.0, 1.5),
    "dataran": (7.0, 0.3, 4.0, 3.0, 3.0, 2.0),
    "pesisir": (4.0, 5.0, 3.0, 3.0, 2.5, 2.0),
    "kelurahan": (0.8, 0.3, 4.0, 6.0, 7.0, 2.0),
}

FLAGSHIP_NAMES = {
    "com_padi_ton": "Beras",
    "com_jagung_ton": "Jagung pipil",
    "com_durian_ton": "Durian lokal",
    "com_kopi_ton": "Kopi bubuk",
    "com_teh_ton": "Teh hijau",
    "com_cengkeh_ton": "Cengkeh kering",
    "com_tebu_ton": "Gula tebu",
    "com_sapi_ekor": "Sapi potong",
    "com_kambing_ekor": "Kambing etawa",
    "com_ayam_ekor": "Telur ayam",
    "com_ikan_laut_ton": "Ikan asin",
    "com_bandeng_tambak_ton": "Bandeng presto",
    "com_udang_tambak_ton": "Udang vaname",
    "com_ikan_tawar_ton": "Lele asap",
    "com_ikan_olahan_ton": "Kerupuk ikan",
    "com_makanan_olahan_ton": "Keripik",
    "com_batik_lembar": "Batik tulis",
}
SITE_PATTERNS = {
    "alam": "Curug {}",
    "bahari": "Pantai {}",
    "agro": "Agrowisata {}",
    "religi": "Wisata Religi {}",
    "budaya": "Sanggar Budaya {}",
    "buatan": "Taman Rekreasi {}",
}
PROBLEMS = {
    "pesisir": (
        "Abrasi pantai dan banjir rob merendam tambak dan permukiman.",
        "Harga ikan di tingkat nelayan rendah karena dijual ke tengkulak.",
        "Sampah plastik menumpuk di muara dan pantai.",
    ),
    "pegunungan": (
        "Jalan antardusun rusak dan rawan longsor pada musim hujan.",
        "Sinyal seluler lemah di beberapa dusun.",
        "Harga kopi dan cengkeh berfluktuasi; petani belum punya akses pasar langsung.",
        "Kekurangan air bersih pada musim kemarau.",
    ),
    "dataran": (
        "Saluran irigasi dangkal sehingga sawah tergenang saat hujan deras.",
        "Alih fungsi sawah menjadi perumahan dan pabrik.",
        "Banyak pemuda menganggur atau merantau.",
    ),
    "kelurahan": (
        "Lalu lintas padat dan parkir semrawut di sekitar pasar.",
        "Pengangkutan sampah belum menjangkau semua RT.",
        "Saluran drainase lingkungan tersumbat.",
    ),
}
PROPOSALS = {
    "pesisir": (
        "Penanaman mangrove dan pembangunan sabuk pantai.",
        "Pengembangan wisata bahari dan kuliner ikan.",
        "Pelatihan pengolahan hasil perikanan dan pemasaran daring.",
    ),
    "pegunungan": (
        "Pengembangan desa wisata berbasis alam dan agrowisata.",
        "Pembangunan menara BTS dan wifi publik di dusun.",
        "Rumah produksi kopi dan pengemasan produk desa.",
    ),
    "dataran": (
        "Normalisasi saluran irigasi.",
        "Pelatihan kerja bagi pemuda untuk industri di KEK Kendal.",
        "Penguatan BUMDes dan pasar desa.",
    ),
    "kelurahan": (
        "Bank sampah di setiap RW.",
        "Layanan administrasi kelurahan secara daring.",
        "Penataan ruang terbuka hijau.",
    ),
}


@dataclass(frozen=True)
class DemoInputs:
    """The tables the demo generator reads (see :func:`load_demo_inputs`)."""

    villages: pd.DataFrame
    kecamatan_stats: pd.DataFrame
    potential_facts: pd.DataFrame
    village_notes: pd.DataFrame
    regency_facts: pd.DataFrame

    def generate(self, *, year: int, seed: int, schema: Schema | None = None) -> pd.DataFrame:
        return generate_demo_profiles(
            self.villages,
            kecamatan_stats=self.kecamatan_stats,
            potential_facts=self.potential_facts,
            village_notes=self.village_notes,
            regency_facts=self.regency_facts,
            year=year,
            seed=seed,
            schema=schema,
        )

    def earlier(
        self,
        later: pd.DataFrame,
        *,
        year: int,
        seed: int,
        improved: Mapping[str, Collection[str]] | None = None,
        schema: Schema | None = None,
    ) -> pd.DataFrame:
        """The profiles of ``year`` that ``later`` grew from (:func:`earlier_demo_profiles`)."""
        return earlier_demo_profiles(
            later,
            year=year,
            seed=seed,
            growth=population_growth(self.regency_facts),
            improved=improved,
            schema=schema,
        )


def load_demo_inputs(data_dir: str | Path, *, regency_code: str = DEFAULT_REGENCY_CODE) -> DemoInputs:
    """Read the Kendal reference files from ``data_dir`` (``PETAKAN_DATA_DIR``) into :class:`DemoInputs`.

    ``villages`` joins kendal_desa_kelurahan.csv (codes, names, types) with kendal_desa_centroids.csv
    (``lat``, ``lng``), the BPS 2024 village polygons (``area_km2`` = ``luas_km2_bps``) and the coast contact
    computed from those polygons and the Jawa Tengah regency layer (``coast_km``). A village missing from one
    of them is an error.
    """
    root = Path(data_dir)
    villages = pd.read_csv(root / "kendal_desa_kelurahan.csv", dtype=str)
    centroids = pd.read_csv(root / "kendal_desa_centroids.csv", dtype={"code": str})[["code", "lat", "lng"]]
    boundaries = json.loads((root / "kendal_desa_boundaries_bps2024.geojson").read_text(encoding="utf-8"))
    neighbours = json.loads((root / "jawa_tengah_kabkota_boundaries.geojson").read_text(encoding="utf-8"))
    areas = pd.DataFrame(
        {
            "code": [f["properties"]["kemendagri_code"] for f in boundaries["features"]],
            "area_km2": [float(f["properties"]["luas_km2_bps"]) for f in boundaries["features"]],
        }
    )
    coast = coast_contact_km(boundaries, neighbours, exclude_codes=[regency_code]).rename("coast_km")
    merged = villages.merge(centroids, on="code", how="left").merge(areas, on="code", how="left")
    merged = merged.merge(coast.reset_index(), on="code", how="left")
    lacking = merged[merged[["lat", "lng", "area_km2", "coast_km"]].isna().any(axis=1)]
    if not lacking.empty:
        raise ValueError(
            f"{len(lacking)} village(s) lack a centroid or a BPS boundary: {', '.join(lacking['code'].head(10))}"
        )
    return DemoInputs(
        villages=merged[list(VILLAGE_COLUMNS)].sort_values("code").reset_index(drop=True),
        kecamatan_stats=pd.read_csv(root / "kendal_kecamatan_stats.csv", dtype={"kecamatan_code": str}),
        potential_facts=pd.read_csv(root / "kendal_potential_facts.csv", dtype=str),
        village_notes=pd.read_csv(root / "kendal_village_potential_notes.csv", dtype=str),
        regency_facts=pd.read_csv(root / "kendal_regency_facts.csv", dtype={"indicator": str}),
    )


def village_hints(villages: pd.DataFrame, potential_facts: pd.DataFrame, village_notes: pd.DataFrame) -> pd.DataFrame:
    """Per-village flags read from the sourced facts and notes, indexed like ``villages``.

    Rules (case-insensitive):

    - notes at desa/kelurahan level: tag ``coastal`` → ``coastal``; ``tourism`` → ``tourism``; ``industry`` →
      ``industry_site``; a note mentioning "highland" or "mountain" → ``highland``; "main attraction X" →
      ``attraction`` = X. Kecamatan-level notes describe the whole kecamatan and set no village flag.
    - facts at kecamatan level mentioning "KEK" → ``kek`` for every village of that kecamatan; mentioning
      "durian" → ``durian_kecamatan`` for its villages.
    - facts at desa/kelurahan level: "durian" → ``durian``; "bandeng" → ``bandeng``; "TPI" → ``fishing_hub``
      and ``coastal``.
    """
    codes = villages["code"].astype(str)
    kec = villages["kecamatan_code"].astype(str)
    out = pd.DataFrame(index=villages.index)
    for name in (
        "coastal",
        "highland",
        "tourism",
        "industry_site",
        "kek",
        "durian_kecamatan",
        "durian",
        "bandeng",
        "fishing_hub",
    ):
        out[name] = False
    out["attraction"] = None

    notes = village_notes.fillna("")
    village_level = notes[notes["level"].isin(["desa", "kelurahan"])]
    for _, note in village_level.iterrows():
        mask = codes == note["code"]
        tags = {t.strip().lower() for t in note["tags"].split(";") if t.strip()}
        text = note["note"]
        out.loc[mask, "coastal"] |= "coastal" in tags
        out.loc[mask, "tourism"] |= "tourism" in tags
        out.loc[mask, "industry_site"] |= "industry" in tags
        out.loc[mask, "highland"] |= bool(re.search(r"highland|mountain", text, re.IGNORECASE))
        found = re.search(r"main attraction ([A-Z]\w*(?: [A-Z]\w*)*)", text)
        if found:
            out.loc[mask, "attraction"] = found.group(1)

    facts = potential_facts.fillna("")
    for _, fact in facts.iterrows():
        text = fact["fact"]
        if fact["level"] == "kecamatan" and fact["code"]:
            mask = kec == fact["code"]
            out.loc[mask, "kek"] |= "KEK" in text
            out.loc[mask, "durian_kecamatan"] |= "durian" in text.lower()
        elif fact["level"] in ("desa", "kelurahan") and fact["code"]:
            mask = codes == fact["code"]
            out.loc[mask, "durian"] |= "durian" in text.lower()
            out.loc[mask, "bandeng"] |= "bandeng" in text.lower()
            hub = bool(re.search(r"\bTPI\b", text))
            out.loc[mask, "fishing_hub"] |= hub
            out.loc[mask, "coastal"] |= hub
    return out


def kecamatan_population(
    kecamatan_stats: pd.DataFrame, regency_facts: pd.DataFrame, n_villages: pd.Series, year: int
) -> pd.DataFrame:
    """Target population and male share per kecamatan for ``year``.

    ``pop = census2020 × g^(year − 2020)`` with ``g = (P2020 / P2010)^(1/10)`` the regency's annual census
    growth factor (900,313 → 1,018,505: 1.24 % a year). A kecamatan without a census-2020 figure gets a share
    of the remainder (regency total − known kecamatan) proportional to its number of villages (``n_villages``,
    indexed by kecamatan code); a kecamatan without a sex ratio gets the regency's Dukcapil ratio. Both
    fallbacks are logged as warnings. Returns columns ``pop`` (float) and ``male_share``.
    """
    facts = regency_facts.set_index("indicator")["value"]
    stats = kecamatan_stats.set_index("kecamatan_code")
    pop2020 = pd.to_numeric(stats["pop_census2020"], errors="coerce").reindex(n_villages.index)
    missing = pop2020.isna()
    if missing.any():
        for needed in ("pop_census_2020",):
            if needed not in facts.index:
                raise ValueError(f"regency fact {needed!r} is needed to fill the kecamatan without a census figure")
        remainder = float(facts["pop_census_2020"]) - pop2020.sum()
        share = n_villages[missing] / n_villages[missing].sum()
        pop2020[missing] = remainder * share
        log.warning(
            "census-2020 population missing for %d kecamatan (%s): their remainder of %d persons is split "
            "by village count",
            int(missing.sum()),
            ", ".join(pop2020.index[missing]),
            round(remainder),
        )
    growth = (float(facts["pop_census_2020"]) / float(facts["pop_census_2010"])) ** (1 / 10)
    ratio = pd.to_numeric(stats["sex_ratio_census2020"], errors="coerce").reindex(n_villages.index)
    if ratio.isna().any():
        regency_ratio = 100 * float(facts["pop_dukcapil_male"]) / float(facts["pop_dukcapil_female"])
        log.warning(
            "census sex ratio missing for %d kecamatan: using the regency's Dukcapil ratio %.1f",
            int(ratio.isna().sum()),
            regency_ratio,
        )
        ratio = ratio.fillna(regency_ratio)
    return pd.DataFrame({"pop": pop2020 * growth ** (year - CENSUS_YEAR), "male_share": ratio / (100 + ratio)})


def _pick(rng: np.random.Generator, probs: np.ndarray, options: tuple[str, ...]) -> np.ndarray:
    """One option per row, row i drawn with probabilities ``probs[i]`` (rows sum to 1)."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs))[:, None]
    idx = np.minimum((u > cum).sum(axis=1), len(options) - 1)
    return np.asarray(options, dtype=object)[idx]


def _lognormal(rng: np.random.Generator, median: np.ndarray | float, sigma: float, n: int) -> np.ndarray:
    return np.asarray(median, dtype=float) * np.exp(rng.normal(0.0, sigma, n))


def generate_demo_profiles(
    villages: pd.DataFrame,
    *,
    kecamatan_stats: pd.DataFrame,
    potential_facts: pd.DataFrame,
    village_notes: pd.DataFrame,
    regency_facts: pd.DataFrame,
    year: int,
    seed: int,
    schema: Schema | None = None,
) -> pd.DataFrame:
    """Generate one demo profile per village (see the module docstring for the rules).

    ``villages`` needs the columns of :data:`VILLAGE_COLUMNS` (as built by :func:`load_demo_inputs`). Returns
    a frame indexed by village code (``village_code``) with one column per entered field of ``schema``
    (default: the packaged schema), nullable dtypes, and ``attrs`` ``{"demo": True, "year", "seed",
    "schema", "sparse", "very_sparse"}`` (the last two list the villages whose optional fields were partly
    or wholly emptied). The same inputs, year and seed give the same frame.
    """
    schema = schema or load_schema()
    lacking = [c for c in VILLAGE_COLUMNS if c not in villages.columns]
    if lacking:
        raise ValueError(f"villages lack column(s): {', '.join(lacking)}")
    if villages["code"].duplicated().any():
        raise ValueError(f"duplicate village codes: {', '.join(villages.loc[villages['code'].duplicated(), 'code'])}")
    v = villages.reset_index(drop=True)
    rng = np.random.default_rng(seed)
    g = _Generator(v, village_hints(v, potential_facts, village_notes), rng, year)
    g.population(kecamatan_stats, regency_facts)
    g.geography()
    g.livelihoods()
    g.commodities()
    g.tourism()
    g.business()
    g.services()
    g.governance_and_society()
    g.environment()
    g.notes()
    frame = g.frame(schema)
    sparse, very_sparse = _thin_out(frame, schema, g.special, rng)
    _check(schema, frame)
    frame.attrs.update(
        {"demo": True, "year": year, "seed": seed, "schema": schema.code, "sparse": sparse, "very_sparse": very_sparse}
    )
    return frame


class _Generator:
    """Column-wise generation over all villages at once (numpy arrays of length n)."""

    def __init__(self, villages: pd.DataFrame, hints: pd.DataFrame, rng: np.random.Generator, year: int):
        self.v = villages
        self.h = hints
        self.rng = rng
        self.year = year
        self.n = len(villages)
        self.cols: dict[str, Any] = {}
        self.kel = (villages["type"] == "kelurahan").to_numpy()
        self.lat = villages["lat"].to_numpy(dtype=float)
        self.area_ha = villages["area_km2"].to_numpy(dtype=float) * 100
        self.zone = assign_zone(
            self.lat,
            villages["coast_km"].to_numpy(dtype=float),
            coastal=hints["coastal"].to_numpy(),
            highland=hints["highland"].to_numpy(),
        )
        self.coast = self.zone == "pesisir"
        self.high = self.zone == "pegunungan"
        self.plain = self.zone == "dataran"
        self.kek = hints["kek"].to_numpy()
        self.kek_site = hints["industry_site"].to_numpy()
        self.tour_tag = hints["tourism"].to_numpy()
        # Villages named by a sourced fact or note keep a complete profile.
        self.special = (hints.drop(columns=["attraction", "kek", "durian_kecamatan"]).any(axis=1)).to_numpy()
        # Profile class for the zone-specific distributions: kelurahan first, then the zone.
        self.klass = np.where(self.kel, "kelurahan", self.zone).astype(object)

    def u(self, lo: float, hi: float) -> np.ndarray:
        return self.rng.uniform(lo, hi, self.n)

    def by(self, mapping: dict[str, Any]) -> np.ndarray:
        """Per-village value from a {profile class: value} mapping."""
        return np.array([mapping[k] for k in self.klass], dtype=float)

    def chance(self, p: np.ndarray | float) -> np.ndarray:
        return self.rng.random(self.n) < p

    # -- sections -------------------------------------------------------------------------------------------
    def population(self, kecamatan_stats: pd.DataFrame, regency_facts: pd.DataFrame) -> None:
        kec = self.v["kecamatan_code"]
        n_villages = kec.value_counts().sort_index()
        targets = kecamatan_population(kecamatan_stats, regency_facts, n_villages, self.year)
        weight = np.exp(self.rng.normal(0, 0.3, self.n)) * self.area_ha**0.35 * np.where(self.kel, 1.5, 1.0)
        share = weight / pd.Series(weight).groupby(kec.to_numpy()).transform("sum").to_numpy()
        pop = np.round(targets["pop"].reindex(kec).to_numpy() * share)
        male_share = targets["male_share"].reindex(kec).to_numpy() + self.rng.normal(0, 0.004, self.n)
        male = np.round(pop * male_share)
        self.pop = pop
        households = np.round(pop / self.u(3.1, 3.6))
        self.households = households
        self.cols["pop_male"] = male
        self.cols["pop_female"] = pop - male
        self.cols["households"] = households
        poor = self.by({"pegunungan": 0.18, "pesisir": 0.17, "dataran": 0.12, "kelurahan": 0.07})
        self.cols["poor_households"] = np.floor(households * poor * self.u(0.6, 1.4))
        unemployment = np.where(self.kek, 0.035, 0.05) * self.u(0.6, 1.4)
        self.cols["unemployed"] = np.round(pop * 0.68 * unemployment)

    def geography(self) -> None:
        elev = np.interp(self.lat, ELEVATION_LAT, ELEVATION_M) * np.exp(self.rng.normal(0, 0.08, self.n))
        elev = np.where(self.coast, self.rng.integers(1, 6, self.n), np.maximum(np.round(elev), 2))
        self.elev = elev
        self.cols["geo_zone"] = self.zone
        self.cols["elevation_m"] = elev
        ranges = {  # share of the village area: (sawah, dry fields, forest, tambak)
            "pesisir": ((0.25, 0.45), (0.03, 0.10), (0.0, 0.02), (0.15, 0.40)),
            "dataran": ((0.40, 0.65), (0.08, 0.20), (0.0, 0.05), (0.0, 0.01)),
            "pegunungan": ((0.10, 0.25), (0.30, 0.50), (0.15, 0.40), (0.0, 0.005)),
            "kelurahan": ((0.05, 0.25), (0.02, 0.08), (0.0, 0.0), (0.0, 0.05)),
        }
        shares = np.empty((self.n, 4))
        for j in range(4):
            lo = self.by({k: r[j][0] for k, r in ranges.items()})
            hi = self.by({k: r[j][1] for k, r in ranges.items()})
            shares[:, j] = self.rng.uniform(lo, hi)
        shares[self.kel & self.coast, 3] = self.rng.uniform(0.05, 0.20, int((self.kel & self.coast).sum()))
        shares[self.kek, 0] *= 0.6
        # Leave at least 10 % of the area for settlements, roads and rivers.
        shares *= np.minimum(1.0, 0.9 / shares.sum(axis=1))[:, None]
        land = np.round(shares * self.area_ha[:, None], 1)
        self.land = land
        for j, code in enumerate(("land_sawah_ha", "land_dry_farm_ha", "land_forest_ha", "land_tambak_ha")):
            self.cols[code] = land[:, j]
        self.cols["land_use_map"] = self.chance(np.where(self.kel, 0.5, 0.25))

    def livelihoods(self) -> None:
        alpha = np.array([LIVELIHOOD_ALPHA[k] for k in self.klass]) * 3.0
        alpha[self.kel & self.coast, 1] = 2.0 * 3.0
        alpha[self.kek, 2] *= 3.0
        alpha[self.kek_site, 2] *= 1.5
        alpha[self.h["fishing_hub"].to_numpy(), 1] *= 1.5
        draws = self.rng.gamma(alpha)
        shares = draws / draws.sum(axis=1, keepdims=True)
        # Floor to one decimal so that the six shares never add up to more than 100.
        pct = np.floor(shares * 1000) / 10
        self.liv = pct
        for j, name in enumerate(LIVELIHOODS):
            self.cols[f"liv_{name}_pct"] = pct[:, j]

    def commodities(self) -> None:
        n, rng, c = self.n, self.rng, self.cols
        sawah, dry, _, tambak = (self.land[:, j] for j in range(4))
        c["com_padi_ton"] = np.round(sawah * 6.0 * self.u(1.5, 2.2), 1)
        c["com_jagung_ton"] = np.round(dry * self.u(0.05, 0.35) * 5.0 * np.where(self.coast, 0.3, 1.0), 1)
        durian_kec = (
            self.h["durian_kecamatan"].to_numpy()
            | self.v["kecamatan_name"].isin(["Pageruyung", "Singorojo"]).to_numpy()
        )
        durian_median = np.where(
            self.high, np.where(durian_kec, 40.0, 12.0), np.where(self.plain & ~self.kel, 1.5, 0.0)
        )
        durian = _lognormal(rng, durian_median, 0.6, n) * np.where(self.h["durian"].to_numpy(), 3.0, 1.0)
        durian[self.h["durian"].to_numpy()] = np.maximum(durian[self.h["durian"].to_numpy()], 60.0)
        c["com_durian_ton"] = np.round(durian * self.chance(np.where(self.high | durian_kec, 0.9, 0.3)), 1)
        coffee_kec = (
            self.v["kecamatan_name"]
            .isin(["Sukorejo", "Plantungan", "Limbangan", "Patean", "Singorojo", "Boja"])
            .to_numpy()
        )
        c["com_kopi_ton"] = np.round(_lognormal(rng, 20.0, 0.7, n) * (self.high & coffee_kec) * self.chance(0.85), 1)
        tea = self.high & (self.elev >= 600) & self.chance(0.6)
        c["com_teh_ton"] = np.round(_lognormal(rng, 150.0, 0.8, n) * tea, 1)
        clove_p = np.where(self.high, 0.8, np.where(self.plain & (self.elev > 60), 0.3, 0.0))
        clove_median = np.where(self.high, 8.0, 2.0)
        c["com_cengkeh_ton"] = np.round(_lognormal(rng, clove_median, 0.6, n) * self.chance(clove_p), 1)
        cane_p = self.by({"dataran": 0.35, "pesisir": 0.1, "pegunungan": 0.1, "kelurahan": 0.05})
        c["com_tebu_ton"] = np.round(_lognormal(rng, 600.0, 0.7, n) * self.chance(cane_p), 1)
        livestock = np.where(self.kel, 0.1, 1.0) * np.where(self.high, 1.6, 1.0)
        c["com_sapi_ekor"] = np.round(self.households * self.u(0.03, 0.15) * livestock)
        c["com_kambing_ekor"] = np.round(self.households * self.u(0.08, 0.35) * livestock)
        poultry_median = np.where(
            self.v["kecamatan_name"].isin(["Boja", "Limbangan", "Singorojo"]).to_numpy(), 20000.0, 5000.0
        )
        c["com_ayam_ekor"] = np.round(
            _lognormal(rng, poultry_median, 0.9, n) * self.chance(np.where(self.kel, 0.3, 0.7))
        )
        fishing_households = self.households * self.liv[:, 1] / 100 * 0.6
        hub = np.where(self.h["fishing_hub"].to_numpy(), 2.0, 1.0)
        c["com_ikan_laut_ton"] = np.round(fishing_households * self.u(1.0, 3.0) * hub * self.coast, 1)
        bandeng = np.where(self.h["bandeng"].to_numpy(), 2.0, 1.0)
        c["com_bandeng_tambak_ton"] = np.round(tambak * 0.6 * self.u(0.8, 1.5) * bandeng, 1)
        c["com_udang_tambak_ton"] = np.round(tambak * 0.4 * self.u(0.3, 1.2), 1)
        fresh_p = np.where(self.coast, 0.3, 0.7)
        c["com_ikan_tawar_ton"] = np.round(_lognormal(rng, 5.0, 0.8, n) * self.chance(fresh_p), 1)
        c["com_ikan_olahan_ton"] = np.round(
            (c["com_ikan_laut_ton"] * self.u(0.05, 0.2) + c["com_bandeng_tambak_ton"] * self.u(0.0, 0.1)), 1
        )
        c["com_batik_lembar"] = np.round(_lognormal(rng, 800.0, 0.8, n) * self.chance(np.where(self.kel, 0.3, 0.12)))

    def tourism(self) -> None:
        rng, c = self.rng, self.cols
        lam = self.by({"pegunungan": 1.5, "pesisir": 1.0, "dataran": 0.4, "kelurahan": 0.6})
        sites = rng.poisson(lam)
        sites = np.where(self.tour_tag, np.maximum(sites, rng.integers(3, 7, self.n)), sites)
        c["tour_sites"] = sites
        has = sites > 0
        type_probs = {
            "pegunungan": (0.6, 0.0, 0.05, 0.05, 0.1, 0.2),
            "pesisir": (0.05, 0.75, 0.05, 0.1, 0.05, 0.0),
            "dataran": (0.15, 0.0, 0.2, 0.35, 0.2, 0.1),
            "kelurahan": (0.0, 0.2, 0.35, 0.25, 0.2, 0.0),
        }
        types = ("alam", "bahari", "budaya", "religi", "buatan", "agro")
        kind = _pick(rng, np.array([type_probs[k] for k in self.klass]), types)
        kind = np.where(self.tour_tag & self.coast, "bahari", np.where(self.tour_tag & self.high, "alam", kind))
        names = self.v["name"].to_numpy()
        attraction = self.h["attraction"].to_numpy()
        site = np.array(
            [
                a if a is not None else SITE_PATTERNS[k].format(nm)
                for k, nm, a in zip(kind, names, attraction, strict=True)
            ],
            dtype=object,
        )
        c["tour_main_type"] = np.where(has, kind, None)
        c["tour_main_site"] = np.where(has, site, None)
        visitors = sites * _lognormal(rng, 3000.0, 0.6, self.n) * np.where(self.tour_tag, 4.0, 1.0)
        c["tour_visitors_year"] = np.round(visitors)
        status = np.where(
            self.tour_tag,
            np.where(self.chance(0.5), "maju", "berkembang"),
            np.where((sites >= 2) & self.chance(0.3), "rintisan", "none"),
        )
        c["tour_village_status"] = status.astype(object)
        c["tour_homestays"] = np.where(
            self.tour_tag, rng.integers(5, 16, self.n), np.where(status != "none", rng.integers(0, 5, self.n), 0)
        )
        c["tour_events_year"] = rng.poisson(np.where(self.coast, 2.0, 1.0)) + self.coast + self.tour_tag * 2

    def business(self) -> None:
        rng, c, n = self.rng, self.cols, self.n
        thousands = self.pop / 1000
        urban = np.where(self.kel, 1.3, 1.0)
        msme = {
            "msme_food": self.u(4, 10),
            "msme_craft": self.u(1, 4),
            "msme_trade": self.u(10, 20) * np.where(self.kek, 1.2, 1.0),
            "msme_services": self.u(5, 10),
        }
        total = np.zeros(n)
        for code, per_thousand in msme.items():
            c[code] = np.round(thousands * per_thousand * urban)
            total += c[code]
        self.msme_total = total
        c["msme_online"] = np.floor(total * self.u(0.08, 0.3) * np.where(self.kel, 1.5, 1.0))
        c["msme_certified"] = np.floor(total * self.u(0.05, 0.25))
        c["com_makanan_olahan_ton"] = np.round(c["msme_food"] * self.u(0.5, 3.0), 1)
        industry = np.where(
            self.kek_site,
            rng.integers(5, 21, n),
            rng.poisson(np.where(self.kek, 1.5, np.where(self.kel, 0.3, np.where(self.plain, 0.15, 0.05)))),
        )
        c["industry_large_medium"] = industry
        bumdes = ~self.kel & self.chance(0.85)
        units = rng.integers(1, 6, n)
        c["bumdes_exists"] = np.where(self.kel, False, bumdes)
        c["bumdes_units"] = np.where(self.kel, np.nan, np.where(bumdes, units, 0))
        revenue = units * _lognormal(rng, 80.0, 0.9, n)
        c["bumdes_revenue_mio"] = np.where(self.kel, np.nan, np.where(bumdes, np.round(revenue, 1), 0.0))
        # Every desa founds a Koperasi Desa Merah Putih from 2025 (Inpres 9/2025).
        c["coop_active"] = rng.poisson(1.2, n) + ((self.year >= 2025) & ~self.kel)
        c["mkt_markets"] = rng.poisson(np.where(self.kel, 0.8, 0.3)) + self.h["fishing_hub"].to_numpy()
        c["fin_banks"] = rng.poisson(np.where(self.kel, 1.5, np.where(self.kek, 0.4, 0.15)))
        c["fin_bank_agents"] = np.round(thousands * self.u(0.5, 2.0))
        c["fin_qris_merchants"] = np.floor(total * self.u(0.05, 0.4) * np.where(self.kel, 1.5, 1.0))

    def services(self) -> None:
        rng, c, n = self.rng, self.cols, self.n
        thousands = self.pop / 1000
        c["edu_paud"] = np.maximum(np.round(thousands * self.u(0.8, 1.6)), 1)
        c["edu_sd"] = np.maximum(np.round(thousands / self.u(1.2, 2.0)), 1)
        c["edu_smp"] = rng.poisson(thousands / 5)
        c["edu_sma"] = rng.poisson(thousands / np.where(self.kel, 4.0, 8.0))
        c["edu_library"] = self.chance(0.5)
        c["edu_digital_training_year"] = rng.poisson(1.0, n)
        # One health centre per kecamatan, in a random village of it (the admin centre is not always known).
        kec = self.v["kecamatan_code"].to_numpy()
        order = rng.permutation(n)
        first = pd.Series(order, index=order).groupby(kec[order]).transform("first")
        puskesmas = (first.sort_index().to_numpy() == np.arange(n)).astype(int) + self.chance(0.12)
        c["health_puskesmas"] = puskesmas
        c["health_poskesdes"] = (~self.kel & self.chance(0.8)).astype(int)
        posyandu = np.maximum(np.ceil(self.pop / self.u(300, 450)), 1)
        c["health_posyandu"] = posyandu
        c["health_posyandu_active"] = posyandu - rng.binomial(posyandu.astype(int), 0.08)
        c["health_workers"] = rng.integers(1, 4, n) + rng.poisson(np.where(self.kel, 4.0, 0.5))
        c["health_travel_min"] = self._minutes_to(puskesmas > 0)
        stunting_mean = self.by({"pegunungan": 18.0, "pesisir": 17.0, "dataran": 14.0, "kelurahan": 11.0})
        c["health_stunting_pct"] = np.round(np.clip(rng.normal(stunting_mean, 4.0), 2.0, 40.0), 1)
        c["health_jkn_pct"] = np.round(self.u(75.0, 98.0), 1)
        water_lo = np.where(self.high, 70.0, 82.0)
        c["util_clean_water_pct"] = np.round(rng.uniform(water_lo, 100.0), 1)
        c["util_sanitation_pct"] = np.round(self.u(75.0, 100.0), 1)
        c["util_odf"] = self.chance(0.6)
        c["util_electricity_pct"] = np.round(self.u(97.0, 100.0), 1)
        c["houses_unfit"] = np.round(self.households * self.u(0.01, 0.06) * np.where(self.kel, 0.5, 1.0))
        paved_lo = np.where(self.high, 40.0, 60.0)
        c["road_paved_pct"] = np.round(rng.uniform(paved_lo, 100.0), 1)
        c["road_lit_pct"] = np.round(np.where(self.kel, self.u(70.0, 100.0), self.u(20.0, 90.0)), 1)
        c["road_all_weather"] = np.where(self.high, self.chance(0.85), self.chance(0.98))
        transport = np.array(
            [
                {"kelurahan": (0.0, 0.0, 1.0), "dataran": (0.2, 0.3, 0.5), "pesisir": (0.3, 0.4, 0.3)}.get(
                    k, (0.3, 0.55, 0.15)
                )
                for k in self.klass
            ]
        )
        c["transport_public"] = _pick(rng, transport, ("none", "irregular", "scheduled"))
        c["transport_travel_min"] = self._minutes_to_kecamatan_centre()
        signal = np.array([(0.1, 0.4, 0.5) if k == "pegunungan" else (0.0, 0.1, 0.9) for k in self.zone], dtype=float)
        signal[self.high & (self.elev > 700)] = (0.15, 0.5, 0.35)
        sig = _pick(rng, signal, ("none", "weak", "strong"))
        c["conn_signal"] = sig
        c["conn_4g"] = np.where(sig == "strong", self.chance(0.95), np.where(sig == "weak", self.chance(0.5), False))
        internet = np.where(
            sig == "none",
            np.where(self.chance(0.5), "none", "fixed"),
            np.where(self.chance(np.where(self.kel, 0.95, 0.5)), "fixed", "mobile"),
        )
        c["conn_internet"] = internet.astype(object)
        c["conn_households_internet_pct"] = np.where(internet == "none", 0.0, np.round(self.u(40.0, 85.0), 1))
        c["conn_public_wifi"] = rng.poisson(1.0, n)

    def _distance_km(self, targets: np.ndarray) -> np.ndarray:
        """Straight-line km from each village centroid to the nearest village where ``targets`` is True."""
        lat = np.radians(self.lat)
        lng = np.radians(self.v["lng"].to_numpy(dtype=float))
        dlat = lat[:, None] - lat[None, targets]
        dlng = (lng[:, None] - lng[None, targets]) * np.cos(lat.mean())
        return np.sqrt(dlat**2 + dlng**2).min(axis=1) * 6371.0

    def _minutes_to(self, targets: np.ndarray) -> np.ndarray:
        # Road distance ≈ 1.4 × straight line; 2.5 min/km on the plain, 4 on mountain roads; 5 min minimum.
        pace = np.where(self.high, 4.0, 2.5)
        return np.round(5 + self._distance_km(targets) * 1.4 * pace * self.u(0.8, 1.2))

    def _minutes_to_kecamatan_centre(self) -> np.ndarray:
        frame = pd.DataFrame({"kec": self.v["kecamatan_code"], "lat": self.lat, "lng": self.v["lng"].astype(float)})
        centre = frame.groupby("kec")[["lat", "lng"]].transform("mean")
        dlat = np.radians(self.lat - centre["lat"].to_numpy())
        dlng = np.radians(frame["lng"].to_numpy() - centre["lng"].to_numpy()) * np.cos(np.radians(self.lat))
        km = np.sqrt(dlat**2 + dlng**2) * 6371.0
        return np.round(5 + km * 1.4 * np.where(self.high, 4.0, 2.5) * self.u(0.8, 1.2))

    def governance_and_society(self) -> None:
        rng, c, n = self.rng, self.cols, self.n
        c["gov_office_computers"] = np.where(self.kel, rng.integers(4, 13, n), rng.integers(2, 9, n))
        c["gov_office_internet"] = self.chance(0.9)
        c["gov_info_system"] = _pick(
            rng, np.tile([0.25, 0.3, 0.35, 0.1], (n, 1)), ("none", "opensid", "regency", "other")
        )
        c["gov_siskeudes"] = self.chance(0.97)
        # 8 of 266 desa had an actively managed website in March 2019 (kendal_potential_facts.csv); assume
        # the share grew by 5 points a year since.
        website_p = min(0.7, 0.03 + 0.05 * max(0, self.year - 2019))
        c["gov_website_active"] = self.chance(website_p)
        online = np.where(c["gov_website_active"] | (c["gov_info_system"] != "none"), rng.poisson(3.0, n), 0)
        c["gov_online_services"] = online
        c["gov_complaint_channel"] = self.chance(0.6)
        c["gov_apbdes_published"] = self.chance(np.where(self.kel, 0.6, 0.85))
        c["gov_regulations_published"] = np.where(self.kel, 0, rng.poisson(3.0, n))
        c["gov_musdes_year"] = np.where(self.kel, rng.integers(1, 4, n), rng.integers(2, 9, n))
        c["gov_rpjmdes"] = ~self.kel & self.chance(0.9)
        c["soc_groups_active"] = np.round(self.pop / self.u(150, 300))
        c["soc_public_spaces"] = rng.integers(1, 6, n)
        c["sec_poskamling"] = np.round(self.pop / self.u(250, 400))
        c["sec_cctv"] = rng.poisson(np.where(self.kel, 3.0, 1.0))
        c["sec_incidents_year"] = rng.poisson(self.pop / 2000)

    def environment(self) -> None:
        rng, c, n = self.rng, self.cols, self.n
        collect = np.array(
            [
                {"kelurahan": (0.0, 0.4, 0.6), "dataran": (0.4, 0.4, 0.2), "pesisir": (0.4, 0.45, 0.15)}.get(
                    k, (0.7, 0.25, 0.05)
                )
                for k in self.klass
            ]
        )
        collection = _pick(rng, collect, ("none", "partial", "full"))
        c["waste_collection"] = collection
        c["waste_bank"] = rng.poisson(0.8, n)
        c["waste_tps3r"] = self.chance(0.15)
        c["waste_open_burning"] = self.chance(np.where(collection == "none", 0.8, 0.3))
        c["env_wastewater_ipal"] = rng.poisson(0.2, n)
        levels = ("none", "low", "medium", "high")
        flood = {
            "pesisir": (0.0, 0.15, 0.4, 0.45),
            "dataran": (0.2, 0.45, 0.3, 0.05),
            "pegunungan": (0.6, 0.35, 0.05, 0.0),
        }
        slide = {
            "pesisir": (1.0, 0.0, 0.0, 0.0),
            "dataran": (0.75, 0.2, 0.05, 0.0),
            "pegunungan": (0.0, 0.2, 0.45, 0.35),
        }
        abrasion = {
            "pesisir": (0.0, 0.2, 0.45, 0.35),
            "dataran": (1.0, 0.0, 0.0, 0.0),
            "pegunungan": (1.0, 0.0, 0.0, 0.0),
        }
        drought = {
            "pesisir": (0.2, 0.4, 0.4, 0.0),
            "dataran": (0.3, 0.45, 0.25, 0.0),
            "pegunungan": (0.0, 0.4, 0.45, 0.15),
        }
        for code, table in (
            ("risk_flood", flood),
            ("risk_landslide", slide),
            ("risk_abrasion", abrasion),
            ("risk_drought", drought),
        ):
            c[code] = _pick(rng, np.array([table[z] for z in self.zone]), levels)
        exposed = self.coast | self.high
        c["risk_early_warning"] = self.chance(np.where(exposed, 0.45, 0.3))
        high_risk = (c["risk_flood"] == "high") | (c["risk_landslide"] == "high") | (c["risk_abrasion"] == "high")
        c["risk_destana"] = self.chance(np.where(high_risk, 0.25, 0.08))
        c["env_mangrove_ha"] = np.where(self.coast, np.round(self.u(0.5, 20.0), 1), 0.0)
        c["energy_solar_units"] = rng.poisson(2.0, n)
        c["energy_biogas_units"] = rng.poisson(np.where(self.high, 1.5, 0.3))
        c["energy_microhydro_kw"] = np.where(self.high & self.chance(0.05), np.round(self.u(5.0, 30.0), 1), 0.0)

    def notes(self) -> None:
        rng, c = self.rng, self.cols
        problems, proposals = [], []
        for k in self.klass:
            pool_p, pool_q = PROBLEMS[k], PROPOSALS[k]
            problems.append(" ".join(rng.choice(pool_p, size=rng.integers(1, 3), replace=False)))
            proposals.append(" ".join(rng.choice(pool_q, size=rng.integers(1, 3), replace=False)))
        has_notes = self.chance(0.7)
        c["notes_problems"] = np.where(has_notes, np.array(problems, dtype=object), None)
        c["notes_proposals"] = np.where(has_notes, np.array(proposals, dtype=object), None)
        # Flagship product: the commodity in which the village has the largest share of the regency's output.
        com = [code for code in FLAGSHIP_NAMES if code in c]
        matrix = np.column_stack([np.asarray(c[code], dtype=float) for code in com])
        share = matrix / np.maximum(matrix.sum(axis=0), 1e-9)
        top = np.asarray(com, dtype=object)[share.argmax(axis=1)]
        names = self.v["name"].to_numpy()
        flagship = np.array([f"{FLAGSHIP_NAMES[t]} {nm}" for t, nm in zip(top, names, strict=True)], dtype=object)
        c["flagship_product"] = np.where(self.chance(0.7) | self.special, flagship, None)

    def frame(self, schema: Schema) -> pd.DataFrame:
        missing = [f.code for f in schema.fields if f.code not in self.cols]
        if missing:
            raise RuntimeError(f"the demo generator has no rule for field(s): {', '.join(missing)}")
        index = pd.Index(self.v["code"].astype(str).to_numpy(), name="village_code", dtype=object)
        data: dict[str, pd.Series] = {}
        clipped: dict[str, int] = {}
        for f in schema.fields:
            raw = self.cols[f.code]
            if f.is_numeric:
                numeric = np.asarray(raw, dtype=float)
                lo = -np.inf if f.min is None else f.min
                hi = np.inf if f.max is None else f.max
                outside = (numeric < lo) | (numeric > hi)
                if outside.any():
                    clipped[f.code] = int(outside.sum())
                numeric = np.where(np.isnan(numeric), np.nan, np.clip(numeric, lo, hi))
                dtype = "Int64" if f.type == "integer" else "Float64"
                data[f.code] = pd.Series(numeric, index=index).astype(dtype)
            elif f.type == "boolean":
                data[f.code] = pd.Series(np.asarray(raw, dtype=bool), index=index, dtype="boolean")
            else:
                values = np.asarray(raw, dtype=object)
                data[f.code] = pd.Series([None if x is None else str(x) for x in values], index=index, dtype=object)
        if clipped:
            # Rare tails of the lognormal draws; the schema's bounds are the plausible range.
            log.info("demo values clipped to the schema bounds: %s", clipped)
        return pd.DataFrame(data, index=index)


def _thin_out(
    frame: pd.DataFrame, schema: Schema, special: np.ndarray, rng: np.random.Generator
) -> tuple[list[str], list[str]]:
    """Empty some optional fields: ~10 % of villages lose 10–30 % of them, 3 villages keep only required ones.

    Villages named by a sourced fact keep their full profile. Returns the codes of both groups, sorted.
    """
    optional = [f.code for f in schema.fields if not f.required]
    candidates = np.flatnonzero(~special)
    n_sparse = round(SPARSE_SHARE * len(frame))
    chosen = rng.choice(candidates, size=min(len(candidates), n_sparse + VERY_SPARSE_COUNT), replace=False)
    very_sparse, sparse = chosen[:VERY_SPARSE_COUNT], chosen[VERY_SPARSE_COUNT:]
    blank = np.zeros((len(frame), len(optional)), dtype=bool)
    blank[sparse] = rng.random((len(sparse), len(optional))) < rng.uniform(0.1, 0.3, len(sparse))[:, None]
    blank[very_sparse] = True
    for j, code in enumerate(optional):
        if blank[:, j].any():
            frame.loc[blank[:, j], code] = None
    return sorted(frame.index[sparse]), sorted(frame.index[very_sparse])


def _check(schema: Schema, frame: pd.DataFrame) -> None:
    records = frame_to_records(schema, frame)
    bad = {
        code: problems
        for code, values in records.items()
        if (problems := validate_values(schema, values, partial=False))
    }
    if bad:
        code, problems = next(iter(bad.items()))
        raise RuntimeError(
            f"the demo generator produced {len(bad)} invalid profile(s); first {code}: "
            + "; ".join(p.describe() for p in problems[:5])
        )


# -- an earlier year -------------------------------------------------------------------------------------------------

# Fields that do not move from one year to the next in the demo: the land and its heights (a village's area split
# is surveyed, not drifting), and population, households and livelihood shares, which get their own rules below.
STEADY_FIELDS = frozenset(
    {"elevation_m", "land_sawah_ha", "land_dry_farm_ha", "land_forest_ha", "land_tambak_ha", "pop_male", "pop_female"}
    | {"households"}
    | {f"liv_{name}_pct" for name in LIVELIHOODS}
)
DRIFT_SIGMA = 0.06  # multiplicative year-to-year drift of counts and amounts: ×exp(N(0, 0.06)), about ±6 %
DRIFT_POINTS = 1.0  # additive drift of percentages, in percentage points (SD)
FLIP_P = 0.02  # chance that a yes/no answer differs from one year to the next
# Smart City elements (smart-city-v1 codes) that a demo programme can improve, and the fields it moves: a reached
# village's profile of the year after the programme's year is better in these (see :func:`earlier_demo_profiles`).
IMPROVED_FIELDS: dict[str, tuple[str, ...]] = {
    "env_waste": ("waste_collection", "waste_bank", "waste_tps3r", "waste_open_burning"),
    "econ_transaction": ("fin_qris_merchants", "fin_bank_agents"),
    "gov_service": ("gov_online_services", "gov_complaint_channel"),
    "gov_bureaucracy": ("gov_office_computers", "gov_office_internet"),
    "living_health": ("health_posyandu_active", "health_stunting_pct"),
    "society_community": ("conn_households_internet_pct",),
    "society_security": ("sec_cctv", "sec_incidents_year"),
}


def population_growth(regency_facts: pd.DataFrame) -> float:
    """The regency's annual census growth factor ``(P2020 / P2010)^(1/10)`` (Kendal: 1.0124)."""
    facts = regency_facts.set_index("indicator")["value"]
    return float((float(facts["pop_census_2020"]) / float(facts["pop_census_2010"])) ** (1 / 10))


def earlier_demo_profiles(
    later: pd.DataFrame,
    *,
    year: int,
    seed: int,
    growth: float,
    improved: Mapping[str, Collection[str]] | None = None,
    schema: Schema | None = None,
) -> pd.DataFrame:
    """The demo profiles of ``year`` from which ``later`` (a demo frame of a later year) grew: the same villages
    with the same character, so that ``value_later = value_year + a small seeded drift`` (+ the programmes' work).

    Rules, per village (``rng`` seeded by ``(seed, year)``; the same inputs give the same frame):

    - land and elevation stay; population and households are smaller by the growth factor ``growth`` per year
      (× exp(N(0, 0.003))); livelihood shares drift by N(0, 1) points and are scaled back to at most 100 %;
    - other numbers: percentages ± N(0, :data:`DRIFT_POINTS`) points, counts and amounts × exp(N(0,
      :data:`DRIFT_SIGMA`)), rounded as the schema says; a zero stays zero and a positive count stays ≥ 1, so
      "has one" answers do not flip; yes/no answers that no cross-field rule depends on flip with
      :data:`FLIP_P`; choices and texts stay;
    - ``improved`` maps a Smart City element code (keys of :data:`IMPROVED_FIELDS`) to the villages a programme
      at work in ``year`` reached: in ``year`` those villages were worse in that element's fields than ``later``
      (waste collected one level less in 35 % of them, one waste bank less in half, open burning in 25 % of those
      that stopped; QRIS merchants ÷ U(1.3, 1.8); one online service, computer, CCTV, active posyandu less in half;
      stunting +U(0.5, 2) points; home internet −U(2, 8) points; complaint channel or office internet missing in
      30 % / 20 %; one incident more in half);
    - empty fields stay empty; the cross-field rules of the schema are kept (every profile passes
      ``validate_values(partial=False)``).

    Returns a frame like ``later`` with ``attrs`` ``year`` = ``year`` and ``derived_from`` = the later year.
    """
    schema = schema or load_schema()
    if int(later.attrs.get("year", year + 1)) <= year:
        raise ValueError(f"the earlier year {year} must come before the frame's year {later.attrs.get('year')}")
    unknown = sorted(set(improved or {}) - set(IMPROVED_FIELDS))
    if unknown:
        raise ValueError(f"no demo improvement rule for element(s): {', '.join(unknown)}")
    rng = np.random.default_rng([seed, year])
    n = len(later)
    steps = int(later.attrs.get("year", year + 1)) - year
    out = later.copy()
    by_code = {f.code: f for f in schema.fields}
    in_rules = {c for r in schema.rules for c in (*r.fields, *((r.condition_field,) if r.condition_field else ()))}

    def column(code: str) -> np.ndarray:
        return out[code].astype("Float64").to_numpy(dtype=float, na_value=np.nan)

    def store(code: str, values: np.ndarray) -> None:
        f = by_code[code]
        lo = -np.inf if f.min is None else f.min
        hi = np.inf if f.max is None else f.max
        values = np.round(np.clip(values, lo, hi), 0 if f.type == "integer" else (f.decimals or 0))
        out[code] = pd.Series(values, index=out.index).astype("Int64" if f.type == "integer" else "Float64")

    for f in schema.fields:
        if f.code in STEADY_FIELDS:
            continue
        if f.is_numeric:
            x = column(f.code)
            if f.unit is not None and f.unit.code == "percent":
                y = np.where(x > 0, x + rng.normal(0.0, DRIFT_POINTS * np.sqrt(steps), n), x)
            else:
                y = x * np.exp(rng.normal(0.0, DRIFT_SIGMA * np.sqrt(steps), n))
                y = np.where(x >= 1, np.maximum(y, 1.0), y)
            store(f.code, y)
        elif f.type == "boolean" and f.code not in in_rules:
            flip = rng.random(n) < FLIP_P * steps
            out[f.code] = out[f.code].mask(flip & out[f.code].notna(), ~out[f.code])
    shrink = growth**steps * np.exp(rng.normal(0.0, 0.003, n))
    for code in ("pop_male", "pop_female", "households"):
        store(code, column(code) / shrink)
    liv = np.column_stack([column(f"liv_{name}_pct") for name in LIVELIHOODS])
    liv = np.where(liv > 0, np.clip(liv + rng.normal(0.0, 1.0, liv.shape), 0.0, 100.0), liv)
    total = np.nansum(liv, axis=1, keepdims=True)
    liv = np.floor(liv * np.minimum(1.0, 100.0 / np.maximum(total, 1e-9)) * 10) / 10
    for j, name in enumerate(LIVELIHOODS):
        store(f"liv_{name}_pct", liv[:, j])

    for element, villages in sorted((improved or {}).items()):
        reached = out.index.isin(list(villages))
        if reached.any():
            _undo_improvement(out, element, reached, rng, column, store)
    _keep_rules(out, column, store)
    _check(schema, out)
    out.attrs = {**later.attrs, "year": year, "seed": seed, "derived_from": int(later.attrs.get("year", year + 1))}
    return out


def _undo_improvement(
    out: pd.DataFrame,
    element: str,
    reached: np.ndarray,
    rng: np.random.Generator,
    column: Any,
    store: Any,
) -> None:
    """The reached villages' values of ``element``'s fields one year earlier, before the programme's work."""
    n = len(out)

    def half() -> np.ndarray:
        return reached & (rng.random(n) < 0.5)

    def less(code: str, by: np.ndarray) -> None:
        if code in out:
            store(code, np.maximum(column(code) - by, 0.0))

    def unset(code: str, p: float) -> None:
        # a "yes" the programme brought was a "no" the year before
        if code in out:
            was = reached & (rng.random(n) < p) & out[code].fillna(False).to_numpy(dtype=bool)
            out[code] = out[code].mask(was, False)

    if element == "env_waste":
        levels = np.array(["none", "partial", "full"], dtype=object)
        now = out["waste_collection"].to_numpy(dtype=object)
        down = reached & (rng.random(n) < 0.35) & np.isin(now, ["partial", "full"])
        idx = np.array([list(levels).index(v) if v in levels else 0 for v in now])
        out["waste_collection"] = pd.Series(np.where(down, levels[np.maximum(idx - 1, 0)], now), index=out.index)
        less("waste_bank", half().astype(float))
        unset("waste_tps3r", 0.2)
        burning = out["waste_open_burning"]
        started = reached & (rng.random(n) < 0.25) & ~burning.fillna(True).to_numpy(dtype=bool)
        out["waste_open_burning"] = burning.mask(started, True)
    elif element == "econ_transaction":
        x = column("fin_qris_merchants")
        store("fin_qris_merchants", np.where(reached, np.floor(x / rng.uniform(1.3, 1.8, n)), x))
        less("fin_bank_agents", half().astype(float))
    elif element == "gov_service":
        less("gov_online_services", half().astype(float))
        unset("gov_complaint_channel", 0.3)
    elif element == "gov_bureaucracy":
        x = column("gov_office_computers")
        store("gov_office_computers", np.where(half() & (x > 1), x - 1, x))
        unset("gov_office_internet", 0.2)
    elif element == "living_health":
        less("health_posyandu_active", half().astype(float))
        x = column("health_stunting_pct")
        store("health_stunting_pct", np.where(reached, x + rng.uniform(0.5, 2.0, n), x))
    elif element == "society_community":
        x = column("conn_households_internet_pct")
        store("conn_households_internet_pct", np.where(reached & (x > 0), x - rng.uniform(2.0, 8.0, n), x))
    elif element == "society_security":
        less("sec_cctv", half().astype(float))
        x = column("sec_incidents_year")
        store("sec_incidents_year", np.where(half(), x + 1, x))


def _keep_rules(out: pd.DataFrame, column: Any, store: Any) -> None:
    """Bring drifted values back inside the schema's at-most rules (drift may break them by a unit or two)."""

    def at_most(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        # an empty left side stays empty; an empty right side limits nothing
        return np.where(np.isnan(left) | np.isnan(right), left, np.minimum(left, right))

    pop = column("pop_male") + column("pop_female")
    store("households", at_most(column("households"), pop))
    store("poor_households", at_most(column("poor_households"), column("households")))
    store("health_posyandu_active", at_most(column("health_posyandu_active"), column("health_posyandu")))
    parts = np.column_stack([column(c) for c in ("msme_food", "msme_craft", "msme_trade", "msme_services")])
    msmes = np.where(np.isnan(parts).all(axis=1), np.nan, np.nansum(parts, axis=1))
    for code in ("msme_online", "msme_certified"):
        store(code, at_most(column(code), msmes))
