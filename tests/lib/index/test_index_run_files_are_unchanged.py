"""``petakan index run`` writes the same bytes as the previous writers: pandas' to_csv and json.dumps(indent=1)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from django.core.management import call_command

from petakan.lib.cells import frame_for_export
from petakan.lib.index import build, jsonable, read_inputs

from .conftest import EXAMPLES


def test_the_run_files_are_byte_identical_to_the_previous_writers(
    asem_paths: tuple[Path, Path], tmp_path: Path
) -> None:
    data_path, meta_path = asem_paths
    config = EXAMPLES / "asem.yaml"
    out = tmp_path / "out"
    call_command(
        "index", "run", "--data", str(data_path), "--meta", str(meta_path), "--config", str(config), "--out", str(out)
    )
    data, meta = read_inputs(data_path, meta_path)
    run = build(data, meta, yaml.safe_load(config.read_text(encoding="utf-8")))
    frame_for_export(run.results_table()).to_csv(tmp_path / "scores.csv", index=False)
    assert (out / "scores.csv").read_bytes() == (tmp_path / "scores.csv").read_bytes()
    for name, obj in (("log.json", run.log), ("audit.json", run.audit())):
        text = json.dumps(jsonable(obj), indent=1, ensure_ascii=False, allow_nan=False)
        assert (out / name).read_text(encoding="utf-8") == text, name
