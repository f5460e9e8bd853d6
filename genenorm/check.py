"""Checking PFOCR figures: a verdict for every keyword and every hit, plus suggestions.

Examples:
    >>> from genenorm.check import check_path
    >>> report = check_path("tests/data/pfocr-website/_figures/PMC11987792__cancers-17-01167-g005.md")
    >>> {k.keyword: str(k.verdict) for k in report.keywords}["TCF23"]
    'false_hit'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from ._gc import gc_paused
from .chemicals import gene_too, keyword_chemical, page_kind, page_makes_chemical
from .judge import (
    _NON_HUMAN_CASE,
    PageContext,
    Subject,
    all_reasons,
    gene_of,
    mention_subject,
    strip_ocr_debris,
    subject_for,
    term_may_be_false,
    term_reasons,
    verdict_for,
)
from .models import (
    Evidence,
    GeneHit,
    HitVerdict,
    KeywordVerdict,
    Kind,
    MatchMethod,
    Page,
    PageReport,
    Reason,
    ReasonCode,
    Relation,
    Resolution,
    Status,
    Suggestion,
    Verdict,
)
from .text import fold, norm_key

if TYPE_CHECKING:
    from .exceptions import PageError
    from .lexicon import Lexicon
    from .pfocr import HitTable
    from .resolver import Resolver, Source

__all__ = ["check_hit_table", "check_hits", "check_page", "check_path", "check_paths"]

_VERDICT_RANK = {Verdict.SUPPORTED: 0, Verdict.UNCERTAIN: 1, Verdict.FALSE_HIT: 2}
_HIT_CACHE_SIZE = 200_000


_K = TypeVar("_K")
_V = TypeVar("_V")


def _cache(table: dict[int, dict[_K, _V]], owner: object) -> dict[_K, _V]:
    """The cache of *owner* (a lexicon or resolver) in one of the module's tables."""
    cache = table.get(id(owner))
    if cache is None:
        cache = table[id(owner)] = {}
    return cache


def _resolver(resolver: Resolver | None) -> Resolver:
    if resolver is not None:
        return resolver
    from .resolver import default_resolver

    return default_resolver()


def _dedupe(reasons: Sequence[Reason]) -> tuple[Reason, ...]:
    return tuple(reasons) if len(reasons) < 2 else tuple(dict.fromkeys(reasons))


def _informational(r: Resolution | None, reported: str) -> list[Reason]:
    if r is None:
        return []
    if r.status is Status.PREVIOUS and r.symbol:
        return [
            Reason(
                ReasonCode.RENAMED_SYMBOL,
                f"'{reported}' is a previous symbol; the current symbol is {r.symbol}",
            )
        ]
    if r.status is Status.WITHDRAWN:
        now = f"; its successor is {r.symbol}" if r.symbol else ""
        return [
            Reason(ReasonCode.WITHDRAWN_SYMBOL, f"'{reported}' is a withdrawn HGNC symbol{now}")
        ]
    return []


# --------------------------------------------------------------------------- hits


class _HitJudge:
    """Judges gene hits of one page; context-free verdicts are cached across pages."""

    def __init__(self, ctx: PageContext, cache: dict[tuple[str, ...], HitVerdict]) -> None:
        self.ctx = ctx
        self.cache = cache if not ctx.text else {}

    def __call__(self, h: GeneHit) -> HitVerdict:
        key = (h.word, h.match, h.symbol, h.source, h.organism_id or "")
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        ctx = self.ctx
        gi, r, subject, info = _hit_subject(ctx, h)
        # without text, the verdict itself is cached: its subject is judged only once
        reasons = [*all_reasons(subject, ctx, cache=bool(ctx.text)), *info]
        named = gi is not None and gi in ctx.named_genes
        if named:
            m = ctx.safe_mention(gi) if gi is not None else None
            reasons.append(
                Reason(
                    ReasonCode.NAMED_IN_TEXT,
                    f"the text names {r.symbol if r else h.symbol} as '{m.text if m else h.symbol}'",
                )
            )
        result = HitVerdict(
            word=h.word, match=h.match, source=h.source, symbol=h.symbol,
            verdict=verdict_for(reasons, named=named),
            current_symbol=r.symbol if r else None, hgnc_id=r.hgnc_id if r else None,
            reasons=_dedupe(reasons),
        )  # fmt: skip
        if len(self.cache) < _HIT_CACHE_SIZE:
            self.cache[key] = result
        return result


