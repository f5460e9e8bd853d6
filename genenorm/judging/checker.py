"""`Checker`: owns a resolver, its weights and its caches, and checks pages and hit tables."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING

from .._args import require, require_each
from .._budget import DEFAULT_LIMIT, CacheBudget, FunctionCache
from .._gc import gc_paused
from ..corpus import error_report
from ..models import Status
from ..organisms import figure_organisms, non_vertebrate_only
from ..page_models import FigureOrganism, GeneHit, HitVerdict, Page, PageReport, Suggestion
from ..text import MAX_CLEANED_LENGTH, listed_names, norm_key
from .context import PageContext
from .evidence import mention_is_safe
from .hits import HitJudge
from .keywords import KeywordJudge
from .policy import Weights, default_weights
from .subjects import Memo

if TYPE_CHECKING:
    from ..exceptions import PageError
    from ..pfocr import HitTable
    from ..resolver import Resolver, Source

__all__ = ["Checker", "default_checker", "figure_groups"]


class Checker:
    """Checks figures against one resolver's lexicon with one set of weights.

    A checker keeps page-independent results (subjects, static evidence, lexicon facts) in
    its own `Memo`; two checkers share none of them. One size policy, the checker's
    `budget` (a `genenorm._budget.CacheBudget`), bounds the memory of every cache a run
    fills: the memo's tables, the resolver's results, the lexicon's parsed genes and
    look-ups and `genenorm.text.norm_key` count together, and all are emptied between two
    pages once they hold more than *cache_limit* entries.

    Args:
        resolver: the snapshot resolver whose lexicon the evidence functions read (default:
            the embedded snapshot).
        weights: the policy's weights (default: the shipped table, `default_weights`).
        cache_limit: most cache entries of all kinds together (about 300 bytes each).
    """

    def __init__(
        self,
        resolver: Resolver | None = None,
        weights: Weights | None = None,
        *,
        cache_limit: int = DEFAULT_LIMIT,
    ) -> None:
        if resolver is None:
            from ..resolver import default_resolver

            resolver = default_resolver()
        self.resolver = resolver
        self.weights = weights or default_weights()
        self.memo = Memo()
        #: The one size policy of every cache this checker fills.
        self.budget = CacheBudget(cache_limit)
        self.budget.add(
            *self.memo.tables(), *resolver._caches(), *resolver.lexicon._caches(),
            FunctionCache(norm_key), FunctionCache(listed_names),
        )  # fmt: skip
        self._empty_judge: KeywordJudge | None = None
        #: The last call met a word or token over `LONG_WORD` characters: its cache entries
        #: are few but large, so the next call empties the caches (`_start`).
        self._oversized = False

    def context(
        self, text: str, keyword_genes: Sequence[int] = (), non_human: str | None = None
    ) -> PageContext:
        """A page context for *text* that uses this checker's caches."""
        return PageContext(
            text, self.resolver, self.memo, mention_is_safe, keyword_genes, non_human
        )

    def _empty(self) -> KeywordJudge:
        if self._empty_judge is None:
            self._empty_judge = KeywordJudge(Page(figid=""), self.context(""), (), self.weights)
        return self._empty_judge

    def check_page(self, page: Page, *, source: Source | None = None) -> PageReport:
        """Check one figure: a verdict for every keyword and gene hit, and suggestions.

        Args:
            page: a page from `genenorm.pfocr` (with hits when its tables were found).
            source: where keyword symbols are resolved (default: the checker's resolver);
                pass a mygene source to check current symbols live.

        Returns:
            A `PageReport`; every keyword and every hit has one entry, in input order.

        Raises:
            TypeError: *page* is no `Page` (read one with `genenorm.pfocr.read_page`).
        """
        require(
            page, Page, "check_page", "a Page",
            "; read a file with genenorm.pfocr.read_page, or use check_path",
        )  # fmt: skip
        self._start(
            any(len(w) > LONG_WORD for w in page.keywords)
            or any(len(h.word) > LONG_WORD for h in page.gene_hits)
            or (len(page.text) > LONG_WORD and _longest_token(page.text) > LONG_WORD)
        )
        resolver = self.resolver
        lex = resolver.lexicon
        resolutions = (source or resolver).resolve_many(page.keywords)
        rows = (lex.index_of(r.hgnc_id) for r in resolutions if r.hgnc_id)
        keyword_genes = list(dict.fromkeys(i for i in rows if i is not None))
        organisms = figure_organisms(page, lexicon=lex)
        ctx = self.context(page.text, keyword_genes, _non_human(organisms))
        judge_hit = HitJudge(ctx, self.weights)
        prepared = judge_hit.prepare(page.gene_hits)
        hits = [judge_hit.judge(h, p) for h, p in zip(page.gene_hits, prepared, strict=True)]
        judge_kw = KeywordJudge(page, ctx, hits, self.weights, self._empty)
        keywords = [judge_kw(k, r) for k, r in zip(page.keywords, resolutions, strict=True)]
        keyword_hgnc = {k.hgnc_id for k in keywords if k.hgnc_id}
        suggestions = _suggestions(ctx, keyword_hgnc) if page.text else []
        return PageReport(
            figid=page.figid, path=page.path, keywords=keywords, hits=hits,
            suggestions=suggestions, organisms=organisms,
        )  # fmt: skip

    def check_path(
        self,
        path: str | os.PathLike[str],
        *,
        hits: str | os.PathLike[str] | None = None,
        source: Source | None = None,
    ) -> PageReport:
        """Read a page (with its ``_data`` tables when in the website layout) and check it.

        Raises:
            PageError: the page cannot be read.
            TypeError: *path* is no text or path (bytes, say).
        """
        from ..pfocr import read_page

        require(path, (str, os.PathLike), "check_path", "path as str or PathLike")
        page = read_page(path, hits=hits)
        return _with_page_errors(self.check_page(page, source=source), page)

    def check_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        hits: str | os.PathLike[str] | None = None,
        source: Source | None = None,
    ) -> Iterator[PageReport]:
        """Check every page under *paths* (files or directories); unreadable pages give a
        report with the error in ``errors`` instead of stopping the run.

        Raises:
            TypeError: *paths* is one string or path instead of a collection of them.
        """
        from .._args import require_many

        require_many(paths, "check_paths", "paths")
        return self._check_paths(list(paths), hits, source)

    def _check_paths(
        self,
        paths: list[str | os.PathLike[str]],
        hits: str | os.PathLike[str] | None,
        source: Source | None,
    ) -> Iterator[PageReport]:
        from ..exceptions import PageError
        from ..pfocr import iter_pages, read_page

        def one(item: Page | PageError) -> PageReport:
            if isinstance(item, PageError):
                return error_report(item)
            page = item
            if hits is not None:
                try:
                    page = read_page(page.path, hits=hits)
                except PageError as err:
                    return error_report(err)
            return _with_page_errors(self.check_page(page, source=source), page)

        # The collector is paused while a page is read and checked (many small objects, no
        # cycles), and runs between pages, while the caller has control.
        pages = iter_pages(paths)
        while True:
            with gc_paused():
                item = next(pages, None)
                if item is None:
                    return
                report = one(item)
                del item  # garbage now: freed before the collector has to look at it
            yield report

    def check_hits(self, hits: Sequence[GeneHit]) -> list[HitVerdict]:
        """Judge hits without page text (a hit table): one verdict per hit, in order.

        Hits are grouped by figure (``figid``, `figure_groups`) so that the hits of one
        figure are each other's siblings, and judged as `check_figures` judges them.
        """
        require(hits, Sequence, "check_hits", "a sequence of GeneHit")
        require_each(hits, GeneHit, "check_hits")
        out: list[HitVerdict | None] = [None] * len(hits)
        groups = figure_groups([h.figid for h in hits])
        with gc_paused(freeze=True):  # the verdicts live on: no collection scans them again
            judged = self.check_figures([hits[i] for i in idx] for idx in groups)
            for idx, verdicts in zip(groups, judged, strict=True):
                for i, v in zip(idx, verdicts, strict=True):
                    out[i] = v
        return [v for v in out if v is not None]

    def check_figures(self, figures: Iterable[Sequence[GeneHit]]) -> Iterator[list[HitVerdict]]:
        """Judge hits without page text, one figure at a time: each item of *figures* is all
        the hits of one figure (each other's siblings); yields their verdicts, in order, as
        each figure is judged, so that a caller can make, judge and write one figure's hits
        at a time.

        The caches are trimmed (`budget`) once, before the first figure: within one call
        they grow at most with the distinct hits met, and emptying them between figures
        would only cost time.
        """
        self._start(False)
        for group in figures:
            if not self._oversized and any(len(h.word) > LONG_WORD for h in group):
                self._oversized = True
            judge = HitJudge(self.context(""), self.weights)
            prepared = judge.prepare(group)
            yield [judge.judge(h, p) for h, p in zip(group, prepared, strict=True)]

    def _start(self, oversized: bool) -> None:
        """Before a call's work: empty the caches when they are over their `budget`, or
        when the last call met an over-long word (few entries, but each as large as the
        word: a server fed such words would otherwise grow by megabytes a request)."""
        if self._oversized:
            self.budget.clear()
        else:
            self.budget.trim()
        self._oversized = oversized

    def check_hit_table(self, table: HitTable) -> list[HitVerdict]:
        """Judge every row of a hit table read by `genenorm.pfocr.read_hit_table`.

        Raises:
            TypeError: *table* is no `HitTable` (a path, say: read it first).
        """
        from ..pfocr import HitTable

        require(
            table, HitTable, "check_hit_table", "a HitTable",
            "; read a file with genenorm.pfocr.read_hit_table",
        )  # fmt: skip
        return self.check_hits(table.hits)


