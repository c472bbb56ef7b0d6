"""``petakan restore`` refuses a database that already holds data, changes nothing and says how to force it; with
``--force`` it replaces the data with the backup's and says what it replaced."""

from __future__ import annotations

from pathlib import Path

from tests.deploy.conftest import ADMIN, Databases, environment, petakan


def admins(databases: Databases, url: str) -> list[str]:
    with databases.connect(url) as connection:
        rows = connection.execute("SELECT username FROM accounts_user WHERE role = 'admin' ORDER BY username")
        return [row[0] for row in rows.fetchall()]


def test_it_refuses_a_database_holding_data_unless_forced(
    databases: Databases, demo_database: str, tmp_path: Path, data_dir: Path
) -> None:
    backup = tmp_path / "demo.backup"
    petakan(environment(databases.new(template=demo_database), tmp_path, data_dir), "backup", str(backup))

    target = databases.new(template=demo_database)
    with databases.connect(target) as connection:
        connection.execute(f"UPDATE accounts_user SET username = 'renamed-after-backup' WHERE username = '{ADMIN}'")
        connection.commit()
    env = environment(target, tmp_path, data_dir)

    said = petakan(env, "restore", str(backup), check=False)
    assert said.startswith("exit 1")
    assert "Basis data tidak kosong" in said and "--force" in said and "Tidak ada yang diubah" in said
    assert admins(databases, target) == ["renamed-after-backup"]

    said = petakan(env, "restore", str(backup), "--force")
    assert "Isi lama ditimpa" in said and "Dipulihkan dari" in said
    assert admins(databases, target) == [ADMIN]
