"""The judge's speed-ups (caches and precomputed tables) give what the plain computation gives.

Each test compares a fast structure with a direct, slow computation of the same thing on the
embedded snapshot's real data (GO annotations, FamPlex families, the shipped weights).
"""

from __future__ import annotations

import math
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genenorm import ReasonCode
from genenorm.judging import Checker, PriorKind, Weights, decide
from genenorm.judging.context import PageContext
from genenorm.judging.evidence import (
    _ALL_RULE_SET,
    BASE_RATE_CODES,
    FOR_CODES,
    INFORMATIONAL_CODES,
    TEXT_CODES,
    _cocitation,
    _cocitation_of,
    _cocited_rows,
    _expansion,
    _family_rows,
    _page_rules,
    _same_name_genes,
    _sibling_links,
    _word_genes,
)
from genenorm.judging.hits import HitJudge, hit_prior_kind
from genenorm.judging.policy import (
    PRIOR_ALONE_SUPPORTS,
    STRONG_AGAINST,
    _defaults,
    default_weights,
    verdict_for_confidence,
)
from genenorm.models import GeneHit, Reason, Verdict
from genenorm.pfocr import read_hit_table, read_page
from genenorm.text import fold, listed_names

#: Genes of a MAPK signalling figure, plus two from elsewhere.
FIGURE = ["MAPK1", "MAPK3", "RAF1", "MAP2K1", "MAP2K2", "GRB2", "SOS1", "HRAS", "TP53", "INS"]


@pytest.fixture(name="checker", scope="module")
def _checker() -> Checker:
    return Checker()


def _rows(checker: Checker, symbols: list[str]) -> list[int]:
    lex = checker.resolver.lexicon
    rows = [lex.index_of(checker.resolver.resolve(s).hgnc_id or "") for s in symbols]
    assert None not in rows
    return [r for r in rows if r is not None]


def _cited_directly(
    checker: Checker, page_genes: frozenset[int], gene: int, excluded: frozenset[int]
) -> tuple[int, ...]:
    """`_cocitation` with plain sets of HGNC IDs: the other cited genes of the page (a
    count), those sharing an article with *gene* (a count), and the first five, by row."""
    lex = checker.resolver.lexicon
    own = lex.gene(gene).hgnc_id
    partners = {f"HGNC:{n}" for n in lex.cocited(own)}
    cited = [i for i in sorted(page_genes) if lex.cocited(lex.gene(i).hgnc_id)]
    others = [i for i in cited if i != gene and i not in excluded]
    shared = [i for i in others if lex.gene(i).hgnc_id in partners]
    return (len(others), len(shared), *shared[:5])


def _with_rows(ctx: PageContext, hgnc_id: str, found: tuple[int, ...] | None) -> tuple[int, ...]:
    """A `_cocitation` answer as `_cited_directly` gives it: both counts, then the first five
    shared genes (`_cocited_rows`) in place of the numbers left out."""
    assert found is not None
    return (*found[:2], *_cocited_rows(ctx, hgnc_id, found)[:5])


def _first_figures(table: Path, n: int) -> dict[str | None, list[GeneHit]]:
    """The hits of the first *n* figures of a hit table, by figure."""
    figures: dict[str | None, list[GeneHit]] = {}
    for h in read_hit_table(table).hits:
        if len(figures) == n and h.figid not in figures:
            break
        figures.setdefault(h.figid, []).append(h)
    return figures


