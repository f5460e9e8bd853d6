"""Argument checks shared by the public functions that take many values."""

from __future__ import annotations

import os

__all__ = ["require_many"]


def require_many(values: object, function: str, what: str) -> None:
    """Raise `TypeError` when ``values`` is one text or path where a collection is expected.

    A string is iterable, so without this check ``check_paths("dir")`` would walk every
    character as a path, and ``resolve_many("TP53")`` resolve four letters.
    """
    if isinstance(values, str | bytes | os.PathLike):
        msg = (
            f"{function}() takes a collection of {what}, not one {type(values).__name__} "
            f"({values!r}); pass [{values!r}]"
        )
        raise TypeError(msg)
