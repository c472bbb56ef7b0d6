"""A table whose 17 categories do not add up to its PDRB row is refused with the difference; nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from petakan.economy.models import PdrbSeries, PdrbValue
from tests.economy.conftest import bps_rows, post_import, to_csv


@pytest.fixture
def unbalanced(sector_values: np.ndarray) -> bytes:
    totals = sector_values.sum(axis=0)
    totals[2] += 1234.56  # 2021's published total is 1.234,56 juta rupiah more than the sum of its categories
    return to_csv(bps_rows(sector_values, totals))


def test_the_difference_is_reported_in_indonesian_and_nothing_is_stored(
    login: Callable[[str], Client], unbalanced: bytes
) -> None:
    response = post_import(login("analyst"), unbalanced, commit=True)
    assert response.status_code == 200
    (issue,) = response.context["issues"]
    assert issue.severity == "error"
    assert "Tahun 2021" in issue.message and "selisih -1.234,56 juta rupiah" in issue.message
    html = response.content.decode()
    assert "selisih -1.234,56 juta rupiah" in html and "tidak ada yang disimpan" in html
    assert 'name="commit"' not in html
    assert not PdrbSeries.objects.exists() and not PdrbValue.objects.exists()


def test_the_english_page_gives_the_same_difference(login: Callable[[str], Client], unbalanced: bytes) -> None:
    client = login("analyst")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    (issue,) = post_import(client, unbalanced).context["issues"]
    assert "in 2021" in issue.message and "difference -1,234.56 juta rupiah" in issue.message


def test_the_command_refuses_it_too(tmp_path: Path, unbalanced: bytes, db) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "unbalanced.csv"
    path.write_bytes(unbalanced)
    with pytest.raises(CommandError, match="1 galat"):
        call_command("economy", "import", str(path), "--region", "X", "--price-basis", "ADHK2010", "--commit")
    assert not PdrbSeries.objects.exists()