_HitSubject = tuple[int | None, Resolution | None, Subject, tuple[Reason, ...]]


def _hit_subject(ctx: PageContext, h: GeneHit) -> _HitSubject:
    """The page-independent part of a hit's verdict: the lexicon row and resolution of the
    reported gene, the subject to judge and informational reasons (cached across pages with
    text; without text, whole verdicts are cached instead)."""
    if not ctx.text:
        return _make_hit_subject(ctx, h)
    cache = _cache(_HIT_SUBJECTS, ctx.resolver)
    key = (h.word, h.match, h.symbol, h.gene_id, h.organism_id, h.organism_name)
    hit = cache.get(key)
    if hit is None:
        hit = _make_hit_subject(ctx, h)
        if len(cache) >= _HIT_CACHE_SIZE:
            cache.clear()
        cache[key] = hit
    return hit


def _make_hit_subject(ctx: PageContext, h: GeneHit) -> _HitSubject:
    human = h.organism_id in (None, "", "9606")
    gi, r = _gene_of(ctx.resolver, h.symbol, h.gene_id) if human else (None, None)
    word = strip_ocr_debris(h.word)
    subject = subject_for(
        ctx, h.match, gi, h.symbol, word=word or None,
        organism_id=h.organism_id, organism_name=h.organism_name, cache=bool(ctx.text),
    )  # fmt: skip
    return gi, r, subject, tuple(_informational(r, h.symbol))


def _gene_of(resolver: Resolver, symbol: str, entrez: str | None) -> tuple[int | None, Resolution]:
    """`genenorm.judge.gene_of`, cached per symbol and NCBI Gene ID."""
    cache = _cache(_GENES_OF, resolver)
    key = (symbol, entrez)
    hit = cache.get(key)
    if hit is None:
        hit = gene_of(resolver, symbol, entrez)
        if len(cache) >= _HIT_CACHE_SIZE:
            cache.clear()
        cache[key] = hit
    return hit


_HIT_SUBJECTS: dict[int, dict[tuple[str | None, ...], _HitSubject]] = {}
_GENES_OF: dict[int, dict[tuple[str, str | None], tuple[int | None, Resolution]]] = {}


# --------------------------------------------------------------------------- keywords