class TestCocitation:
    def test_partners_are_mutual(self, checker: Checker) -> None:
        """Sharing an article is symmetric: each gene lists the other."""
        lex = checker.resolver.lexicon
        for gene in _rows(checker, FIGURE):
            own = lex.gene(gene).hgnc_id
            partners = lex.cocited(own)
            assert partners, own
            assert int(own[5:]) not in partners
            for number in sorted(partners)[:50]:
                assert int(own[5:]) in lex.cocited(f"HGNC:{number}")

    def test_a_gene_without_articles(self, checker: Checker) -> None:
        lex = checker.resolver.lexicon
        assert lex.cocited("HGNC:0") == frozenset()
        assert not lex.has_cocitations("HGNC:0")

    def test_a_new_page_of_hits_starts_afresh(self, checker: Checker) -> None:
        rows = _rows(checker, FIGURE)
        ctx = checker.context("")
        ctx.add_hits([(FIGURE[0], rows[0], True), (FIGURE[2], rows[2], True)])
        few = ctx.cited_genes
        ctx.add_hits([(s, i, True) for s, i in zip(FIGURE, rows, strict=True)])
        assert len(ctx.cited_genes) > len(few)

    def test_cited_number(self, checker: Checker) -> None:
        """The memo's number per row is the HGNC number of a gene with co-citations, else 0."""
        lex = checker.resolver.lexicon
        for row in [*_rows(checker, FIGURE), *range(0, len(lex), 997)]:
            hgnc_id = lex.gene(row).hgnc_id
            plain = int(hgnc_id.removeprefix("HGNC:")) if lex.cocited(hgnc_id) else 0
            assert checker.memo.cited_number(lex, row) == plain

    def test_real_figures(self, checker: Checker, adrd_table: Path) -> None:
        """The per-page count gives the plain sets' answer for every hit of 60 real figures
        of the 2020 table, with the hit's family and word left out as the rules do."""
        figures = _first_figures(adrd_table, 60)
        compared = long = 0
        for hits in figures.values():
            ctx = checker.context("")
            judge = HitJudge(ctx, checker.weights)
            prepared = judge.prepare(hits)
            for p in prepared:
                s = p.subject[2]
                if s.gene_index is None or s.hgnc_id is None or len(ctx.page_genes) < 3:
                    continue
                family = _family_rows(ctx, s.hgnc_id)
                words = ctx.genes_of_word(s.word) if s.word else ()
                if words and len(names := listed_names(s.word or "")) > 1:
                    # a list word: only readings of the same name are left out
                    words = _same_name_genes(ctx, s.gene_index, names, words)
                found = _cocitation(s, ctx)
                excluded = family | frozenset(words)
                direct = _cited_directly(checker, ctx.page_genes, s.gene_index, excluded)
                if not checker.resolver.lexicon.has_cocitations(s.hgnc_id):
                    assert found is None
                    continue
                assert _with_rows(ctx, s.hgnc_id, found) == direct
                compared += 1
                long += direct[1] > 5
        assert compared > 1000
        assert long > 100

    def test_other_readings_of_real_figures(self, checker: Checker, adrd_table: Path) -> None:
        """For the other genes a hit's word names (`rule_other_reading_fits`), the count
        read by row and HGNC ID gives the plain sets' answer too."""
        figures = _first_figures(adrd_table, 60)
        lex = checker.resolver.lexicon
        compared = 0
        for hits in figures.values():
            ctx = checker.context("")
            prepared = HitJudge(ctx, checker.weights).prepare(hits)
            if len(ctx.page_genes) < 3:
                continue
            for p in prepared:
                s = p.subject[2]
                if s.word is None:
                    continue
                words = frozenset(ctx.genes_of_word(s.word))
                for i in _word_genes(ctx, s.word):
                    hgnc_id = lex.gene(i).hgnc_id
                    found = _cocitation_of(ctx, i, hgnc_id, s.word)
                    if not lex.has_cocitations(hgnc_id):
                        assert found is None
                        continue
                    excluded = _family_rows(ctx, hgnc_id) | words
                    direct = _cited_directly(checker, ctx.page_genes, i, excluded)
                    assert _with_rows(ctx, hgnc_id, found) == direct
                    compared += 1
        assert compared > 300

    def test_cocited_among(self, checker: Checker) -> None:
        """Both ways of finding a gene's partners among a few numbers (a walk over its
        partners, a set probed per number for a hub) give the plain intersection."""
        lex = checker.resolver.lexicon
        hub = max(
            (lex.gene(i).hgnc_id for i in _rows(checker, FIGURE)),
            key=lambda h: len(lex.cocited(h)),
        )
        partners = sorted(lex.cocited(hub))
        assert len(partners) > 1000
        low, high = partners[0], partners[-1]
        probes = [
            frozenset(partners[:3]),
            frozenset({low - 1, low, high, high + 1}),  # before the first, after the last
            frozenset({high}),
            frozenset({high + 1}),
            frozenset(range(low, high, 997)),
            frozenset(partners[::400]) | {1, 2, 3},
            frozenset(range(1, 2000)),  # many numbers: the walk
        ]
        for hgnc_id in (hub, *(lex.gene(i).hgnc_id for i in _rows(checker, FIGURE)), "HGNC:0"):
            plain = lex.cocited(hgnc_id)
            for numbers in (*probes, frozenset()):
                assert lex.cocited_among(hgnc_id, numbers) == numbers & plain

    def test_sibling_links_of_real_figures(self, checker: Checker, adrd_table: Path) -> None:
        """For the family expansions of real figures, each member's count of the other
        members it shares articles with gives the plain sets' answer."""
        figures = _first_figures(adrd_table, 200)
        lex = checker.resolver.lexicon
        compared = 0
        for hits in figures.values():
            ctx = checker.context("")
            prepared = HitJudge(ctx, checker.weights).prepare(hits)
            for p in prepared:
                rows = _expansion(p.subject[2], ctx)
                if rows is None or len(rows) < 2:
                    continue
                numbers = {
                    i: int(lex.gene(i).hgnc_id[5:])
                    for i in rows
                    if lex.cocited(lex.gene(i).hgnc_id)
                }
                plain = tuple(
                    sum(
                        1
                        for j in rows
                        if j in numbers
                        and numbers[j] in lex.cocited(lex.gene(i).hgnc_id)
                        and j != i
                    )
                    if i in numbers
                    else 0
                    for i in rows
                )
                assert _sibling_links(ctx, rows) == plain
                compared += 1
        assert compared > 100

    def test_go_count(self, checker: Checker) -> None:
        """The count of a gene's GO terms without building the set."""
        lex = checker.resolver.lexicon
        for symbol in (*FIGURE, "TCF23"):
            (row,) = _rows(checker, [symbol])
            hgnc_id = lex.gene(row).hgnc_id
            assert lex.go_count(hgnc_id) == len(lex.go_terms(hgnc_id))
        assert lex.go_count("HGNC:0") == 0


