"""Backup and restore of the whole database (``petakan backup FILE`` / ``petakan restore FILE``).

PostgreSQL is dumped with ``pg_dump --format=custom`` and restored with ``pg_restore --clean --if-exists
--single-transaction`` (from Debian's ``postgresql-client``): the server's own tools, consistent while the site keeps
running (one snapshot), compressed, and restorable all-or-nothing. SQLite is copied page by page through SQLite's
online backup API (:meth:`sqlite3.Connection.backup`), which also gives a consistent copy of a database in use; the
copy is an ordinary SQLite file. Restoring writes the destination in one transaction as well.

A backup file says which engine wrote it by its first bytes (``PGDMP`` or ``SQLite format 3``); restoring a file of
the other engine is refused rather than half done. Restore refuses a database that already holds data unless
forced: "data" means a row in any table other than the ones ``migrate`` fills by itself (migrations, content types,
permissions), so a freshly migrated database counts as empty.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from django.db import connections
from django.utils.translation import gettext_noop

# Tables ``migrate`` fills on an empty database: a database holding rows only in these is still "empty".
MIGRATE_TABLES: Final = frozenset({"django_migrations", "django_content_type", "auth_permission"})
PG_MAGIC: Final = b"PGDMP"
SQLITE_MAGIC: Final = b"SQLite format 3\x00"
# Lines pg_dump -v / pg_restore -v print once per table's data: counted for the progress bar.
PG_DUMP_TABLE: Final = re.compile(r'dumping contents of table "?([^"\s]+)"?')
PG_RESTORE_TABLE: Final = re.compile(r'processing data for table "?([^"\s]+)"?')

# (done, total): called as the copy advances; total is a number of tables (PostgreSQL) or pages (SQLite).
Progress = Callable[[int, int], None]


class BackupError(Exception):
    """What went wrong, in words the operator can act on: ``message`` is the Indonesian msgid (the command
    translates it), ``params`` fill it in."""

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message % params if params else message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Summary:
    """What a database holds: its tables and their row counts (tables of ``migrate`` included)."""

    rows: dict[str, int]

    @property
    def tables(self) -> int:
        return len(self.rows)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    @property
    def data_rows(self) -> int:
        """Rows outside the tables ``migrate`` fills by itself."""
        return sum(n for table, n in self.rows.items() if table not in MIGRATE_TABLES)


def engine(alias: str = "default") -> str:
    """``"postgresql"`` or ``"sqlite"``."""
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(gettext_noop("Basis data %(vendor)s tidak didukung."), vendor=vendor)
    return vendor


def summary(alias: str = "default") -> Summary:
    """Row counts of every table in the database (one ``count(*)`` each)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor, include_views=False))
        rows = {}
        for name in names:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")
            rows[name] = int(cursor.fetchone()[0])
    return Summary(rows)


def file_engine(path: Path) -> str:
    """Which engine wrote backup ``path``, from its first bytes."""
    with open(path, "rb") as f:
        head = f.read(len(SQLITE_MAGIC))
    if head.startswith(PG_MAGIC):
        return "postgresql"
    if head == SQLITE_MAGIC:
        return "sqlite"
    raise BackupError(
        gettext_noop("%(file)s bukan berkas cadangan Petakan (bukan pg_dump -Fc maupun SQLite)."), file=str(path)
    )


def pg_tool(name: str) -> str:
    """The path of ``pg_dump`` / ``pg_restore``: on PATH (Debian's wrapper picks the newest installed version), else
    the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if candidates:
        return str(candidates[-1])
    raise BackupError(gettext_noop("%(tool)s tidak ditemukan: pasang paket postgresql-client."), tool=name)


def _pg_args(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection options and environment for the PostgreSQL tools (the password goes in PGPASSWORD, never argv)."""
    db = connections[alias].settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    options = db.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return args, env


def _run_pg(command: list[str], env: dict[str, str], pattern: re.Pattern[str], total: int, progress: Progress) -> None:
    """Run a PostgreSQL tool with -v, advancing the progress bar on each table line; its other output is kept
    for the error message."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    done, other = 0, []
    for line in process.stderr:
        if pattern.search(line):
            done += 1
            progress(min(done, total), total)
        elif "error" in line.lower() or "fatal" in line.lower():
            other.append(line.strip())
    if process.wait() != 0:
        raise BackupError(
            gettext_noop("%(tool)s gagal: %(reason)s"), tool=Path(command[0]).name, reason=" ".join(other[-5:])
        )
    progress(total, total)


def backup(path: Path, progress: Progress, alias: str = "default") -> Summary:
    """Write a consistent copy of the database to ``path`` (replaced only once complete) and return what it holds."""
    kind = engine(alias)
    found = summary(alias)
    partial = path.with_name(path.name + ".partial")
    try:
        if kind == "postgresql":
            args, env = _pg_args(alias)
            command = [pg_tool("pg_dump"), "--format=custom", "--verbose", "--no-owner", "--file", str(partial), *args]
            _run_pg(command, env, PG_DUMP_TABLE, max(found.tables, 1), progress)
        else:
            connections[alias].close()
            source = sqlite3.connect(connections[alias].settings_dict["NAME"])
            target = sqlite3.connect(partial)
            try:
                source.backup(target, pages=256, progress=lambda _status, left, total: progress(total - left, total))
            finally:
                target.close()
                source.close()
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return found


def restore(path: Path, progress: Progress, *, force: bool = False, alias: str = "default") -> tuple[Summary, Summary]:
    """Replace the database with the copy in ``path``. Refused when the database holds data and ``force`` is off.
    Returns (what the database held before, what it holds now)."""
    kind = engine(alias)
    written_by = file_engine(path)
    if written_by != kind:
        raise BackupError(
            gettext_noop("%(file)s adalah cadangan %(found)s; basis data ini %(kind)s. Tidak ada yang diubah."),
            file=str(path),
            found=written_by,
            kind=kind,
        )
    before = summary(alias)
    if before.data_rows and not force:
        raise BackupError(
            gettext_noop(
                "Basis data tidak kosong (%(rows)d baris di %(tables)d tabel). Tidak ada yang diubah; "
                "pakai --force untuk menimpanya."
            ),
            rows=before.data_rows,
            tables=sum(1 for t, n in before.rows.items() if n and t not in MIGRATE_TABLES),
        )
    connections[alias].close()
    if kind == "postgresql":
        args, env = _pg_args(alias)
        tables = _pg_tables_in(path, env)
        command = [
            pg_tool("pg_restore"),
            "--verbose",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(path),
        ]
        _run_pg(command, env, PG_RESTORE_TABLE, max(tables, 1), progress)
    else:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(connections[alias].settings_dict["NAME"])
        try:
            check = source.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise BackupError(
                    gettext_noop("%(file)s rusak (%(reason)s). Tidak ada yang diubah."), file=str(path), reason=check
                )
            source.backup(target, pages=256, progress=lambda _status, left, total: progress(total - left, total))
        finally:
            target.close()
            source.close()
    return before, summary(alias)


def _pg_tables_in(path: Path, env: dict[str, str]) -> int:
    """How many tables' data the dump holds (its table of contents), for the progress bar."""
    listing = subprocess.run([pg_tool("pg_restore"), "--list", str(path)], env=env, capture_output=True, text=True)
    if listing.returncode != 0:
        raise BackupError(
            gettext_noop("%(file)s tidak dapat dibaca: %(reason)s"), file=str(path), reason=listing.stderr.strip()
        )
    return sum(1 for line in listing.stdout.splitlines() if " TABLE DATA " in line)