class _KeywordJudge:
    """Judges the keywords of one page."""

    def __init__(self, page: Page, ctx: PageContext, hits: Sequence[HitVerdict]) -> None:
        self.page = page
        self.ctx = ctx
        self.lex: Lexicon = ctx.lexicon
        self.hits = hits
        self.hit_symbols = {h.symbol for h in page.gene_hits}
        self.chem_words = {fold(c.word): c for c in page.chemical_hits}
        self.disease_words = {fold(d.word) for d in page.disease_hits}
        self._bases = _cache(_KEYWORD_BASES, self.lex)

    # ------------------------------------------------------------------ kinds

    def kind(self, keyword: str, r: Resolution) -> Kind:
        """What a keyword is."""
        if self.page.has_hits:
            if keyword in self.hit_symbols:
                return Kind.GENE
            if fold(keyword) in self.chem_words:
                return (
                    Kind.GENE
                    if r.match is not None and r.symbol and self._protein_drug(keyword, r)
                    else Kind.CHEMICAL
                )
            if fold(keyword) in self.disease_words:
                return Kind.DISEASE
        ctx = self.ctx  # genes and chemicals, and which one the page means (PEP, CAMP, Trp)
        found = page_kind(
            self.lex, keyword, r, ctx.text, ctx.definitions, self.page.keywords,
            protein_drug=self._protein_drug(keyword, r),
        )  # fmt: skip
        if found is not None:
            return found
        if r.symbol is not None or r.status in (Status.FAMILY, Status.AMBIGUOUS, Status.WITHDRAWN):
            if self._non_gene_word(keyword):
                return Kind.OTHER
            return Kind.GENE
        if _looks_non_human(keyword):
            return Kind.GENE
        if self._non_gene_word(keyword):
            return Kind.OTHER
        return Kind.UNKNOWN

    def _protein_drug(self, keyword: str, r: Resolution) -> bool:
        """A drug or chemical word that names a gene product (insulin → INS)."""
        return r.match is MatchMethod.NAME or (
            r.status is Status.ALIAS and r.candidates[0].relation is Relation.CURATED
        )

    def _non_gene_word(self, keyword: str) -> bool:
        lex = self.lex
        if lex.curated("non_gene_abbreviations", keyword) or lex.curated("figure_words", keyword):
            return True
        return keyword.isalpha() and not keyword.isupper() and lex.english_zipf(keyword) >= 3.0

    # ------------------------------------------------------------------ verdicts

    def __call__(self, keyword: str, r: Resolution) -> KeywordVerdict:
        if self.page.has_hits and self._in_tables(keyword):
            return self._judge(keyword, r)
        # Otherwise the kind, ids and informational reasons depend on the keyword alone, and so
        # does the whole verdict when nothing on the page concerns the keyword: both are
        # computed once per keyword (on an empty page) and reused.
        hit = self._bases.get(keyword)
        if hit is not None and (hit[0] is r or hit[0] == r):
            base = hit[1]
        else:
            base = _keyword_base(self.ctx.resolver, keyword, r)
        ctx = self.ctx
        if page_makes_chemical(self.lex, keyword, r, ctx.text, ctx.definitions, self.page.keywords):
            return self._judge(keyword, r)
        if base.kind is not Kind.GENE:
            return base.quiet
        gi = base.gi
        if gi is None:
            return self._judge(keyword, r) if self.ctx.definitions else base.quiet
        found = None if self._silent_about(gi) else self._from_context(gi)
        if found is None:
            return base.quiet
        verdict, reasons, evidence = found
        return KeywordVerdict(
            keyword=keyword, kind=base.kind, verdict=verdict, symbol=r.symbol,
            hgnc_id=r.hgnc_id, status=r.status, reasons=_dedupe([*reasons, *base.info]),
            evidence=evidence, ids=base.ids,
        )  # fmt: skip

    def _in_tables(self, keyword: str) -> bool:
        """The page's own hit tables name the keyword (as a gene, chemical or disease)."""
        if keyword in self.hit_symbols:
            return True
        key = fold(keyword)
        return key in self.chem_words or key in self.disease_words

    def _silent_about(self, gi: int) -> bool:
        """Nothing on the page (text, sibling keywords, named families) concerns this gene."""
        ctx = self.ctx
        if ctx.mentions_of(gi) or self._has_siblings(gi):
            return False
        named = ctx.families_named
        return not named or not any(f in named for f in self.lex.families_of_row(gi))

    def _describe(
        self, keyword: str, r: Resolution
    ) -> tuple[Kind, int | None, tuple[Reason, ...], tuple[tuple[str, str], ...]]:
        """Kind, lexicon row (genes only), informational reasons and ids of a keyword."""
        kind = self.kind(keyword, r)
        if kind is Kind.CHEMICAL:
            return kind, None, gene_too(self.lex, keyword, r), self._chemical_ids(keyword)
        if kind is not Kind.GENE:
            return kind, None, (), ()
        info = _informational(r, keyword)
        gi = self.lex.index_of(r.hgnc_id) if r.hgnc_id else None
        exact = r.status is Status.APPROVED and r.match is MatchMethod.EXACT
        if fold(keyword) in self.chem_words or (
            not exact and r.symbol and self.lex.chemical(keyword)
        ):
            ids = (*self._gene_ids(r), *self._chemical_ids(keyword))
            info.append(
                Reason(
                    ReasonCode.PROTEIN_DRUG,
                    f"'{keyword}' is a drug or chemical name for the product of {r.symbol}",
                )
            )
        else:
            ids = self._gene_ids(r)
        return kind, gi, tuple(info), ids

    def _judge(self, keyword: str, r: Resolution) -> KeywordVerdict:
        kind, gi, info, ids = self._describe(keyword, r)
        if kind is not Kind.GENE:
            return KeywordVerdict(keyword=keyword, kind=kind, ids=ids, reasons=info)
        if gi is None:
            subject = subject_for(self.ctx, keyword, None, keyword)
            reasons = [*all_reasons(subject, self.ctx), *info]
            codes = {x.code for x in reasons}
            if ReasonCode.NON_HUMAN_SYMBOL in codes:
                # a symbol of another species (Trp53), not a residue or a word
                reasons = [x for x in reasons if x.code is not ReasonCode.RESIDUE_OR_SITE]
            if r.status is Status.AMBIGUOUS:
                names = ", ".join(c.symbol for c in r.candidates[:6])
                reasons.append(Reason(ReasonCode.AMBIGUOUS_ALIAS, f"'{keyword}' may be {names}"))
            return KeywordVerdict(
                keyword=keyword, kind=kind, verdict=verdict_for(reasons), status=r.status,
                reasons=_dedupe(reasons), ids=ids, evidence=Evidence(terms=(keyword,)),
            )  # fmt: skip
        if self.page.has_hits and keyword in self.hit_symbols:
            verdict, reasons, evidence = self._from_hits(keyword, gi)
        else:
            verdict, reasons, evidence = self._from_text(gi)
        return KeywordVerdict(
            keyword=keyword, kind=kind, verdict=verdict, symbol=r.symbol, hgnc_id=r.hgnc_id,
            status=r.status, reasons=_dedupe([*reasons, *info]), evidence=evidence, ids=ids,
        )  # fmt: skip

    def _gene_ids(self, r: Resolution) -> tuple[tuple[str, str], ...]:
        ids = []
        if r.entrez:
            ids.append(("ncbigene", r.entrez))
        if r.ensembl:
            ids.append(("ensembl", r.ensembl))
        if r.family:
            ids.append(("famplex", r.family))
        return tuple(ids)

    def _chemical_ids(self, keyword: str) -> tuple[tuple[str, str], ...]:
        """``mesh``, ``drugbank`` and ``chebi`` ids: the page's chemical table first, then the
        lexicon. Values are local ids; the key is the prefix (``mesh:D016190``)."""
        ids: dict[str, str] = {}
        hit = self.chem_words.get(fold(keyword))
        chem = keyword_chemical(self.lex, keyword, names_gene=False)[0]
        for prefix, value in (
            ("mesh", hit.mesh if hit else None),
            ("chebi", hit.chebi if hit else None),
            ("mesh", chem.mesh if chem else None),
            ("drugbank", chem.drugbank if chem else None),
            ("chebi", chem.chebi if chem else None),
            ("seed.compound", chem.seed if chem else None),
        ):
            if value:
                ids.setdefault(prefix, _local_id(value))
        return tuple(ids.items())

    def _named(self, gi: int) -> tuple[Reason, str] | None:
        m = self.ctx.safe_mention(gi)
        if m is None:
            return None
        symbol = self.lex.gene(gi).symbol
        return _named_in_text(symbol, m.text)[0], m.text

    @cached_property
    def _hits_by_symbol(self) -> dict[str, list[tuple[GeneHit, HitVerdict]]]:
        """The page's gene hits and their verdicts by reported symbol, in page order."""
        out: dict[str, list[tuple[GeneHit, HitVerdict]]] = {}
        for h, v in zip(self.page.gene_hits, self.hits, strict=True):
            out.setdefault(h.symbol, []).append((h, v))
        return out

    @cached_property
    def _hits_by_word(self) -> dict[str, list[GeneHit]]:
        """The page's gene hits by OCR word, in page order."""
        out: dict[str, list[GeneHit]] = {}
        for h in self.page.gene_hits:
            out.setdefault(h.word, []).append(h)
        return out

    def _from_hits(self, keyword: str, gi: int) -> tuple[Verdict, list[Reason], Evidence]:
        mine = self._hits_by_symbol[keyword]
        by_word = self._hits_by_word
        evidence = Evidence(
            terms=tuple(dict.fromkeys(h.match for h, _ in mine)),
            words=tuple(dict.fromkeys(h.word for h, _ in mine)),
            siblings=tuple(dict.fromkeys(
                o.symbol for h, _ in mine for o in by_word[h.word] if o.symbol != keyword
            )),
        )  # fmt: skip
        named = self._named(gi)
        if named is not None:
            reason, text = named
            return (
                Verdict.SUPPORTED,
                [reason],
                Evidence(evidence.terms, evidence.words, (text,), evidence.siblings),
            )
        best = min((v.verdict for _, v in mine), key=_VERDICT_RANK.__getitem__)
        reasons = [r for _, v in mine if v.verdict is best for r in v.reasons]
        return best, reasons, evidence

    def _from_text(self, gi: int) -> tuple[Verdict, list[Reason], Evidence]:
        found = None if self._silent_about(gi) else self._from_context(gi)
        if found is None:
            # nothing on this page speaks of the gene: the answer depends on the gene alone
            verdict, reasons, ev = _quiet_evidence(self.ctx, gi)
            return verdict, list(reasons), ev
        return found

    def _from_context(self, gi: int) -> tuple[Verdict, list[Reason], Evidence] | None:
        """The verdict on a keyword gene that the page concerns (see `_silent_about`), or
        ``None`` when nothing on the page decides it: then the gene's synonyms do, as on a
        page without text (`_quiet_evidence`)."""
        ctx, lex = self.ctx, self.lex
        gene = lex.gene(gi)
        m = ctx.safe_mention(gi)
        if m is not None:
            reason, evidence = _named_in_text(gene.symbol, m.text)
            return Verdict.SUPPORTED, [reason], evidence
        # 1. the text names a family this gene belongs to
        for fid in lex.families_of(gene.hgnc_id):
            m = ctx.families_named.get(fid)
            if m is None:
                continue
            reasons = all_reasons(mention_subject(ctx, m, gi), ctx)
            reason, ev = _named_in_text(fid, m.text, family=True)
            if reasons:
                return verdict_for(reasons), reasons, ev
            return Verdict.SUPPORTED, [reason], ev
        # 2. the text holds a term that produced this gene, but no rule accepts it as naming it
        for m in ctx.mentions_of(gi):
            reasons = all_reasons(mention_subject(ctx, m, gi), ctx)
            if reasons:
                return verdict_for(reasons), reasons, Evidence(terms=(m.text,), mentions=(m.text,))
        # 3. sibling keywords produced by the same term
        result = self._from_siblings(gi)
        if result is not None:
            return result
        # 4. a family expanded into several keywords, of which the text names only others
        return self._from_family_siblings(gi)

    @cached_property
    def _with_siblings(self) -> set[int]:
        """Keyword genes that share a term key or a family with another keyword gene."""
        out: set[int] = set()
        for index in (self._key_index, self._family_index):
            for genes in index.values():
                if len(genes) > 1:
                    out.update(genes)
        return out

    def _has_siblings(self, gi: int) -> bool:
        """Another keyword gene shares a term or a family with this one."""
        return gi in self._with_siblings

    @cached_property
    def _family_index(self) -> dict[str, list[int]]:
        """FamPlex id → keyword genes of this page in that family."""
        out: dict[str, list[int]] = {}
        lex = self.lex
        for i in self.ctx.keyword_genes:
            for fid in lex.families_of_row(i):
                out.setdefault(fid, []).append(i)
        return out

    @cached_property
    def _key_index(self) -> dict[str, list[int]]:
        """Term key → keyword genes of this page that have a term with that key."""
        out: dict[str, list[int]] = {}
        lex = self.lex
        for i in dict.fromkeys(self.ctx.keyword_genes):
            for key in _term_keys(lex, i):
                genes = out.get(key)
                if genes is None:
                    out[key] = [i]
                else:
                    genes.append(i)
        return out

    @cached_property
    def _named_by_family(self) -> dict[str, list[int]]:
        """FamPlex id → keyword genes of this page in that family that the text names."""
        named = self.ctx.named_genes
        if not named:
            return {}
        out: dict[str, list[int]] = {}
        for fid, genes in self._family_index.items():
            kept = [i for i in genes if i in named]
            if kept:
                out[fid] = kept
        return out

    def _from_family_siblings(self, gi: int) -> tuple[Verdict, list[Reason], Evidence] | None:
        named_by_family = self._named_by_family
        if not named_by_family:
            return None
        lex = self.lex
        gene = lex.gene(gi)
        best: tuple[int, str, list[int]] | None = None
        for fid in lex.families_of(gene.hgnc_id):
            named = [i for i in named_by_family.get(fid, ()) if i != gi]
            if named and (best is None or len(lex.families[fid]) < best[0]):
                best = (len(lex.families[fid]), fid, named)
        if best is None:
            return None
        _, fid, named = best
        verdict, reason, evidence = _family_member_not_named(lex, gi, fid, tuple(named))
        return verdict, [reason], evidence

    def _from_siblings(self, gi: int) -> tuple[Verdict, list[Reason], Evidence] | None:
        ctx, lex = self.ctx, self.lex
        gene = lex.gene(gi)
        mine = _term_keys(lex, gi)
        index = self._key_index
        sharing = {o for key in mine for o in index.get(key, ()) if o != gi}
        if not sharing:
            return None
        for other in ctx.keyword_genes:
            if other not in sharing:
                continue
            shared = mine.keys() & _term_keys(lex, other).keys()
            key = sorted(shared)[0]
            term = mine[key]
            sibling = lex.gene(other)
            subject = subject_for(ctx, term, gi, gene.symbol)
            reasons = term_reasons(subject, ctx)
            ev = Evidence(terms=(term,), siblings=(sibling.symbol,))
            if other in ctx.named_genes:
                m = ctx.safe_mention(other)
                said = f" as '{m.text}'" if m else ""
                reasons.append(
                    Reason(
                        ReasonCode.CONTEXT_PREFERS_OTHER_GENE,
                        f"{gene.symbol} and {sibling.symbol} share the term '{term}'; the text names {sibling.symbol}{said}",
                    )
                )
                ev = Evidence(
                    terms=(term,), mentions=(m.text,) if m else (), siblings=(sibling.symbol,)
                )
                return verdict_for(reasons), reasons, ev
            if reasons:
                return verdict_for(reasons), reasons, ev
        return None