_DEFAULTS = _defaults()


class TestWeightTable:
    @pytest.mark.parametrize(
        "weights",
        [
            default_weights(),
            Weights(
                priors={"alias": 0.5},
                evidence={"english_word": -2.0, "possible:cell_line": -0.25},
                evidence_by_kind={"keyword": {"english_word": -3.0}, "alias": {"cell_line": -1}},
            ),
        ],
    )
    def test_as_weight_says(self, weights: Weights) -> None:
        for kind in (None, *PriorKind):
            table = weights._by_code[kind]
            for code in ReasonCode:
                if code in INFORMATIONAL_CODES:
                    assert code not in table
                else:
                    assert table[code] == (
                        weights.weight(code, kind=kind),
                        weights.weight(code, possible=True, kind=kind),
                    )

    def test_decide_reads_it(self) -> None:
        w = Weights(priors={"alias": 0.0}, evidence={"english_word": -2.0, "cell_line": -1.0})
        found = [Reason(ReasonCode.CELL_LINE, "c"), Reason(ReasonCode.RENAMED_SYMBOL, "r")]
        d = decide(
            PriorKind.ALIAS, found, possible=[Reason(ReasonCode.ENGLISH_WORD, "e")], weights=w
        )
        assert [(r.code, r.weight) for r in d.reasons] == [
            (ReasonCode.CELL_LINE, -1.0),
            (ReasonCode.ENGLISH_WORD, -1.0),
            (ReasonCode.RENAMED_SYMBOL, 0.0),
        ]


