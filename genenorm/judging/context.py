"""What a figure's own text says: mentions of genes, abbreviations it defines, which genes it
names. One `PageContext` per page; the page-independent work is cached in the checker's `Memo`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import cached_property, reduce
from operator import or_
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ..models import Resolution, Status
from ..text import clean, fold

if TYPE_CHECKING:
    from ..lexicon import Lexicon
    from ..resolver import Resolver
    from .subjects import Memo

__all__ = ["DEBRIS", "GoPartners", "Mention", "PageContext", "best_long_form", "strip_ocr_debris"]

# --------------------------------------------------------------------------- values

DEBRIS = "+*()[]{},;:.'\"`’‘“”"


def strip_ocr_debris(word: str) -> str:
    """The OCR word without surrounding punctuation debris (``+P-gp`` → ``P-gp``,
    ``-IL-17A.`` → ``IL-17A``)."""
    return clean(word).strip(DEBRIS + " ").lstrip("-").rstrip("-/")


@attrs.frozen
class Mention:
    """A span of the figure's text and what it resolves to. *text* is the span, except in a
    numbered series (``LATS1/2``): each name it stands for (``LATS2``) spans the series."""

    text: str
    start: int
    end: int
    resolution: Resolution


class GoPartners(NamedTuple):
    """`PageContext.go_partners`: the figure's other annotated genes (a count), those of them
    that share a GO term with the gene (a count), and the first `FIRST_PARTNERS` of those (rows)."""

    annotated: int
    shared: int
    first: tuple[int, ...]


#: How many partners `PageContext.go_partners` lists by row (a reason names five).
FIRST_PARTNERS = 5


class _GoBits(NamedTuple):
    """A figure's GO-annotated genes as bits 0..n-1 (in `PageContext.page_genes` order)."""

    #: gene row → bit; bit → gene row
    bit_of: dict[int, int]
    genes: tuple[int, ...]
    #: GO term index → the bits of the figure's genes annotated to it
    masks: dict[int, int]
    #: every bit
    all: int
    #: `PageContext._excluded_bits` by family
    family_bits: dict[frozenset[int], int]
    #: the bits of the genes of one OCR word (`PageContext.genes_of_word`), by those rows
    word_bits: dict[tuple[int, ...], int]
    #: bit → the bits of the genes that share a GO term with that gene: the union of the
    #: masks of its terms (`_shares`; without its own bit when it shares none)
    shares: list[int]
    #: gene row → the masks of its GO terms that some gene of the figure has (in the order
    #: of its terms), and their union, for a gene that is not one of the figure's annotated
    #: genes (those have *shares*)
    gene_masks: dict[int, tuple[tuple[int, ...], int]]


def _shares(masks: dict[int, int], n: int) -> list[int]:
    """`_GoBits.shares` of *n* genes from the masks of their GO terms, all at once: each
    distinct mask of two genes or more is OR-ed into the entry of each of its genes (the
    mask of a term of one gene holds only that gene's own bit, which every use leaves out).
    Cheaper than OR-ing each gene's masks: most of a figure's terms are one gene's, and many
    terms have the same genes."""
    shares = [0] * n
    for m in set(masks.values()):
        if m & (m - 1):
            rest = m
            while rest:
                low = rest & -rest
                shares[low.bit_length() - 1] |= m
                rest ^= low
    return shares


# --------------------------------------------------------------------------- context

_TOKEN = re.compile(r"[^\s,;:()\[\]{}\"“”‘’]+")
_DEFINITION = re.compile(r"\(([A-Za-z][A-Za-z0-9\-]{1,11}s?)\)")
_SPLIT_HINTS = re.compile(r"[-/–]")


#: A numbered series written once: ``LATS1/2``, ``TRAF2/5``, ``IL-4/13``, ``Caspase-3/7``.
_SERIES = re.compile(r"([A-Za-z][A-Za-z0-9\-]*?[A-Za-z\-])(\d+)((?:/\d+)+)")