def _local_id(value: str) -> str:
    """``mesh:D016190`` → ``D016190``; ``CHEBI:31355`` → ``31355``; bare ids unchanged."""
    head, sep, tail = value.partition(":")
    return tail if sep and head.lower() in ("mesh", "chebi", "drugbank") else value


def _looks_non_human(keyword: str) -> bool:
    return bool(_NON_HUMAN_CASE.fullmatch(keyword)) and any(ch.isdigit() for ch in keyword)


def _term_keys(lex: Lexicon, gi: int) -> dict[str, str]:
    """Every key (folded and normalised) of a gene's symbol, previous symbols and aliases."""
    cache = _cache(_TERM_KEYS, lex)
    hit = cache.get(gi)
    if hit is None:
        g = lex.gene(gi)
        hit = {}
        for t in (g.symbol, *g.previous, *g.aliases):
            hit.setdefault(fold(t), t)
            nk = norm_key(t)
            if nk:
                hit.setdefault(nk, t)
        cache[gi] = hit
    return hit


_TERM_KEYS: dict[int, dict[int, dict[str, str]]] = {}
_NO_EVIDENCE: dict[int, dict[int, tuple[Verdict, tuple[Reason, ...], Evidence]]] = {}
_KEYWORD_BASES: dict[int, dict[str, tuple[Resolution, _KeywordBase]]] = {}
_EMPTY_JUDGES: dict[int, _KeywordJudge] = {}
_NAMED_IN_TEXT: dict[tuple[str, str, bool], tuple[Reason, Evidence]] = {}
_FAMILY_SIBLINGS: dict[
    int, dict[tuple[int, str, tuple[int, ...]], tuple[Verdict, Reason, Evidence]]
] = {}
_RISKY: dict[int, dict[int, list[tuple[str, Reason]]]] = {}
_SPECULATIVE_CODES = frozenset(
    {
        ReasonCode.ENGLISH_WORD,
        ReasonCode.NON_GENE_ABBREVIATION,
        ReasonCode.RESIDUE_OR_SITE,
        ReasonCode.GENERIC_PROTEIN_NAME,
        ReasonCode.CHEMICAL_NAME,
    }
)


