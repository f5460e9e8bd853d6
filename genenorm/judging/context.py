"""What a figure's own text says: mentions of genes, abbreviations it defines, which genes it
names. One `PageContext` per page; the page-independent work is cached in the checker's `Memo`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

import attrs

from ..models import Resolution, Status
from ..text import clean, fold

if TYPE_CHECKING:
    from ..lexicon import Lexicon
    from ..resolver import Resolver
    from .subjects import Memo

__all__ = ["DEBRIS", "Mention", "PageContext", "best_long_form", "strip_ocr_debris"]

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


# --------------------------------------------------------------------------- context

_TOKEN = re.compile(r"[^\s,;:()\[\]{}\"“”‘’]+")
_DEFINITION = re.compile(
    r"\(([A-Za-z][A-Za-z0-9\-]{1,11}s?|[A-Za-z][A-Za-z0-9\-]{0,8}/[A-Za-z0-9]{1,5})\)"
)
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
        #: Facts about groups of the figure's genes (a family word's expansion), by a key the
        #: evidence function that reads them chooses, for this page.
        self.groups: dict[Hashable, tuple[int, ...]] = {}
        #: `cocited_in_figure` by HGNC ID, for this page's hits (emptied by `add_hits`).
        self._cocited: dict[str, frozenset[int]] = {}
        #: Members of a family word the figure names, and narrower families it names
        #: (`genenorm.judging.evidence._family_named_parts`), for this page.
        self.family_parts: dict[
            Resolution, tuple[tuple[int, ...], tuple[tuple[str, frozenset[int]], ...]]
        ] = {}
        #: What the text defines of some spellings (`genenorm.judging.evidence._defined`):
        #: (spelling, long form, its resolution), by spellings, for this page.
        self.defined: dict[tuple[str, ...], tuple[tuple[str, str, Resolution], ...]] = {}
        #: A subject's family expansion (`genenorm.judging.evidence._expansion`), by
        #: subject, for this page (emptied by `add_hits`).
        self.expansions: dict[Hashable, tuple[int, ...] | None] = {}

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
        for name in (
            "specific_genes", "page_genes", "named_family_members", "cited_genes", "cited_index"
        ):  # fmt: skip
            self.__dict__.pop(name, None)
        self._cocited = {}
        self.expansions = {}

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
    def cited_genes(self) -> tuple[tuple[int, int], ...]:
        """The figure's genes (`page_genes`) that NCBI Gene links to an article with another
        gene (`genenorm.lexicon.Lexicon.cocited`), as (row, HGNC number), by row."""
        lex, memo = self.lexicon, self.memo
        known = memo.cited_numbers
        out = []
        for i in sorted(self.page_genes):
            number = known.get(i)
            if number is None:
                number = memo.cited_number(lex, i)
            if number:
                out.append((i, number))
        return tuple(out)

    @cached_property
    def cited_index(self) -> tuple[frozenset[int], frozenset[int], dict[int, int], dict[int, int]]:
        """`cited_genes` as set operations want them: their rows, their HGNC numbers, each
        number's row and each row's number."""
        by_row = dict(self.cited_genes)
        by_number = {number: i for i, number in by_row.items()}
        return frozenset(by_row), frozenset(by_number), by_number, by_row

    def cocited_in_figure(self, hgnc_id: str) -> frozenset[int]:
        """The HGNC numbers of the figure's cited genes (`cited_index`) that NCBI Gene links
        to an article with the gene with this HGNC ID
        (`genenorm.lexicon.Lexicon.cocited_among`; cached per page: a gene is asked about
        by each of its hits and by its family's expansions)."""
        found = self._cocited.get(hgnc_id)
        if found is None:
            found = self._cocited[hgnc_id] = self.lexicon.cocited_among(
                hgnc_id, self.cited_index[1]
            )
        return found

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
        found = None
        mentions = self.mentions_of(gene_index)
        if mentions:  # most genes of a page: none (then no need to read the gene)
            symbol = self.lexicon.gene(gene_index).symbol
            for m in mentions:
                r = m.resolution
                if r.symbol != symbol:
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
            series = _series_match(short)
            long_form = best_long_form(_short_stem(short, series), " ".join(words))
            if long_form:
                _define(out, short, long_form, series)
        for m in _DEFINITION_AFTER.finditer(text):
            # the shortest tail the short form abbreviates: "P70S6K (phosphorylation of
            # ribosomal p70S6 kinase)" defines P70S6K as "p70S6 kinase", not a process
            short = m.group(1)
            series = _series_match(short)
            long_form = best_long_form(_short_stem(short, series), m.group(2).strip())
            if long_form is not None:
                _define(out, short, long_form, series)
        return out


def _series_match(short: str) -> re.Match[str] | None:
    """The short form as a numbered series (`_SERIES`), matched once for `_short_stem` and
    `_define`; only a short form with a slash can be one."""
    return _SERIES.fullmatch(short) if "/" in short else None


def _short_stem(short: str, series: re.Match[str] | None) -> str:
    """What of a short form its long form spells: a numbered series (*series*, its
    `_series_match`) without its numbers (``MST1/2 (mammalian Ste20-like kinase)``),
    otherwise the short form."""
    return series.group(1) if series else short


def _define(out: dict[str, str], short: str, long_form: str, m: re.Match[str] | None) -> None:
    """Record a definition by folded short form; a numbered series (*m*, its
    `_series_match`) defines each of its names (``PDK1/2, phosphoinositide-dependent
    protein kinase 1/2``: PDK1 is "phosphoinositide-dependent protein kinase 1"), as well
    as itself."""
    out.setdefault(fold(short), long_form)
    if m is None:
        return
    numbers = (m.group(2), *m.group(3).split("/")[1:])
    series = "/".join(numbers)
    for number in numbers:
        own = long_form[: -len(series)] + number if long_form.endswith(series) else long_form
        out.setdefault(fold(m.group(1) + number), own)


# ``SF, long form`` / ``SF (long form)``. The short form starts at a word boundary, written as
# a look-behind after its first letter so that the search can skip to capital letters.
_DEFINITION_AFTER = re.compile(
    r"([A-Z](?<!\w.)(?:[A-Za-z0-9]{1,9}|[A-Za-z0-9]{0,4}/[A-Za-z0-9]{1,5}|[A-Za-z0-9\-]{1,8}\d(?:/\d{1,2})+))"
    r"(?:,\s+|:\s+|\s*[–—]\s*|\s+\()([a-z0-9][^,;.()]{3,80})"
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
