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
from typing import TYPE_CHECKING

from .judging.checker import Checker, default_checker, figure_groups

if TYPE_CHECKING:
    from .page_models import GeneHit, HitVerdict, Page, PageReport
    from .pfocr import HitRows, HitTable
    from .resolver import Resolver, Source

__all__ = [
    "check_hit_rows",
    "check_hit_table",
    "check_hits",
    "check_page",
    "check_path",
    "check_paths",
]

_CHECKERS: dict[object, Checker] = {}


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
    """Judge every row of a hit table read by `genenorm.pfocr.read_hit_table`."""
    return _checker(resolver).check_hits(table.hits)


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
    waiting: dict[int, tuple[GeneHit, HitVerdict]] = {}
    done = 0  # rows yielded so far
    for indexes, hits, verdicts in zip(groups, for_caller, judged, strict=True):
        if not waiting and indexes[0] == done and indexes[-1] == done + len(indexes) - 1:
            done += len(indexes)
            yield hits, verdicts
            continue
        waiting.update(zip(indexes, zip(hits, verdicts, strict=True), strict=True))
        run = []
        while done in waiting:
            run.append(waiting.pop(done))
            done += 1
        if run:
            yield [h for h, _ in run], [v for _, v in run]