class _KeywordBase(NamedTuple):
    """What the verdict on a keyword owes to the keyword alone (see `_keyword_base`)."""

    kind: Kind
    #: Lexicon row of the keyword's gene (``None`` unless a gene with an HGNC row).
    gi: int | None
    #: Informational reasons (renamed, withdrawn, protein drug).
    info: tuple[Reason, ...]
    ids: tuple[tuple[str, str], ...]
    #: The verdict when nothing on the page concerns the keyword: on an empty page.
    quiet: KeywordVerdict


def _keyword_base(resolver: Resolver, keyword: str, r: Resolution) -> _KeywordBase:
    """The keyword's kind, gene, ids and verdict on an empty page (cached per keyword).

    Valid on every page whose hit tables do not name the keyword (`_KeywordJudge._in_tables`).
    """
    lex = resolver.lexicon
    cache = _cache(_KEYWORD_BASES, lex)
    hit = cache.get(keyword)
    if hit is not None and (hit[0] is r or hit[0] == r):  # not hashing r is faster
        return hit[1]
    judge = _EMPTY_JUDGES.get(id(lex))
    if judge is None:
        empty = PageContext("", resolver)
        judge = _EMPTY_JUDGES[id(lex)] = _KeywordJudge(Page(figid=""), empty, ())
    base = _KeywordBase(*judge._describe(keyword, r), judge._judge(keyword, r))
    if len(cache) < 200_000:
        cache[keyword] = (r, base)
    return base