def _decide_plainly(
    kind: PriorKind, found: list[Reason], possible: list[Reason], w: Weights
) -> tuple[object, ...]:
    """`decide` written out plainly: the weights and verdict rules by their public names."""
    total = w.prior(kind)
    against: list[Reason] = []
    support: list[Reason] = []
    info: list[Reason] = []
    seen: set[ReasonCode] = set()
    for reasons, maybe in ((found, False), (possible, True)):
        for r in reasons:
            if r.code in INFORMATIONAL_CODES:
                if r not in info:
                    info.append(r)
                continue
            if r.code in seen:
                continue
            seen.add(r.code)
            weight = w.weight(r.code, possible=maybe, kind=kind)
            if weight == 0.0:
                continue
            total += weight
            (support if r.code in FOR_CODES else against).append(Reason(r.code, r.detail, weight))
    confidence = (
        1.0 / (1.0 + math.exp(-total)) if total >= 0 else math.exp(total) / (1.0 + math.exp(total))
    )
    against.sort(key=lambda r: r.weight)
    support.sort(key=lambda r: r.weight, reverse=True)
    verdict = verdict_for_confidence(confidence, w, kind)
    weighs = sum(r.weight for r in against if r.code not in BASE_RATE_CODES)
    if (verdict is Verdict.FALSE_HIT and weighs > -STRONG_AGAINST) or (
        verdict is Verdict.SUPPORTED
        and not support
        and (kind not in PRIOR_ALONE_SUPPORTS or weighs < 0.0)
    ):
        verdict = Verdict.UNCERTAIN
    return verdict, confidence, kind, (*against, *info), tuple(support)


class TestDecide:
    @settings(max_examples=400, deadline=None)
    @given(
        kind=st.sampled_from(list(PriorKind)),
        found=st.lists(st.sampled_from(list(ReasonCode)), max_size=6),
        possible=st.lists(st.sampled_from(list(ReasonCode)), max_size=3),
        fitted=st.booleans(),
    )
    def test_as_written_plainly(
        self, kind: PriorKind, found: list[ReasonCode], possible: list[ReasonCode], fitted: bool
    ) -> None:
        w = default_weights() if fitted else _DEFAULTS
        f = [Reason(code, f"found {i}") for i, code in enumerate(found)]
        p = [Reason(code, f"possible {i}") for i, code in enumerate(possible)]
        d = decide(kind, f, possible=p, weights=w)
        plain = _decide_plainly(kind, f, p, w)
        assert (d.verdict, d.confidence, d.matched_as, d.reasons, d.support) == plain


class TestPreparedHits:
    def test_siblings_and_families(self, checker: Checker) -> None:
        hits = [
            GeneHit(word="ERK2", match="ERK2", symbol="MAPK1", source="hgnc_alias_symbol"),
            GeneHit(word="Akt", match="AKT", symbol="AKT2", source="famplex_relations"),
            GeneHit(word="TP53", match="TP53", symbol="TP53", source="hgnc_symbol"),
            GeneHit(word="Trp53", match="Trp53", symbol="Trp53", source="x", organism_id="10090"),
        ]
        for _ in range(2):  # the second time from the checker's memo
            ctx = checker.context("")
            prepared = HitJudge(ctx, checker.weights).prepare(hits)
            subjects = [p.subject for p in prepared]
            assert [p.prior for p in prepared] == [
                hit_prior_kind(s, h.source)
                for h, (_g, _r, s, _i) in zip(hits, subjects, strict=True)
            ]
            lex = ctx.lexicon
            siblings = [
                (s.word, gi, fold(s.word) in (fold(lex.gene(gi).symbol), fold(h.symbol)))
                for h, (gi, _r, s, _i) in zip(hits, subjects, strict=True)
                if gi is not None and s.word
            ]
            assert [w for w, _gi, _own in siblings] == ["ERK2", "Akt", "TP53"]
            assert ctx.hit_genes == frozenset(gi for _w, gi, _own in siblings)
            assert ctx.hit_symbols == frozenset(gi for _w, gi, own in siblings if own)
            assert ctx.genes_of_word("erk2") == (siblings[0][1],)
            assert ctx.hit_families == ("AKT",)


