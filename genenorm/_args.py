"""Argument checks shared by the public functions that take many values."""

from __future__ import annotations

import os

__all__ = ["require", "require_many"]


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


def require(value: object, kinds: type | tuple[type, ...], function: str, what: str) -> None:
    """Raise `TypeError` naming the function and the argument when *value* is not one of
    *kinds* (instead of an ``AttributeError`` from deep inside).

    >>> require("x.md", (str, os.PathLike), "check_path", "path")
    >>> require(b"x.md", (str, os.PathLike), "check_path", "path")
    Traceback (most recent call last):
    ...
    TypeError: check_path() takes path as str or PathLike, not bytes (b'x.md')
    """
    if not isinstance(value, kinds):
        names = " or ".join(k.__name__ for k in (kinds if isinstance(kinds, tuple) else (kinds,)))
        msg = f"{function}() takes {what} as {names}, not {type(value).__name__} ({value!r:.60})"
        raise TypeError(msg)
