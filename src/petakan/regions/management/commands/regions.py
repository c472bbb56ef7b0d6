"""``petakan regions …``: import code lists and boundaries, switch boundary generations, load Kendal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from petakan.regions import importers
from petakan.regions.models import Area, Generation, Level

KENDAL = "33.24"
# (argument, file) pairs that `load-kendal` reads from PETAKAN_DATA_DIR.
KENDAL_FILES = {
    "provinces": "indonesia_provinces.csv",
    "regencies": "indonesia_regencies.csv",
    "kecamatan": "kendal_kecamatan.csv",
    "villages": "kendal_desa_kelurahan.csv",
    "village_boundaries": "kendal_desa_boundaries_bps2024.geojson",
    "district_boundaries": "kendal_kecamatan_boundaries_bps2024.geojson",
    "areas": "indonesia_province_regency_area_population.csv",
}
KENDAL_GENERATION = "BPS 2024"


class Command(BaseCommand):
    help = "Import administrative areas and boundaries (dry run unless --commit)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        codes = sub.add_parser("import-codes", help="Kemendagri code lists (CSV)")
        codes.add_argument("files", nargs="+", type=Path)
        codes.add_argument("--within", default="", help="only codes under this prefix, e.g. 33.24")
        codes.add_argument("--commit", action="store_true")
        bounds = sub.add_parser(
            "import-boundaries",
            help="boundaries in any declared CRS, reprojected to WGS 84: GeoJSON (.geojson, .json), GeoPackage "
            "(.gpkg), FlatGeobuf (.fgb), KML, zipped Shapefile (.zip) or .shp with its .dbf/.shx/.prj/.cpg beside it",
        )
        bounds.add_argument("file", type=Path, help=".geojson, .json, .gpkg, .fgb, .kml, .zip (Shapefile) or .shp")
        bounds.add_argument(
            "--layer", default=None, help="GeoPackage table, or Shapefile name in a zip, when the file holds several"
        )
        bounds.add_argument("--generation", required=True, help="boundary edition name, e.g. 'BPS 2024'")
        bounds.add_argument("--level", choices=[Level.DISTRICT, Level.VILLAGE], default=Level.VILLAGE)
        bounds.add_argument("--code-field", required=True, help="feature property holding the area code")
        bounds.add_argument("--crosswalk", type=Path, help="CSV translating the feature code to a Kemendagri code")
        bounds.add_argument("--crosswalk-from", default="bps_code")
        bounds.add_argument("--crosswalk-to", default="kemendagri_code")
        bounds.add_argument("--bps-code-field", default="")
        bounds.add_argument("--area-field", default="", help="feature property with the official area in km²")
        bounds.add_argument("--repair", action="store_true", help="repair invalid geometries instead of refusing")
        bounds.add_argument("--activate", action="store_true", help="make this generation the one shown")
        bounds.add_argument("--commit", action="store_true")
        act = sub.add_parser("activate", help="switch the map to another boundary generation")
        act.add_argument("generation")
        sub.add_parser("generations", help="list boundary generations")
        kendal = sub.add_parser("load-kendal", help="Kendal's codes and BPS 2024 boundaries from PETAKAN_DATA_DIR")
        kendal.add_argument("--commit", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        translation.activate(settings.LANGUAGE_CODE)
        action = opts["action"]
        if action == "import-codes":
            self.finish(importers.import_codes(opts["files"], commit=opts["commit"], within=opts["within"]))
        elif action == "import-boundaries":
            crosswalk = None
            if opts["crosswalk"]:
                try:
                    crosswalk = importers.Crosswalk.read(
                        opts["crosswalk"], opts["crosswalk_from"], opts["crosswalk_to"]
                    )
                except (OSError, ValueError) as exc:
                    raise CommandError(str(exc)) from exc
            self.finish(
                importers.import_boundaries(
                    opts["file"],
                    generation=opts["generation"],
                    code_field=opts["code_field"],
                    level=opts["level"],
                    crosswalk=crosswalk,
                    bps_code_field=opts["bps_code_field"],
                    area_field=opts["area_field"],
                    repair=opts["repair"],
                    commit=opts["commit"],
                    activate=opts["activate"],
                    layer=opts["layer"],
                )
            )
        elif action == "activate":
            gen = Generation.objects.filter(name=opts["generation"]).first()
            if gen is None:
                names = ", ".join(Generation.objects.values_list("name", flat=True)) or "-"
                raise CommandError(
                    _("Generasi batas '%(name)s' tidak ada (ada: %(names)s)")
                    % {"name": opts["generation"], "names": names}
                )
            importers.activate_generation(gen)
            self.stdout.write(_("Generasi aktif: %(name)s") % {"name": gen.name})
        elif action == "generations":
            for gen in Generation.objects.all():
                self.stdout.write(f"{'*' if gen.active else ' '} {gen.name} ({gen.boundaries.count()})")
        elif action == "load-kendal":
            self.load_kendal(commit=opts["commit"])

    def finish(self, report: importers.Report) -> None:
        for warning in report.warnings:
            self.stderr.write(_("peringatan: %(warning)s") % {"warning": warning})
        for problem in report.problems:
            self.stderr.write(str(problem))
        self.stdout.write(report.summary())
        if not report.ok:
            raise CommandError(_("%(n)d masalah; basis data tidak diubah") % {"n": len(report.problems)})

    def load_kendal(self, *, commit: bool) -> None:
        data_dir: Path | None = settings.PETAKAN_DATA_DIR
        if data_dir is None:
            raise CommandError(
                _("PETAKAN_DATA_DIR belum diatur (folder data rujukan, mis. shared/data di samping checkout)")
            )
        missing = [name for name in KENDAL_FILES.values() if not (data_dir / name).is_file()]
        if missing:
            raise CommandError(
                _("File tidak ditemukan di %(dir)s: %(files)s") % {"dir": data_dir, "files": ", ".join(missing)}
            )
        f = {key: data_dir / name for key, name in KENDAL_FILES.items()}
        steps = 3
        self.stdout.write(f"[1/{steps}] " + _("kode wilayah"))
        # Codes must be in the database before boundaries can be checked against them, so a dry run of the
        # boundaries is only meaningful after the codes are committed; a dry run stops after the codes.
        self.finish(
            importers.import_codes(
                [f["provinces"], f["regencies"], f["kecamatan"], f["villages"]],
                commit=commit,
                within=KENDAL,
                source="Kepmendagri 300.2.2-2430/2025",
            )
        )
        if not commit:
            self.stdout.write(_("Uji coba selesai. Jalankan lagi dengan --commit untuk menulis."))
            return
        # Province and regency areas are BIG's official figures, not sums of village polygons (which overlap the
        # sea and neighbours by ~2.5 %).
        _header, rows = importers.read_csv(f["areas"])
        official = {row["code"]: float(row["area_km2_big2024"]) for _line, row in rows if row.get("area_km2_big2024")}
        for area in Area.objects.filter(code__in=[KENDAL.split(".")[0], KENDAL]):
            if area.code in official and area.area_km2 != official[area.code]:
                area.area_km2 = official[area.code]
                area.save(update_fields=["area_km2"])
        self.stdout.write(f"[2/{steps}] " + _("batas kecamatan"))
        self.finish(
            importers.import_boundaries(
                f["district_boundaries"],
                generation=KENDAL_GENERATION,
                code_field="kemendagri_code",
                level=Level.DISTRICT,
                bps_code_field="bps_code",
                area_field="luas_km2_bps",
                commit=True,
            )
        )
        self.stdout.write(f"[3/{steps}] " + _("batas desa/kelurahan dan lapisan peta"))
        self.finish(
            importers.import_boundaries(
                f["village_boundaries"],
                generation=KENDAL_GENERATION,
                code_field="kemendagri_code",
                level=Level.VILLAGE,
                bps_code_field="bps_code",
                area_field="luas_km2_bps",
                commit=True,
                activate=True,
            )
        )
