"""Argument checks shared by the public functions that take many values."""

from __future__ import annotations

import os
from collections.abc import Iterable

__all__ = ["require", "require_each", "require_many"]


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


def require(
    value: object, kinds: type | tuple[type, ...], function: str, what: str, hint: str = ""
) -> None:
    """Raise `TypeError` naming the function and what it takes when *value* is not one of
    *kinds* (instead of an ``AttributeError`` from deep inside); *hint* follows the message.

    >>> require("x.md", (str, os.PathLike), "check_path", "path as str or PathLike")
    >>> require(b"x.md", (str, os.PathLike), "check_path", "path as str or PathLike")
    Traceback (most recent call last):
    ...
    TypeError: check_path() takes path as str or PathLike, not bytes
    """
    if not isinstance(value, kinds):
        msg = f"{function}() takes {what}, not {type(value).__name__}{hint}"
        raise TypeError(msg)


def require_each(items: Iterable[object], kind: type, function: str) -> None:
    """Raise `TypeError` naming the function, the position and the type found for the first
    of *items* that is not a *kind*.

    >>> require_each(["TP53"], int, "f")
    Traceback (most recent call last):
    ...
    TypeError: f() takes int values; got str at position 0
    """
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            msg = f"{function}() takes {kind.__name__} values; got {type(item).__name__} at position {i}"
            raise TypeError(msg)