def _named_in_text(name: str, text: str, *, family: bool = False) -> tuple[Reason, Evidence]:
    """The ``named_in_text`` reason and the evidence for a gene (or family) the text names as
    *text* (cached: the same few are made on page after page)."""
    key = (name, text, family)
    hit = _NAMED_IN_TEXT.get(key)
    if hit is None:
        what = f"the family {name}" if family else name
        hit = (
            Reason(ReasonCode.NAMED_IN_TEXT, f"the text names {what} as '{text}'"),
            Evidence(terms=(text,), mentions=(text,)),
        )
        if len(_NAMED_IN_TEXT) < 200_000:
            _NAMED_IN_TEXT[key] = hit
    return hit


def _family_member_not_named(
    lex: Lexicon, gi: int, fid: str, named: tuple[int, ...]
) -> tuple[Verdict, Reason, Evidence]:
    """The verdict on a keyword gene of family *fid* whose text names only the other members
    *named* (cached: the same families come back page after page)."""
    cache = _cache(_FAMILY_SIBLINGS, lex)
    key = (gi, fid, named)
    hit = cache.get(key)
    if hit is None:
        symbol = lex.gene(gi).symbol
        siblings = tuple(lex.gene(i).symbol for i in named)
        reason = Reason(
            ReasonCode.FAMILY_MEMBER_NOT_NAMED,
            f"{symbol} is a member of {fid}; the text names {', '.join(siblings)} of that family, not {symbol}",
        )
        hit = verdict_for([reason]), reason, Evidence(terms=(fid,), siblings=siblings)
        if len(cache) < 200_000:
            cache[key] = hit
    return hit