class TestRulesWithoutText:
    def test_text_rules_find_nothing_without_text(self, checker: Checker, adrd_table: Path) -> None:
        """Every rule left out on a page without text (`TEXT_CODES`) does return None for
        every hit of 60 real figures of the 2020 table judged without text, and the rules
        kept are the others, in order."""
        rules = dict(_ALL_RULE_SET.page)
        assert set(TEXT_CODES) <= set(rules)
        kept = [code for code, _ in _ALL_RULE_SET.page_without_text]
        assert kept == [code for code in rules if code not in TEXT_CODES]
        figures = _first_figures(adrd_table, 60)
        checked = 0
        for hits in figures.values():
            ctx = checker.context("")
            assert _page_rules(_ALL_RULE_SET, ctx) is _ALL_RULE_SET.page_without_text
            judge = HitJudge(ctx, checker.weights)
            for p in judge.prepare(hits):
                s = p.subject[2]
                for code in TEXT_CODES:
                    assert rules[code](s, ctx) is None
                checked += 1
        assert checked > 1000

    def test_rule_sets_in_evidence_order(self) -> None:
        """`_run` returns the page rules' findings unsorted when the subject has none of its
        own: every rule set lists its rules in `EVIDENCE` order."""
        from genenorm.judging.evidence import _ORDER, _TERM_RULE_SET

        for rules in (_ALL_RULE_SET, _TERM_RULE_SET):
            for part in (rules.subject, rules.page, rules.page_without_text, rules.gene):
                order = [_ORDER[code] for code, _check in part]
                assert order == sorted(set(order))

    def test_all_rules_with_text_or_non_human(self, checker: Checker) -> None:
        assert _page_rules(_ALL_RULE_SET, checker.context("TP53")) is _ALL_RULE_SET.page
        ctx = checker.context("", non_human="yeast")
        assert _page_rules(_ALL_RULE_SET, ctx) is _ALL_RULE_SET.page


class TestHitRecords:
    def test_as_to_dict_says(self, checker: Checker, adrd_table: Path) -> None:
        """The JSONL records of hits carry `HitVerdict.to_dict`'s values for `HIT_COLUMNS`,
        after the row's own cells (missing columns empty), for 60 real figures."""
        from genenorm.records import HIT_COLUMNS, SCHEMA_VERSION, hit_records

        hits = [h for group in _first_figures(adrd_table, 60).values() for h in group]
        verdicts = checker.check_hits(hits)
        columns = [*dict(hits[0].raw), "extra"]
        raw = [h.raw for h in hits]
        raw[0] = raw[0][1:]  # a row without its first cell
        records = list(hit_records(columns, raw, verdicts))
        assert len(records) == len(hits) > 1000
        for record, row, v in zip(records, raw, verdicts, strict=True):
            expected = {**dict(row), **{c: "" for c in columns if c not in dict(row)}}
            expected |= {c: v.to_dict()[c] for c in HIT_COLUMNS}
            expected["schema_version"] = SCHEMA_VERSION
            assert list(record.items()) == list(expected.items())


