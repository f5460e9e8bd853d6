"""The steps of a corpus run that turn one input into one record, shared by the command
line (``genenorm check``) and the Dask helpers (`genenorm.scale`): which hit table applies to
a page, which tables its record names, the record of an input that could not be read."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from .exceptions import PageError
from .page_models import Page, PageReport

if TYPE_CHECKING:
    from .pfocr import HitTable

__all__ = ["Checked", "HitsTable", "check_one", "error_report", "used_tables"]


@attrs.frozen
class Checked:
    """One page's report, the hit tables it used, and what to say about them (``-v``)."""

    report: PageReport
    hit_tables: tuple[str, ...] = ()
    note: str = ""


@attrs.frozen
class HitsTable:
    """The ``--hits`` table, read once, and the figures its rows name."""

    table: HitTable
    #: Canonical figids of its rows (a figid column, or a ``<figid>-genes.tsv`` name);
    #: empty when the rows name no figure (then the table goes to every page).
    figids: frozenset[str]

    @classmethod
    def read(cls, path: str) -> HitsTable:
        from .pfocr import canonical_figid, read_hit_table

        try:
            table = read_hit_table(path)
        except PageError as err:
            raise PageError(f"--hits {err}", path=err.path, line=err.line) from None
        figids = frozenset(canonical_figid(h.figid) for h in table.hits if h.figid)
        return cls(table, figids)

    def applies_to(self, page: Page) -> bool:
        from .pfocr import canonical_figid

        return not self.figids or canonical_figid(page.figid) in self.figids

    def apply(self, page: Page) -> Page:
        """*page* with this table's rows for it as its gene hits (replacing its own)."""
        from .pfocr import canonical_figid

        hits = self.table.hits
        if self.figids:
            key = canonical_figid(page.figid)
            hits = tuple(h for h in hits if canonical_figid(h.figid or "") == key)
        return attrs.evolve(page, gene_hits=hits, has_hits=True)

    def describe(self) -> str:
        shown = sorted(self.figids)
        more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
        return ", ".join(shown[:3]) + more


def error_report(err: PageError) -> PageReport:
    """The record of an input that could not be read: its error, and the figure id its file
    name gives (none for stdin, ``<stdin>:3``)."""
    path = err.path or ""
    figid = os.path.splitext(os.path.basename(path))[0] if path and "<" not in path else ""
    return PageReport(figid=figid, path=path, errors=(str(err),))


def used_tables(page: Page, hits: HitsTable | None) -> tuple[tuple[str, ...], str]:
    """The hit tables a page's record was judged with, and a sentence saying so."""
    from .pfocr import side_tables

    found: dict[str, str] = {}
    if page.path and not page.path.startswith("<"):
        found = side_tables(page.path, page.figid)
        # a table that failed to read is named in the page's errors, not used
        found = {k: t for k, t in found.items() if not any(t in e for e in page.errors)}
    if hits is not None and hits.applies_to(page):
        found["genes"] = hits.table.path
        n = len(page.gene_hits)
        how = f"{n} row{'s' if n != 1 else ''} of --hits {hits.table.path}"
    elif hits is not None:
        how = f"--hits {hits.table.path} has no row for figure {page.figid}; own tables"
    elif "genes" in found:
        how = "gene hits from its _data table"
    elif page.has_hits:
        how = "gene hits inline in the page"
    elif page.path.startswith("<"):
        how = "no hit tables (a page from stdin has none; give --hits)"
    else:
        how = "no hit tables (none beside it in ../_data/; give --hits)"
    tables = tuple(found.values())
    return tables, f"{how}; tables used: {', '.join(tables)}" if tables else how


def check_one(
    item: Page | PageError, hits: HitsTable | None, check: Callable[[Page], PageReport]
) -> Checked:
    """The record of one input: an unreadable one's error, or the page checked with the
    ``--hits`` rows for it (when the table names it) and its own reading errors."""
    if isinstance(item, PageError):
        return Checked(error_report(item))
    page = hits.apply(item) if hits is not None and hits.applies_to(item) else item
    tables, note = used_tables(page, hits)
    report = check(page)
    if page.errors:
        report = attrs.evolve(report, errors=(*page.errors, *report.errors))
    return Checked(report, tables, note)
