from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from petakan.env import envbool, envlist, parse_database_url


def test_envbool_refuses_anything_but_clear_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X", "flase")
    with pytest.raises(ImproperlyConfigured, match="X='flase'"):
        envbool("X", True)
    monkeypatch.setenv("X", "False")
    assert envbool("X", True) is False


def test_envlist_refuses_empty_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured):
        envlist("HOSTS", [])


def test_a_relative_sqlite_url_lives_under_the_project(tmp_path: Path) -> None:
    db = parse_database_url("sqlite:///var/x.sqlite3", tmp_path)
    assert db["ENGINE"].endswith("sqlite3") and db["NAME"] == str(tmp_path / "var" / "x.sqlite3")
    assert parse_database_url("sqlite:////tmp/abs.sqlite3", tmp_path)["NAME"] == "/tmp/abs.sqlite3"


def test_a_postgres_url_with_a_socket_directory(tmp_path: Path) -> None:
    db = parse_database_url("postgres://u:p%40ss@/petakan?host=/tmp/sock&port=5433", tmp_path)
    assert (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "petakan",
        "u",
        "p@ss",
        "/tmp/sock",
        "5433",
    )


def test_an_unsupported_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        parse_database_url("mysql://x/y", tmp_path)


def test_without_debug_a_secret_key_is_required(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {"DEBUG": "false", "PATH": "/usr/bin:/bin", "PETAKAN_VAR_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", "import petakan.settings"], env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr
