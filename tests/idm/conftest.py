"""Fixtures for the IDM app: score rows with chosen index sums, stored records, logged-in clients, score files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from petakan.lib.idm import Edition, load_edition
from tests.conftest import KENDAL_VILLAGE, PASSWORD, make_user

YEAR = 2024


@pytest.fixture(scope="session")
def edition() -> Edition:
    return load_edition("idm-2020")


@pytest.fixture(scope="session")
def scores_with_sums(edition: Edition) -> Callable[..., dict[str, int]]:
    """``scores_with_sums(127, 32, 10)``: item scores with those IKS/IKE/IKL sums (items filled to 5 in order)."""

    def build(*sums: int) -> dict[str, int]:
        scores: dict[str, int] = {}
        remaining = dict(zip(edition.index_codes, sums, strict=True))
        for item in edition.items:
            take = min(item.max_score, remaining[item.index])
            scores[item.code] = take
            remaining[item.index] -= take
        assert not any(remaining.values()), "sum larger than the index maximum"
        return scores

    return build


@pytest.fixture
def store(db) -> Callable[..., object]:  # type: ignore[no-untyped-def]
    """``store(code, scores, status="verified", source="entered", year=YEAR)`` → the stored ItemScores."""
    from petakan.idm.models import ItemScores
    from petakan.regions.models import Area

    def create(
        code: str, scores: dict[str, int], status: str = "verified", source: str = "entered", year: int = YEAR
    ) -> ItemScores:
        return ItemScores.objects.create(
            village=Area.objects.get(code=code), year=year, scores=scores, status=status, source=source
        )

    return create


@pytest.fixture
def pakisrejo(scores_with_sums: Callable[..., dict[str, int]]) -> dict[str, int]:
    """Scores with Desa Pakisrejo's 2018 sums (IKS 127, IKE 32, IKL 10) → IDM 0.6419, Berkembang."""
    return scores_with_sums(127, 32, 10)


@pytest.fixture
def login(cast, client: Client) -> Callable[[str], Client]:  # type: ignore[no-untyped-def]
    """``login("village")`` → a client logged in as that member of the cast (or anonymous for "anonymous")."""

    def as_role(role: str) -> Client:
        if role != "anonymous":
            assert client.login(username=cast[role].username, password=PASSWORD)
        return client

    return as_role


@pytest.fixture
def other_district(cast):  # type: ignore[no-untyped-def]
    """A kecamatan account of Pageruyung (33.24.02), outside Blumah's kecamatan."""
    return make_user("gita-district", "district", "33.24.02")


@pytest.fixture
def score_file(tmp_path: Path, edition: Edition) -> Callable[..., Path]:
    """``score_file([(code, year, {item: score}), ...], name="skor.csv", with_year=True)`` → a CSV path."""

    def write(rows: list[tuple[str, int, dict[str, object]]], name: str = "skor.csv", with_year: bool = True) -> Path:
        head = ["code", "year", *edition.item_codes] if with_year else ["code", *edition.item_codes]
        lines = [",".join(head)]
        for code, year, scores in rows:
            cells = [code, str(year)] if with_year else [code]
            cells += [str(scores.get(item, "")) for item in edition.item_codes]
            lines.append(",".join(cells))
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


VILLAGE = KENDAL_VILLAGE
