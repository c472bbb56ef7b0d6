"""Databases and servers outside the test process, as a deployment has them.

These tests run Petakan's own commands and gunicorn as separate processes against a database of their own: a SQLite
file in the SQLite run, and in the PostgreSQL run (``scripts/with-postgres.sh``, DATABASE_URL pointing at the
throwaway cluster) a fresh database created in that cluster. The Kendal demo is prepared once per session (migrate,
Kendal's regions, the demo profiles with work in progress, an index run, an admin) and each test gets its own copy
(a file copy, or ``CREATE DATABASE … TEMPLATE``), so that no test sees another's changes.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import requests

BIN = Path(sys.executable).parent
YEAR = 2026
ADMIN = "admin-server"
PASSWORD = "kata-sandi-uji-123"
SECRET_KEY = "two-servers-test-only-not-secret"


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme.startswith("postg")


class Databases:
    """Fresh databases for these tests, on the engine the suite runs on; all dropped at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cluster = os.environ.get("DATABASE_URL", "")
        self.postgres = is_postgres(self.cluster)
        self.made: list[str] = []

    @property
    def engine(self) -> str:
        return "postgresql" if self.postgres else "sqlite"

    def _admin(self):  # type: ignore[no-untyped-def]
        import psycopg

        parts = urlsplit(self.cluster)
        return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)

    def new(self, template: str | None = None) -> str:
        """The URL of a new database: empty (no table), or a copy of ``template`` (a URL this object made)."""
        name = f"petakan_deploy_{secrets.token_hex(4)}"
        self.made.append(name)
        if self.postgres:
            with self._admin() as admin:
                copy = f" TEMPLATE {urlsplit(template).path.lstrip('/')}" if template else ""
                admin.execute(f"CREATE DATABASE {name}{copy}")
            return urlunsplit(urlsplit(self.cluster)._replace(path="/" + name))
        path = self.folder / f"{name}.sqlite3"
        if template:
            shutil.copyfile(urlsplit(template).path[1:], path)
        return f"sqlite:///{path}"

    def connect(self, url: str):  # type: ignore[no-untyped-def]
        """A DB-API connection to ``url`` (psycopg or sqlite3), for reading rows as they are stored."""
        if is_postgres(url):
            import psycopg

            return psycopg.connect(url)
        import sqlite3

        return sqlite3.connect(urlsplit(url).path[1:])

    def drop_all(self) -> None:
        if not self.postgres:
            return
        with self._admin() as admin:
            for name in self.made:
                admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def environment(url: str, folder: Path, data_dir: Path) -> dict[str, str]:
    """What a production server has: DEBUG off, one SECRET_KEY shared by every server, the database URL."""
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": url,
            "PETAKAN_DATA_DIR": str(data_dir),
            "PETAKAN_VAR_DIR": str(folder),
            "DEBUG": "false",
            "SECRET_KEY": SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # plain HTTP on the loopback: the cookies must travel without TLS here
            "SECURE_COOKIES": "false",
            "PETAKAN_TILE_URL": "",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def petakan(env: dict[str, str], *args: str, check: bool = True) -> str:
    """Run ``petakan ARGS`` as its own process; its output (stdout and stderr). With ``check``, a failure of the
    command fails the test; without, the exit status is the output's first line."""
    done = subprocess.run([str(BIN / "petakan"), *args], env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, f"petakan {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout + done.stderr
    return f"exit {done.returncode}\n{done.stdout}{done.stderr}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def app_server(env: dict[str, str], folder: Path) -> Iterator[str]:
    """The README's production command (gunicorn, gthread) on a free loopback port; its base URL. One worker
    process each: two servers already mean two processes with nothing in memory in common."""
    port = free_port()
    log = open(folder / f"gunicorn-{port}.log", "w")  # noqa: SIM115 (closed below, after the server)
    command = [str(BIN / "gunicorn"), "petakan.wsgi:application", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--threads", "4", "--worker-class", "gthread"]
    server = subprocess.Popen(
        command,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(base + "/healthz", timeout=30).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass
            assert server.poll() is None, (folder / f"gunicorn-{port}.log").read_text()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    found = Databases(tmp_path_factory.mktemp("deploy-db"))
    yield found
    found.drop_all()


@pytest.fixture(scope="session")
def demo_database(databases: Databases, data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database with the Kendal demo (published profiles and work in progress), an index run and an admin,
    made once through the commands a deployment uses; tests copy it."""
    url = databases.new()
    env = environment(url, tmp_path_factory.mktemp("deploy-var"), data_dir)
    petakan(env, "migrate", "--noinput", "-v0")
    petakan(env, "regions", "load-kendal", "--commit")
    petakan(env, "profiles", "load-demo", "--year", str(YEAR), "--with-work")
    petakan(env, "indices", "compute", "--year", str(YEAR), "--status", "published")
    make_admin = (
        "from petakan.accounts.models import User; "
        f"User.objects.create_user(username={ADMIN!r}, password={PASSWORD!r}, role='admin')"
    )
    petakan(env, "shell", "-c", make_admin)
    return url
