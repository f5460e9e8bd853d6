"""``genenorm check --source mygene``: pages checked one at a time against the live source.

When MyGene.info fails while a page is checked (and ``--fallback`` is off), that page gets an
error record naming it and the failure, the pages after it are still read and get their own
records (the source remembers the outage, so they fail at once rather than each repeating
the retry back-off), and the run then ends with `BackendUnavailableError` (exit 3) naming
how many pages were left unchecked and the first of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..exceptions import BackendUnavailableError
from ..page_models import Page, PageReport

if TYPE_CHECKING:
    from ..resolver import Resolver, Source

__all__ = ["LiveRun"]


class LiveRun:
    """Checks pages against the live source, noting the pages it failed on."""

    def __init__(self, source: Source) -> None:
        self.source = source
        #: Paths of the pages whose check failed because the live source was unavailable.
        self.unchecked: list[str] = []
        self.first_error: BackendUnavailableError | None = None

    def check_with(self, resolver: Resolver) -> Callable[[Page], PageReport]:
        """A function checking one page with *resolver* and the live source: an error
        report naming the page when the source fails on it."""
        from ..check import check_page

        def check(page: Page) -> PageReport:
            try:
                return check_page(page, resolver=resolver, source=self.source)
            except BackendUnavailableError as err:
                self.unchecked.append(page.path)
                self.first_error = self.first_error or err
                return PageReport(
                    figid=page.figid, path=page.path, errors=(f"{page.path}: not checked: {err}",)
                )

        return check

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
