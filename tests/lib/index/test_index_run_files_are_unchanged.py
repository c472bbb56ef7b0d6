"""``petakan index run`` writes the same bytes as the previous writers (pandas' to_csv, json.dumps(indent=1)); its
audit holds the n×n correlation matrices only when asked."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from django.core.management import call_command

from petakan.lib.cells import frame_for_export
from petakan.lib.index import Run, build, jsonable, read_inputs

from .conftest import EXAMPLES


def run_files(asem_paths: tuple[Path, Path], out: Path, *extra: str) -> None:
    data_path, meta_path = asem_paths
    args = ["--data", str(data_path), "--meta", str(meta_path), "--config", str(EXAMPLES / "asem.yaml")]
    call_command("index", "run", *args, "--out", str(out), *extra)


def asem_run(asem_paths: tuple[Path, Path]) -> Run:
    data, meta = read_inputs(*asem_paths)
    return build(data, meta, yaml.safe_load((EXAMPLES / "asem.yaml").read_text(encoding="utf-8")))


def previous_json(obj: object) -> str:
    return json.dumps(jsonable(obj), indent=1, ensure_ascii=False, allow_nan=False)


def test_the_run_files_are_byte_identical_to_the_previous_writers(
    asem_paths: tuple[Path, Path], tmp_path: Path
) -> None:
    run_files(asem_paths, tmp_path / "out")
    run = asem_run(asem_paths)
    frame_for_export(run.results_table()).to_csv(tmp_path / "scores.csv", index=False)
    assert (tmp_path / "out" / "scores.csv").read_bytes() == (tmp_path / "scores.csv").read_bytes()
    assert (tmp_path / "out" / "log.json").read_text(encoding="utf-8") == previous_json(run.log)
    audit = (tmp_path / "out" / "audit.json").read_text(encoding="utf-8")
    assert audit == previous_json(run.audit(correlation_matrices=False))
    assert '"pearson": [' not in audit and '"with_parent"' in audit


def test_the_correlation_matrices_are_written_when_asked(asem_paths: tuple[Path, Path], tmp_path: Path) -> None:
    run_files(asem_paths, tmp_path / "out", "--correlation-matrices")
    audit = (tmp_path / "out" / "audit.json").read_text(encoding="utf-8")
    assert audit == previous_json(asem_run(asem_paths).audit())
    assert len(json.loads(audit)["correlations"]["pearson"]) == 49 + 11