class TestJudgeTableLookups:
    """`go_processes`, `cell_lines` and `enzyme` remember what they found per text and the
    keys of the rows bisection visits; both stay within their bounds and change nothing."""

    TEXTS = (
        "EMT", "epithelial to mesenchymal transition", "apoptosis", "Apoptosis", "THP-1",
        "thp 1", "HeLa", "HEK293", "pyruvate kinase", "lactate dehydrogenase", "cinnamyl alcohol "
        "dehydrogenase", "", "-", "zzzz", "TP53",
    )  # fmt: skip

    def test_as_found_afresh(self) -> None:
        from genenorm._judge_data import _rows_with_key, compact_key
        from genenorm.lexicon import default_lexicon

        lex = default_lexicon()
        for text in self.TEXTS:
            for _ in range(2):  # afresh, then remembered
                assert lex.go_processes(text) == lex._go_processes(text)
                assert lex.cell_lines(text) == lex._cell_lines(text)
                assert lex.enzyme(text) == lex._enzyme(text)
        for table, rows in (
            ("go_processes", lex._go_process_rows),
            ("cell_lines", lex._cell_line_rows),
            ("enzymes", lex._enzyme_rows),
        ):
            by_key: dict[str, list[list[str]]] = {}
            for r in rows:
                by_key.setdefault(compact_key(r.split("\t")[0]), []).append(r.split("\t"))
            for text in self.TEXTS:
                key = compact_key(text)
                plain = by_key.get(key, []) if key else []
                assert _rows_with_key(rows, key, {}) == plain
                assert _rows_with_key(rows, key, lex._row_keys[table]) == plain
        assert lex.go_process("EMT") is not None
        assert lex.cell_line("THP-1") is not None
        assert lex.enzyme("pyruvate kinase")

    def test_callers_get_their_own_lists(self) -> None:
        from genenorm.lexicon import default_lexicon

        lex = default_lexicon()
        first = lex.enzyme("pyruvate kinase")
        first.append("changed")
        assert "changed" not in lex.enzyme("pyruvate kinase")

    def test_bounded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from genenorm import _judge_data
        from genenorm.lexicon import default_lexicon

        lex = default_lexicon()
        monkeypatch.setattr(_judge_data, "LOOKUPS_LIMIT", len(lex._lookups["enzymes"]) + 2)
        monkeypatch.setattr(_judge_data, "ROW_KEYS_LIMIT", len(lex._row_keys["enzymes"]) + 3)
        for i in range(20):
            assert lex.enzyme(f"no such enzyme {i}") == []
        assert len(lex._lookups["enzymes"]) == _judge_data.LOOKUPS_LIMIT
        assert len(lex._row_keys["enzymes"]) <= _judge_data.ROW_KEYS_LIMIT


class TestNumberedSeries:
    """A numbered series written once (``LATS1/2``) names each gene it stands for."""

    @staticmethod
    def _named(checker: Checker, text: str) -> dict[str, tuple[str, str]]:
        ctx = checker.context(text)
        lex = checker.resolver.lexicon
        return {
            lex.gene(i).symbol: (m.text, text[m.start : m.end])
            for i in ctx.named_genes
            if (m := ctx.safe_mention(i)) is not None
        }

    def test_series_of_paralogs(self, checker: Checker) -> None:
        named = self._named(checker, "LATS1/2 phosphorylate YAP; TRAF2/5 and SMAD2/3 bind.")
        assert named["LATS1"] == ("LATS1", "LATS1/2")
        assert named["LATS2"] == ("LATS2", "LATS1/2")
        assert {"TRAF2", "TRAF5", "SMAD2", "SMAD3"} <= named.keys()

    def test_not_a_series_of_paralogs(self, checker: Checker) -> None:
        """``MST1/2``: MST1 is the approved symbol of a gene outside the STK family of STK3
        (MST2); the token is read as a whole, as before."""
        named = self._named(checker, "MST1/2 activate LATS.")
        assert "STK3" not in named


