"""`CacheBudget`: one size policy for every cache a checker fills.

A corpus run fills many caches at once: the checker's `Memo` tables, the resolver's results
and candidates, the lexicon's parsed genes, entries and look-ups, `genenorm.text.norm_key`.
Each grows with the distinct words, terms and genes met, and bounding each one alone does
not bound the process: the budget counts the entries of all of them together and, when the
total passes its limit, empties them all at once (a new *generation*) between two pages.
Every cache holds only what can be computed again, so emptying one changes no result, only
the time the next look-ups take.
"""

from __future__ import annotations

from collections.abc import Sized
from typing import Protocol

__all__ = ["DEFAULT_LIMIT", "CacheBudget", "Clearable", "FunctionCache"]

#: Entries of all the caches of a checker together: about 300 bytes each on average, so a
#: corpus run keeps at most about 30 MB of cached results above its loaded tables (measured
#: on 5,000 old-format pages: peak RSS 219 MB unbounded, 182 MB with this limit).
DEFAULT_LIMIT = 100_000


class Clearable(Sized, Protocol):
    """A cache: it has a size in entries and can be emptied (a ``dict`` is one)."""

    def clear(self) -> None:
        """Forget every entry."""


class _LruCache(Protocol):
    def cache_info(self) -> object: ...  # pragma: no cover - a protocol

    def cache_clear(self) -> None: ...  # pragma: no cover - a protocol


class FunctionCache:
    """A `functools.lru_cache`-wrapped function seen as a `Clearable`."""

    __slots__ = ("_function",)

    def __init__(self, function: _LruCache) -> None:
        self._function = function

    def __len__(self) -> int:
        return int(getattr(self._function.cache_info(), "currsize", 0))

    def clear(self) -> None:
        """Empty the function's cache."""
        self._function.cache_clear()


class CacheBudget:
    """The entries of several caches counted together, all emptied past `limit`.

    Args:
        limit: most entries of all the caches together before `trim` empties them.

    >>> budget = CacheBudget(3)
    >>> a, b = {1: "x"}, {2: "y", 3: "z"}
    >>> budget.add(a, b)
    >>> budget.trim(), budget.generation
    (False, 0)
    >>> a[4] = "w"
    >>> budget.size(), budget.trim(), budget.size(), budget.generation
    (4, True, 0, 1)
    """

    __slots__ = ("_caches", "generation", "limit")

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        #: Most entries of all the caches together.
        self.limit = limit
        #: How many times the caches were emptied.
        self.generation = 0
        self._caches: list[Clearable] = []

    def add(self, *caches: Clearable) -> None:
        """Count these caches in the budget (a cache already counted is not added twice)."""
        for cache in caches:
            if not any(cache is c for c in self._caches):
                self._caches.append(cache)

    def caches(self) -> list[Clearable]:
        """Every cache counted."""
        return list(self._caches)

    def size(self) -> int:
        """Entries of all the caches now."""
        return sum(map(len, self._caches))

    def trim(self) -> bool:
        """Empty every cache when together they hold more than `limit` entries; whether
        they were emptied."""
        if sum(map(len, self._caches)) <= self.limit:
            return False
        self.clear()
        return True

    def clear(self) -> None:
        """Empty every cache now (a new generation), whatever their size: after entries
        that are few but large (a word of 100,000 characters is one entry)."""
        for cache in self._caches:
            cache.clear()
        self.generation += 1
