"""``petakan idm …``: score IDM from an item-score file, print an edition's item catalogue, list editions."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from petakan.idm import services
from petakan.idm.problems import problem_lines
from petakan.lib.cells import csv_writer, frame_for_export
from petakan.lib.idm import (
    DEFAULT_EDITION,
    Edition,
    EditionError,
    IdmInputError,
    Problem,
    available_editions,
    load_edition,
    parse_scores,
    read_known_codes,
    read_table,
    score_matrix,
)

VILLAGES_FILE = "indonesia_villages.csv"
SHOWN_PROBLEMS = 50
NATIONAL_VILLAGES = 84_000  # about the 83,762 villages of Kepmendagri 2025, for caps when codes are not checked


class Command(BaseCommand):
    help = (
        "IDM (Indeks Desa Membangun): score village-years from item scores, show an edition's items, import scores "
        "and official series, load demo data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        score = sub.add_parser("score", help="compute IKS, IKE, IKL, IDM and status for a score file")
        score.add_argument("--input", required=True, type=Path, help="CSV or XLSX: code, year, iks_01 … ikl_03")
        score.add_argument("--out", required=True, type=Path, help="output CSV or XLSX: input rows + results")
        score.add_argument("--edition", default=DEFAULT_EDITION, help="edition code or YAML file")
        score.add_argument("--thresholds", default=None, help="named cut-off set of the edition (default: its own)")
        score.add_argument("--sheet", default=None, help="sheet to read from a workbook with several sheets")
        score.add_argument("--no-code-check", action="store_true", help=f"do not check codes against {VILLAGES_FILE}")
        score.add_argument(
            "--allow-incomplete", action="store_true", help="keep rows with blank scores; they get no IDM"
        )
        score.add_argument("--report", type=Path, default=None, help="write every problem to this CSV")
        items = sub.add_parser("items", help="print the item catalogue of an edition")
        items.add_argument("--edition", default=DEFAULT_EDITION, help="edition code or YAML file")
        items.add_argument("--language", choices=["id", "en"], default="id")
        sub.add_parser("editions", help="list the editions shipped with Petakan")
        imp = sub.add_parser("import-scores", help="check (dry run) or store item scores from a CSV/XLSX file")
        imp.add_argument("file", type=Path, help="CSV or XLSX: code, [year,] iks_01 … ikl_03")
        imp.add_argument("--year", type=int, default=None, help="the year of the file: fills a missing year column")
        imp.add_argument("--sheet", default=None, help="sheet to read from a workbook with several sheets")
        imp.add_argument("--commit", action="store_true", help="store every row (all or nothing); default: dry run")
        off = sub.add_parser("import-official", help="check (dry run) or store a published IDM series")
        off.add_argument("file", type=Path, help="CSV or XLSX: code, year, iks, ike, ikl, idm, status")
        off.add_argument("--source", required=True, help="publisher, edition and date of the series")
        off.add_argument("--sheet", default=None, help="sheet to read from a workbook with several sheets")
        off.add_argument("--commit", action="store_true", help="store every row (all or nothing); default: dry run")
        demo = sub.add_parser(
            "load-demo", help="generate seeded DATA CONTOH item scores for every desa (IDM is defined for desa only)"
        )
        demo.add_argument("--year", type=int, required=True)

    def handle(self, *args: Any, **opts: Any) -> None:
        action = opts["action"]
        if action == "editions":
            for code in available_editions():
                self.stdout.write(code)
            return
        if action in ("import-scores", "import-official"):
            self._import(action, opts)
            return
        if action == "load-demo":
            self._load_demo(opts["year"])
            return
        edition = self._edition(opts["edition"])
        if action == "items":
            self._items(edition, opts["language"])
        else:
            self._score(edition, opts)

    def _edition(self, ref: str) -> Edition:
        try:
            return load_edition(ref)
        except (FileNotFoundError, EditionError) as exc:
            raise CommandError(str(exc)) from exc

    def _items(self, edition: Edition, language: str) -> None:
        self.stdout.write(f"{edition.code}: {edition.name.get(language)}")
        rule = edition.status_rule()
        levels = " < ".join(level.name.get(language) for level in edition.statuses)
        self.stdout.write(_("Statuses: %(levels)s") % {"levels": levels})
        self.stdout.write(_("Cut-offs: %(rule)s") % {"rule": rule.describe()})
        other = ", ".join(name for name in edition.thresholds if name != edition.default_thresholds)
        if other:
            self.stdout.write(_("Other cut-off sets: %(names)s") % {"names": other})
        values = edition.point_values
        for index in edition.indices:
            max_sum = int(edition.index_max[edition.index_codes.index(index.code)])
            self.stdout.write(
                _("%(code)s = sum of %(code)s item scores / %(max)d; one point adds %(value).7f to IDM")
                % {"code": index.code.upper(), "max": max_sum, "value": values[index.code]}
            )
        self.stdout.write(
            _("%(code)s = mean of %(indices)s")
            % {
                "code": edition.composite_code.upper(),
                "indices": ", ".join(c.upper() for c in edition.index_codes),
            }
        )
        dimension_names = {d.code: d.name.get(language) for d in edition.dimensions}
        variable_names = {v.code: v.name.get(language) for d in edition.dimensions for v in d.variables}
        header = (_("code"), _("max"), _("dimension / variable"), _("item"), _("rubric"))
        self.stdout.write("")
        self.stdout.write(f"{header[0]:<7} {header[1]:>3}  {header[2]:<48} {header[3]} [{header[4]}]")
        for item in edition.items:
            group = f"{dimension_names[item.dimension]} / {variable_names[item.variable]}"
            rubric = len(item.rubric.rules) if item.rubric else 0
            self.stdout.write(
                f"{item.code:<7} {item.max_score:>3}  {group[:48]:<48} {item.name.get(language)} [{rubric}]"
            )

    def _score(self, edition: Edition, opts: dict[str, Any]) -> None:
        thresholds = opts["thresholds"]
        if thresholds is not None and thresholds not in edition.thresholds:
            raise CommandError(
                _("Unknown cut-off set %(name)s; edition %(edition)s has: %(known)s")
                % {"name": thresholds, "edition": edition.code, "known": ", ".join(edition.thresholds)}
            )
        known_codes = None if opts["no_code_check"] else self._known_codes()
        try:
            # Scoring needs no database: without the code check, the caps are those of the whole country.
            villages = len(known_codes) if known_codes is not None else NATIONAL_VILLAGES
            table = read_table(opts["input"], sheet=opts["sheet"], limits=services.upload_limits(villages))
            parsed = parse_scores(table, edition, known_codes, allow_incomplete=opts["allow_incomplete"])
        except IdmInputError as exc:
            self._report(opts["report"], exc.problems)
            self._show_problems(exc.problems)
            raise CommandError(
                _("%(file)s: %(count)d problem(s); no output was written")
                % {"file": exc.source, "count": len(exc.problems)}
            ) from exc
        result = score_matrix(edition, parsed.scores, thresholds)
        frame = pd.DataFrame(parsed.table.cells, columns=parsed.table.header)
        for code in edition.index_codes:
            frame[code] = result.formatted(code)
        frame[edition.composite_code] = result.formatted(edition.composite_code)
        frame["status"] = result.status_names("id")
        _write_atomically(frame, opts["out"])
        self._report(opts["report"], parsed.incomplete)
        if parsed.incomplete:
            self._show_problems(parsed.incomplete)
            rows = len({p.row for p in parsed.incomplete})
            self.stderr.write(_("%(rows)d village-year(s) with missing items got no IDM") % {"rows": rows})
        counts = np.bincount(result.status[result.status >= 0], minlength=len(edition.statuses))
        summary = ", ".join(f"{level.name.id} {int(n)}" for level, n in zip(edition.statuses, counts, strict=True))
        self.stdout.write(
            _("Scored %(rows)d village-year(s) with %(edition)s (%(rule)s): %(summary)s. Written to %(out)s")
            % {
                "rows": len(parsed),
                "edition": edition.code,
                "rule": result.rule.thresholds,
                "summary": summary,
                "out": opts["out"],
            }
        )

    def _import(self, action: str, opts: dict[str, Any]) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            table = read_table(path, sheet=opts["sheet"], limits=services.upload_limits())
        except IdmInputError as exc:
            self._show_lines(problem_lines(exc.problems))
            raise CommandError(_("%(file)s cannot be read; nothing was imported") % {"file": path.name}) from exc
        if action == "import-scores":
            report = services.import_scores(table, None, year=opts["year"], commit=opts["commit"])
        else:
            report = services.import_official(table, opts["source"], None, commit=opts["commit"])
        if report.warnings:
            self.stderr.write(_("Warnings (the import goes on):"))
            self._show_lines(report.warnings)
        if report.problems:
            self._show_lines(report.problems)
            raise CommandError(
                _("%(file)s: %(count)d problem(s); nothing was imported")
                % {"file": path.name, "count": len(report.problems)}
            )
        counts = {"new": report.count_new, "replace": report.count_replace, "same": report.count_unchanged}
        if report.committed:
            self.stdout.write(
                _("Stored %(rows)d row(s): %(new)d new, %(replace)d replaced, %(same)d unchanged")
                % {"rows": len(report.planned), **counts}
            )
        else:
            self.stdout.write(
                _(
                    "Dry run: %(rows)d row(s) pass every check (%(new)d new, %(replace)d to replace, "
                    "%(same)d unchanged); nothing was written. Run again with --commit to store them."
                )
                % {"rows": len(report.planned), **counts}
            )

    def _load_demo(self, year: int) -> None:
        try:
            report = services.load_demo(year)
        except services.DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _("IDM demo data (DATA CONTOH) %(year)d: %(created)d created, %(updated)d updated, %(same)d unchanged")
            % {"year": year, "created": report.created, "updated": report.updated, "same": report.unchanged}
        )
        if report.kept:
            self.stdout.write(
                _("%(n)d village(s) keep their entered or imported scores: %(codes)s")
                % {"n": len(report.kept), "codes": ", ".join(report.kept[:20])}
            )

    def _show_lines(self, lines: list[Any]) -> None:
        for line in lines[:SHOWN_PROBLEMS]:
            where = ", ".join(
                part
                for part in (f"row {line.row}" if line.row else "", f"column {line.column}" if line.column else "")
                if part
            )
            self.stderr.write(f"{where}: {line.message}" if where else line.message)
        if len(lines) > SHOWN_PROBLEMS:
            self.stderr.write(_("… %(count)d more") % {"count": len(lines) - SHOWN_PROBLEMS})

    def _known_codes(self) -> frozenset[str]:
        data_dir = settings.PETAKAN_DATA_DIR
        if data_dir is None:
            raise CommandError(_("PETAKAN_DATA_DIR is not set: set it to check village codes, or pass --no-code-check"))
        path = Path(data_dir) / VILLAGES_FILE
        if not path.is_file():
            raise CommandError(
                _("%(path)s not found: needed to check village codes (or pass --no-code-check)") % {"path": path}
            )
        return read_known_codes(path)

    def _show_problems(self, problems: list[Problem]) -> None:
        for problem in problems[:SHOWN_PROBLEMS]:
            self.stderr.write(str(problem))
        if len(problems) > SHOWN_PROBLEMS:
            self.stderr.write(
                _("… %(count)d more; use --report FILE for the full list") % {"count": len(problems) - SHOWN_PROBLEMS}
            )

    def _report(self, path: Path | None, problems: list[Problem]) -> None:
        if path is None:
            return
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv_writer(handle)
            writer.writerow(["row", "column", "value", "reason", "severity", "message"])
            for p in problems:
                writer.writerow([p.row or "", p.column or "", p.value or "", p.reason, p.severity, p.message])


def _write_atomically(frame: pd.DataFrame, path: Path) -> None:
    """Write CSV or XLSX (by extension) via a temporary file: a failure never leaves a partial output."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise CommandError(_("--out must end in .csv or .xlsx, got %(path)s") % {"path": path})
    directory = path.resolve().parent
    if not directory.is_dir():
        raise CommandError(_("Output folder %(dir)s does not exist") % {"dir": directory})
    handle, temporary = tempfile.mkstemp(suffix=suffix, dir=directory)
    os.close(handle)
    try:
        if suffix == ".csv":
            frame_for_export(frame).to_csv(temporary, index=False, encoding="utf-8")
        else:
            frame_for_export(frame).to_excel(temporary, index=False)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
