"""Gene sets for enrichment analysis: one GMT line per figure.

A figure's gene set holds its gene keywords judged ``supported`` (optionally also
``uncertain``), as HGNC symbols, NCBI Gene IDs or HGNC IDs, each gene once in keyword order.
The GMT name is the figure id, the description the figure title.

Examples:
    >>> from genenorm.export import gene_sets, gmt_line
    >>> [s] = gene_sets(["tests/data/pfocr-website/_figures/PMC11987792__cancers-17-01167-g005.md"])
    >>> s.name, "TCF23" in s.genes
    ('PMC11987792__cancers-17-01167-g005', False)
    >>> gmt_line(s).split("\\t")[:2] == [s.name, s.description]
    True
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

import attrs

from ._args import require
from .page_models import Kind, PageReport, Verdict

if TYPE_CHECKING:
    from .page_models import Page, PageReport
    from .resolver import Resolver, Source

__all__ = [
    "GeneIds",
    "GeneSet",
    "GmtSummary",
    "gene_set",
    "gene_sets",
    "gmt_line",
    "page_gene_set",
    "write_gmt",
]

#: The description of a figure without a title (a common GMT placeholder).
NO_TITLE = "na"


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


class GeneIds(enum.StrEnum):
    """How genes are written in a gene set."""

    #: The current approved HGNC symbol (``LDHA``).
    SYMBOL = "symbol"
    #: The NCBI Gene ID (``3939``); genes without one are left out and counted.
    NCBIGENE = "ncbigene"
    #: The HGNC ID (``HGNC:6535``).
    HGNC = "hgnc"


@attrs.frozen
class GeneSet:
    """The gene set of one figure (one GMT line), or why there is none."""

    #: The figure id: the GMT name column.
    name: str
    #: The figure title, one line (tabs and line breaks replaced by spaces), or ``na``.
    description: str
    #: The genes, each once, in keyword order.
    genes: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    path: str = ""
    #: Gene keywords with the verdicts asked for but without the identifier asked for.
    missing_ids: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    #: Reading errors of the page (a side table that could not be read, or the page itself).
    errors: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    #: False when the page itself could not be read: no gene set, ``errors`` says why.
    read: bool = True


@attrs.frozen
class GmtSummary:
    """What `write_gmt` wrote."""

    #: Figures seen (gene sets given).
    figures: int = 0
    #: GMT lines written.
    written: int = 0
    #: Figures without any gene, not written (``keep_empty=False``).
    empty: int = 0
    #: Figures with reading errors (written when the page itself was read).
    failed: int = 0


def _one_line(text: str) -> str:
    """*text* with tabs, line breaks and other separators as single spaces, stripped, and
    any other control character escaped as the TSV writers escape it (`escape_text`): a
    figure's title must not drive the terminal a GMT file is shown on."""
    from .report import escape_text

    return escape_text(" ".join(text.split()))  # split() also splits at \x1c-\x1f, \x85...


def _gene_id(symbol: str, hgnc_id: str | None, ids: dict[str, str], kind: GeneIds) -> str | None:
    if kind is GeneIds.SYMBOL:
        return symbol
    if kind is GeneIds.HGNC:
        return hgnc_id
    return ids.get("ncbigene") or None


def gene_set(
    report: PageReport,
    *,
    title: str = "",
    include_uncertain: bool = False,
    ids: GeneIds | str = GeneIds.SYMBOL,
) -> GeneSet:
    """The gene set of one checked figure.

    Args:
        report: a report from `genenorm.check.check_page` / `check_paths`.
        title: the figure title (the GMT description); ``na`` when empty.
        include_uncertain: also take ``uncertain`` genes (default: ``supported`` only).
        ids: ``symbol``, ``ncbigene`` or ``hgnc``.

    Returns:
        Gene keywords (kind ``gene`` with an HGNC symbol) whose verdict is asked for, each
        gene once (first occurrence kept), in keyword order.

    Raises:
        TypeError: *report* is no `PageReport`.
        ValueError: *ids* is not one of `GeneIds`.
    """
    require(report, PageReport, "gene_set", "a PageReport")
    kind = GeneIds(ids)
    wanted = {Verdict.SUPPORTED, Verdict.UNCERTAIN} if include_uncertain else {Verdict.SUPPORTED}
    genes: dict[str, None] = {}
    missing: dict[str, None] = {}
    for k in report.keywords:
        if k.kind != Kind.GENE or k.symbol is None or k.verdict not in wanted:
            continue
        gid = _gene_id(k.symbol, k.hgnc_id, dict(k.ids), kind)
        if gid:
            genes.setdefault(_one_line(gid), None)
        else:
            missing.setdefault(k.symbol, None)
    return GeneSet(
        name=_one_line(report.figid),
        description=_one_line(title) or NO_TITLE,
        genes=tuple(genes),
        path=report.path,
        missing_ids=tuple(missing),
        errors=report.errors,
    )


