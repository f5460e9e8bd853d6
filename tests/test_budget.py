"""The one size policy of a checker's caches (`genenorm._budget.CacheBudget`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from genenorm._budget import DEFAULT_LIMIT, CacheBudget, FunctionCache
from genenorm.judging import Checker
from genenorm.models import GeneHit
from genenorm.pfocr import iter_pages, read_hit_table
from genenorm.resolver import Resolver
from genenorm.text import norm_key

from .conftest import SHARED_SAMPLES, WEBSITE


class TestCacheBudget:
    def test_under_the_limit_nothing_is_emptied(self) -> None:
        """Caches holding no more than the limit together are kept."""
        budget = CacheBudget(3)
        a, b = {1: 1}, {2: 2, 3: 3}
        budget.add(a, b)
        assert not budget.trim()
        assert (a, b, budget.generation) == ({1: 1}, {2: 2, 3: 3}, 0)

    def test_past_the_limit_every_cache_is_emptied(self) -> None:
        """One entry too many empties all the caches, not only the one that grew."""
        budget = CacheBudget(3)
        a, b = {1: 1}, {2: 2, 3: 3}
        budget.add(a, b)
        a[4] = 4
        assert budget.trim()
        assert (a, b, budget.size(), budget.generation) == ({}, {}, 0, 1)

    def test_a_cache_is_counted_once(self) -> None:
        """Adding the same cache twice does not count its entries twice."""
        budget = CacheBudget(10)
        a = {1: 1, 2: 2}
        budget.add(a, a)
        budget.add(a)
        assert budget.size() == 2
        assert len(budget.caches()) == 1

    def test_function_cache(self) -> None:
        """An lru_cache-wrapped function counts its entries and is emptied with the rest."""

        @lru_cache(maxsize=64)
        def double(x: int) -> int:
            return 2 * x

        for i in range(5):
            double(i)
        budget = CacheBudget(4)
        budget.add(FunctionCache(double))
        assert budget.size() == 5
        assert budget.trim()
        assert double.cache_info().currsize == 0


class TestCheckerBudget:
    def test_every_cache_of_a_run_is_counted(self) -> None:
        """The memo, the resolver's and the lexicon's caches and norm_key share the budget."""
        checker = Checker(Resolver())
        caches = checker.budget.caches()
        ids = {id(c) for c in caches}
        assert all(id(t) in ids for t in checker.memo.tables())
        assert all(id(t) in ids for t in checker.resolver._caches())
        assert all(id(t) in ids for t in checker.resolver.lexicon._caches())
        assert any(isinstance(c, FunctionCache) for c in caches)
        assert checker.budget.limit == DEFAULT_LIMIT

    def test_two_checkers_share_no_memo(self) -> None:
        """Each checker has its own memo tables and its own resolver caches."""
        one, two = Checker(Resolver()), Checker(Resolver())
        assert not {id(t) for t in one.memo.tables()} & {id(t) for t in two.memo.tables()}
        assert not {id(t) for t in one.resolver._caches()} & {id(t) for t in two.resolver._caches()}
        page = next(iter(iter_pages([WEBSITE / "_figures"])))
        one.check_page(page)
        assert sum(map(len, one.memo.tables())) > 0
        assert sum(map(len, two.memo.tables())) == 0

    def test_bounded_between_pages(self) -> None:
        """With a small limit, the caches never hold more than the limit plus one page."""
        limit = 2_000
        checker = Checker(Resolver(), cache_limit=limit)
        pages = list(iter_pages([WEBSITE / "_figures"]))
        sizes = []
        for page in pages * 3:
            checker.check_page(page)
            sizes.append(checker.budget.size())
            checker.budget.trim()
            assert checker.budget.size() <= limit
        assert checker.budget.generation > 0
        assert max(sizes) > limit  # the bound was reached, and kept

    def test_hit_verdicts_do_not_depend_on_the_caches(self, adrd_table: Path) -> None:
        """Hit tables judged figure by figure with the caches emptied before each give the
        same verdicts as one call whose caches are never emptied."""
        figures: dict[str | None, list[GeneHit]] = {}
        for h in read_hit_table(adrd_table).hits:
            if len(figures) == 40 and h.figid not in figures:
                break
            figures.setdefault(h.figid, []).append(h)
        hits = [h for group in figures.values() for h in group]
        unbounded = Checker(Resolver(), cache_limit=10**9).check_hits(hits)
        norm_key.cache_clear()
        emptied = Checker(Resolver(), cache_limit=0)
        one_by_one = [v for group in figures.values() for v in emptied.check_hits(group)]
        assert emptied.budget.generation >= len(figures) - 1
        assert one_by_one == unbounded

    def test_page_verdicts_do_not_depend_on_the_pages_before(self) -> None:
        """Every sample page judged after all the others, with the caches kept, gets what it
        gets judged first, with them emptied: nothing kept per term reads the page it first
        met (`word_names_gene` once read the first page's caption definitions)."""
        more = SHARED_SAMPLES / "pfocr-website-more" / "_figures"
        if not more.is_dir():
            pytest.skip(f"{more} not present")
        pages = list(iter_pages([WEBSITE / "_figures", more]))
        assert len(pages) > 60
        kept = Checker(Resolver(), cache_limit=10**9)
        for page in pages:
            kept.check_page(page)  # every term now met first on some other page
        for page in pages:
            norm_key.cache_clear()
            assert kept.check_page(page) == Checker(Resolver()).check_page(page), page.figid

    def test_check_hits_trims_once(self) -> None:
        """A hit table's call trims the caches before its first figure, not between figures
        (what it caches grows only with the table it holds)."""
        checker = Checker(Resolver(), cache_limit=0)
        hits = [
            GeneHit(word=s, symbol=s, figid=f"F{i}", match=s, source="hgnc_symbol")
            for i, s in enumerate(["TP53", "MDM2", "EGFR", "KRAS"])
        ]
        checker.check_hits(hits)
        assert checker.budget.generation <= 1
        assert checker.budget.size() > 0


class TestOverLongWords:
    """Few cache entries can still be large: a word of 100,000 characters is one entry. A
    server fed such words grew by megabytes a request (a fuzzing review: 660 MB)."""

    @staticmethod
    def _strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [s for k, v in value.items() for s in (*TestOverLongWords._strings(k),
                    *TestOverLongWords._strings(v))]  # fmt: skip
        if isinstance(value, tuple | list | frozenset):
            return [s for v in value for s in TestOverLongWords._strings(v)]
        return []

    def test_the_next_call_forgets_them(self) -> None:
        from genenorm.judging.checker import LONG_WORD
        from genenorm.pfocr import read_hit_table_text
        from genenorm.text import listed_names

        checker = Checker(Resolver())
        header = "figid\tpmcid\tword\tsymbol\tsource\thgnc_symbol\tentrez\n"
        long_word = "A, B " * 20_000  # spaces and commas: cleaned, and listed as names
        table = read_hit_table_text(
            header + f"PMC1__a\tPMC1\t{long_word}\tTP53\thgnc_symbol\tTP53\t7157\n"
            "PMC1__a\tPMC1\tp53\tTP53\thgnc_alias_symbol\tTP53\t7157\n"
        )
        first = checker.check_hit_table(table)
        assert len(first) == 2
        normal = read_hit_table_text(
            header + "PMC2__b\tPMC2\tPTEN\tPTEN\thgnc_symbol\tPTEN\t5728\n"
        )
        assert [v.verdict for v in checker.check_hit_table(normal)] == ["supported"]
        held = [s for cache in checker.budget.caches() if isinstance(cache, dict)
                for s in self._strings(cache)]  # fmt: skip
        assert held
        assert max(map(len, held)) <= LONG_WORD
        assert listed_names.cache_info().currsize < 10  # counted in the budget, emptied too

    def test_the_resolver_keeps_no_over_long_term(self) -> None:
        resolver = Resolver()
        term = "x" * 5_000
        assert resolver.resolve(term).status == "not_found"
        assert resolver.resolve("TP53").symbol == "TP53"
        assert term not in resolver._caches()[0]
        assert "TP53" in resolver._caches()[0]
