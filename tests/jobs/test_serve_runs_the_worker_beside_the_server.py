"""``petakan serve`` (``make demo``): the server and the worker start together and the worker dies with it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    return [int(p) for p in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def _wait(condition, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_serve_starts_server_and_worker_and_killing_it_stops_both(transactional_db) -> None:  # type: ignore[no-untyped-def]
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = "sqlite:///" + db["NAME"]
    else:
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src")}
    serve = subprocess.Popen(
        [sys.executable, "-m", "petakan", "serve", f"127.0.0.1:{port}"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    try:

        def answers() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    return response.status == 200
            except OSError:
                return False

        assert _wait(answers, 60), "the server did not answer"
        children = _children(serve.pid)
        commands = {pid: Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0") for pid in children}
        assert sorted(c[3].decode() for c in commands.values()) == ["runserver", "worker"]
        serve.send_signal(signal.SIGKILL)  # even killed outright, it leaves no worker or server behind
        serve.wait(10)
        assert _wait(lambda: not any(_alive(pid) for pid in children), 20), "a child outlived `petakan serve`"
        assert not answers()
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