def _series(resolver: Resolver, word: str) -> list[tuple[str, Resolution]]:
    """The genes a numbered series stands for (``LATS1/2`` → LATS1, LATS2): every name must
    resolve to a gene, and the genes must share a FamPlex family, as a series of paralogs
    does (``MST1/2`` reads as MST1, the approved symbol of another gene, beside STK3: not a
    series). Nothing otherwise."""
    m = _SERIES.fullmatch(word)
    if m is None:
        return []
    stem = m.group(1)
    out = []
    shared: set[str] | None = None
    lex = resolver.lexicon
    for number in (m.group(2), *m.group(3).split("/")[1:]):
        name = stem + number
        r = resolver.resolve(name)
        if r.hgnc_id is None:
            return []
        families = set(lex.families_of(r.hgnc_id))
        shared = families if shared is None else shared & families
        if not shared:
            return []
        out.append((name, r))
    return out


def _token_mentions(resolver: Resolver, raw: str) -> tuple[tuple[int, int, str, Resolution], ...]:
    """The mentions one token of the text holds: ``(start and end in the token, text,
    resolution)``. A numbered series holds one mention per name it stands for, each spanning
    the series."""
    word = raw.strip(DEBRIS)
    if not word:
        return ()
    start = raw.index(word)
    series = _series(resolver, word)
    if series:
        return tuple((start, start + len(word), name, r) for name, r in series)
    r = resolver.resolve(word)
    if r.status is not Status.NOT_FOUND:
        return ((start, start + len(word), word, r),)
    out = []
    if _SPLIT_HINTS.search(word):
        pos = 0
        for part in _SPLIT_HINTS.split(word):
            if len(part) >= 2:
                rp = resolver.resolve(part)
                if rp.status is not Status.NOT_FOUND:
                    at = start + word.index(part, pos)
                    out.append((at, at + len(part), part, rp))
            pos += len(part) + 1
    return tuple(out)