class TestPlans:
    """`EvidenceRule.may_find` is false only where the rule finds nothing: every page rule a
    subject's plan leaves out returns ``None`` for it on the page it is judged on."""

    @staticmethod
    def _check_left_out(monkeypatch: pytest.MonkeyPatch) -> list[int]:
        from genenorm.judging import evidence

        run = evidence._run
        counts = [0, 0]

        def checked(
            rules: evidence._RuleSet,
            s: evidence.Subject,
            ctx: evidence.PageContext,
            cache: dict[evidence.Subject, evidence._Plan],
        ) -> list[Reason]:
            found = run(rules, s, ctx, cache)
            kept = {code for code, _check in evidence._plan(rules, s, ctx, cache).page}
            for (code, check), guard in zip(rules.page, rules.guards, strict=True):
                if code not in kept:
                    assert guard is not None
                    assert not guard(s, ctx)
                    assert check(s, ctx) is None, (code, s)
                    counts[0] += 1
            counts[1] += 1
            return found

        monkeypatch.setattr(evidence, "_run", checked)
        return counts

    def test_hit_tables(
        self, checker: Checker, adrd_table: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        counts = self._check_left_out(monkeypatch)
        hits = [h for group in _first_figures(adrd_table, 80).values() for h in group]
        fresh = Checker(checker.resolver)
        fresh.check_hits(hits)
        assert counts[1] >= len(hits) > 1000
        assert counts[0] > 5 * len(hits)  # most page rules are left out of most plans

    def test_pages_with_text(self, checker: Checker, monkeypatch: pytest.MonkeyPatch) -> None:
        from tests.conftest import SHARED_SAMPLES, WEBSITE

        counts = self._check_left_out(monkeypatch)
        fresh = Checker(checker.resolver)
        dirs = [WEBSITE, WEBSITE.parent / "pfocr-website-more"]
        dirs += [SHARED_SAMPLES / "pfocr-website-more", SHARED_SAMPLES / "pfocr-website"]
        paths = sorted(p for d in dirs for p in (d / "_figures").glob("*.md"))
        for report in fresh.check_paths(paths):
            assert not report.errors
        for path in paths[:30]:  # page only: keywords judged without their hit tables
            page = attrs.evolve(
                read_page(path), gene_hits=(), chemical_hits=(), disease_hits=(), has_hits=False
            )
            fresh.check_page(page)
        assert counts[0] > 1000

    def test_plans_are_shared(self, checker: Checker, adrd_table: Path) -> None:
        """Plans that keep the same page rules share their tuples; a plan's page rules
        without text are its page rules minus `TEXT_CODES`, in order."""
        from genenorm.judging.evidence import _Plan

        fresh = Checker(checker.resolver)
        fresh.check_hits([h for group in _first_figures(adrd_table, 20).values() for h in group])
        plans: list[_Plan] = list(fresh.memo.plans.values())
        assert plans
        by_codes: dict[tuple[ReasonCode, ...], _Plan] = {}
        for plan in plans:
            codes = tuple(code for code, _check in plan.page)
            assert [c for c in codes if c not in TEXT_CODES] == [
                code for code, _check in plan.page_without_text
            ]
            first = by_codes.setdefault(codes, plan)
            assert first.page is plan.page
            assert first.page_without_text is plan.page_without_text


class TestFamilyMemberRows:
    def test_as_computed_directly(self, checker: Checker) -> None:
        """`Memo.family_member_rows` gives every FamPlex family's members' rows in FamPlex
        order, HGNC IDs without a row left out, and is cached."""
        lex = checker.resolver.lexicon
        memo = checker.memo
        assert len(lex.families) > 100
        for fid, members in lex.families.items():
            direct = tuple(i for i in map(lex.index_of, members) if i is not None)
            assert memo.family_member_rows(lex, fid) == direct
            assert memo.family_member_rows(lex, fid) is memo.family_member_rows(lex, fid)
        assert memo.family_member_rows(lex, "NO_SUCH_FAMILY") == ()


class TestTokenKeys:
    @staticmethod
    def _directly(text: str) -> frozenset[str]:
        """Every token stripped of debris and folded, whole and split at dashes and slashes."""
        from genenorm.judging.context import _SPLIT_HINTS, _TOKEN, DEBRIS

        out: set[str] = set()
        for m in _TOKEN.finditer(text):
            word = m.group().strip(DEBRIS)
            if word:
                out.add(fold(word))
                out.update(fold(p) for p in _SPLIT_HINTS.split(word) if p)
        return frozenset(out)

    def test_as_computed_token_by_token(self, checker: Checker) -> None:
        from tests.conftest import SHARED_SAMPLES, WEBSITE

        dirs = [WEBSITE, WEBSITE.parent / "pfocr-website-more", SHARED_SAMPLES / "pfocr-website"]
        paths = sorted(p for d in dirs for p in (d / "_figures").glob("*.md"))
        texts = [read_page(p).text for p in paths]
        texts += ["", "Aß and ẞ-catenin/TCF (β-cat); p-ERK–MEK, “IL-6”.", "ǅ-ﬁ/ŉ ΐ-İı"]
        assert len(texts) > 20
        for text in texts:
            assert checker.context(text).token_keys == self._directly(text)

    def test_fold_keeps_token_boundaries(self) -> None:
        """What lets `token_keys` fold the whole text first: no character folds to or from
        a token delimiter (white space included), debris or dash."""
        import re
        import sys

        from genenorm.judging.context import DEBRIS

        delimiter = re.compile(r"[\s,;:()\[\]{}\"“”‘’]")
        for chars in (delimiter, re.compile(f"[{re.escape(DEBRIS)}]"), re.compile("[-/–]")):
            for cp in range(sys.maxunicode + 1):
                c = chr(cp)
                f = fold(c)
                if chars.match(c):
                    assert f == c
                else:
                    assert not chars.search(f), hex(cp)


def test_page_caches_give_the_plain_answers(checker: Checker) -> None:
    """On the sample pages, the per-page caches of round 11 (`_defined` by spellings,
    `_expansion` by subject, a keyword's hit siblings by OCR words) give what computing
    each answer afresh gives."""
    from genenorm.judging.evidence import _defined, _expansion_of
    from genenorm.judging.keywords import KeywordJudge
    from genenorm.judging.subjects import texts
    from genenorm.text import clean
    from tests.conftest import SHARED_SAMPLES, WEBSITE

    dirs = [WEBSITE, SHARED_SAMPLES / "pfocr-website-more", SHARED_SAMPLES / "pfocr-website"]
    paths = sorted(p for d in dirs for p in (d / "_figures").glob("*.md"))
    defined = expansions = siblings = 0
    for path in paths:
        page = read_page(path)
        ctx = checker.context(page.text)
        judge = HitJudge(ctx, checker.weights)
        prepared = judge.prepare(page.gene_hits)
        verdicts = [judge.judge(h, p) for h, p in zip(page.gene_hits, prepared, strict=True)]
        for p in prepared:
            s = p.subject[2]
            plain = tuple(
                (t, long_form, ctx.resolver.resolve(long_form))
                for t in texts(s)
                if (long_form := ctx.definitions.get(fold(clean(t)))) is not None
            )
            assert _defined(s, ctx) == plain
            assert _expansion(s, ctx) == _expansion_of(s, ctx)
            defined += bool(plain)
            expansions += _expansion(s, ctx) is not None
        kw = KeywordJudge(page, ctx, verdicts, checker.weights)
        by_word: dict[str, list[str]] = {}
        for h in page.gene_hits:
            by_word.setdefault(h.word, []).append(h.symbol)
        for keyword, mine in kw._hits_by_symbol.items():
            words = tuple(dict.fromkeys(h.word for h, _ in mine))
            plain_siblings = tuple(
                dict.fromkeys(o for w in words for o in by_word[w] if o != keyword)
            )
            assert kw._siblings(words, keyword) == plain_siblings
            siblings += bool(plain_siblings)
    assert defined > 10
    assert expansions > 10
    assert siblings > 10


def test_hit_verdict_fields_in_the_order_the_judge_passes_them() -> None:
    """`HitJudge.judge` builds each `HitVerdict` by position: its fields keep this order."""
    from genenorm.page_models import HitVerdict

    assert [f.name for f in attrs.fields(HitVerdict)] == [
        "word", "match", "source", "symbol", "verdict", "current_symbol", "hgnc_id",
        "reasons", "organism_id", "gene_id", "row", "confidence", "support", "matched_as",
    ]  # fmt: skip
