"""A text progress bar for long commands: one line redrawn in place on a terminal, a few lines in a log."""

from __future__ import annotations

from typing import Any, Final

WIDTH: Final = 30


class ProgressBar:
    """``bar(done, total)`` draws ``Mencadangkan [#########.....]  62 % (31/50 tabel)``. On a terminal the line is
    redrawn in place; otherwise (a log, a test) a line is written at each further tenth, so a log stays short."""

    def __init__(self, out: Any, label: str, unit: str) -> None:
        self.out = out
        self.label = label
        self.unit = unit
        self.tty = bool(getattr(out, "isatty", lambda: False)())
        self.shown = -1
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        total = max(total, 1)
        percent = min(100, 100 * done // total)
        if not self.tty and percent // 10 == self.shown // 10 and self.shown >= 0:
            return
        if self.tty and percent == self.shown:
            return
        self.shown = percent
        filled = WIDTH * percent // 100
        line = f"{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {percent:3d} % ({done}/{total} {self.unit})"
        if self.tty:
            self.out.write("\r" + line, ending="")
        else:
            self.out.write(line)
        self.out.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.tty and self.drawn:
            self.out.write("")
