"""``petakan serve [addr:port]``: the demo's one command — the development server and the queue's worker together.

Both run as child processes; Ctrl+C (or SIGTERM) stops both, and if this process dies anyway (SIGKILL) Linux stops
the children too (PR_SET_PDEATHSIG), so no worker is left behind. Production runs gunicorn and ``petakan worker``
as separate services instead (README, "Production").
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import subprocess
import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand


def _die_with_parent() -> None:
    """In the child, before exec: receive SIGTERM when the parent dies (Linux; elsewhere nothing happens)."""
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG


class Command(BaseCommand):
    help = "Menjalankan server pengembangan dan pekerja antrean tugas bersama; Ctrl+C menghentikan keduanya."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *, addrport: str, **options: Any) -> None:
        python = [sys.executable, "-m", "petakan"]
        children = [
            subprocess.Popen([*python, "worker", "--no-startup-delay"], preexec_fn=_die_with_parent),
            # --noreload: the reloader would run the server in a grandchild that outlives a killed parent
            subprocess.Popen([*python, "runserver", "--noreload", addrport], preexec_fn=_die_with_parent),
        ]

        def stop(signum: int, frame: Any) -> None:
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        try:
            # if either stops (a port in use, a crash), stop the other too: half a demo is confusing
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
            for child in children:
                try:
                    child.wait(10)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        codes = [child.returncode for child in children]
        self.stdout.write(f"Server dan pekerja berhenti ({codes}).")
