"""Fixtures of the profile tests: the packaged schema, the Kendal demo inputs and small workbooks to break."""

from __future__ import annotations

import copy
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from openpyxl import Workbook, load_workbook

from petakan.lib.profile import (
    DemoInputs,
    Schema,
    default_schema_path,
    load_demo_inputs,
    load_schema,
    template_rows,
    write_template,
)

# Three real Kendal villages: a highland desa, a coastal desa and a coastal kelurahan.
SAMPLE_CODES = ("33.24.06.2003", "33.24.13.2014", "33.24.15.1019")


@pytest.fixture(scope="session")
def sample_codes() -> tuple[str, ...]:
    """The villages of ``sample_workbook``, in row order (rows 5, 6, 7)."""
    return SAMPLE_CODES


@pytest.fixture(scope="session")
def schema() -> Schema:
    return load_schema()


@pytest.fixture(scope="session")
def _schema_data() -> dict[str, Any]:
    return yaml.safe_load(default_schema_path().read_text(encoding="utf-8"))


@pytest.fixture
def schema_data(_schema_data: dict[str, Any]) -> dict[str, Any]:
    """A fresh, mutable copy of the packaged schema's YAML data."""
    return copy.deepcopy(_schema_data)


@pytest.fixture(scope="session")
def demo_inputs(data_dir: Path) -> DemoInputs:
    return load_demo_inputs(data_dir)


@pytest.fixture(scope="session")
def demo_profiles(demo_inputs: DemoInputs) -> pd.DataFrame:
    return demo_inputs.generate(year=2024, seed=7)


@pytest.fixture(scope="session")
def village_codes(demo_inputs: DemoInputs) -> set[str]:
    return set(demo_inputs.villages["code"])


@pytest.fixture(scope="session")
def regency_workbook(schema: Schema, demo_inputs: DemoInputs, demo_profiles: pd.DataFrame) -> bytes:
    """The template of all 286 demo profiles, in Bahasa Indonesia."""
    buffer = io.BytesIO()
    write_template(schema, template_rows(schema, demo_profiles, demo_inputs.villages), buffer, lang="id", year=2024)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def sample_workbook(schema: Schema, demo_inputs: DemoInputs, demo_profiles: pd.DataFrame) -> bytes:
    """The template of three demo profiles (rows 5, 6 and 7 are SAMPLE_CODES in order)."""
    villages = demo_inputs.villages.set_index("code").loc[list(SAMPLE_CODES)].reset_index()
    buffer = io.BytesIO()
    write_template(schema, template_rows(schema, demo_profiles.loc[list(SAMPLE_CODES)], villages), buffer)
    return buffer.getvalue()


@pytest.fixture
def edit() -> Callable[[bytes, Callable[[Workbook], None]], bytes]:
    """Load a workbook, apply a change to it with openpyxl and return the new file's bytes."""

    def apply(data: bytes, change: Callable[[Workbook], None]) -> bytes:
        wb = load_workbook(io.BytesIO(data))
        change(wb)
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    return apply


@pytest.fixture
def column_of(schema: Schema) -> Callable[[str], str]:
    """The column letter of a field code in a freshly written template."""
    from openpyxl.utils import get_column_letter

    codes = ["village_code", "village_name", "kecamatan_name", *schema.codes]

    def letter(code: str) -> str:
        return get_column_letter(codes.index(code) + 1)

    return letter
