"""Judging OCR gene hits: one subject per hit, its evidence, the policy's verdict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..models import MatchMethod, Relation, Resolution, Status
from ..page_models import GeneHit, HitVerdict, Reason, ReasonCode
from ..text import fold
from .context import PageContext, strip_ocr_debris
from .evidence import all_evidence
from .policy import PriorKind, Weights, prior_kind, weigh
from .subjects import Subject, gene_of, subject_for

if TYPE_CHECKING:
    from ..resolver import Resolver

__all__ = ["HitJudge", "hit_prior_kind", "informational"]


def informational(r: Resolution | None, reported: str) -> list[Reason]:
    """Informational reasons about a reported symbol: renamed or withdrawn."""
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


#: PFOCR's own lexicon source of a hit, when our lexicon does not link its term to its gene.
_SOURCE_PRIOR = {
    "ncbigene_symbol": PriorKind.SYMBOL,
    "hgnc_symbol": PriorKind.SYMBOL,
    "hgnc_prev_symbol": PriorKind.PREVIOUS,
    "hgnc_alias_symbol": PriorKind.ALIAS,
    "ncbigene_synonym": PriorKind.ALIAS,
    "famplex_relations": PriorKind.FAMILY,
    "bioentities_symbol": PriorKind.FAMILY,
}


def hit_prior_kind(subject: Subject, source: str) -> PriorKind:
    """The prior of a hit: a family expansion by PFOCR's word is a family member whatever our
    lexicon says; otherwise how our lexicon relates the term to the gene (a symbol that the
    OCR word writes otherwise, ``+P-gp`` for PGP, counts as an alias), or PFOCR's source."""
    pfocr = _SOURCE_PRIOR.get(source)
    if pfocr is PriorKind.FAMILY or (
        subject.word_resolution.status is Status.FAMILY
        and subject.relation is not Relation.APPROVED
    ):
        return PriorKind.FAMILY
    r = subject.word_resolution
    if (
        subject.gene_index is not None
        and r.hgnc_id == subject.hgnc_id
        and r.status is Status.APPROVED
        and r.match in _SYMBOL_MATCHES
    ):
        return PriorKind.SYMBOL  # the word is the symbol, in a usual written form (miR-21)
    written_otherwise = bool(subject.word) and fold(subject.word or "") != fold(subject.term)
    kind = prior_kind(subject.relation, normalised=subject.normalised or written_otherwise)
    if kind is PriorKind.UNLINKED and pfocr is not None and subject.gene_index is not None:
        return pfocr
    return kind


_SYMBOL_MATCHES = frozenset({MatchMethod.EXACT, MatchMethod.CASE_FOLDED, MatchMethod.MIRNA})

_HitSubject = tuple[int | None, Resolution | None, Subject, tuple[Reason, ...]]


class HitJudge:
    """Judges the gene hits of one page (call `prepare` with all of them first)."""

    def __init__(self, ctx: PageContext, weights: Weights) -> None:
        self.ctx = ctx
        self.weights = weights

    def prepare(self, hits: Sequence[GeneHit]) -> list[_Prepared]:
        """The subjects of the page's hits, recorded in the page context as siblings."""
        prepared = [self._prepared(h) for h in hits]
        families = dict.fromkeys(p.family for p in prepared if p.family is not None)
        self.ctx.add_hits([p.sibling for p in prepared if p.sibling is not None], tuple(families))
        return prepared

    def judge(self, h: GeneHit, prepared: _Prepared) -> HitVerdict:
        _gi, r, subject, info = prepared.subject
        found = all_evidence(subject, self.ctx)
        if info:
            found = [*found, *info]
        # `decide`, without its `Decision`: the verdict takes its fields
        kind = prepared.prior
        verdict, confidence, reasons, support = weigh(kind, found, (), self.weights)
        # all 14 fields by position, in `HitVerdict`'s order (matching 14 keywords to their
        # parameters costs a third of the call, once per hit; a test in test_judging_caches
        # checks the order)
        return HitVerdict(
            h.word, h.match, h.source, h.symbol, verdict,
            r.symbol if r else None, r.hgnc_id if r else None,  # current_symbol, hgnc_id
            reasons, h.organism_id, h.gene_id, h.row, confidence, support, kind,
        )  # fmt: skip

    def _prepared(self, h: GeneHit) -> _Prepared:
        """The page-independent part of a hit (cached in the checker's memo)."""
        ctx = self.ctx
        cache = ctx.memo.hit_subjects
        key = (h.word, h.match, h.symbol, h.source, h.gene_id, h.organism_id, h.organism_name)
        hit: _Prepared | None = cache.get(key)
        if hit is None:
            hit = cache[key] = _prepare(ctx, h, _make_hit_subject(ctx, h))
        return hit


class _Prepared(NamedTuple):
    """A hit's subject and prior, and what it adds to its page: the family its word names,
    and the sibling `genenorm.judging.context.PageContext.add_hits` records."""

    subject: _HitSubject
    prior: PriorKind
    family: str | None
    sibling: tuple[str, int, bool] | None


def _prepare(ctx: PageContext, h: GeneHit, subject: _HitSubject) -> _Prepared:
    gi, _r, s, _info = subject
    r = s.word_resolution
    family = r.family if r.status is Status.FAMILY and r.family else None
    prior = hit_prior_kind(s, h.source)
    if gi is None or not s.word:
        return _Prepared(subject, prior, family, None)
    own = fold(s.word) in (fold(ctx.lexicon.gene(gi).symbol), fold(h.symbol))
    return _Prepared(subject, prior, family, (s.word, gi, own))


def _make_hit_subject(ctx: PageContext, h: GeneHit) -> _HitSubject:
    human = h.organism_id in (None, "", "9606")
    gi, r = _gene_of(ctx, h.symbol, h.gene_id) if human else (None, None)
    word = strip_ocr_debris(h.word)
    # not kept in the memo's subjects: `HitJudge._prepared` keeps the hit's (equal subjects
    # still share their evidence plans, which are kept by value)
    subject = subject_for(
        ctx, h.match, gi, h.symbol, word=word or None,
        organism_id=h.organism_id, organism_name=h.organism_name,
        expanded=_SOURCE_PRIOR.get(h.source) is PriorKind.FAMILY, cache=False,
    )  # fmt: skip
    return gi, r, subject, tuple(informational(r, h.symbol))


def _gene_of(ctx: PageContext, symbol: str, entrez: str | None) -> tuple[int | None, Resolution]:
    """`genenorm.judging.subjects.gene_of`, cached per symbol and NCBI Gene ID."""
    cache = ctx.memo.genes_of
    key = (symbol, entrez)
    hit = cache.get(key)
    if hit is None:
        resolver: Resolver = ctx.resolver
        hit = cache[key] = gene_of(resolver, symbol, entrez)
    return hit
