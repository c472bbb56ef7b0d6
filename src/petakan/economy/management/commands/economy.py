"""``petakan economy …``: sector analysis of PDRB tables (LQ, DLQ, shift-share, Klassen) and PDRB validation.

    petakan economy analyse --region REGION.csv --reference REFERENCE.csv --start 2010 --end 2023 --out DIR
    petakan economy validate TABLE.xlsx [--years 2010-2023] [--totals TOTALS.csv --region-code 3324]
    petakan economy demo --out DIR
    petakan economy import TABLE.xlsx --region Kendal --price-basis adhk2010 [--commit]
    petakan economy load-demo

Thin: reading and validating is petakan.lib.pdrb, every computation petakan.lib.economy, storing
petakan.economy.services.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from petakan.economy import services
from petakan.economy.models import Origin
from petakan.lib import economy, pdrb
from petakan.lib.cells import csv_writer

TOTALS_FILE = "kendal_jateng_pdrb_total_bps.csv"
# (BPS region code, output file) of the demo data written by `demo`.
DEMO_REGIONS = (
    ("3324", "kendal_pdrb_{basis}_illustrative.csv"),
    ("3300", "jateng_pdrb_{basis}_illustrative.csv"),
)


def _year_range(text: str) -> list[int]:
    """'2010-2023' or '2010,2015,2023' → years."""
    try:
        if "-" in text:
            lo, hi = (int(part) for part in text.split("-", 1))
            return list(range(lo, hi + 1))
        return [int(part) for part in text.split(",")]
    except ValueError:
        raise CommandError(
            _("Years must be written 2010-2023 or 2010,2015,2023, not %(text)r") % {"text": text}
        ) from None


def _number(value: float, digits: int = 6) -> float | str:
    # a float, not its text: the CSV writer quotes text starting with "-" (lib/cells.py); csv writes repr(float)
    return "" if math.isnan(value) else round(float(value), digits)


class Command(BaseCommand):
    help = "Sector analysis of PDRB tables (LQ, DLQ, shift-share, Klassen) and PDRB table validation."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)

        analyse = sub.add_parser("analyse", help="LQ, DLQ, shift-share and Klassen of a region against a reference")
        analyse.add_argument("--region", type=Path, required=True, help="region PDRB, long layout year,category,value")
        analyse.add_argument("--reference", type=Path, required=True, help="reference PDRB (province), long layout")
        analyse.add_argument("--start", type=int, required=True, help="start year")
        analyse.add_argument("--end", type=int, required=True, help="end year")
        analyse.add_argument("--out", type=Path, required=True, help="output directory")
        analyse.add_argument("--averaging", choices=["compound", "arithmetic"], default="compound")
        analyse.add_argument("--klassen-growth", choices=["same_sector", "total"], default="same_sector")
        analyse.add_argument("--klassen-share", choices=["mean", "start", "end"], default="mean")
        analyse.add_argument("--reference-name", default="", help="name of the reference in the readings")
        analyse.add_argument("--language", choices=["id", "en"], default="id", help="language of the labels")
        analyse.add_argument("--number-format", choices=["auto", "id", "en"], default="auto")

        validate = sub.add_parser("validate", help="check a PDRB table (BPS or long layout, CSV or XLSX)")
        validate.add_argument("file", type=Path)
        validate.add_argument("--layout", choices=["auto", "bps", "long"], default="auto")
        validate.add_argument("--sheet", default=None, help="sheet of a workbook with several sheets")
        validate.add_argument("--number-format", choices=["auto", "id", "en"], default="auto")
        validate.add_argument("--years", default="", help="years that must be present, e.g. 2010-2023")
        validate.add_argument("--totals", type=Path, help="CSV of published totals to compare the sum with")
        validate.add_argument("--region-code", default="", help="BPS region code in --totals, e.g. 3324")
        validate.add_argument("--price-basis", choices=list(pdrb.PRICE_BASES), default="ADHK2010")
        validate.add_argument("--tolerance", type=float, default=1.0, help="juta rupiah (default 1.0)")

        demo = sub.add_parser("demo", help="illustrative 17-category split of the real Kendal/Jawa Tengah totals")
        demo.add_argument("--out", type=Path, required=True, help="output directory")
        demo.add_argument("--price-basis", choices=list(pdrb.PRICE_BASES), default="ADHK2010")

        store = sub.add_parser("import", help="store a PDRB table in the database (dry run unless --commit)")
        store.add_argument("file", type=Path, help="CSV or XLSX, BPS or long layout, juta rupiah")
        store.add_argument("--region", required=True, help="region name as shown and in readings, e.g. Kendal")
        store.add_argument("--region-code", default="", help="BPS or Kemendagri code, e.g. 3324 or 33.24")
        store.add_argument("--price-basis", type=str.upper, choices=list(pdrb.PRICE_BASES), required=True)
        store.add_argument("--source", default="", help="where the table comes from (default: the file name)")
        store.add_argument("--layout", choices=["auto", "bps", "long"], default="auto")
        store.add_argument("--sheet", default=None, help="sheet of a workbook with several sheets")
        store.add_argument("--number-format", choices=["auto", "id", "en"], default="auto")
        store.add_argument("--illustrative", action="store_true", help="the table is demo data, not official")
        store.add_argument("--replace", action="store_true", help="replace the stored series of this region")
        store.add_argument("--commit", action="store_true", help="store it (without: only check and report)")

        load_demo = sub.add_parser(
            "load-demo", help="store the ILLUSTRATIVE Kendal and Jawa Tengah series (idempotent) for the demo pages"
        )
        load_demo.add_argument("--price-basis", type=str.upper, choices=list(pdrb.PRICE_BASES), default="ADHK2010")

    def handle(self, *args: Any, **opts: Any) -> None:
        action = opts["action"]
        if action == "analyse":
            self.analyse(opts)
        elif action == "validate":
            self.validate(opts)
        elif action == "demo":
            self.demo(opts)
        elif action == "import":
            self.import_table(opts)
        elif action == "load-demo":
            self.load_demo(opts)

    # -- reading ---------------------------------------------------------------------------------------------

    def read(self, path: Path, **kwargs: Any) -> pdrb.PdrbTable:
        result = pdrb.read_pdrb(path, limits=services.upload_limits(), **kwargs)
        for issue in result.report.warnings:
            self.stderr.write(f"{path.name}: {issue}")
        if not result.report.ok:
            for issue in result.report.errors:
                self.stderr.write(f"{path.name}: {issue}")
            raise CommandError(
                _("%(file)s has %(n)d problem(s); nothing was analysed")
                % {"file": path.name, "n": len(result.report.errors)}
            )
        assert result.table is not None
        return result.table

    # -- analyse ---------------------------------------------------------------------------------------------

    def analyse(self, opts: dict[str, Any]) -> None:
        start, end = opts["start"], opts["end"]
        if end <= start:
            raise CommandError(_("--end (%(end)d) must be after --start (%(start)d)") % {"end": end, "start": start})
        common = {"layout": "long", "number_format": opts["number_format"], "expected_years": (start, end)}
        region = self.read(opts["region"], **common)
        reference = self.read(opts["reference"], **common)
        window = [y for y in region.years if start <= y <= end]
        reference_window = [y for y in reference.years if start <= y <= end]
        if window != reference_window:
            raise CommandError(
                _("The region has the years %(a)s and the reference %(b)s between %(start)d and %(end)d")
                % {"a": window, "b": reference_window, "start": start, "end": end}
            )
        region_values = region.values[:, [region.year_index(y) for y in window]]
        reference_values = reference.values[:, [reference.year_index(y) for y in window]]
        try:
            result = economy.analyse_sectors(
                region_values,
                reference_values,
                window,
                start,
                end,
                averaging=opts["averaging"],
                klassen_growth_basis=opts["klassen_growth"],
                klassen_share_basis=opts["klassen_share"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        reference_name = opts["reference_name"]
        if not reference_name:
            reference_name = opts["reference"].stem
            self.stderr.write(
                _("No --reference-name given: the readings call the reference %(name)r (its file name)")
                % {"name": reference_name}
            )
        out: Path = opts["out"]
        out.mkdir(parents=True, exist_ok=True)
        language = opts["language"]
        illustrative = region.illustrative or reference.illustrative
        self.write_outputs(out, result, reference_name, language, illustrative=illustrative)
        if illustrative:
            # said first, so that nobody reads the numbers below without it; every file has a `data` column too
            self.stdout.write(
                _("DATA CONTOH: the input is illustrative demo data, not official figures; every file says so.")
            )
        totals = result.shift.totals()
        self.stdout.write(
            _(
                "Shift-share %(start)d–%(end)d: growth %(d).2f = reference growth %(n).2f "
                "+ industry mix %(m).2f "
                "+ competitive %(c).2f (juta rupiah)"
            )
            % {
                "start": start,
                "end": end,
                "d": totals["total"],
                "n": totals["reference_growth"],
                "m": totals["industry_mix"],
                "c": totals["competitive"],
            }
        )
        names = [c.reading_name(language) for c in pdrb.CATEGORIES]
        for line in economy.sector_readings(
            names, result.lq_end, result.growth, result.reference_growth, reference_name, language
        ):
            self.stdout.write(line)
        self.stdout.write(
            _("Wrote lq.csv, dlq.csv, shift_share.csv, klassen.csv and readings.csv to %(dir)s") % {"dir": out}
        )

    def write_outputs(
        self,
        out: Path,
        result: economy.SectorAnalysis,
        reference_name: str,
        language: economy.Language,
        *,
        illustrative: bool = False,
    ) -> None:
        """The five CSV files; from illustrative input each ends with a ``data`` column "DATA CONTOH"."""
        codes = pdrb.CATEGORY_CODES

        def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
            if illustrative:
                header, rows = [*header, "data"], ([*row, "DATA CONTOH"] for row in rows)
            _write_csv(path, header, rows)

        lq_rows = [[code, _number(result.lq_start[i]), _number(result.lq_end[i])] for i, code in enumerate(codes)]
        _write(out / "lq.csv", ["category", "lq_start", "lq_end"], lq_rows)

        lq_dlq_keys = result.lq_dlq.key_array()
        lq_dlq_labels = result.lq_dlq.label_array(economy.DEFAULT_LQ_DLQ_LABELS, language)
        dlq_rows = [
            [
                code,
                _number(result.dlq[i]),
                _number(result.growth[i]),
                _number(result.reference_growth[i]),
                lq_dlq_keys[i],
                lq_dlq_labels[i],
            ]
            for i, code in enumerate(codes)
        ]
        _write(
            out / "dlq.csv",
            ["category", "dlq", "growth_region", "growth_reference", "lq_dlq_key", "lq_dlq_label"],
            dlq_rows,
        )

        s = result.shift
        allocation = result.allocation.key_array()
        shift_rows = [
            [
                code,
                *(
                    _number(a[i], 4)
                    for a in (
                        s.reference_growth,
                        s.industry_mix,
                        s.competitive,
                        s.total,
                        s.homothetic,
                        s.net_competitive,
                        s.allocation,
                    )
                ),
                allocation[i],
            ]
            for i, code in enumerate(codes)
        ]
        _write(
            out / "shift_share.csv",
            [
                "category",
                "reference_growth",
                "industry_mix",
                "competitive",
                "total",
                "em_homothetic",
                "em_net_competitive",
                "em_allocation",
                "em_allocation_type",
            ],
            shift_rows,
        )

        k = result.klassen
        numbers = k.quadrants.number_array(economy.DEFAULT_KLASSEN_SECTOR_LABELS)
        labels = k.quadrants.label_array(economy.DEFAULT_KLASSEN_SECTOR_LABELS, language)
        keys = k.quadrants.key_array()
        klassen_rows = [
            [
                code,
                numbers[i],
                labels[i],
                keys[i],
                _number(k.growth[i]),
                _number(k.reference_growth[i]),
                _number(k.level[i]),
                _number(k.reference_level[i]),
            ]
            for i, code in enumerate(codes)
        ]
        _write(
            out / "klassen.csv",
            [
                "category",
                "quadrant",
                "label",
                "quadrant_key",
                "growth",
                "reference_growth",
                "share",
                "reference_share",
            ],
            klassen_rows,
        )

        readings = {
            lang: economy.sector_readings(
                [c.reading_name(lang) for c in pdrb.CATEGORIES],
                result.lq_end,
                result.growth,
                result.reference_growth,
                reference_name,
                lang,
            )
            for lang in ("id", "en")
        }
        _write(
            out / "readings.csv",
            ["category", "reading_id", "reading_en"],
            [[code, readings["id"][i], readings["en"][i]] for i, code in enumerate(codes)],
        )

    # -- validate --------------------------------------------------------------------------------------------

    def validate(self, opts: dict[str, Any]) -> None:
        totals = None
        if opts["totals"]:
            if not opts["region_code"]:
                raise CommandError(_("--totals needs --region-code (the BPS code of the region in that file)"))
            try:
                totals = pdrb.read_bps_totals(opts["totals"], opts["region_code"], opts["price_basis"])
            except (OSError, ValueError, KeyError) as exc:
                raise CommandError(str(exc)) from exc
        result = pdrb.read_pdrb(
            opts["file"],
            layout=opts["layout"],
            sheet=opts["sheet"],
            number_format=opts["number_format"],
            expected_years=_year_range(opts["years"]) if opts["years"] else None,
            published_totals=totals,
            abs_tolerance=opts["tolerance"],
            limits=services.upload_limits(),
        )
        report = result.report
        for note in report.notes:
            self.stdout.write(_("skipped %(line)s") % {"line": note})
        for issue in report.issues:
            self.stderr.write(str(issue))
        if not report.ok:
            raise CommandError(
                _("%(file)s: %(n)d error(s), %(w)d warning(s)")
                % {"file": opts["file"].name, "n": len(report.errors), "w": len(report.warnings)}
            )
        assert result.table is not None
        years = result.table.years
        self.stdout.write(
            _(
                "%(file)s is valid: %(layout)s layout, %(format)s numbers, 17 categories, "
                "%(first)d–%(last)d, "
                "%(w)d warning(s)"
            )
            % {
                "file": opts["file"].name,
                "layout": report.layout,
                "format": report.number_format,
                "first": years[0],
                "last": years[-1],
                "w": len(report.warnings),
            }
        )

    # -- demo ------------------------------------------------------------------------------------------------

    def demo(self, opts: dict[str, Any]) -> None:
        data_dir: Path | None = getattr(settings, "PETAKAN_DATA_DIR", None)
        if data_dir is None:
            raise CommandError(
                _("PETAKAN_DATA_DIR is not set (the folder of reference data, e.g. shared/data beside the checkout)")
            )
        totals_path = Path(data_dir) / TOTALS_FILE
        if not totals_path.is_file():
            raise CommandError(_("%(file)s not found in %(dir)s") % {"file": TOTALS_FILE, "dir": data_dir})
        out: Path = opts["out"]
        out.mkdir(parents=True, exist_ok=True)
        basis = opts["price_basis"]
        for code, pattern in DEMO_REGIONS:
            try:
                totals = pdrb.read_bps_totals(totals_path, code, basis)
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            table = pdrb.illustrative_split(
                totals,
                *pdrb.ILLUSTRATIVE_SHARES[code],
                year_notes=pdrb.read_bps_status_notes(totals_path, code, basis),
            )
            path = out / pattern.format(basis=basis.lower())
            pdrb.write_long_csv(table, path)
            self.stdout.write(
                _("Wrote %(path)s: ILLUSTRATIVE split (DATA CONTOH) of the real BPS totals %(first)d–%(last)d")
                % {"path": path, "first": table.years[0], "last": table.years[-1]}
            )

    # -- import / load-demo: the database ---------------------------------------------------------------------

    def import_table(self, opts: dict[str, Any]) -> None:
        path: Path = opts["file"]
        result = pdrb.read_pdrb(
            path,
            layout=opts["layout"],
            sheet=opts["sheet"],
            number_format=opts["number_format"],
            limits=services.upload_limits(),
        )
        report = result.report
        for issue in report.issues:
            self.stderr.write(f"{path.name}: {issue}")
        if not report.ok:
            raise CommandError(
                _("%(file)s has %(n)d error(s); nothing was stored") % {"file": path.name, "n": len(report.errors)}
            )
        table = result.table
        assert table is not None
        region = opts["region"].strip()
        illustrative = opts["illustrative"] or table.illustrative
        what = _("%(region)s %(basis)s%(demo)s, 17 categories × %(n)d years %(first)d–%(last)d") % {
            "region": region,
            "basis": opts["price_basis"],
            "demo": " (" + _("ILLUSTRATIVE") + ")" if illustrative else "",
            "n": len(table.years),
            "first": table.years[0],
            "last": table.years[-1],
        }
        if not opts["commit"]:
            existing = services.find_series(region, opts["price_basis"], illustrative)
            self.stdout.write(_("Dry run: %(file)s is valid: %(what)s.") % {"file": path.name, "what": what})
            if existing is not None and not opts["replace"]:
                self.stdout.write(
                    _("A series %(series)s exists; --commit will refuse unless --replace is given.")
                    % {"series": existing}
                )
            self.stdout.write(_("Nothing was stored; run again with --commit to store it."))
            return
        source = opts["source"].strip()
        if not source:
            source = path.name
            self.stderr.write(_("No --source given: the file name %(name)r is stored as the source") % {"name": source})
        data = path.read_bytes()
        try:
            series, replaced = services.store_series(
                table,
                region_name=region,
                region_code=opts["region_code"].strip(),
                price_basis=opts["price_basis"],
                source=source,
                origin=Origin.COMMAND,
                illustrative=illustrative,
                replace=opts["replace"],
                layout=report.layout,
                number_format=report.number_format,
                file_name=path.name,
                file_sha256=services.sha256(data),
            )
        except services.SeriesExistsError as exc:
            raise CommandError(
                _("A series %(series)s exists already; add --replace to replace it") % {"series": exc.series}
            ) from exc
        self.stdout.write(
            _("Stored %(what)s as series %(id)d%(replaced)s.")
            % {"what": what, "id": series.pk, "replaced": " " + _("(replacing the old one)") if replaced else ""}
        )

    def load_demo(self, opts: dict[str, Any]) -> None:
        data_dir: Path | None = getattr(settings, "PETAKAN_DATA_DIR", None)
        if data_dir is None:
            raise CommandError(
                _("PETAKAN_DATA_DIR is not set (the folder of reference data, e.g. shared/data beside the checkout)")
            )
        try:
            results = services.load_demo(Path(data_dir), opts["price_basis"])
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        for item in results:
            years = services.series_years(item.series)
            self.stdout.write(
                _("%(action)s %(series)s: real BPS totals %(first)d–%(last)d split ILLUSTRATIVELY (data contoh)")
                % {
                    "action": _("Replaced") if item.replaced else _("Stored"),
                    "series": item.series,
                    "first": years[0],
                    "last": years[-1],
                }
            )


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv_writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
