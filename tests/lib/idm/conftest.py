"""Fixtures for the IDM library tests: the edition, row builders and exact-fraction oracles."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from petakan.lib.idm import Edition, load_edition

STATUS_NAMES = ["Sangat Tertinggal", "Tertinggal", "Berkembang", "Maju", "Mandiri"]


@pytest.fixture(scope="session")
def edition() -> Edition:
    return load_edition("idm-2020")


@pytest.fixture(scope="session")
def status_names() -> list[str]:
    return STATUS_NAMES


@pytest.fixture(scope="session")
def row_with_sums(edition: Edition) -> Callable[..., np.ndarray]:
    """``row_with_sums(iks, ike, ikl)``: one item-score row with those per-index sums (items filled to 5 in order)."""

    def build(*sums: int) -> np.ndarray:
        row = np.zeros(len(edition.items), dtype=np.int64)
        for k, total in enumerate(sums):
            for position in np.flatnonzero(edition.item_index == k):
                take = min(int(edition.max_scores[position]), total)
                row[position] = take
                total -= take
            assert total == 0, "sum larger than the index maximum"
        return row

    return build


@pytest.fixture(scope="session")
def reference_idm() -> Callable[[list[int]], Fraction]:
    """Oracle: IDM = (ΣIKS/175 + ΣIKE/60 + ΣIKL/15) / 3 on exact fractions (idm-2020 item order)."""

    def idm(row: list[int]) -> Fraction:
        return (Fraction(sum(row[:35]), 175) + Fraction(sum(row[35:47]), 60) + Fraction(sum(row[47:]), 15)) / 3

    return idm


@pytest.fixture(scope="session")
def reference_status() -> Callable[[Fraction, list[str], str], int]:
    """Oracle: the status position by the written rule ("a < IDM ≤ b" or "a ≤ IDM < b") on exact fractions."""

    def status(idm: Fraction, cutoffs: list[str], at_cutoff: str) -> int:
        if at_cutoff == "lower_status":
            return sum(idm > Fraction(text) for text in cutoffs)
        return sum(idm >= Fraction(text) for text in cutoffs)

    return status


@pytest.fixture
def score_csv(tmp_path: Path, edition: Edition) -> Callable[..., Path]:
    """``score_csv([(code, year, scores), ...], extra_header=..., name=..., separator=...)`` -> CSV path.

    ``scores`` is a list of 50 cells (anything printable, "" for blank); the header is code, year, item codes.
    """

    def write(
        rows: list[tuple[object, object, list[object]]],
        name: str = "scores.csv",
        separator: str = ",",
        header: list[str] | None = None,
    ) -> Path:
        head = header if header is not None else ["code", "year", *edition.item_codes]
        lines = [separator.join(head)]
        for code, year, scores in rows:
            lines.append(separator.join(str(cell) for cell in [code, year, *scores]))
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def fixed4() -> Callable[[Fraction], str]:
    """Oracle: an exact fraction rounded half-up to 4 decimals, as text."""

    def text(value: Fraction) -> str:
        return str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.0001"), ROUND_HALF_UP))

    return text
