"""``petakan index …``: build a composite index from a data table, an indicator tree and a pipeline file.

    petakan index run --data DATA.csv --meta META.csv [--config PIPELINE.yaml] --out DIR [--correlation-matrices]
    petakan index sensitivity --data DATA.csv --meta META.csv --config PIPELINE.yaml --runs N --seed S --out DIR
    petakan index regenerate --log DIR/log.json --data DATA.csv --out DIR2 [--correlation-matrices]
    petakan index compare --log-a A/log.json --log-b B/log.json --data DATA.csv --out DIR

The computation is :mod:`petakan.lib.index`; this command only reads files, calls it and writes files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from petakan.lib.cells import frame_for_export
from petakan.lib.index import (
    DEFAULT_CONFIG,
    IndexInputError,
    IndexMethodError,
    Run,
    build,
    compare,
    jsonable,
    parse_framework,
    read_inputs,
    read_table,
    regenerate,
    sensitivity,
)
from petakan.lib.index.inputs import read_table_header
from petakan.lib.index.sensitivity import MIN_BOOTSTRAP_N, too_uncertain
from petakan.lib.writers import dumps_indented, write_frame_csv

SHOWN_PROBLEMS = 50


class Command(BaseCommand):
    help = "Composite index (COINr-style pipeline): run, sensitivity analysis, regenerate, compare."
    # files in, files out: the project checks (which import every URL module, 1.5 s) guard nothing here
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="build the index; write scores.csv, log.json, audit.json")
        self._inputs(run)
        run.add_argument("--out", required=True, type=Path, help="output directory")
        self._matrices(run)
        sens = sub.add_parser("sensitivity", help="Monte Carlo rank intervals and Sobol sensitivity indices")
        self._inputs(sens)
        sens.add_argument("--runs", type=int, default=100, help="base sample size N (Sobol: N·(d+2) evaluations)")
        sens.add_argument("--seed", type=int, default=0, help="random seed (same seed, same result)")
        sens.add_argument(
            "--method",
            choices=["sobol", "uncertainty", "factorial"],
            default="sobol",
            help="factorial: every combination of the (discrete) assumptions once, exact indices of that design",
        )
        sens.add_argument("--target", default=None, help="aggregate code to analyse (default: config or top)")
        sens.add_argument(
            "--assumptions",
            type=Path,
            default=None,
            help="YAML with a list of assumptions (default: sensitivity.assumptions of the config)",
        )
        sens.add_argument(
            "--bootstrap", type=int, default=1000, help="bootstrap samples for the 95 %% intervals (0: none)"
        )
        sens.add_argument("--out", required=True, type=Path, help="output directory")
        regen = sub.add_parser("regenerate", help="rebuild a run from its log.json and the same data")
        regen.add_argument("--log", required=True, type=Path)
        regen.add_argument("--data", required=True, type=Path)
        regen.add_argument("--out", required=True, type=Path)
        self._matrices(regen)
        regen.add_argument(
            "--allow-other-data", action="store_true", help="apply the logged methodology to data with another digest"
        )
        cmp_ = sub.add_parser("compare", help="compare two runs (two log.json files) unit by unit")
        cmp_.add_argument("--log-a", required=True, type=Path)
        cmp_.add_argument("--log-b", required=True, type=Path)
        cmp_.add_argument("--data", required=True, type=Path)
        cmp_.add_argument("--code", default=None, help="aggregate to compare (default: top level)")
        cmp_.add_argument("--out", required=True, type=Path)

    @staticmethod
    def _matrices(p: CommandParser) -> None:
        p.add_argument(
            "--correlation-matrices",
            action="store_true",
            help="also write the Pearson and Spearman matrices of every pair of indicators and aggregates into "
            "audit.json (without it the audit computes only the correlations it reports: each node with its "
            "parent and the top, and children with each other)",
        )

    @staticmethod
    def _inputs(p: CommandParser) -> None:
        p.add_argument("--data", required=True, type=Path, help="units × columns table (CSV or XLSX)")
        p.add_argument("--meta", required=True, type=Path, help="indicator tree table (CSV or XLSX)")
        p.add_argument("--config", type=Path, default=None, help="pipeline configuration (YAML)")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            getattr(self, f"_{opts['action']}")(opts)
        except IndexInputError as exc:
            lines = [p.message for p in exc.problems[:SHOWN_PROBLEMS]]
            more = len(exc.problems) - SHOWN_PROBLEMS
            if more > 0:
                lines.append(_("… and %(n)d more problem(s)") % {"n": more})
            raise CommandError(
                _("%(n)d problem(s) in the inputs:") % {"n": len(exc.problems)} + "\n" + "\n".join(lines)
            ) from exc
        except IndexMethodError as exc:
            raise CommandError(_("Method cannot be applied: %(msg)s") % {"msg": exc.message}) from exc

    # -- helpers -------------------------------------------------------------------------------------------
    def _yaml(self, path: Path) -> Any:
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise CommandError(_("%(path)s is not valid YAML: %(err)s") % {"path": path, "err": exc}) from exc

    def _build(self, opts: dict[str, Any]) -> Run:
        data, meta = read_inputs(opts["data"], opts["meta"])
        if opts["config"] is None:
            config = DEFAULT_CONFIG
            self.stdout.write(
                _(
                    "No --config given: using the default pipeline (min-max 0-100, arithmetic mean, meta weights); "
                    "it is recorded in log.json."
                )
            )
        else:
            config = self._yaml(opts["config"])
        return build(data, meta, config)

    def _write_json(self, path: Path, obj: Any) -> None:
        # the text of json.dumps(…, indent=1, ensure_ascii=False, allow_nan=False), without its pure-Python encoder
        path.write_text(dumps_indented(jsonable(obj), indent=1), encoding="utf-8")

    def _check_units(self, run: Run) -> Run:
        if len(run.rows) < 2:
            # the screen step left fewer than two units: nothing was compared, so nothing is written
            raise CommandError(
                _("Only %(n)d unit(s) left after screening: an index needs at least 2 to compare; nothing written.")
                % {"n": len(run.rows)}
            )
        return run

    def _report(self, run: Run, out: Path, table: pd.DataFrame) -> None:
        top = run.framework.aggregates[0]
        self.stdout.write(
            _("%(units)d units scored, %(aggs)d aggregates; hash %(hash)s")
            % {"units": len(run.rows), "aggs": len(run.framework.aggregates), "hash": run.hash[:16]}
        )
        for _i, row in table.head(5).iterrows():
            self.stdout.write(f"  {row[f'{top}_rank']:>4} {row['unit_code']:<16} {row[f'{top}_score']:.2f}")
        for w in run.warnings:
            self.stdout.write(self.style.WARNING(w))
        self.stdout.write(_("Wrote %(dir)s") % {"dir": out})

    def _write_run(self, run: Run, out: Path, matrices: bool) -> None:
        out.mkdir(parents=True, exist_ok=True)
        table = run.results_table()  # sorted once: written, then its first rows shown
        write_frame_csv(table, out / "scores.csv")
        self._write_json(out / "log.json", run.log)
        # the n x n matrices are every pair of 77 columns over 84,000 units nationally; the audit reads a few pairs
        self._write_json(out / "audit.json", run.audit(correlation_matrices=matrices))
        self._report(run, out, table)

    # -- actions -------------------------------------------------------------------------------------------
    def _run(self, opts: dict[str, Any]) -> None:
        self._write_run(self._check_units(self._build(opts)), opts["out"], opts["correlation_matrices"])

    def _sensitivity(self, opts: dict[str, Any]) -> None:
        if opts["runs"] < 2:
            raise CommandError(_("--runs must be at least 2"))
        run = self._check_units(self._build(opts))
        assumptions = None
        if opts["assumptions"] is not None:
            assumptions = self._yaml(opts["assumptions"])
        elif not (run.config.get("sensitivity") or {}).get("assumptions"):
            raise CommandError(
                _("No uncertain assumptions: add sensitivity.assumptions to the config or pass --assumptions")
            )
        res = sensitivity(
            run,
            assumptions,
            n=opts["runs"],
            seed=opts["seed"],
            target=opts["target"],
            method=opts["method"],
            n_boot=opts["bootstrap"],
        )
        out: Path = opts["out"]
        out.mkdir(parents=True, exist_ok=True)
        frame_for_export(res.summary.reset_index()).to_csv(out / "ranks.csv", index=False)
        if res.indices is not None:
            frame_for_export(res.indices.reset_index()).to_csv(out / "sensitivity.csv", index=False)
        data = res.to_dict()
        data["run_hash"] = run.hash
        self._write_json(out / "sensitivity.json", data)
        self.stdout.write(
            _("%(n)d evaluations of %(target)s (seed %(seed)d)")
            % {"n": res.evaluations, "target": res.target, "seed": res.seed}
        )
        if res.indices is not None:
            for name, row in res.indices.iterrows():
                line = f"  {name:<20} S_i {row['first_order']:+.3f}  S_Ti {row['total']:+.3f}"
                if "first_order_low" in row:
                    line += (
                        f"  (95 %: S_i {row['first_order_low']:+.3f} … {row['first_order_high']:+.3f},"
                        f" S_Ti {row['total_low']:+.3f} … {row['total_high']:+.3f})"
                    )
                    uncertain = too_uncertain(row["first_order_low"], row["first_order_high"]) or too_uncertain(
                        row["total_low"], row["total_high"]
                    )
                    if uncertain or (opts["method"] == "sobol" and opts["runs"] < MIN_BOOTSTRAP_N):
                        line += "  " + _("too uncertain to read: use more --runs")
                self.stdout.write(line)
        for w in res.warnings:
            self.stdout.write(self.style.WARNING(w))
        self.stdout.write(_("Wrote %(dir)s") % {"dir": out})

    def _load_log(self, path: Path) -> dict[str, Any]:
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise CommandError(_("%(path)s is not valid JSON: %(err)s") % {"path": path, "err": exc}) from exc

    def _data_for(self, log: dict[str, Any], data_path: Path) -> pd.DataFrame:
        framework = parse_framework(pd.DataFrame(log.get("framework", [])))
        numeric = set(framework.indicators) | set(framework.denominators)
        header = read_table_header(data_path)
        return read_table(data_path, text_columns=[c for c in header if c not in numeric])

    def _regenerate(self, opts: dict[str, Any]) -> None:
        log = self._load_log(opts["log"])
        run = regenerate(log, self._data_for(log, opts["data"]), allow_other_data=opts["allow_other_data"])
        if run.hash == log.get("hash"):
            self.stdout.write(_("Regenerated run has the logged hash."))
        else:
            self.stdout.write(self.style.WARNING(_("Regenerated run has a different hash than the log.")))
        self._write_run(run, opts["out"], opts["correlation_matrices"])

    def _compare(self, opts: dict[str, Any]) -> None:
        log_a, log_b = self._load_log(opts["log_a"]), self._load_log(opts["log_b"])
        data = self._data_for(log_a, opts["data"])
        a = regenerate(log_a, data)
        b = regenerate(log_b, data)
        cmp_ = compare(a, b, opts["code"])
        out: Path = opts["out"]
        out.mkdir(parents=True, exist_ok=True)
        frame_for_export(cmp_.table.reset_index()).to_csv(out / "compare.csv", index=False)
        self._write_json(out / "compare.json", {"code": cmp_.code, **cmp_.summary})
        s = cmp_.summary["aggregates"].get(cmp_.code, {})
        self.stdout.write(
            _("%(code)s: mean absolute rank change %(mean)s, maximum %(max)s")
            % {"code": cmp_.code, "mean": s.get("mean_abs_rank_change"), "max": s.get("max_abs_rank_change")}
        )
        self.stdout.write(_("Wrote %(dir)s") % {"dir": out})
