"""``petakan backup`` of a database with the Kendal demo, ``petakan restore`` into an EMPTY database (no table at
all): every table has the same number of rows, and the rows of a few tables (profiles with their JSON values, index
scores stored as binary vectors, boundaries, users) are the same byte for byte. On SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from tests.deploy.conftest import Databases, environment, petakan

# A JSON column, binary vectors, geometry as JSON, password hashes and foreign keys: what a copy could garble.
CHECKED_TABLES = ("profiles_profile", "indices_unitscores", "regions_boundary", "accounts_user", "indices_run")


def tables(connection: Any, postgres: bool) -> list[str]:
    if postgres:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    return sorted(row[0] for row in connection.execute(query).fetchall())


def counts(connection: Any, postgres: bool) -> dict[str, int]:
    return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables(connection, postgres)}


def checksum(connection: Any, table: str) -> str:
    """SHA-256 of every row of ``table`` in primary-key order, each value as stored (bytes for binary columns)."""
    digest = hashlib.sha256()
    for row in connection.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall():
        for value in row:
            digest.update(bytes(value) if isinstance(value, memoryview | bytes) else repr(value).encode())
            digest.update(b"\x1f")
        digest.update(b"\x1e")
    return digest.hexdigest()


def test_a_backup_restored_into_an_empty_database_has_every_row(
    databases: Databases, demo_database: str, tmp_path: Path, data_dir: Path
) -> None:
    source = databases.new(template=demo_database)
    backup = tmp_path / f"petakan.{databases.engine}.backup"
    said = petakan(environment(source, tmp_path, data_dir), "backup", str(backup))
    assert "Cadangan ditulis" in said and "100 %" in said

    empty = databases.new()
    with databases.connect(empty) as connection:
        assert tables(connection, databases.postgres) == []
    said = petakan(environment(empty, tmp_path, data_dir), "restore", str(backup))
    assert "Dipulihkan dari" in said

    with databases.connect(source) as a, databases.connect(empty) as b:
        before, after = counts(a, databases.postgres), counts(b, databases.postgres)
        assert after == before
        assert before["profiles_profile"] == 286 and before["indices_unitscores"] > 286
        for table in CHECKED_TABLES:
            assert checksum(b, table) == checksum(a, table), table
