"""Importers for code lists and boundaries: dry run by default, all-or-nothing, idempotent, every problem reported.

Each importer first reads and checks the whole input without touching the database and collects every problem
with its line number or feature; only if there is none and ``commit`` is set does it write, inside one transaction.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from petakan import uploads
from petakan.lib import geo, geofiles
from petakan.lib import uploads as guard
from petakan.regions.models import LEVEL_BY_PARTS, Area, Boundary, Generation, Kind, Level

logger = logging.getLogger(__name__)

# The whole country's code list (about 91,500 provinces, regencies, kecamatan and villages) with room to spare.
CODES_MAX_ROWS = 200_000
CODES_MAX_COLUMNS = 50
# Every village of the country (83,762) with room to spare.
BOUNDARIES_MAX_FEATURES = 200_000
CODE_COLUMNS = ("code", "kode")
PARENT_COLUMNS = ("kecamatan_code", "district_code", "regency_code", "province_code")
KIND_BY_TYPE = {
    "desa": Kind.DESA,
    "kelurahan": Kind.KELURAHAN,
    "desa_adat": Kind.DESA_ADAT,
    "kabupaten": Kind.KABUPATEN,
    "kota": Kind.KOTA,
}


@dataclass
class Problem:
    where: str  # "baris 12", "fitur 3"
    code: str
    message: str

    def __post_init__(self) -> None:
        # The code comes from the file: a message quotes at most 100 characters of it.
        self.code = guard.quote(self.code)

    def __str__(self) -> str:
        code = f" [{self.code}]" if self.code else ""
        return f"{self.where}{code}: {self.message}"


@dataclass
class Report:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    committed: bool = False
    warnings: list[Problem] = field(default_factory=list)  # said to the user, but do not stop the import

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        mode = _("ditulis") if self.committed else _("uji coba (dry run), belum ditulis")
        return _(
            "%(source)s: %(created)d baru, %(updated)d berubah, %(unchanged)d tetap, %(problems)d masalah — %(mode)s"
        ) % {
            "source": self.source,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": len(self.problems),
            "mode": mode,
        }


def read_csv(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Rows with their 1-based line numbers (the header is line 1). Raises ValueError with a readable reason.

    The file passes the shared upload guard first (size, UTF-8 with or without BOM, ``,`` or ``;`` separated, rows
    up to the whole country's code list, columns, cell text)."""
    try:
        table = guard.read_csv_rows(
            path, uploads.limits("codes", max_rows=CODES_MAX_ROWS, max_columns=CODES_MAX_COLUMNS)
        )
    except guard.UploadError as exc:
        raise ValueError(uploads.message(exc)) from exc  # the report names the file
    numbered = [(line, row) for line, row in enumerate(table, start=1) if row]  # a blank line is no row
    if not numbered or not any(cell.strip() for cell in numbered[0][1]):
        raise ValueError(_("%(file)s kosong atau tanpa baris judul") % {"file": path.name})
    header = [h.strip() for h in numbered[0][1]]
    rows = []
    for line, cells in numbered[1:]:
        if len(cells) > len(header):
            raise ValueError(
                _("%(file)s baris %(line)d: kolom lebih banyak dari judul") % {"file": path.name, "line": line}
            )
        rows.append((line, {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}))
    return header, rows


def level_of(code: str) -> str | None:
    parts = code.split(".")
    if not all(p.isdigit() for p in parts):
        return None
    return LEVEL_BY_PARTS.get(len(parts))


def parent_code(code: str) -> str:
    return ".".join(code.split(".")[:-1])


