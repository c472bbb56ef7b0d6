"""``petakan index run | sensitivity | regenerate | compare`` (management command ``index``)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from .conftest import EXAMPLES


def run_cmd(*args: str) -> None:
    call_command("index", *args)


def test_run_writes_scores_log_and_audit(asem_paths: tuple[Path, Path], tmp_path: Path) -> None:
    data, meta = asem_paths
    run_cmd(
        "run", "--data", str(data), "--meta", str(meta), "--config", str(EXAMPLES / "asem.yaml"), "--out", str(tmp_path)
    )
    scores = pd.read_csv(tmp_path / "scores.csv", dtype={"unit_code": str})
    assert list(scores.columns[:5]) == ["unit_code", "Index_score", "Index_rank", "Conn_score", "Conn_rank"]
    assert len(scores) == 51 and len(scores.columns) == 1 + 2 * 11
    che = scores.iloc[0]
    assert (che["unit_code"], round(che["Index_score"], 2), che["Index_rank"]) == ("CHE", 68.38, 1)
    ind = scores.set_index("unit_code").loc["IND"]
    assert (round(ind["Sust_score"], 2), ind["Sust_rank"]) == (50.99, 43)
    log = json.loads((tmp_path / "log.json").read_text())
    assert log["steps"][3]["params"]["winmax"] == 5
    audit = json.loads((tmp_path / "audit.json").read_text())
    assert audit["run_hash"] == log["hash"]


def test_without_a_config_the_default_pipeline_is_announced_and_logged(
    asem_paths: tuple[Path, Path], tmp_path: Path, capsys
) -> None:
    data, meta = asem_paths
    run_cmd("run", "--data", str(data), "--meta", str(meta), "--out", str(tmp_path))
    assert "alur bawaan" in capsys.readouterr().out
    log = json.loads((tmp_path / "log.json").read_text())
    assert log["config"]["name"].startswith("default")


def test_sensitivity_writes_rank_intervals_and_indices(asem_paths: tuple[Path, Path], tmp_path: Path) -> None:
    data, meta = asem_paths
    run_cmd(
        "sensitivity",
        "--data",
        str(data),
        "--meta",
        str(meta),
        "--config",
        str(EXAMPLES / "asem.yaml"),
        "--runs",
        "16",
        "--seed",
        "5",
        "--out",
        str(tmp_path),
    )
    ranks = pd.read_csv(tmp_path / "ranks.csv")
    assert list(ranks.columns[:6]) == ["unit_code", "nominal_rank", "median_rank", "mean_rank", "q05_rank", "q95_rank"]
    indices = pd.read_csv(tmp_path / "sensitivity.csv")
    assert indices["assumption"].tolist() == ["winmax", "normalisation", "weights", "aggregation"]
    assert {"first_order_low", "total_high"} <= set(indices.columns)  # 95 % intervals by default
    assert "q05_score" not in ranks.columns  # the normalisation varies: no scores on different scales
    assert json.loads((tmp_path / "sensitivity.json").read_text())["evaluations"] == 16 * 6


def test_sensitivity_of_a_small_sample_says_it_is_too_uncertain(
    asem_paths: tuple[Path, Path], tmp_path: Path, capsys
) -> None:
    data, meta = asem_paths
    config = str(EXAMPLES / "asem.yaml")
    run_cmd(
        "sensitivity",
        "--data",
        str(data),
        "--meta",
        str(meta),
        "--config",
        config,
        "--runs",
        "8",
        "--out",
        str(tmp_path),
    )
    out = capsys.readouterr().out
    assert out.count("terlalu tidak pasti untuk dibaca") == 4 and "(95 %: S_i" in out  # commands speak Indonesian


def test_regenerate_rebuilds_the_logged_run(asem_paths: tuple[Path, Path], tmp_path: Path, capsys) -> None:
    data, meta = asem_paths
    run_cmd(
        "run",
        "--data",
        str(data),
        "--meta",
        str(meta),
        "--config",
        str(EXAMPLES / "asem.yaml"),
        "--out",
        str(tmp_path / "a"),
    )
    run_cmd("regenerate", "--log", str(tmp_path / "a" / "log.json"), "--data", str(data), "--out", str(tmp_path / "b"))
    assert "hash yang sama dengan log" in capsys.readouterr().out
    assert (tmp_path / "a" / "scores.csv").read_text() == (tmp_path / "b" / "scores.csv").read_text()


def test_bad_inputs_stop_with_the_problems_listed(asem_paths: tuple[Path, Path], tmp_path: Path) -> None:
    data, meta = asem_paths
    bad_meta = tmp_path / "meta.csv"
    table = pd.read_csv(meta)
    table.loc[table["iCode"] == "LPI", "Parent"] = "Physicall"
    table.to_csv(bad_meta, index=False)
    with pytest.raises(CommandError, match=r"meta row 1 \(LPI\): parent 'Physicall' is not a code"):
        run_cmd("run", "--data", str(data), "--meta", str(bad_meta), "--out", str(tmp_path / "o"))


def test_a_bad_config_file_is_reported(asem_paths: tuple[Path, Path], tmp_path: Path) -> None:
    data, meta = asem_paths
    cfg = tmp_path / "p.yaml"
    cfg.write_text("steps:\n  - {step: normalise, method: minmax, range: [0, 100]}\n  - {step: aggregate, p: x}\n")
    with pytest.raises(CommandError, match=r"steps\[1\]\.p"):
        run_cmd("run", "--data", str(data), "--meta", str(meta), "--config", str(cfg), "--out", str(tmp_path / "o"))
