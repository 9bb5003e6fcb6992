"""Build progress for people: a bar redrawn in place on a terminal, plain lines elsewhere (CI logs).

The pipeline only calls progress(done, total); everything about showing it lives here,
so the pipeline stays free of printing.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from typing import TextIO

SHOW_AFTER = 0.5  # seconds: a quick build shows no bar at all, only its summary line
LINES_AFTER = 2.0  # seconds before the first plain line: logs stay quiet for quick builds
REDRAW_EVERY = 0.1  # seconds between redraws of the bar on a terminal
LINE_EVERY = 5.0  # seconds between plain lines when not on a terminal


class ProgressReport:
    """Called as progress(done, total) while pages render; call close() before printing the summary."""

    def __init__(self, label: str = "Rendering pages", stream: TextIO | None = None, tty: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.clock = clock
        self.started = clock()
        self.shown_at: float | None = None
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < (SHOW_AFTER if self.tty else LINES_AFTER):
            return
        every = REDRAW_EVERY if self.tty else LINE_EVERY
        if self.shown_at is not None and now - self.shown_at < every and done < total:
            return
        self.shown_at = now
        if self.tty:
            self._draw(done, total)
        else:
            self.stream.write(f"{self.label}: {done}/{total}\n")
            self.stream.flush()

    def _draw(self, done: int, total: int) -> None:
        counts = f" {done}/{total}"
        width = max(10, min(40, shutil.get_terminal_size().columns - len(self.label) - len(counts) - 4))
        filled = width * done // total if total else width
        self.stream.write(f"\r{self.label} [{'#' * filled}{'-' * (width - filled)}]{counts}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the bar so that the summary line starts on a clean line."""
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.drawn = False