class PageContext:
    """What the figure's own text says: mentions, definitions, which genes it names."""

    def __init__(
        self,
        text: str,
        resolver: Resolver,
        memo: Memo,
        is_safe: Callable[[PageContext, Mention, int], bool],
        keyword_genes: Sequence[int] = (),
        non_human: str | None = None,
    ) -> None:
        self.text = text
        self.resolver = resolver
        self.lexicon: Lexicon = resolver.lexicon
        #: The checker's page-independent caches (see `genenorm.judging.subjects.Memo`).
        self.memo = memo
        self._is_safe = is_safe
        self.keyword_genes = tuple(keyword_genes)
        #: When the figure is about non-vertebrate organisms only: the text that shows it.
        self.non_human = non_human
        self._safe: dict[int, Mention | None] = {}
        #: The figure's human gene hits (`add_hits`): genes by folded OCR word, genes hit by
        #: their own approved symbol, and every gene.
        self._hit_words: dict[str, tuple[int, ...]] = {}
        self.hit_symbols: frozenset[int] = frozenset()
        self.hit_genes: frozenset[int] = frozenset()
        self.hit_families: tuple[str, ...] = ()
        self._human_named: dict[tuple[str, ...], bool] = {}
        #: `genenorm.judging.evidence._coherence` by (gene row, word), for this page.
        self.coherence: dict[tuple[int, str | None], GoPartners | None] = {}
        #: Facts about groups of the figure's genes (a family word's expansion), by a key the
        #: evidence function that reads them chooses, for this page.
        self.groups: dict[Hashable, tuple[int, ...]] = {}
        #: Members of a family word the figure names, and narrower families it names
        #: (`genenorm.judging.evidence._family_named_parts`), for this page.
        self.family_parts: dict[
            Resolution, tuple[tuple[int, ...], tuple[tuple[str, frozenset[int]], ...]]
        ] = {}

    def add_hits(self, hits: Sequence[tuple[str, int, bool]], families: Sequence[str] = ()) -> None:
        """Record the figure's human gene hits as ``(word, gene row, by its own symbol)``, and
        the families its hit words name; call before judging them (evidence reads them)."""
        self.hit_families = tuple(families)
        words: dict[str, dict[int, None]] = {}
        own: set[int] = set()
        for word, gi, own_symbol in hits:
            words.setdefault(fold(word), {})[gi] = None
            if own_symbol:
                own.add(gi)
        self._hit_words = {k: tuple(v) for k, v in words.items()}
        self.hit_symbols = frozenset(own)
        self.hit_genes = frozenset(gi for _, gi, _ in hits)
        self.coherence = {}
        for name in (
            "specific_genes", "page_genes", "named_family_members", "_go_bits"
        ):  # fmt: skip
            self.__dict__.pop(name, None)

    def human_named(
        self,
        names: tuple[str, ...],
        finder: Callable[[str, Sequence[str]], tuple[int, int] | None],
    ) -> bool:
        """Whether the text names one of *names* as a human gene (cached per page)."""
        found = self._human_named.get(names)
        if found is None:
            found = self._human_named[names] = finder(self.text, names) is not None
        return found

    def genes_of_word(self, word: str) -> tuple[int, ...]:
        """Gene rows that the figure's hits of this OCR word produced."""
        return self._hit_words.get(fold(word), ())

    @cached_property
    def specific_genes(self) -> frozenset[int]:
        """Genes the figure names specifically: safely in its text, or by their own approved
        symbol in its hits."""
        return frozenset(self.named_genes) | self.hit_symbols

    @cached_property
    def keyword_families(self) -> dict[str, tuple[int, ...]]:
        """FamPlex id → the page's keyword genes in that family (families with two or more)."""
        lex = self.lexicon
        out: dict[str, list[int]] = {}
        for i in dict.fromkeys(self.keyword_genes):
            for fid in lex.families_of_row(i):
                out.setdefault(fid, []).append(i)
        return {fid: tuple(rows) for fid, rows in out.items() if len(rows) > 1}

    @cached_property
    def named_family_members(self) -> dict[str, frozenset[int]]:
        """FamPlex families the figure names (in its text or as hit words), by id, with the
        rows of their members."""
        lex, memo = self.lexicon, self.memo
        out: dict[str, frozenset[int]] = {}
        for fid in (*self.families_named, *self.hit_families):
            if fid not in out:
                out[fid] = frozenset(memo.family_member_rows(lex, fid))
        return out

    @cached_property
    def page_genes(self) -> frozenset[int]:
        """Every human gene of the figure: its keywords and its hits."""
        return self.hit_genes | frozenset(self.keyword_genes)

    @cached_property
    def _go_bits(self) -> _GoBits:
        """The figure's GO-annotated genes as bits, numbered in `page_genes` order."""
        lex, terms_of_row = self.lexicon, self.memo.go_terms_of_row
        bit_of: dict[int, int] = {}
        masks: dict[int, int] = {}
        get = masks.get
        for i in self.page_genes:
            terms = terms_of_row(lex, i)
            if terms:
                bit = 1 << len(bit_of)
                bit_of[i] = len(bit_of)
                for t in terms:
                    masks[t] = get(t, 0) | bit
        n = len(bit_of)
        return _GoBits(bit_of, tuple(bit_of), masks, (1 << n) - 1, {}, {}, _shares(masks, n), {})

    def _excluded_bits(self, family: frozenset[int]) -> int:
        """The bits of the figure's annotated genes that are in *family* (cached per page)."""
        go = self._go_bits
        found = go.family_bits.get(family)
        if found is None:
            bit_of = go.bit_of
            found = 0
            if len(family) < len(bit_of):
                for i in family:
                    b = bit_of.get(i)
                    if b is not None:
                        found |= 1 << b
            else:
                for i, b in bit_of.items():
                    if i in family:
                        found |= 1 << b
            go.family_bits[family] = found
        return found

    def go_partners(
        self, gene_index: int, family: frozenset[int], words: tuple[int, ...] = ()
    ) -> GoPartners:
        """How many other genes of the figure carry GO annotations; how many of them share
        one with the gene at *gene_index*, and the first `FIRST_PARTNERS` of those in the
        order of the gene's GO terms, then of `page_genes`. The genes of *family* and
        *words* are left out of all three.

        Counted with bit masks (`_go_bits`): a mask of the figure's genes per GO term, and
        per gene the union of the masks of its terms (`_GoBits.shares`); the first partners
        by an early-stopping scan of the masks of its terms, lowest bit (earliest in
        `page_genes`) first.
        """
        go = self._go_bits
        bit_of = go.bit_of
        if family:
            excluded = go.family_bits.get(family)
            if excluded is None:
                excluded = self._excluded_bits(family)
        else:
            excluded = 0
        if words:
            word_bits = go.word_bits.get(words)
            if word_bits is None:
                word_bits = 0
                for i in words:
                    b = bit_of.get(i)
                    if b is not None:
                        word_bits |= 1 << b
                go.word_bits[words] = word_bits
            excluded |= word_bits
        own = bit_of.get(gene_index)
        term_masks: Iterable[int]
        if own is None:
            found = go.gene_masks.get(gene_index)
            if found is None:
                found = go.gene_masks[gene_index] = self._gene_masks(go, gene_index)
            term_masks, union = found
        else:
            excluded |= 1 << own
            union = go.shares[own]
        rest = go.all & ~excluded
        shared = union & rest
        if not shared:
            return GoPartners(rest.bit_count(), 0, ())
        count = shared.bit_count()
        genes = go.genes
        if count == 1:
            return GoPartners(rest.bit_count(), 1, (genes[shared.bit_length() - 1],))
        if own is not None:  # one of the figure's genes: every term of it has its mask
            terms = self.memo.go_terms_of_row(self.lexicon, gene_index)
            term_masks = map(go.masks.__getitem__, terms)
        first: list[int] = []
        want = min(count, FIRST_PARTNERS)
        left = shared
        for m in term_masks:
            m &= left
            while m:
                low = m & -m
                first.append(genes[low.bit_length() - 1])
                m ^= low
                left ^= low
                if len(first) == want:
                    return GoPartners(rest.bit_count(), count, tuple(first))
        return GoPartners(rest.bit_count(), count, tuple(first))  # pragma: no cover - want <= count

    def _gene_masks(self, go: _GoBits, gene_index: int) -> tuple[tuple[int, ...], int]:
        """The masks of the GO terms of a gene that is not one of the figure's annotated
        genes, those that genes of the figure have, in the order of its terms, and their
        union (`go_partners`, cached per page and gene)."""
        terms = self.memo.go_terms_of_row(self.lexicon, gene_index)
        term_masks = tuple(m for m in map(go.masks.get, terms) if m is not None)
        return term_masks, reduce(or_, term_masks, 0)

    @cached_property
    def token_keys(self) -> frozenset[str]:
        """Case-folded tokens of the text, whole and split at dashes and slashes.

        The text is folded first, in one call: `fold` maps no character to or from a
        token delimiter, debris or dash (checked over all of Unicode), so tokens of the
        folded text are the folded tokens.
        """
        words = [w for w in (raw.strip(DEBRIS) for raw in _TOKEN.findall(fold(self.text))) if w]
        out = set(words)
        split = _SPLIT_HINTS.split
        for word in words:
            if "-" in word or "/" in word or "–" in word:
                out.update(p for p in split(word) if p)
        return frozenset(out)

    # ------------------------------------------------------------------ mentions

    @cached_property
    def mentions(self) -> list[Mention]:
        """Every token of the text that resolves to something, with its span (see
        `_scan`)."""
        return self._scan[0]

    @cached_property
    def _mentions_by_gene(self) -> dict[int, list[Mention]]:
        return self._scan[1]

    @cached_property
    def _scan(self) -> tuple[list[Mention], dict[int, list[Mention]]]:
        """Every token of the text that resolves to something, with its span, and those
        mentions by the lexicon rows of the genes they may name (family members excepted).

        A token that does not resolve as a whole is split at dashes and slashes
        (``Snail-induced`` → ``Snail``, ``PI3K/AKT`` → ``PI3K``, ``AKT``). What a token
        holds is cached per token text (`_token_mentions`).
        """
        out: list[Mention] = []
        by_gene: dict[int, list[Mention]] = {}
        if not self.text:
            return out, by_gene
        memo, lex = self.memo, self.lexicon
        tokens = memo.tokens
        for m in _TOKEN.finditer(self.text):
            raw = m.group()
            found = tokens.get(raw)
            if found is None:
                found = tokens[raw] = tuple(
                    (offset, end, word, r, memo.gene_rows(lex, r))
                    for offset, end, word, r in _token_mentions(self.resolver, raw)
                )
            if found:
                start = m.start()
                for offset, end, word, r, rows in found:
                    mention = Mention(word, start + offset, start + end, r)
                    out.append(mention)
                    for i in rows:
                        mentions = by_gene.get(i)
                        if mentions is None:
                            by_gene[i] = [mention]
                        else:
                            mentions.append(mention)
        return out, by_gene

    def mentions_of(self, gene_index: int) -> list[Mention]:
        """Mentions whose resolution lists this gene (as pick or candidate; family members
        are found through `families_named`)."""
        return self._mentions_by_gene.get(gene_index, [])

    @cached_property
    def families_named(self) -> dict[str, Mention]:
        """FamPlex families the text names, with the first mention."""
        out: dict[str, Mention] = {}
        for m in self.mentions:
            if m.resolution.status is Status.FAMILY and m.resolution.family:
                out.setdefault(m.resolution.family, m)
        return out

    def safe_mention(self, gene_index: int) -> Mention | None:
        """A mention that names this very gene by a term no rule objects to."""
        if gene_index in self._safe:
            return self._safe[gene_index]
        gene = self.lexicon.gene(gene_index)
        found = None
        for m in self.mentions_of(gene_index):
            r = m.resolution
            if r.symbol != gene.symbol:
                continue
            if self._is_safe(self, m, gene_index):
                found = m
                break
        self._safe[gene_index] = found
        return found

    @cached_property
    def named_genes(self) -> set[int]:
        """Rows of the genes the text names safely."""
        index_of = self.lexicon.index_of
        picked = {index_of(m.resolution.hgnc_id) for m in self.mentions if m.resolution.hgnc_id}
        return {i for i in picked if i is not None and self.safe_mention(i) is not None}

    # ------------------------------------------------------------------ definitions

    @cached_property
    def definitions(self) -> dict[str, str]:
        """Abbreviations the text defines, by case-folded short form → long form.

        Two shapes, each checked with the Schwartz–Hearst rule (every letter of the short
        form appears, in order, in the long form, the first at a word start):
        ``long form (SF)`` and ``SF, long form`` / ``SF (long form)``.
        """
        out: dict[str, str] = {}
        text = self.text
        for m in _DEFINITION.finditer(text):
            short = m.group(1)
            n = len(short) + 5
            words = text[: m.start()].rsplit(None, n)[-n:]  # the last n words before it
            long_form = best_long_form(short, " ".join(words))
            if long_form:
                out.setdefault(fold(short), long_form)
        for m in _DEFINITION_AFTER.finditer(text):
            # the shortest tail the short form abbreviates: "P70S6K (phosphorylation of
            # ribosomal p70S6 kinase)" defines P70S6K as "p70S6 kinase", not a process
            long_form = best_long_form(m.group(1), m.group(2).strip())
            if long_form is not None:
                out.setdefault(fold(m.group(1)), long_form)
        return out


# ``SF, long form`` / ``SF (long form)``. The short form starts at a word boundary, written as
# a look-behind after its first letter so that the search can skip to capital letters.
_DEFINITION_AFTER = re.compile(
    r"([A-Z](?<!\w.)[A-Za-z0-9]{1,9})(?:,\s+|:\s+|\s*[–—]\s*|\s+\()([a-z0-9][^,;.()]{3,80})"
)


def best_long_form(short: str, before: str) -> str | None:
    """Schwartz–Hearst: the shortest tail of *before* that the short form abbreviates."""
    s = [ch.lower() for ch in short if ch.isalnum()]
    if len(s) < 2 or not before:
        return None
    lf = before.lower()
    si, li = len(s) - 1, len(lf) - 1
    while si >= 0:
        ch = s[si]
        while li >= 0 and (lf[li] != ch or (si == 0 and li > 0 and lf[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        si -= 1
        li -= 1
    long_form = before[li + 1 :].strip()
    one_word = " " not in long_form and "-" not in long_form
    if len(long_form) <= len(short) or (one_word and len(long_form) < 2 * len(short) + 2):
        return None
    return long_form
