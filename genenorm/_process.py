"""Process-level speed for one-shot command-line runs: the garbage collector and exit.

A ``genenorm check`` or ``check-hits`` run allocates millions of small objects that form no
reference cycles worth collecting, on top of a large, long-lived lexicon: the cyclic garbage
collector would rescan them again and again. And at exit, the interpreter tears down every
module and frees every object one by one, which costs tenths of a second after a big run and
changes nothing the user sees. `one_shot` wraps the command-line ``main``: for a real command
line (``main()`` called with no arguments, as the installed ``genenorm`` script does) of a
one-shot command, it freezes what is loaded, raises the collector's thresholds, lets
`genenorm._gc.gc_paused` freeze what a whole hit table leaves alive, and after the
command returns runs the ``atexit`` handlers, flushes stdout and stderr and leaves with
``os._exit`` and the same exit status. Called with an argument list (tests, embedding), or for
``serve``, it changes nothing.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import gc
import os
import sys
from collections.abc import Sequence
from typing import Any, Protocol

from ._gc import one_shot_run

__all__ = ["FAST_COMMANDS", "LazyVersion", "one_shot"]

#: Commands that run once over their input and exit (``serve`` stays up; ``data build`` and
#: ``cache`` are left alone).
FAST_COMMANDS = frozenset({"check", "check-hits", "resolve", "export", "demo"})

#: Collector thresholds during a one-shot run: generation 0 is collected every 200,000 net
#: allocations instead of every 700 (reference cycles are still collected, rarely).
THRESHOLDS = (200_000, 50, 100)


class Main(Protocol):
    """The command-line ``main``: an argument list (``None``: ``sys.argv``) to an exit status."""

    def __call__(self, argv: Sequence[str] | None = None) -> int: ...


def _flush() -> bool:
    """Flush stdout and stderr; False if that failed (the normal exit then reports it)."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


def one_shot(main: Main) -> Main:
    """Wrap the command-line *main* as described in the module docstring."""

    @functools.wraps(main)
    def run(argv: Sequence[str] | None = None) -> int:
        if argv is not None or len(sys.argv) < 2 or sys.argv[1] not in FAST_COMMANDS:
            return main(argv)
        gc.freeze()  # what is loaded so far is never scanned again
        old = gc.get_threshold()
        gc.set_threshold(*THRESHOLDS)
        one_shot_run()
        try:
            code = main(argv)
        finally:
            one_shot_run(False)
            gc.set_threshold(*old)
        atexit._run_exitfuncs()
        if _flush():
            os._exit(code)
        return code  # pragma: no cover - stdout unwritable: let the interpreter report it

    return run


class LazyVersion(argparse._VersionAction):
    """``--version`` that looks the version up only when asked: reading the installed
    package's metadata (`importlib.metadata`) costs a cold start 20-40 ms."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        from . import __version__

        self.version = f"genenorm {__version__}"
        super().__call__(parser, namespace, values, option_string)
