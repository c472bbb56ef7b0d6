from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_board_cache() -> Iterator[None]:
    """The board's fragment is cached for a few seconds per process: no test may see another test's board."""
    cache.clear()
    yield
    cache.clear()