def figure_groups(figids: Iterable[str | None]) -> list[Sequence[int]]:
    """The 0-based indexes of the hits of each figure, by figure id, figures in order of
    their first hit (how `Checker.check_hits` groups a table); a `range` for a figure whose
    hits are together (a list of 90,719 ints costs 3 MB, the ranges of 2,659 figures 0.1)."""
    groups: dict[str | None, list[int]] = {}
    for i, figid in enumerate(figids):
        found = groups.get(figid)
        if found is None:
            groups[figid] = [i]
        else:
            found.append(i)
    return [range(g[0], g[-1] + 1) if g[-1] - g[0] == len(g) - 1 else g for g in groups.values()]


#: Words and tokens longer than this are no gene name (the resolver does not even clean a
#: term this long, `genenorm.text.MAX_CLEANED_LENGTH`): a call that meets one empties the
#: caches after it (`Checker._start`).
LONG_WORD = MAX_CLEANED_LENGTH


def _longest_token(text: str) -> int:
    """The length of the longest run of non-space characters in *text*."""
    return max(map(len, text.split()), default=0)


@cache
def default_checker() -> Checker:
    """The checker of the default resolver and the shipped weights (built once)."""
    return Checker()


def _non_human(organisms: Sequence[FigureOrganism]) -> str | None:
    """What shows that a figure is about non-vertebrates only (`non_vertebrate_only`)."""
    found = non_vertebrate_only(organisms)
    if found is None:
        return None
    said = ", ".join(dict.fromkeys(f"'{e.text}'" for e in found.evidence[:3] if e.text))
    return f"{found.name} ({found.group}{'; ' + said if said else ''})"


def _with_page_errors(report: PageReport, page: Page) -> PageReport:
    """The report with the page's reading errors (a side table that could not be read)."""
    if not page.errors:
        return report
    import attrs

    return attrs.evolve(report, errors=(*page.errors, *report.errors))


def _suggestions(ctx: PageContext, keyword_hgnc: set[str]) -> list[Suggestion]:
    out: list[Suggestion] = []
    seen: set[str] = set()
    lex = ctx.lexicon
    for m in ctx.mentions:
        r = m.resolution
        if r.symbol is None or r.hgnc_id is None or r.hgnc_id in keyword_hgnc or r.hgnc_id in seen:
            continue
        if len(m.text) < 3 and not (r.status is Status.APPROVED and m.text == r.symbol):
            continue
        gi = lex.index_of(r.hgnc_id)
        if gi is None or ctx.safe_mention(gi) is not m:
            continue
        seen.add(r.hgnc_id)
        out.append(
            Suggestion(symbol=r.symbol, hgnc_id=r.hgnc_id, text=m.text, start=m.start, end=m.end)
        )
    return out