def _quiet_evidence(ctx: PageContext, gi: int) -> tuple[Verdict, tuple[Reason, ...], Evidence]:
    """Nothing in the text: look at the synonyms that could have produced the keyword
    (cached per gene)."""
    cache = _cache(_NO_EVIDENCE, ctx.lexicon)
    hit = cache.get(gi)
    if hit is None:
        risky = _risky_synonyms(ctx, gi)
        if risky:
            reasons = tuple(r for _, r in risky)
            terms = tuple(dict.fromkeys(t for t, _ in risky))
            hit = verdict_for(reasons, speculative=True), reasons, Evidence(terms=terms)
        else:
            hit = Verdict.SUPPORTED, (), Evidence(terms=(ctx.lexicon.gene(gi).symbol,))
        cache[gi] = hit
    return hit


def _risky_synonyms(ctx: PageContext, gi: int) -> list[tuple[str, Reason]]:
    """Synonyms of a gene that known false-hit mechanisms match (cached per gene)."""
    cache = _cache(_RISKY, ctx.lexicon)
    hit = cache.get(gi)
    if hit is not None:
        return hit
    lex = ctx.lexicon
    g = lex.gene(gi)
    out: list[tuple[str, Reason]] = []
    empty = PageContext("", ctx.resolver)
    for t in (*g.previous, *g.aliases):
        if not term_may_be_false(empty, t):
            continue  # no speculative rule can fire: the synonym need not be resolved
        subject = subject_for(empty, t, gi, g.symbol)
        for reason in term_reasons(subject, empty):
            if reason.code in _SPECULATIVE_CODES:
                out.append(
                    (
                        t,
                        Reason(
                            reason.code, f"possibly produced by the synonym '{t}': {reason.detail}"
                        ),
                    )
                )
    cache[gi] = out
    return out


