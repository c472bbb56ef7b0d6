"""Shared by the benchmarks that time work on the Kendal demo: a throwaway SQLite (unless DATABASE_URL is set),
migrated and loaded with ``petakan demo``, the setup time printed and not counted."""

from __future__ import annotations

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_demo(what: str = "Kendal demo") -> None:
    """Set up Django on a fresh database holding the demo (``what`` names it in the setup line)."""
    sys.path.insert(0, str(ROOT / "src"))
    if not os.environ.get("PETAKAN_DATA_DIR"):
        sys.exit("PETAKAN_DATA_DIR is not set (the reference data folder, e.g. ../shared/data)")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "petakan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("demo", stdout=io.StringIO())
    print(f"  setup: {what} loaded in {time.perf_counter() - started:.0f} s (not timed)")
