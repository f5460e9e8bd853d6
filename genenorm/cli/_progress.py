"""The progress line of ``genenorm check`` and ``check-hits``: one status line on stderr, for
people.

It is drawn only when stderr is a terminal and stdout is not (so it never lands in the
middle of ``--format table`` on that terminal, and never in a file or pipe), shows the total
and an ETA when the number of pages is known (files and directories, not stdin), and is
cleared before anything else is written to stderr: genenorm's own messages go through
`Progress.message`, and any other write to ``sys.stderr`` meanwhile goes through a stream
that clears the line first. No dependency: a carriage return and the "erase to end of line"
control sequence (ECMA-48 EL, ``ESC [ K``) are all it needs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import IO, Any

__all__ = ["Progress", "count_inputs"]

#: Seconds between two redraws.
_INTERVAL = 0.1
#: Back to the line start, erase to its end.
_CLEAR = "\r\x1b[K"


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):  # a closed or detached stream
        return False


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many records *paths* will give (each file, each ``*.md`` entry of a directory),
    or ``None`` when one of them is stdin (``-``) and the number cannot be known."""
    if "-" in paths:
        return None
    from ..pfocr import page_entries  # the same walk as the check itself

    return sum(1 for path in paths for _ in page_entries([path]))


def _wanted(args: argparse.Namespace, out: IO[str]) -> bool:
    """Draw the line: not ``--no-progress``, stderr a terminal, and *out* (stdout) not one."""
    return not args.no_progress and _isatty(sys.stderr) and not _isatty(out)


def _duration(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class _ClearingStream:
    """A text stream that clears the progress line before each write to the real one."""

    def __init__(self, progress: Progress, stream: IO[str]) -> None:
        self._progress = progress
        self._stream = stream

    def write(self, text: str) -> int:
        self._progress.clear()
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class Progress:
    """A one-line counter of pages (or hits) on *stream*; a no-op unless *enabled*.

    Args:
        stream: Where to draw (stderr).
        enabled: Draw at all (callers check that *stream* is a terminal).
        total: The number of pages, when known: adds a percentage and an ETA.
        clock: Seconds, monotonic (tests pass their own).
        unit: What is counted (``pages``, ``hits``).
    """

    def __init__(
        self,
        stream: IO[str],
        *,
        enabled: bool,
        total: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        unit: str = "pages",
    ) -> None:
        self.stream = stream
        self.unit = unit
        self.enabled = enabled
        self.total = total
        self.clock = clock
        self.n = 0
        self.start = clock()
        self.last = -_INTERVAL
        self.drawn = False
        self._saved: Any = None
        if enabled and sys.stderr is stream:
            self._saved = sys.stderr
            sys.stderr = _ClearingStream(self, stream)

    @classmethod
    def for_run(cls, args: argparse.Namespace, out: IO[str]) -> Progress:
        """The progress line of a ``genenorm check`` run writing its records to *out*."""
        enabled = _wanted(args, out)
        total = count_inputs(args.paths) if enabled else None
        return cls(sys.stderr, enabled=enabled, total=total)

    @classmethod
    def for_hits(cls, args: argparse.Namespace, out: IO[str], total: int) -> Progress:
        """The progress line of a ``genenorm check-hits`` run of *total* rows."""
        return cls(sys.stderr, enabled=_wanted(args, out), total=total, unit="hits")

    def line(self) -> str:
        """The text of the progress line now."""
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = self.n / elapsed
        if self.total is None:
            return f"genenorm: {self.n:,} {self.unit} checked ({rate:,.0f}/s)"
        done = min(self.n, self.total)
        percent = 100 * done / self.total if self.total else 100.0
        text = f"genenorm: {done:,}/{self.total:,} {self.unit} ({percent:.0f}%, {rate:,.0f}/s"
        if self.n and done < self.total:
            text += f", ETA {_duration((self.total - done) / rate)}"
        return text + ")"

    def step(self, n: int = 1) -> None:
        """*n* more pages (or hits) done: redraw, at most every 0.1 s."""
        self.n += n
        if not self.enabled:
            return
        now = self.clock()
        if now - self.last >= _INTERVAL:
            self.last = now
            # never wider than the terminal: a wrapped line leaves a row behind at each redraw
            self.stream.write(_CLEAR + self.line()[: max(self._width() - 1, 1)])
            self.stream.flush()
            self.drawn = True

    def _width(self) -> int:
        """The columns of the terminal the line is drawn on (80 when it cannot be told)."""
        try:
            return os.get_terminal_size(self.stream.fileno()).columns or 80
        except (AttributeError, OSError, ValueError):
            return 80

    def clear(self) -> None:
        """Erase the line, if drawn (the next `step` draws it again)."""
        if self.drawn:
            self.drawn = False
            self.stream.write(_CLEAR)
            self.stream.flush()

    def message(self, text: str) -> None:
        """Write one line of *text* to the stream, the progress line cleared first."""
        self.clear()
        self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        """Erase the line and give stderr back."""
        self.clear()
        if self._saved is not None:
            sys.stderr = self._saved
            self._saved = None
