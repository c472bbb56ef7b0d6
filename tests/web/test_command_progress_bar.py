"""The progress bar of long commands (backup, restore): in a log, one line per further tenth and a last line at
100 %; on a terminal, one line redrawn in place."""

from __future__ import annotations

import io

from django.core.management.base import OutputWrapper

from petakan.web.management.progress import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_log_it_writes_a_line_per_tenth_and_the_last_at_one_hundred_percent() -> None:
    out = io.StringIO()
    bar = ProgressBar(OutputWrapper(out), "Mencadangkan", "halaman")
    for done in range(0, 1001, 7):
        bar(done, 1000)
    bar(1000, 1000)
    lines = out.getvalue().splitlines()
    assert 10 <= len(lines) <= 12
    assert lines[-1] == "Mencadangkan [##############################] 100 % (1000/1000 halaman)"
    assert all(line.startswith("Mencadangkan [") for line in lines)


def test_on_a_terminal_it_redraws_one_line_and_ends_it() -> None:
    out = Terminal()
    bar = ProgressBar(OutputWrapper(out), "Memulihkan", "tabel")
    for done in range(1, 41):
        bar(done, 40)
    bar.finish()
    text = out.getvalue()
    assert text.count("\n") == 1 and text.endswith("100 % (40/40 tabel)\n")
    assert text.count("\r") == 40
