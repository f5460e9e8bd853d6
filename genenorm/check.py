"""Checking PFOCR figures: a verdict for every keyword and every hit, plus suggestions.

These functions use a default `genenorm.judging.Checker` (one per resolver); build your own
checker to hold other weights or to keep caches apart.

Examples:
    >>> from genenorm.check import check_path
    >>> report = check_path("tests/data/pfocr-website/_figures/PMC11987792__cancers-17-01167-g005.md")
    >>> {k.keyword: str(k.verdict) for k in report.keywords}["TCF23"]
    'false_hit'
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from .judging.checker import Checker, default_checker, figure_groups

if TYPE_CHECKING:
    from .page_models import GeneHit, HitVerdict, Page, PageReport
    from .pfocr import HitRows, HitTable
    from .resolver import Resolver, Source

__all__ = [
    "check_figures",
    "check_hit_rows",
    "check_hit_table",
    "check_hits",
    "check_page",
    "check_path",
    "check_paths",
    "in_file_order",
    "warm_up",
]

_CHECKERS: dict[object, Checker] = {}

A = TypeVar("A")
B = TypeVar("B")


def _checker(resolver: Resolver | None) -> Checker:
    if resolver is None:
        return default_checker()
    # one checker per resolver object, kept alive with it (no id()-keyed table)
    found = _CHECKERS.get(resolver)
    if found is None:
        if len(_CHECKERS) > 16:
            _CHECKERS.clear()
        found = _CHECKERS[resolver] = Checker(resolver)
    return found


def check_page(
    page: Page, *, resolver: Resolver | None = None, source: Source | None = None
) -> PageReport:
    """Check one figure: a verdict for every keyword and gene hit, and suggestions.

    Args:
        page: a page from `genenorm.pfocr` (with hits when its tables were found).
        resolver: the snapshot resolver whose lexicon the evidence functions use (default:
            the embedded snapshot).
        source: where keyword symbols are resolved (default: *resolver*); pass a mygene
            source to check current symbols live.

    Returns:
        A `PageReport`; every keyword and every hit has one entry, in input order.
    """
    return _checker(resolver).check_page(page, source=source)


def check_path(
    path: str | os.PathLike[str],
    *,
    hits: str | os.PathLike[str] | None = None,
    resolver: Resolver | None = None,
    source: Source | None = None,
) -> PageReport:
    """Read a page (with its ``_data`` tables when in the website layout) and check it.

    Raises:
        PageError: the page cannot be read.
    """
    return _checker(resolver).check_path(path, hits=hits, source=source)


def check_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    hits: str | os.PathLike[str] | None = None,
    resolver: Resolver | None = None,
    source: Source | None = None,
) -> Iterator[PageReport]:
    """Check every page under *paths* (files or directories); unreadable pages give a
    report with the error in ``errors`` instead of stopping the run."""
    return _checker(resolver).check_paths(paths, hits=hits, source=source)


def check_hits(hits: Sequence[GeneHit], *, resolver: Resolver | None = None) -> list[HitVerdict]:
    """Judge hits without page text (a hit table): one verdict per hit, in order.

    Hits are grouped by figure so that the hits of one figure see each other.
    """
    return _checker(resolver).check_hits(hits)


def check_hit_table(table: HitTable, *, resolver: Resolver | None = None) -> list[HitVerdict]:
    """Judge every row of a hit table read by `genenorm.pfocr.read_hit_table`.

    Raises:
        TypeError: *table* is no `HitTable` (a path, say: read it first).
    """
    return _checker(resolver).check_hit_table(table)


def check_hit_rows(
    rows: HitRows, *, resolver: Resolver | None = None
) -> Iterator[tuple[list[GeneHit], list[HitVerdict]]]:
    """Judge a table read by `genenorm.pfocr.read_hit_rows` one figure at a time: the same
    verdicts as `check_hit_table`, without holding every hit and verdict of the table.

    Yields:
        Runs of hits and their verdicts, every row once, in file order; a run as soon as the
        rows before it are judged: one figure per run when each figure's rows are together,
        as in PFOCR's tables (rows of a figure split over the table wait for the rest).
    """
    groups = figure_groups(rows.figids())
    for_judge, for_caller = itertools.tee(map(rows.hits, groups))
    judged = _checker(resolver).check_figures(for_judge)
    runs = zip(groups, zip(for_caller, judged, strict=True), strict=True)
    yield from in_file_order(runs)


def check_figures(
    figures: Iterable[Sequence[GeneHit]], *, resolver: Resolver | None = None
) -> Iterator[list[HitVerdict]]:
    """`genenorm.judging.Checker.check_figures` of the default checker of *resolver*: each
    item of *figures* is all the hits of one figure, judged without page text."""
    return _checker(resolver).check_figures(figures)


def in_file_order(
    runs: Iterable[tuple[Sequence[int], tuple[list[A], list[B]]]],
) -> Iterator[tuple[list[A], list[B]]]:
    """Runs of two parallel lists (such as a figure's hits and verdicts), each with the
    0-based rows it holds (`figure_groups`), as runs in row order: a run as soon as every row
    before it is in (unchanged when its rows are the next ones, as in PFOCR's tables)."""
    waiting: dict[int, tuple[A, B]] = {}
    done = 0  # rows yielded so far
    for indexes, (firsts, seconds) in runs:
        if not waiting and indexes[0] == done and indexes[-1] == done + len(indexes) - 1:
            done += len(indexes)
            yield firsts, seconds
            continue
        waiting.update(zip(indexes, zip(firsts, seconds, strict=True), strict=True))
        run = []
        while done in waiting:
            run.append(waiting.pop(done))
            done += 1
        if run:
            yield [a for a, _ in run], [b for _, b in run]


def warm_up(resolver: Resolver | None = None) -> None:
    """Load now every table that judging reads, instead of on the first page: before a
    server's first request, or before a parallel run forks its workers (which then share
    the tables). Changes no later verdict."""
    from .page_models import GeneHit, Page

    checker = _checker(resolver)
    checker.resolver.resolve_many(["TP53", "7-Sep", "TAZ"])
    page = Page(figid="warm-up", caption="TP53 binds MDM2.", keywords=("TP53", "out", "ATM"))
    checker.check_page(page)
    hits = [
        GeneHit(word, word, symbol, "ncbigene_synonym")
        for word, symbol in (("out", "TCF23"), ("TP53", "TP53"), ("MDM2", "MDM2"), ("ATM", "ATM"))
    ]
    checker.check_hits(hits)
