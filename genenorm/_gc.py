"""Pausing the cyclic garbage collector around allocation-heavy loops."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["gc_paused", "one_shot_run"]

#: Set by `one_shot_run` for a one-shot command-line run (`genenorm._process.one_shot`).
_ONE_SHOT = False


def one_shot_run(on: bool = True) -> None:
    """Mark this process as a one-shot command-line run (or not): see `gc_paused`'s
    *freeze*."""
    global _ONE_SHOT
    _ONE_SHOT = on


@contextlib.contextmanager
def gc_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block.

    Reading a big table or checking a page creates many small objects and no reference
    cycles, but the collector would rescan the young ones again and again (and, with the
    lexicon loaded, its large old generation): measured at 25-50 % of the time. Nested use is
    fine; the collector is re-enabled only by the outermost block, and only if it was on.

    With *freeze*, in a one-shot command-line run (`one_shot_run`) only, what the block
    leaves alive is moved out of the collector's sight (`gc.freeze`) before it is re-enabled:
    after one big block (a whole hit table) the first collection would otherwise scan
    millions of young objects that live to the end of the run anyway (0.2-0.6 s). Elsewhere
    (a library, the server) *freeze* changes nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if freeze and _ONE_SHOT:
            gc.freeze()
        gc.enable()