# --------------------------------------------------------------------------- suggestions


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


# --------------------------------------------------------------------------- API

_SHARED_HIT_CACHE: dict[int, dict[tuple[str, ...], HitVerdict]] = {}


def check_page(
    page: Page, *, resolver: Resolver | None = None, source: Source | None = None
) -> PageReport:
    """Check one figure: a verdict for every keyword and gene hit, and suggestions.

    Args:
        page: a page from `genenorm.pfocr` (with hits when its tables were found).
        resolver: the snapshot resolver whose lexicon the rules use (default: the embedded
            snapshot).
        source: where keyword symbols are resolved (default: *resolver*); pass a mygene
            source to check current symbols live.

    Returns:
        A `PageReport`; every keyword and every hit has one entry,
        in input order.
    """
    resolver = _resolver(resolver)
    lex = resolver.lexicon
    resolutions = (source or resolver).resolve_many(page.keywords)
    rows = (lex.index_of(r.hgnc_id) for r in resolutions if r.hgnc_id)
    keyword_genes = list(dict.fromkeys(i for i in rows if i is not None))
    ctx = PageContext(page.text, resolver, keyword_genes)
    judge_hit = _HitJudge(ctx, _cache(_SHARED_HIT_CACHE, resolver))
    hits = [judge_hit(h) for h in page.gene_hits]
    judge_kw = _KeywordJudge(page, ctx, hits)
    keywords = [judge_kw(k, r) for k, r in zip(page.keywords, resolutions, strict=True)]
    keyword_hgnc = {k.hgnc_id for k in keywords if k.hgnc_id}
    suggestions = _suggestions(ctx, keyword_hgnc) if page.text else []
    return PageReport(
        figid=page.figid, path=page.path, keywords=keywords, hits=hits, suggestions=suggestions
    )


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
    from .pfocr import read_page

    return check_page(read_page(path, hits=hits), resolver=resolver, source=source)


def check_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    hits: str | os.PathLike[str] | None = None,
    resolver: Resolver | None = None,
    source: Source | None = None,
) -> Iterator[PageReport]:
    """Check every page under *paths* (files or directories); unreadable pages give a
    report with the error in ``errors`` instead of stopping the run."""
    from .exceptions import PageError
    from .pfocr import iter_pages, read_page

    def one(item: Page | PageError) -> PageReport:
        if isinstance(item, PageError):
            return _error_report(item)
        page = item
        if hits is not None:
            try:
                page = read_page(page.path, hits=hits)
            except PageError as err:
                return _error_report(err)
        return check_page(page, resolver=resolver, source=source)

    # The collector is paused while a page is read and checked (many small objects, no
    # cycles), and runs between pages, while the caller has control.
    pages = iter_pages(list(paths))
    while True:
        with gc_paused():
            item = next(pages, None)
            if item is None:
                return
            report = one(item)
            del item  # garbage now: freed before the collector has to look at it
        yield report


def _error_report(err: PageError) -> PageReport:
    path = err.path or ""
    figid = os.path.splitext(os.path.basename(path))[0] if path else ""
    return PageReport(figid=figid, path=path, errors=(str(err),))


def check_hits(hits: Sequence[GeneHit], *, resolver: Resolver | None = None) -> list[HitVerdict]:
    """Judge hits without page text (a hit table): one verdict per hit, in order.

    Hits are grouped by figure so that hits of one figure see each other.
    """
    resolver = _resolver(resolver)
    cache = _cache(_SHARED_HIT_CACHE, resolver)
    ctx = PageContext("", resolver)
    judge_hit = _HitJudge(ctx, cache)
    with gc_paused():
        return [judge_hit(h) for h in hits]


def check_hit_table(table: HitTable, *, resolver: Resolver | None = None) -> list[HitVerdict]:
    """Judge every row of a hit table read by `genenorm.pfocr.read_hit_table`."""
    return check_hits(table.hits, resolver=resolver)