def import_codes(paths: Iterable[Path], *, commit: bool = False, within: str = "", source: str = "") -> Report:
    """Import Kemendagri code lists (CSV with ``code``, ``name`` and optionally ``type``, ``postal_code`` and parent
    columns such as ``kecamatan_code``). Several files are read together so a file may refer to parents in another.

    ``within`` keeps only codes under a prefix (e.g. ``33.24``) and their ancestors, to load one regency from the
    national list.
    """
    paths = list(paths)
    report = Report(source=", ".join(p.name for p in paths))
    rows: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            header, lines = read_csv(path)
        except (OSError, ValueError) as exc:
            report.problems.append(Problem(path.name, "", str(exc)))
            continue
        if not lines:  # an empty list would "succeed" and change nothing
            report.problems.append(Problem(path.name, "", _("tidak ada baris data di bawah baris judul")))
            continue
        code_col = next((c for c in CODE_COLUMNS if c in header), None)
        if code_col is None or "name" not in header:
            report.problems.append(
                Problem(
                    path.name,
                    "",
                    _("kolom wajib 'code' dan 'name' tidak ada (ada: %(cols)s)")
                    % {"cols": guard.quote(", ".join(guard.quote(h, 40) for h in header), 300)},
                )
            )
            continue
        for line, row in lines:
            where = _("%(file)s baris %(line)d") % {"file": path.name, "line": line}
            code = row[code_col]
            if within and not (code == within or code.startswith(within + ".") or within.startswith(code + ".")):
                continue
            level = level_of(code)
            if level is None:
                report.problems.append(Problem(where, code, _("kode tidak berformat Kemendagri (mis. 33.24.01.2001)")))
                continue
            if not row["name"]:
                report.problems.append(Problem(where, code, _("nama kosong")))
                continue
            if code in rows:
                report.problems.append(
                    Problem(where, code, _("kode ganda (sudah ada di %(first)s)") % {"first": rows[code]["where"]})
                )
                continue
            for col in PARENT_COLUMNS:
                expected = row.get(col, "")
                if expected and level_of(expected) is not None and len(expected.split(".")) < len(code.split(".")):
                    prefix = ".".join(code.split(".")[: len(expected.split("."))])
                    if prefix != expected:
                        report.problems.append(
                            Problem(
                                where,
                                code,
                                _("kode tidak berada di bawah %(col)s=%(expected)s")
                                % {"col": col, "expected": guard.quote(expected)},
                            )
                        )
            kind = KIND_BY_TYPE.get(row.get("type", "").lower(), Kind.NONE)
            if row.get("type") and kind == Kind.NONE:
                report.problems.append(
                    Problem(where, code, _("jenis '%(type)s' tidak dikenal") % {"type": guard.quote(row["type"])})
                )
            rows[code] = {
                "where": where,
                "level": level,
                "name": row["name"],
                "kind": kind,
                "postal_code": row.get("postal_code", ""),
                "parent": parent_code(code) if level != Level.PROVINCE else "",
            }
    existing = {a.code: a for a in Area.objects.all()}
    for code, row in rows.items():
        if row["parent"] and row["parent"] not in rows and row["parent"] not in existing:
            report.problems.append(
                Problem(row["where"], code, _("induk %(parent)s tidak dikenal") % {"parent": row["parent"]})
            )
    if report.problems:
        return report

    # Parents before children, so every parent exists when its child is written.
    # Parents before children, one level at a time, so every parent has its key when its children are written;
    # new areas are inserted in bulk (the national list has 83,762 villages).
    depths = sorted({len(code.split(".")) for code in rows})
    with transaction.atomic():
        known = dict(existing)
        for depth in depths:
            new: list[Area] = []
            changed: list[Area] = []
            fields: set[str] = set()
            for code, row in rows.items():
                if len(code.split(".")) != depth:
                    continue
                values = {
                    "name": row["name"],
                    "level": row["level"],
                    "kind": row["kind"],
                    "parent": known[row["parent"]] if row["parent"] else None,
                }
                if row["postal_code"]:
                    values["postal_code"] = row["postal_code"]
                if source:
                    values["source"] = source
                area = known.get(code)
                if area is None:
                    known[code] = Area(code=code, **values)
                    new.append(known[code])
                elif any(getattr(area, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(area, k, v)
                    fields |= set(values)
                    changed.append(area)
                else:
                    report.unchanged += 1
            report.created += len(new)
            report.updated += len(changed)
            if commit:
                Area.objects.bulk_create(new, batch_size=1000)
                if changed:
                    Area.objects.bulk_update(changed, sorted(fields), batch_size=1000)
        report.committed = commit
    return report


@dataclass
class Crosswalk:
    mapping: dict[str, str]  # source code -> Kemendagri code

    @classmethod
    def read(cls, path: Path, source_column: str, target_column: str) -> Crosswalk:
        header, lines = read_csv(path)
        for col in (source_column, target_column):
            if col not in header:
                raise ValueError(_("%(file)s: kolom '%(col)s' tidak ada") % {"file": path.name, "col": col})
        return cls({row[source_column]: row[target_column] for _line, row in lines})


def import_boundaries(
    path: Path,
    *,
    generation: str,
    code_field: str,
    level: str,
    crosswalk: Crosswalk | None = None,
    bps_code_field: str = "",
    area_field: str = "",
    repair: bool = False,
    commit: bool = False,
    activate: bool = False,
    layer: str | None = None,
) -> Report:
    """Import boundary polygons into a generation, from a GeoJSON FeatureCollection (``.geojson``, ``.json``),
    a GeoPackage (``.gpkg``; ``layer`` picks one of several feature tables), a Shapefile (zipped ``.zip``, or a
    ``.shp`` with its sidecar files), FlatGeobuf or KML, in any CRS with a definition, reprojected to WGS 84
    longitude/latitude; the report states the source CRS and the transformation (see :mod:`petakan.lib.geofiles`).

    The feature's ``code_field`` holds a Kemendagri code, or a source code translated through ``crosswalk``.
    Invalid geometries are problems unless ``repair`` is set, in which case they are repaired and reported in the
    summary. Areas get their centroid, area (from ``area_field`` if given, else computed) and BPS code filled in.
    """
    report = Report(source=path.name)
    try:
        geofile = geofiles.read(path, layer, uploads.limits("boundaries", max_features=BOUNDARIES_MAX_FEATURES))
    except geofiles.GeoFileError as exc:
        report.problems.extend(geofile_problem(p) for p in exc.problems)
        return report
    report.warnings.extend(geofile_problem(p) for p in geofile.warnings)
    if geofile.transformation:  # said aloud: the stored shapes are not the file's own coordinates
        report.warnings.append(
            Problem(
                path.name,
                "",
                _("sistem koordinat sumber %(crs)s diubah ke WGS 84 (EPSG:4326) dengan transformasi: %(how)s")
                % {"crs": geofile.crs, "how": geofile.transformation},
            )
        )
    if not geofile.features:
        # An empty file would otherwise create (and with --activate switch the map to) a generation without borders.
        report.problems.append(
            Problem(path.name, "", _("berkas tidak berisi satu fitur pun; tidak ada generasi batas yang dibuat"))
        )
        return report
    areas = {a.code: a for a in Area.objects.filter(level=level)}
    parsed: dict[str, dict[str, Any]] = {}
    repaired = 0
    for index, feature in enumerate(geofile.features, start=1):
        props = (feature or {}).get("properties") or {}
        raw_code = str(props.get(code_field, "")).strip()
        where = _("fitur %(n)d") % {"n": index}
        if not raw_code:
            report.problems.append(
                Problem(where, "", _("properti '%(field)s' kosong atau tidak ada") % {"field": code_field})
            )
            continue
        code = crosswalk.mapping.get(raw_code, "") if crosswalk else raw_code
        if crosswalk and not code:
            report.problems.append(Problem(where, raw_code, _("kode tidak ada di tabel padanan (crosswalk)")))
            continue
        if code not in areas:
            report.problems.append(Problem(where, code, _("kode tidak ada di daftar kode wilayah tingkat ini")))
            continue
        if code in parsed:
            report.problems.append(
                Problem(
                    where,
                    code,
                    _("batas ganda untuk kode yang sama (juga %(first)s)") % {"first": parsed[code]["where"]},
                )
            )
            continue
        try:
            geom = geo.parse(feature.get("geometry"))
        except geo.GeometryError as exc:
            report.problems.append(Problem(where, code, _("geometri rusak: %(err)s") % {"err": exc}))
            continue
        checked = geo.check(geom)
        if checked.problem:
            if not repair:
                report.problems.append(
                    Problem(
                        where,
                        code,
                        _("geometri tidak valid: %(reason)s (gunakan --repair untuk memperbaiki)")
                        % {"reason": checked.problem},
                    )
                )
                continue
            try:
                geom = geo.repair(geom)
            except geo.GeometryError as exc:
                report.problems.append(Problem(where, code, str(exc)))
                continue
            repaired += 1
        area_value = props.get(area_field) if area_field else None
        parsed[code] = {
            "where": where,
            "geom": geom,
            "props": props,
            "bps_code": str(props.get(bps_code_field, "")) if bps_code_field else "",
            "area_km2": float(area_value) if isinstance(area_value, int | float) else geo.area_km2(geom),
        }
    if report.problems:
        return report

    with transaction.atomic():
        gen = Generation.objects.filter(name=generation).first()
        if gen is None:
            gen = Generation(name=generation, description=path.name)
            if commit:
                gen.save()
        existing = (
            {b.area.code: b for b in Boundary.objects.filter(generation=gen).select_related("area")} if gen.pk else {}
        )
        for code, item in parsed.items():
            geom = item["geom"]
            min_lng, min_lat, max_lng, max_lat = geo.bbox(geom)
            values = {
                "geometry": geo.to_geojson(geom),
                "min_lng": min_lng,
                "min_lat": min_lat,
                "max_lng": max_lng,
                "max_lat": max_lat,
                "area_km2": item["area_km2"],
                "source_properties": item["props"],
            }
            values["bps_code"] = item["bps_code"]
            boundary = existing.get(code)
            if boundary is None:
                report.created += 1
                if commit:
                    Boundary.objects.create(area=areas[code], generation=gen, **values)
            elif (
                json.dumps(boundary.geometry, sort_keys=True) != json.dumps(values["geometry"], sort_keys=True)
                or boundary.area_km2 != values["area_km2"]
                or boundary.bps_code != values["bps_code"]
            ):
                report.updated += 1
                if commit:
                    Boundary.objects.filter(pk=boundary.pk).update(**values)
            else:
                report.unchanged += 1
        if repaired:
            report.problems = []
            report.source += " " + _("(%(n)d geometri diperbaiki)") % {"n": repaired}
        if commit and (activate or gen.active):
            activate_generation(gen)
        report.committed = commit
    return report


def geofile_problem(problem: geofiles.GeoFileProblem) -> Problem:
    """A boundary-file problem as a report line in the current language: located at the feature when it concerns
    one, else at the file. A reason without a translation here is shown in the library's English and logged."""
    ctx = problem.context
    values = {
        "file": problem.file,
        "layer": problem.layer or "",
        "value": problem.value or "",
        "err": ctx.get("detail", ""),
        "choices": ", ".join(ctx.get("choices", ())) or "-",
        "count": ctx.get("count", ""),
        "expected": ctx.get("expected", ""),
        "first": ctx.get("first", ""),
        "record": problem.record or "",
    }
    texts = {
        "unreadable_geojson": _("bukan GeoJSON yang bisa dibaca: %(err)s"),
        "not_feature_collection": _("bukan GeoJSON FeatureCollection"),
        "layer_not_applicable": _("--layer hanya berlaku untuk GeoPackage (.gpkg) atau Shapefile dalam zip"),
        "unreadable_file": _("berkas tidak dapat dibaca: %(err)s"),
        "not_sqlite": _("bukan GeoPackage: bukan basis data SQLite"),
        "not_geopackage": _("bukan GeoPackage yang bisa dibaca: %(err)s"),
        "no_feature_layers": _("GeoPackage tidak berisi lapisan fitur (vektor); tabel yang ada: %(choices)s"),
        "several_layers": _("GeoPackage berisi %(count)s lapisan fitur (%(choices)s); pilih satu dengan --layer"),
        "unknown_layer": _("lapisan '%(value)s' tidak ada (yang ada: %(choices)s)"),
        "no_shapefile": _("arsip zip tidak berisi berkas .shp (isinya: %(choices)s)"),
        "several_shapefiles": _("arsip zip berisi %(count)s Shapefile (%(choices)s); pilih satu dengan --layer"),
        "missing_sidecar": _("Shapefile %(layer)s tidak disertai berkas %(value)s"),
        "bad_shapefile": _("Shapefile rusak: %(err)s"),
        "unreadable_crs": _("definisi sistem koordinat lapisan %(layer)s tidak bisa dibaca: %(err)s"),
        "unsupported_crs": _("sistem koordinat %(value)s tidak dapat diubah ke WGS 84: %(err)s"),
        "crs_missing": _(
            "sistem koordinat tidak disebut; tetapkan CRS di QGIS: Layer › Set CRS (CRS tempat data digambar, mis."
            " EPSG:32749 untuk UTM zona 49S), lalu ekspor ulang dengan Ekspor › Simpan Fitur Sebagai…"
        ),
    }
    if problem.reason == "upload_rejected":  # the upload guard's own sentence, in both languages
        texts["upload_rejected"] = str(ctx["en"] if (get_language() or "id").startswith("en") else ctx["id"]).replace(
            "%", "%%"
        )
    texts["too_many_features"] = _("berkas berisi %(count)s fitur, lebih dari batas %(expected)s")
    template = texts.get(problem.reason)
    if template is None:
        logger.warning("Boundary file problem without a translated message: %s (%s)", problem.reason, problem)
        message = problem.message
    else:
        message = template % values
    where = _("fitur %(n)d") % {"n": problem.record} if problem.record else problem.file
    return Problem(where, "", message)


def activate_generation(gen: Generation) -> None:
    """Switch the map and API to ``gen`` (the previous generation stays stored): areas take their centroid, area
    and BPS code from this generation's boundaries, and the map layers are rebuilt."""
    from petakan.regions.layers import build_layers

    with transaction.atomic():
        Generation.objects.exclude(pk=gen.pk).filter(active=True).update(active=False)
        Generation.objects.filter(pk=gen.pk).update(active=True)
        gen.active = True
        boundaries = list(Boundary.objects.filter(generation=gen).select_related("area"))
        changed = []
        for boundary in boundaries:
            area = boundary.area
            lat, lng = geo.centroid(geo.parse(boundary.geometry))
            area.centroid_lat, area.centroid_lng = round(lat, 6), round(lng, 6)
            area.area_km2 = round(boundary.area_km2, 4) if boundary.area_km2 is not None else None
            if boundary.bps_code:
                area.bps_code = boundary.bps_code
            changed.append(area)
        Area.objects.bulk_update(changed, ["centroid_lat", "centroid_lng", "area_km2", "bps_code"], batch_size=500)
        build_layers(gen)
