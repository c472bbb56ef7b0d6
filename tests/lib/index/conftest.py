"""Fixtures for the composite index engine tests: COINr's ASEM example and small hand-made trees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from petakan.lib.index import Run, build, read_inputs

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@pytest.fixture(scope="session")
def asem_paths(data_dir: Path) -> tuple[Path, Path]:
    base = data_dir / "oracles" / "coinr_asem"
    return base / "ASEM_iData.csv", base / "ASEM_iMeta.csv"


@pytest.fixture(scope="session")
def asem_tables(asem_paths: tuple[Path, Path]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return read_inputs(*asem_paths)


@pytest.fixture(scope="session")
def asem_config() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / "asem.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def asem_run(asem_tables: tuple[pd.DataFrame, pd.DataFrame], asem_config: dict[str, Any]) -> Run:
    data, meta = asem_tables
    return build(data, meta, asem_config)


def tree(rows: list[tuple[Any, ...]]) -> pd.DataFrame:
    """Meta table from (level, code, parent, direction, weight, type) tuples."""
    return pd.DataFrame(rows, columns=["Level", "iCode", "Parent", "Direction", "Weight", "Type"])


@pytest.fixture
def small_meta() -> pd.DataFrame:
    """Two pillars of two indicators under one index; b is 'lower is better'."""
    return tree(
        [
            (1, "a", "P", 1, 1, "Indicator"),
            (1, "b", "P", -1, 1, "Indicator"),
            (1, "c", "Q", 1, 1, "Indicator"),
            (1, "d", "Q", 1, 3, "Indicator"),
            (2, "P", "I", 1, 1, "Aggregate"),
            (2, "Q", "I", 1, 1, "Aggregate"),
            (3, "I", None, 1, 1, "Aggregate"),
            (None, "grp", None, None, None, "Group"),
        ]
    )


@pytest.fixture
def small_data() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "uCode": ["U1", "U2", "U3", "U4"],
            "grp": ["x", "x", "y", "y"],
            "a": [2.0, 4.0, 6.0, 10.0],
            "b": [1.0, 3.0, 2.0, 5.0],
            "c": [0.0, 10.0, 5.0, 5.0],
            "d": [1.0, 2.0, 3.0, 4.0],
        }
    )


MINIMAL: dict[str, Any] = {
    "steps": [
        {"step": "normalise", "method": "minmax", "range": [0, 100]},
        {"step": "aggregate", "method": "arithmetic"},
    ]
}