def gene_sets(
    paths: Iterable[str | os.PathLike[str]],
    *,
    include_uncertain: bool = False,
    ids: GeneIds | str = GeneIds.SYMBOL,
    resolver: Resolver | None = None,
    source: Source | None = None,
) -> Iterator[GeneSet]:
    """Read and check every page under *paths*; one `GeneSet` per page, in order.

    A page that cannot be read gives a `GeneSet` without genes whose ``errors`` say why.

    Args:
        paths: page files and directories (searched as by `genenorm.pfocr.iter_pages`).
        include_uncertain: as `gene_set`.
        ids: as `gene_set`.
        resolver: as `genenorm.check.check_page`.
        source: as `genenorm.check.check_page`.

    Raises:
        ValueError: *ids* is not one of `GeneIds`.
        TypeError: *paths* is one string or path instead of a collection of them.
    """
    from ._args import require_many

    require_many(paths, "gene_sets", "paths")
    GeneIds(ids)  # fail before reading anything
    return _gene_sets(list(paths), include_uncertain, ids, resolver, source)


def _gene_sets(
    paths: list[str | os.PathLike[str]],
    include_uncertain: bool,
    ids: GeneIds | str,
    resolver: Resolver | None,
    source: Source | None,
) -> Iterator[GeneSet]:
    from .exceptions import PageError
    from .pfocr import iter_pages

    for item in iter_pages(paths):
        if isinstance(item, PageError):
            yield _failed(item)
            continue
        yield page_gene_set(
            item, include_uncertain=include_uncertain, ids=ids, resolver=resolver, source=source
        )


def page_gene_set(
    page: Page,
    *,
    include_uncertain: bool = False,
    ids: GeneIds | str = GeneIds.SYMBOL,
    resolver: Resolver | None = None,
    source: Source | None = None,
) -> GeneSet:
    """Check one page read by `genenorm.pfocr` and return its gene set (as `gene_sets`)."""
    from .check import check_page

    report = check_page(page, resolver=resolver, source=source)
    found = gene_set(report, title=page.figtitle, include_uncertain=include_uncertain, ids=ids)
    errors = (*page.errors, *(e for e in found.errors if e not in page.errors))
    return attrs.evolve(found, errors=errors)


def _failed(err: Exception) -> GeneSet:
    path = str(getattr(err, "path", "") or "")
    name = os.path.splitext(os.path.basename(path))[0] if path else ""
    return GeneSet(name=name, description=NO_TITLE, path=path, errors=(str(err),), read=False)


def gmt_line(gene_set: GeneSet) -> str:
    """One GMT line (without its line break): name, description, genes, tab-separated.

    Raises:
        TypeError: *gene_set* is no `GeneSet`.
    """
    require(gene_set, GeneSet, "gmt_line", "a GeneSet")
    return "\t".join((gene_set.name, gene_set.description, *gene_set.genes))


def write_gmt(sets: Iterable[GeneSet], out: IO[str], *, keep_empty: bool = False) -> GmtSummary:
    """Write *sets* as GMT lines to *out*.

    Args:
        sets: gene sets, e.g. from `gene_sets`.
        out: a text stream.
        keep_empty: also write figures without genes (a line with a name and a description
            only); by default they are skipped and counted. Pages that could not be read
            are never written.

    Returns:
        The counts (`GmtSummary`).
    """
    figures = written = empty = failed = 0
    for s in sets:
        figures += 1
        if s.errors:
            failed += 1
        if not s.read:
            continue
        if not s.genes:
            empty += 1
            if not keep_empty:
                continue
        out.write(gmt_line(s) + "\n")
        written += 1
    return GmtSummary(figures=figures, written=written, empty=empty, failed=failed)
