"""``genenorm check --source mygene``: pages checked one at a time against the live source.

When MyGene.info fails while a page is checked (and ``--fallback`` is off), that page gets an
error record naming it and the failure, the pages after it are still read and get their own
records (the source remembers the outage, so they fail at once rather than each repeating
the retry back-off), and the run then ends with `BackendUnavailableError` (exit 3) naming
how many pages were left unchecked and the first of them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .exceptions import BackendUnavailableError, PageError
from .models import PageReport

if TYPE_CHECKING:
    from .resolver import Resolver, Source

__all__ = ["LiveRun"]


def _figid(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0] if path else ""


class LiveRun:
    """Reports for the pages of a run, and the pages the live source failed on."""

    def __init__(self, resolver: Resolver, source: Source, hits: str | None) -> None:
        self.resolver = resolver
        self.source = source
        self.hits = hits
        #: Paths of the pages whose check failed because the live source was unavailable.
        self.unchecked: list[str] = []
        self.first_error: BackendUnavailableError | None = None

    def reports(self, arg: str) -> Iterator[PageReport]:
        """One report per page under *arg*, in order (an error report when it failed)."""
        from .check import check_page, check_paths
        from .pfocr import iter_pages

        for item in iter_pages([arg]):
            if isinstance(item, PageError):
                path = item.path or ""
                yield PageReport(figid=_figid(path), path=path, errors=(str(item),))
                continue
            try:
                if self.hits is None:
                    yield check_page(item, resolver=self.resolver, source=self.source)
                else:
                    yield from check_paths(
                        [item.path], hits=self.hits, resolver=self.resolver, source=self.source
                    )
            except BackendUnavailableError as err:
                self.unchecked.append(item.path)
                self.first_error = self.first_error or err
                yield PageReport(
                    figid=item.figid, path=item.path, errors=(f"{item.path}: not checked: {err}",)
                )

    def finish(self) -> None:
        """Raise `BackendUnavailableError` when some page could not be checked.

        Raises:
            BackendUnavailableError: naming the number of pages and the first of them.
        """
        if not self.unchecked:
            return
        n = len(self.unchecked)
        msg = (
            f"{n} page{'s' if n != 1 else ''} not checked, from {self.unchecked[0]} on: "
            f"{self.first_error}"
        )
        raise BackendUnavailableError(msg, affected=n) from self.first_error
