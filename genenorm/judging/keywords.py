"""Judging a figure's keywords: what each is (gene, chemical, disease…) and, for genes, the
weighed evidence of the page — its hits when the keyword has some, else its text, its other
keywords and the synonyms that could have produced it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import NamedTuple

from ..chemicals import gene_too, keyword_chemical, page_kind, page_makes_chemical
from ..lexicon import Lexicon
from ..models import MatchMethod, Relation, Resolution, Status
from ..page_models import (
    Evidence,
    GeneHit,
    HitVerdict,
    KeywordVerdict,
    Kind,
    Page,
    Reason,
    ReasonCode,
)
from ..text import fold, norm_key
from .context import PageContext
from .evidence import (
    ENGLISH_ZIPF_CAPS,
    RULE_BY_CODE,
    all_evidence,
    keyword_reads_better,
    keyword_sides_with,
    keywords_hold_family_group,
    members_named_against,
    term_evidence,
    term_may_be_false,
)
from .hits import informational
from .policy import PriorKind, Weights, decide
from .subjects import Subject, facts, member_ids, mention_subject, subject_for

__all__ = ["KeywordJudge", "looks_non_human"]

#: Reasons about a synonym that may have produced a keyword, when nothing shows it did.
_POSSIBLE_CODES = frozenset(
    {
        ReasonCode.ENGLISH_WORD,
        ReasonCode.NON_GENE_ABBREVIATION,
        ReasonCode.RESIDUE_OR_SITE,
        ReasonCode.GENERIC_PROTEIN_NAME,
        ReasonCode.CHEMICAL_NAME,
    }
)
_NON_HUMAN_CASE = re.compile(r"[A-Z][a-z][a-z0-9]*\d[a-z0-9]*|[a-z][a-z0-9]*")


def looks_non_human(keyword: str) -> bool:
    """Mouse/rat/fly case with a digit (``Trp53``, ``Gnat2``)."""
    return bool(_NON_HUMAN_CASE.fullmatch(keyword)) and any(ch.isdigit() for ch in keyword)


class _Found(NamedTuple):
    """Evidence about a keyword gene: what applies, what only may apply, and what it rests on."""

    found: tuple[Reason, ...]
    possible: tuple[Reason, ...]
    evidence: Evidence


class KeywordJudge:
    """Judges the keywords of one page (after its hits: keywords with hits follow them)."""

    def __init__(
        self,
        page: Page,
        ctx: PageContext,
        hits: Sequence[HitVerdict],
        weights: Weights,
        empty: Callable[[], KeywordJudge] | None = None,
    ) -> None:
        self.page = page
        self.ctx = ctx
        self.lex: Lexicon = ctx.lexicon
        self.hits = hits
        self.weights = weights
        self.hit_symbols = {h.symbol for h in page.gene_hits}
        self.chem_words = {fold(c.word): c for c in page.chemical_hits}
        self.disease_words = {fold(d.word) for d in page.disease_hits}
        #: The judge of an empty page, whose verdicts hold wherever the page is silent.
        self._empty = empty
        #: `_siblings`: the symbols of the page's hits of some OCR words, by words.
        self._symbols_of_words: dict[tuple[str, ...], tuple[str, ...]] = {}

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
        if looks_non_human(keyword):
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
            return self.judge(keyword, r)
        if self._empty is None:
            return self.judge(keyword, r)
        ctx = self.ctx
        if page_makes_chemical(self.lex, keyword, r, ctx.text, ctx.definitions, self.page.keywords):
            return self.judge(keyword, r)
        # A gene keyword is judged on its page: too much of the page concerns it (its text,
        # the figure's other genes and hits) to tell cheaply when nothing does. Any other
        # keyword's kind, ids and informational reasons depend on the keyword alone: the judge
        # of an empty page computes them once per keyword.
        if (
            self._empty().kind(keyword, r) is Kind.GENE
            and r.hgnc_id is not None
            and self.lex.index_of(r.hgnc_id) is not None
        ):
            return self.judge(keyword, r)
        quiet = self._quiet(keyword, r)
        if quiet.kind is Kind.GENE and self.ctx.definitions:  # a gene with no HGNC row
            return self.judge(keyword, r)
        return quiet

    def _quiet(self, keyword: str, r: Resolution) -> KeywordVerdict:
        cache = self.ctx.memo.keyword_bases
        hit = cache.get(keyword)
        if hit is not None and (hit[0] is r or hit[0] == r):  # not hashing r is faster
            found: KeywordVerdict = hit[1]
            return found
        empty = self._empty() if self._empty is not None else self
        verdict = empty.judge(keyword, r)
        cache[keyword] = (r, verdict)
        return verdict

    def _in_tables(self, keyword: str) -> bool:
        """The page's own hit tables name the keyword (as a gene, chemical or disease)."""
        if keyword in self.hit_symbols:
            return True
        key = fold(keyword)
        return key in self.chem_words or key in self.disease_words

    def _describe(
        self, keyword: str, r: Resolution
    ) -> tuple[Kind, int | None, tuple[Reason, ...], tuple[tuple[str, str], ...]]:
        """Kind, lexicon row (genes only), informational reasons and ids of a keyword."""
        kind = self.kind(keyword, r)
        if kind is Kind.CHEMICAL:
            return kind, None, gene_too(self.lex, keyword, r), self._chemical_ids(keyword)
        if kind is not Kind.GENE:
            return kind, None, (), ()
        info = informational(r, keyword)
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

    def judge(self, keyword: str, r: Resolution) -> KeywordVerdict:
        """The verdict on one keyword, from everything the page says."""
        kind, gi, info, ids = self._describe(keyword, r)
        if kind is not Kind.GENE:
            return KeywordVerdict(keyword=keyword, kind=kind, ids=ids, reasons=info)
        if gi is None:
            return self._judge_unlinked(keyword, r, info, ids)
        if self.page.has_hits and keyword in self.hit_symbols:
            return self._from_hits(keyword, r, gi, info, ids)
        f = self._from_page(keyword, gi)
        d = decide(PriorKind.KEYWORD, [*f.found, *info], possible=f.possible, weights=self.weights)
        return KeywordVerdict(
            keyword=keyword, kind=kind, verdict=d.verdict, symbol=r.symbol, hgnc_id=r.hgnc_id,
            status=r.status, reasons=d.reasons, evidence=f.evidence, ids=ids,
            confidence=d.confidence, support=d.support, matched_as=d.matched_as,
        )  # fmt: skip

    def _judge_unlinked(
        self,
        keyword: str,
        r: Resolution,
        info: tuple[Reason, ...],
        ids: tuple[tuple[str, str], ...],
    ) -> KeywordVerdict:
        """A gene keyword without an HGNC row: a family, an ambiguous or non-human symbol."""
        subject = subject_for(self.ctx, keyword, None, keyword)
        found = [*all_evidence(subject, self.ctx), *info]
        codes = {x.code for x in found}
        if ReasonCode.NON_HUMAN_SYMBOL in codes:
            # a symbol of another species (Trp53), not a residue or a word
            found = [x for x in found if x.code is not ReasonCode.RESIDUE_OR_SITE]
        kind = PriorKind.FAMILY if r.status is Status.FAMILY else PriorKind.KEYWORD
        if r.status is Status.AMBIGUOUS:
            names = ", ".join(c.symbol for c in r.candidates[:6])
            found.append(Reason(ReasonCode.AMBIGUOUS_ALIAS, f"'{keyword}' may be {names}"))
            kind = PriorKind.ALIAS
        d = decide(kind, found, weights=self.weights)
        return KeywordVerdict(
            keyword=keyword, kind=Kind.GENE, verdict=d.verdict, status=r.status,
            reasons=d.reasons, ids=ids, evidence=Evidence(terms=(keyword,)),
            confidence=d.confidence, support=d.support, matched_as=d.matched_as,
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

    # ------------------------------------------------------------------ keywords with hits

    @cached_property
    def _hits_by_symbol(self) -> dict[str, list[tuple[GeneHit, HitVerdict]]]:
        """The page's gene hits and their verdicts by reported symbol, in page order."""
        out: dict[str, list[tuple[GeneHit, HitVerdict]]] = {}
        for h, v in zip(self.page.gene_hits, self.hits, strict=True):
            out.setdefault(h.symbol, []).append((h, v))
        return out

    @cached_property
    def _hit_symbols_by_word(self) -> dict[str, tuple[str, ...]]:
        """The symbols of the page's gene hits by OCR word, in page order, without repeats."""
        out: dict[str, dict[str, None]] = {}
        for h in self.page.gene_hits:
            out.setdefault(h.word, {})[h.symbol] = None
        return {word: tuple(symbols) for word, symbols in out.items()}

    def _siblings(self, words: tuple[str, ...], keyword: str) -> tuple[str, ...]:
        """The symbols the page's hits of these OCR words give, in page order, without
        repeats, less *keyword*. The words' symbols are kept per page by words (every
        member of a family word asks about the same words)."""
        found = self._symbols_of_words.get(words)
        if found is None:
            by_word = self._hit_symbols_by_word
            if len(words) == 1:
                found = by_word[words[0]]
            else:
                found = tuple(dict.fromkeys([s for w in words for s in by_word[w]]))
            self._symbols_of_words[words] = found
        try:
            at = found.index(keyword)
        except ValueError:
            return found
        return found[:at] + found[at + 1 :]

    def _from_hits(
        self,
        keyword: str,
        r: Resolution,
        gi: int,
        info: tuple[Reason, ...],
        ids: tuple[tuple[str, str], ...],
    ) -> KeywordVerdict:
        """A keyword with hits is as real as its most confident hit."""
        mine = self._hits_by_symbol[keyword]
        mentions: tuple[str, ...] = ()
        m = self.ctx.safe_mention(gi) if self.ctx.text else None
        if m is not None:
            mentions = (m.text,)
        if len(mine) == 1:  # most keywords: one hit
            h, best = mine[0]
            words: tuple[str, ...] = (h.word,)
            terms: tuple[str, ...] = (h.match,)
        else:
            words = tuple(dict.fromkeys([h.word for h, _ in mine]))
            terms = tuple(dict.fromkeys([h.match for h, _ in mine]))
            best = max([v for _, v in mine], key=_confidence)
        evidence = Evidence(
            terms=terms, words=words, mentions=mentions, siblings=self._siblings(words, keyword)
        )
        reasons = best.reasons
        if info:
            reasons = (*reasons, *[x for x in info if x not in reasons])
        return KeywordVerdict(
            keyword=keyword, kind=Kind.GENE, verdict=best.verdict, symbol=r.symbol,
            hgnc_id=r.hgnc_id, status=r.status, reasons=reasons,
            evidence=evidence, ids=ids, confidence=best.confidence, support=best.support, matched_as=best.matched_as,
        )  # fmt: skip

    # ------------------------------------------------------------------ keywords without hits

    def _from_page(self, keyword: str, gi: int) -> _Found:
        """What the page says of a keyword gene: its own evidence as a keyword (text, family,
        organisms), the mentions of the text that may have produced it, sibling keywords
        produced by the same term, and the synonyms that could have produced it."""
        ctx, lex = self.ctx, self.lex
        gene = lex.gene(gi)
        subject = subject_for(ctx, keyword, gi, keyword)
        found = list(all_evidence(subject, ctx))
        terms: tuple[str, ...] = (gene.symbol,)
        mentions: tuple[str, ...] = ()
        siblings: tuple[str, ...] = ()
        named = any(x.code is ReasonCode.NAMED_IN_TEXT for x in found)
        # the mentions of the text that produce the gene, each judged once as naming it (only
        # when a definition may agree, or the gene is not named and they may object)
        produced = (
            [(m, all_evidence(mention_subject(ctx, m, gi), ctx)) for m in ctx.mentions_of(gi)]
            if ctx.definitions or not named
            else []
        )
        # a mention that the text defines as the gene
        for _m, evidence in produced if ctx.definitions else ():
            agrees = [x for x in evidence if x.code is ReasonCode.DEFINITION_AGREES]
            if agrees:
                found.extend(agrees)
                break
        if named:
            safe = ctx.safe_mention(gi)
            if safe is not None:
                terms, mentions = (safe.text,), (safe.text,)
            return _Found(tuple(found), (), Evidence(terms=terms, mentions=mentions))
        # the text names a family of this gene: its mention must hold up as naming it
        for fid in lex.families_of(gene.hgnc_id):
            m = ctx.families_named.get(fid)
            if m is None:
                continue
            against = all_evidence(mention_subject(ctx, m, gi), ctx)
            found.extend(x for x in against if x.code is not ReasonCode.FAMILY_NAMED)
            terms, mentions = (m.text,), (m.text,)
            break
        # the text holds a term that produced this gene, but something objects to it
        common: list[Reason] = []
        common_text: str | None = None
        for m, evidence in produced:
            against = [x for x in evidence if x.code is not ReasonCode.NOT_IN_TEXT]
            if any(x.code is ReasonCode.ENGLISH_WORD for x in against):
                # every caption has its common words, the figure's need not: the word only
                # may have produced the keyword
                common.extend(
                    Reason(x.code, _possibly(m.text, x.detail, symbol=gene.symbol))
                    for x in against
                    if x.code in _POSSIBLE_CODES
                )
                common_text = common_text or m.text
                continue
            if against:
                found.extend(against)
                terms, mentions = (m.text,), (m.text,)
                break
        # a synonym of the gene in the text that names something else there
        if ctx.text and not any(x.code is ReasonCode.CONTEXT_PREFERS_OTHER_GENE for x in found):
            other = self._text_reads_otherwise(gi)
            if other is not None:
                found.append(other[0])
                terms, mentions = (other[1],), (other[1],)
        # sibling keywords produced by the same term
        sib = self._from_siblings(gi)
        if sib is not None:
            found.extend(sib.found)
            terms, mentions, siblings = (
                sib.evidence.terms,
                sib.evidence.mentions,
                sib.evidence.siblings,
            )
        # a family expanded into several keywords, of which the text names only others
        fam = self._from_family_siblings(gi) or self._from_narrower_family(gi)
        if fam is not None:
            found.extend(fam.found)
            siblings = siblings or fam.evidence.siblings
        # the synonyms that may have produced the keyword count only when nothing else is
        # known of it, how well studied its gene is included (counting them beside that did
        # worse on the development figures' leave-figures-out estimate)
        possible = () if found else self._possible(gi)
        if possible:
            terms = tuple(dict.fromkeys(t for t, _ in self._risky(gi)))
        if common:
            possible = (*common, *possible)
            if terms == (gene.symbol,) and common_text is not None:
                terms, mentions = (common_text,), (common_text,)
        return _Found(
            tuple(found),
            possible,
            Evidence(terms=terms, mentions=mentions, siblings=siblings),
        )

    @cached_property
    def _key_index(self) -> dict[str, list[int]]:
        """Term key → keyword genes of this page that have a term with that key."""
        out: dict[str, list[int]] = {}
        for i in dict.fromkeys(self.ctx.keyword_genes):
            for key in self._term_keys(i):
                genes = out.get(key)
                if genes is None:
                    out[key] = [i]
                else:
                    genes.append(i)
        return out

    def _term_keys(self, gi: int) -> dict[str, str]:
        """Every key (folded and normalised) of a gene's symbol, previous symbols and aliases,
        and of the synonyms NCBI Gene adds (`genenorm.lexicon.Lexicon.ncbi_synonyms`): PFOCR
        matched words against those too (``KRAS`` is an NCBI synonym of NRAS)."""
        cache = self.ctx.memo.term_keys
        hit = cache.get(gi)
        if hit is None:
            lex = self.lex
            g = lex.gene(gi)
            hit = {}
            for t in (g.symbol, *g.previous, *g.aliases, *lex.ncbi_synonyms(g.hgnc_id)):
                hit.setdefault(fold(t), t)
                nk = norm_key(t)
                if nk:
                    hit.setdefault(nk, t)
            cache[gi] = hit
        return hit

    def _from_family_siblings(self, gi: int) -> _Found | None:
        lex = self.lex
        gene = lex.gene(gi)
        best: tuple[int, str, tuple[int, ...]] | None = None
        for fid, named in members_named_against(self.ctx, gi, gene.hgnc_id):
            size = len(lex.families[fid])
            if best is None or size < best[0]:
                best = (size, fid, named)
        if best is None:
            return None
        _, fid, named = best
        siblings = tuple(lex.gene(i).symbol for i in named)
        reason = Reason(
            ReasonCode.FAMILY_MEMBER_NOT_NAMED,
            f"{gene.symbol} is a member of {fid}; the text names {', '.join(siblings)} of that family, not {gene.symbol}",
        )
        return _Found((reason,), (), Evidence(terms=(fid,), siblings=siblings))

    def _from_narrower_family(self, gi: int) -> _Found | None:
        """The keywords hold a group of a family's members (`FAMILY_GROUP_KEYWORDS` or more,
        none named), this gene among them, while the text names a narrower family within it
        that this gene is not in: the family word was read as the narrower one (``ERK`` in the
        text, MAPK1 to MAPK14 in the keywords: MAPK14 is not meant)."""
        ctx = self.ctx
        if not ctx.families_named:
            return None
        lex = self.lex
        gene = lex.gene(gi)
        if gi in ctx.named_genes:
            return None
        groups = ctx.keyword_families
        for fid in lex.families_of(gene.hgnc_id):
            if (
                fid in lex.complexes
                or fid not in groups
                or not keywords_hold_family_group(ctx, fid)
            ):
                continue
            members = ctx.named_family_members
            within = lex.narrower_families(fid)
            for narrow in ctx.families_named:
                if (
                    narrow in within
                    and gene.hgnc_id not in lex.families[narrow]
                    and members.get(narrow)
                ):
                    reason = Reason(
                        ReasonCode.FAMILY_MEMBER_NOT_NAMED,
                        f"the keywords hold {len(groups[fid])} members of {fid}; the text names the narrower family {narrow}, which {gene.symbol} is not in",
                    )
                    return _Found((reason,), (), Evidence(terms=(narrow,)))
        return None

    def _from_siblings(self, gi: int) -> _Found | None:
        """What keyword genes that share a synonym with this one say of it: a sibling the
        text names, or one the shared term on its own names, meant that term; else one the
        figure's genes side with far more (`_better_sibling`); else the first sibling's
        shared term, with what objects to it, or as a possibly shared word."""
        ctx, lex = self.ctx, self.lex
        gene = lex.gene(gi)
        mine = self._term_keys(gi)
        index = self._key_index
        sharing = {o for key in mine for o in index.get(key, ()) if o != gi}
        if not sharing:
            return None
        # siblings the text names first: they decide what the shared term meant; then in the
        # lexicon's order, not the page's, so that the keywords' order changes nothing
        named = ctx.named_genes
        order = sorted(sharing, key=lambda o: (o not in named, o))
        first: _Found | None = None
        for other in order:
            term = self._shared_term(mine, other)
            sibling = lex.gene(other)
            subject = subject_for(ctx, term, gi, gene.symbol)
            reasons = term_evidence(subject, ctx)
            if other in named:
                m = ctx.safe_mention(other)
                said = f" as '{m.text}'" if m else ""
                reasons.append(
                    Reason(
                        ReasonCode.CONTEXT_PREFERS_OTHER_GENE,
                        f"{gene.symbol} and {sibling.symbol} share the term '{term}'; the text names {sibling.symbol}{said}",
                    )
                )
                return _Found(
                    tuple(reasons),
                    (),
                    Evidence(
                        terms=(term,), mentions=(m.text,) if m else (), siblings=(sibling.symbol,)
                    ),
                )
            # the shared term on its own names the sibling (or a family holding it): that is
            # what the word meant, whatever else objects to the term (TRAF2 for TANK), even
            # when an earlier sibling shares it too (``p100``: SND1, TPX2 and NFKB2), unless
            # the figure's genes side with this gene (PDPK1 beside its substrates)
            reading = self._reading_of_shared(subject, other)
            if reading is not None and not (
                # as with hits, the figure's genes are weighed against another gene only:
                # a family the term names is that word's reading whatever they side with
                reading == sibling.symbol and keyword_sides_with(ctx, gi, other)
            ):
                reasons.append(
                    Reason(
                        ReasonCode.CONTEXT_PREFERS_OTHER_GENE,
                        f"{gene.symbol} and {sibling.symbol} share the term '{term}', which names {reading}, not {gene.symbol}",
                    )
                )
                return _Found(
                    tuple(reasons), (), Evidence(terms=(term,), siblings=(sibling.symbol,))
                )
            if first is None:
                if not reasons and term != gene.symbol and term != sibling.symbol:
                    reasons.append(
                        Reason(
                            ReasonCode.SHARED_WORD,
                            f"{gene.symbol} shares the synonym '{term}' with the keyword {sibling.symbol}; one word may have produced both",
                        )
                    )
                if reasons:
                    first = _Found(
                        tuple(reasons), (), Evidence(terms=(term,), siblings=(sibling.symbol,))
                    )
        better = self._better_sibling(gi, sharing, mine)
        if better is not None:
            reason, term, other = better
            objections = term_evidence(subject_for(ctx, term, gi, gene.symbol), ctx)
            return _Found(
                (*objections, reason),
                (),
                Evidence(terms=(term,), siblings=(lex.gene(other).symbol,)),
            )
        return first

    def _shared_term(self, mine: dict[str, str], other: int) -> str:
        """The synonym (of the keyword gene whose term keys are *mine*) that the keyword gene
        at row *other* shares with it: the one with the first key, whatever the order."""
        return mine[min(mine.keys() & self._term_keys(other).keys())]

    def _better_sibling(
        self, gi: int, sharing: set[int], mine: dict[str, str]
    ) -> tuple[Reason, str, int] | None:
        """Of the keyword genes that share a synonym with this one, the one the figure's genes
        side with far more (`keyword_reads_better`), as an `OTHER_READING_FITS` reason, the
        shared synonym and the sibling's row."""
        ctx, lex = self.ctx, self.lex
        gene = lex.gene(gi)
        best: tuple[int, int, int] | None = None
        # in row order, not the page's: of siblings that share as many genes, the same one
        # whatever the keywords' order (its term's objections come with it)
        for other in sorted(sharing):
            found = keyword_reads_better(ctx, gi, other)
            if found is None or (best is not None and found[0] <= best[1]):
                continue
            term = self._shared_term(mine, other)
            reading = self._reading_of_shared(
                subject_for(ctx, term, other, lex.gene(other).symbol), gi
            )
            if reading is not None and reading != gene.symbol:
                # the term on its own names a family of this gene (``ERK``, MAPK1): as a hit a
                # family word was expanded to, the family's rules judge it
                continue
            best = (other, *found)
        if best is None:
            return None
        other, shared, own = best
        term = self._shared_term(mine, other)
        sibling = lex.gene(other)
        reason = Reason(
            ReasonCode.OTHER_READING_FITS,
            f"'{term}' also names the keyword {sibling.symbol}, which shares PubMed articles "
            f"with {shared} genes of the figure; {gene.symbol} with {own}",
        )
        return reason, term, other

    def _text_reads_otherwise(self, gi: int) -> tuple[Reason, str] | None:
        """A synonym of the gene that the text holds and that, on its own, names another gene
        or a family without this one (``Raf``, an alias of ZHX2, in a caption about the RAF
        kinases): the figure's word meant that."""
        ctx, lex = self.ctx, self.lex
        if gi in ctx.named_genes:
            return None
        gene = lex.gene(gi)
        tokens = ctx.token_keys
        for key, term in self._term_keys(gi).items():
            if key not in tokens or term == gene.symbol:
                continue
            other = _other_reading(ctx, ctx.resolver.resolve(term), gene.hgnc_id)
            if other is None:
                continue
            return (
                Reason(
                    ReasonCode.CONTEXT_PREFERS_OTHER_GENE,
                    f"the text holds '{term}', a synonym of {gene.symbol} that names {other[0]}",
                ),
                term,
            )
        return None

    def _reading_of_shared(self, subject: Subject, other: int) -> str | None:
        """What a term two keyword genes share names on its own, when that is the other gene
        or a family holding it and not this one: the word meant the other (``ERK``, an alias
        of EPHB2, names the ERK family, MAPK1 among the keywords)."""
        sibling = self.lex.gene(other)
        if subject.hgnc_id is None or set(self.lex.families_of(subject.hgnc_id)) & set(
            self.lex.families_of(sibling.hgnc_id)
        ):
            return None  # paralogs share old names, and figures draw both (CALM1, CALM2)
        reading = _other_reading(self.ctx, subject.word_resolution, subject.hgnc_id)
        if reading is None or sibling.hgnc_id not in reading[1]:
            return None
        return reading[0]

    def _possible(self, gi: int) -> tuple[Reason, ...]:
        return tuple(r for _, r in self._risky(gi))

    def _risky(self, gi: int) -> list[tuple[str, Reason]]:
        """Synonyms of a gene that known false-hit mechanisms match (cached per gene): its
        previous symbols and aliases, and the synonyms NCBI Gene adds, which PFOCR matched
        too (``GTP`` for MTG1)."""
        cache = self.ctx.memo.risky
        hit = cache.get(gi)
        if hit is not None:
            return hit
        lex = self.lex
        g = lex.gene(gi)
        out: list[tuple[str, Reason]] = []
        ctx = self.ctx
        for t in (*g.previous, *g.aliases, *lex.ncbi_synonyms(g.hgnc_id)):
            if not term_may_be_false(ctx, t):
                continue  # nothing about the term alone can object: no need to resolve it
            subject = subject_for(ctx, t, gi, g.symbol)
            for reason in _term_only(subject, ctx):  # the synonym alone, not the page
                if reason.code in _POSSIBLE_CODES:
                    out.append(
                        (
                            t,
                            Reason(reason.code, _possibly(t, reason.detail)),
                        )
                    )
        # PFOCR matched words case-insensitively: a symbol that is a common English word in
        # lower case (MAX, SET) may have been the word in prose ("max", "set"). The keyword's
        # case is unknown, so the stricter threshold of capitals applies (3.0 took CP, MAK
        # and POLK, real genes of the development figures, for prose).
        lower = g.symbol.lower()
        if lower != g.symbol and (facts(ctx, lower).zipf or 0.0) >= ENGLISH_ZIPF_CAPS:
            subject = subject_for(ctx, lower, gi, g.symbol)
            detail = RULE_BY_CODE[ReasonCode.ENGLISH_WORD].check(subject, ctx)
            if detail is not None:
                out.append(
                    (
                        lower,
                        Reason(ReasonCode.ENGLISH_WORD, _possibly(lower, detail, symbol=g.symbol)),
                    )
                )
        cache[gi] = out
        return out


def _possibly(text: str, detail: str, *, symbol: str | None = None) -> str:
    """The detail of a reason that only may apply: the text (a synonym, or the gene's
    *symbol* in lower case) that may have produced the keyword, then what speaks against it.
    Its opening words, "possibly produced by the", are how `scripts/fit_weights.py` tells
    such reasons apart."""
    if symbol is not None and fold(text) == fold(symbol):
        return f"possibly produced by the word '{text}', its symbol in lower case: {detail}"
    return f"possibly produced by the synonym '{text}': {detail}"


def _other_reading(
    ctx: PageContext, r: Resolution, hgnc_id: str
) -> tuple[str, frozenset[str]] | None:
    """What a term resolved as *r* names on its own when that is not the gene *hgnc_id*: a
    family without it, or one other gene; its description and the HGNC IDs it covers."""
    if r.status is Status.FAMILY and r.family:
        ids = member_ids(ctx, r)
        return None if hgnc_id in ids else (f"the family {r.family}", ids)
    if r.hgnc_id is None or r.hgnc_id == hgnc_id or r.status is Status.AMBIGUOUS:
        return None
    return str(r.symbol), frozenset({r.hgnc_id})


def _term_only(subject: Subject, ctx: PageContext) -> list[Reason]:
    return [r for r in term_evidence(subject, ctx) if r.code is not ReasonCode.DEFINED_IN_CAPTION]


def _confidence(v: HitVerdict) -> float:
    return v.confidence or 0.0


def _local_id(value: str) -> str:
    """``mesh:D016190`` → ``D016190``; ``CHEBI:31355`` → ``31355``; bare ids unchanged."""
    head, sep, tail = value.partition(":")
    return tail if sep and head.lower() in ("mesh", "chebi", "drugbank") else value
