"""Is a gene keyword or hit real? Page context, one rule per reason code, one verdict policy.

A *subject* is one (word, term, gene) triple: the OCR word or text span, the lexicon term that
produced the gene, and the gene. Each rule is a small pure function
``(subject, context) -> detail | None`` registered in `RULES` with its reason code, a
one-line summary, the evidence it records and real examples (``docs/reasons.md`` is checked
against this table). `verdict_for` is the one place that turns reasons into a verdict.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

import attrs

from .models import (
    RELATION_RANK,
    Reason,
    ReasonCode,
    Relation,
    Resolution,
    Status,
    Verdict,
)
from .text import clean, fold, is_residue_or_site, norm_key

if TYPE_CHECKING:
    from .lexicon import Chemical, Entry, Lexicon, Meaning
    from .resolver import Resolver

__all__ = [
    "FALSE_HIT_CODES",
    "RULES",
    "UNCERTAIN_CODES",
    "Mention",
    "PageContext",
    "Rule",
    "Subject",
    "strip_ocr_debris",
    "verdict_for",
]

# --------------------------------------------------------------------------- policy

#: Reason codes that make a keyword or hit a false hit.
FALSE_HIT_CODES = frozenset(
    {
        ReasonCode.ENGLISH_WORD,
        ReasonCode.NON_GENE_ABBREVIATION,
        ReasonCode.DEFINED_IN_CAPTION,
        ReasonCode.SHADOWED_BY_APPROVED_SYMBOL,
        ReasonCode.RESIDUE_OR_SITE,
        ReasonCode.CHEMICAL_NAME,
        ReasonCode.CONTEXT_PREFERS_OTHER_GENE,
        ReasonCode.OCR_ARTIFACT,
        ReasonCode.NON_HUMAN_SYMBOL,
    }
)
#: Reason codes that make a keyword or hit uncertain (when nothing makes it false).
UNCERTAIN_CODES = frozenset(
    {
        ReasonCode.AMBIGUOUS_ALIAS,
        ReasonCode.GENERIC_PROTEIN_NAME,
        ReasonCode.FAMILY_MEMBER_NOT_NAMED,
    }
)


def verdict_for(
    reasons: Iterable[Reason], *, named: bool = False, speculative: bool = False
) -> Verdict:
    """The verdict that a set of reasons implies.

    A gene named in the figure's text by a term no rule objects to is supported whatever
    else is said; otherwise any false-hit reason makes a false hit, any uncertain reason an
    uncertain one, and nothing against it leaves it supported. *speculative* reasons (about
    a synonym that may have produced a keyword, when nothing shows it did) make at most
    uncertain.
    """
    if named:
        return Verdict.SUPPORTED
    codes = {r.code for r in reasons}
    if codes & FALSE_HIT_CODES:
        return Verdict.UNCERTAIN if speculative else Verdict.FALSE_HIT
    if codes & UNCERTAIN_CODES:
        return Verdict.UNCERTAIN
    return Verdict.SUPPORTED


# --------------------------------------------------------------------------- values

_DEBRIS = "+*()[]{},;:.'\"`’‘“”"


def strip_ocr_debris(word: str) -> str:
    """The OCR word without surrounding punctuation debris (``+P-gp`` → ``P-gp``,
    ``-IL-17A.`` → ``IL-17A``)."""
    return clean(word).strip(_DEBRIS + " ").lstrip("-").rstrip("-/")


@attrs.frozen
class Mention:
    """A span of the figure's text and what it resolves to."""

    text: str
    start: int
    end: int
    resolution: Resolution


@attrs.frozen(cache_hash=True)
class Subject:
    """One (word, term, gene) triple to judge."""

    #: The lexicon term that produced the gene (``OUT``, ``PGP``, ``S16``…).
    term: str
    #: Row of the gene in the lexicon (``None`` when it is not a human HGNC gene).
    gene_index: int | None
    #: The gene symbol as reported (keyword or hit symbol).
    symbol: str
    #: How *term* relates to the gene (``None`` when the lexicon does not link them).
    relation: Relation | None
    #: Our resolution of the word (or of the term when no word is known). Left out of the
    #: hash, not of equality: hashing a new resolution hashes all its candidates first.
    word_resolution: Resolution = attrs.field(hash=False)
    #: The OCR word or text span, debris stripped; ``None`` when unknown (page-only mode).
    word: str | None = None
    #: NCBI taxon of the hit, when known.
    organism_id: str | None = None
    organism_name: str | None = None
    #: Whether the relation was found only through the normalised key (``P-gp`` ~ ``PGP``).
    normalised: bool = False
    #: HGNC ID, current approved symbol and name of the gene (``None`` when not human HGNC).
    hgnc_id: str | None = None
    gene_symbol: str | None = None
    gene_name: str | None = None


class Facts(NamedTuple):
    """What the lexicon knows about one spelling (cached per resolver)."""

    text: str
    #: `clean` of the text and its case-folded key.
    clean: str
    key: str
    #: FamPlex groundings of the text.
    meanings: tuple[Meaning, ...]
    #: Entries (approved/previous/alias/successor) with the same case-folded key.
    entries: tuple[Entry, ...]
    #: First curated non-gene entry: (list, category, reason).
    curated: tuple[str, str, str] | None
    #: Zipf frequency of the text as an English word.
    zipf: float
    residue: bool


# --------------------------------------------------------------------------- context

_TOKEN = re.compile(r"[^\s,;:()\[\]{}\"“”‘’]+")
_DEFINITION = re.compile(r"\(([A-Za-z][A-Za-z0-9\-]{1,11}s?)\)")
_SPLIT_HINTS = re.compile(r"[-/–]")


def _token_mentions(resolver: Resolver, raw: str) -> tuple[tuple[int, str, Resolution], ...]:
    """The mentions one token of the text holds: ``(offset in the token, text, resolution)``."""
    word = raw.strip(_DEBRIS)
    if not word:
        return ()
    start = raw.index(word)
    r = resolver.resolve(word)
    if r.status is not Status.NOT_FOUND:
        return ((start, word, r),)
    out = []
    if _SPLIT_HINTS.search(word):
        pos = 0
        for part in _SPLIT_HINTS.split(word):
            if len(part) >= 2:
                rp = resolver.resolve(part)
                if rp.status is not Status.NOT_FOUND:
                    out.append((start + word.index(part, pos), part, rp))
            pos += len(part) + 1
    return tuple(out)


class PageContext:
    """What the figure's own text says: mentions, definitions, which genes it names."""

    def __init__(self, text: str, resolver: Resolver, keyword_genes: Sequence[int] = ()) -> None:
        self.text = text
        self.resolver = resolver
        self.lexicon: Lexicon = resolver.lexicon
        self.keyword_genes = tuple(keyword_genes)
        self._safe: dict[int, Mention | None] = {}
        self.memo = _memo_for(resolver)

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
                    (offset, word, r, memo.gene_rows(lex, r))
                    for offset, word, r in _token_mentions(self.resolver, raw)
                )
            if found:
                start = m.start()
                for offset, word, r, rows in found:
                    mention = Mention(word, start + offset, start + offset + len(word), r)
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
            if not term_reasons(mention_subject(self, m, gene_index), self):
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
            long_form = _best_long_form(short, " ".join(words))
            if long_form:
                out.setdefault(fold(short), long_form)
        for m in _DEFINITION_AFTER.finditer(text):
            short, long_form = m.group(1), m.group(2).strip()
            if _best_long_form(short, long_form) is not None:
                out.setdefault(fold(short), long_form)
        return out


# ``SF, long form`` / ``SF (long form)``. The short form starts at a word boundary, written as
# a look-behind after its first letter so that the search can skip to capital letters.
_DEFINITION_AFTER = re.compile(
    r"([A-Z](?<!\w.)[A-Za-z0-9]{1,9})(?:,\s+|\s+\()([a-z][^,;.()]{3,80})"
)


def _best_long_form(short: str, before: str) -> str | None:
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


# --------------------------------------------------------------------------- subjects


def relation_of(lexicon: Lexicon, term: str, gene_index: int) -> tuple[Relation | None, bool]:
    """How *term* names the gene at *gene_index*, and whether only after normalisation."""
    c = clean(term)
    for normalised in (False, True):
        best: Relation | None = None
        entries = lexicon.lookup_norm(norm_key(c)) if normalised else lexicon.lookup_fold(fold(c))
        for idx, rel, _t in entries:
            if idx == gene_index and (best is None or RELATION_RANK[rel] < RELATION_RANK[best]):
                best = rel
        if best is not None:
            return best, normalised
    gene = lexicon.gene(gene_index)
    for normalised in (False, True):
        for m in lexicon.meanings(c, normalised=normalised):
            if m.curie == gene.hgnc_id:
                return Relation.CURATED, normalised
            if m.curie.startswith("FPLX:") and gene.hgnc_id in lexicon.families.get(
                m.curie[5:], ()
            ):
                return Relation.MEMBER, normalised
    return None, False


class _Memo:
    """Page-independent results, cached per resolver: subjects and static rule reasons."""

    def __init__(self) -> None:
        self.subjects: dict[tuple[object, ...], Subject] = {}
        self.mention_subjects: dict[tuple[str, int], Subject] = {}
        #: `relation_of` a term and a gene.
        self.relations: dict[tuple[str, int], tuple[Relation | None, bool]] = {}
        self.static: dict[Subject, tuple[Reason, ...]] = {}
        self.term_static: dict[Subject, tuple[Reason, ...]] = {}
        self.rows: dict[Resolution, tuple[int, ...]] = {}
        self.members: dict[Resolution, tuple[int, ...]] = {}
        self.member_ids: dict[Resolution, frozenset[str]] = {}
        self.facts: dict[str, Facts] = {}
        self.chemicals: dict[str, Chemical | None] = {}
        #: `fold` of `clean` of a text.
        self.folded: dict[str, str] = {}
        #: Mentions of the text by token (see `_token_mentions`), with their `gene_rows`.
        self.tokens: dict[str, tuple[tuple[int, str, Resolution, tuple[int, ...]], ...]] = {}

    def gene_rows(self, lexicon: Lexicon, r: Resolution) -> tuple[int, ...]:
        """Lexicon rows of the candidates of a resolution, family members excepted (cached)."""
        rows = self.rows.get(r)
        if rows is None:
            found = (
                lexicon.index_of(c.hgnc_id)
                for c in r.candidates
                if c.relation is not Relation.MEMBER
            )
            rows = self.rows[r] = tuple(dict.fromkeys(i for i in found if i is not None))
        return rows

    def member_rows(self, lexicon: Lexicon, r: Resolution) -> tuple[int, ...]:
        """Lexicon rows of the family members among the candidates of a resolution (cached)."""
        rows = self.members.get(r)
        if rows is None:
            found = (
                lexicon.index_of(c.hgnc_id) for c in r.candidates if c.relation is Relation.MEMBER
            )
            rows = self.members[r] = tuple(i for i in found if i is not None)
        return rows

    def trim(self) -> None:
        for table in (
            self.subjects,
            self.mention_subjects,
            self.relations,
            self.static,
            self.term_static,
            self.rows,
            self.members,
            self.member_ids,
            self.facts,
            self.chemicals,
            self.folded,
            self.tokens,
        ):
            if len(table) > 200_000:
                table.clear()


_MEMOS: dict[int, _Memo] = {}


def _memo_for(resolver: Resolver) -> _Memo:
    memo = _MEMOS.get(id(resolver))
    if memo is None:
        memo = _MEMOS[id(resolver)] = _Memo()
    memo.trim()
    return memo


def subject_for(
    ctx: PageContext,
    term: str,
    gene_index: int | None,
    symbol: str,
    *,
    word: str | None = None,
    word_resolution: Resolution | None = None,
    organism_id: str | None = None,
    organism_name: str | None = None,
    cache: bool = True,
) -> Subject:
    """Build a `Subject`, resolving the word (or term) and relating term and gene.

    Subjects are cached per resolver, unless *cache* is false (for a subject judged once).
    """
    if word is not None:
        word = strip_ocr_debris(word) or None
    if not cache:
        return _make_subject(
            ctx, term, gene_index, symbol, word, word_resolution, organism_id, organism_name
        )
    key = (term, gene_index, symbol, word, organism_id, organism_name, word_resolution)
    hit = ctx.memo.subjects.get(key)
    if hit is None:
        hit = ctx.memo.subjects[key] = _make_subject(
            ctx, term, gene_index, symbol, word, word_resolution, organism_id, organism_name
        )
    return hit


def mention_subject(ctx: PageContext, m: Mention, gene_index: int) -> Subject:
    """The subject of a mention of the text taken as naming the gene at *gene_index*: like
    `subject_for` with the mention's text as term and word, cached per mention text."""
    key = (m.text, gene_index)
    hit = ctx.memo.mention_subjects.get(key)
    if hit is None or (
        hit.word_resolution is not m.resolution and hit.word_resolution != m.resolution
    ):
        symbol = ctx.lexicon.gene(gene_index).symbol
        hit = ctx.memo.mention_subjects[key] = subject_for(
            ctx, m.text, gene_index, symbol, word=m.text, word_resolution=m.resolution
        )
    return hit


def _make_subject(
    ctx: PageContext,
    term: str,
    gene_index: int | None,
    symbol: str,
    word: str | None,
    word_resolution: Resolution | None,
    organism_id: str | None,
    organism_name: str | None,
) -> Subject:
    relation: Relation | None = None
    normalised = False
    if gene_index is not None:
        relations = ctx.memo.relations
        found = relations.get((term, gene_index))
        if found is None:
            found = relations[term, gene_index] = relation_of(ctx.lexicon, term, gene_index)
        relation, normalised = found
    if word_resolution is None:
        word_resolution = ctx.resolver.resolve(word if word else term)
    gene = ctx.lexicon.gene(gene_index) if gene_index is not None else None
    return Subject(
        term=term, gene_index=gene_index, symbol=symbol, relation=relation,
        word_resolution=word_resolution, word=word, organism_id=organism_id,
        organism_name=organism_name, normalised=normalised,
        hgnc_id=gene.hgnc_id if gene else None, gene_symbol=gene.symbol if gene else None,
        gene_name=gene.name if gene else None,
    )  # fmt: skip


def facts(ctx: PageContext, text: str) -> Facts:
    """The lexicon's facts about *text* (cached per resolver)."""
    memo = ctx.memo.facts
    f = memo.get(text)
    if f is None:
        lex = ctx.lexicon
        c = clean(text)
        key = fold(c)
        curated = None
        for list_name in ("non_gene_abbreviations", "figure_words"):
            entry = lex.curated_key(list_name, key)
            if entry:
                curated = (list_name, *entry)
                break
        f = memo[text] = Facts(
            text=text, clean=c, key=key, meanings=tuple(lex.meanings_by_key(key)),
            entries=tuple(lex.lookup_fold(key)), curated=curated,
            zipf=lex.english_zipf(c) if c.isascii() and c.isalpha() else 0.0,
            residue=is_residue_or_site(c),
        )  # fmt: skip
    return f


def _chemical(ctx: PageContext, text: str) -> Chemical | None:
    """The chemical a text of up to 12 characters names, if any (cached per resolver)."""
    memo = ctx.memo.chemicals
    if text in memo:
        return memo[text]
    found = memo[text] = ctx.lexicon.chemical(text) if len(text) <= 12 else None
    return found


def term_may_be_false(ctx: PageContext, text: str) -> bool:
    """Whether `rule_english_word`, `rule_non_gene_abbreviation`, `rule_residue_or_site`,
    `rule_generic_protein_name` or `rule_chemical_name` may fire for a subject whose only
    spelling is *text* (no word): each needs one of these facts about the text."""
    f = facts(ctx, text)
    return bool(
        f.zipf
        or f.curated
        or f.meanings
        or f.residue
        or _chemical(ctx, text) is not None
        or _PNN.fullmatch(text)
    )


def _spelled(s: Subject) -> str:
    return s.word if s.word else s.term


def _texts(s: Subject) -> tuple[str, ...]:
    """The word (or term), then the term if different: the spellings rules look at."""
    spelled = s.word if s.word else s.term
    return (spelled,) if spelled == s.term else (spelled, s.term)


def _is_exact_symbol(s: Subject, ctx: PageContext, text: str) -> bool:
    """The text is the gene's approved symbol, letter for letter."""
    return s.gene_symbol is not None and facts(ctx, text).clean == s.gene_symbol


def _gene_genes(res: Resolution) -> list[str]:
    return [c.hgnc_id for c in res.candidates]


def _members(ctx: PageContext, res: Resolution) -> frozenset[str]:
    """HGNC IDs of the family members among the candidates of a resolution (cached)."""
    memo = ctx.memo.member_ids
    found = memo.get(res)
    if found is None:
        found = memo[res] = frozenset(
            c.hgnc_id for c in res.candidates if c.relation is Relation.MEMBER
        )
    return found


# --------------------------------------------------------------------------- the rules

#: Thresholds for `rule_english_word`: Zipf frequency above which a word counts as
#: common English — lower for lower/title case (clearly prose) than for all capitals.
ENGLISH_ZIPF_LOWER = 3.0
ENGLISH_ZIPF_CAPS = 4.0


def rule_english_word(s: Subject, ctx: PageContext) -> str | None:
    """The word is a common English word matched to a gene synonym (``out`` → TCF23)."""
    w = _spelled(s)
    f = facts(ctx, w)
    zipf = f.zipf
    if not zipf or len(w) < 2 or _is_exact_symbol(s, ctx, w):
        return None
    if _grounds_gene(ctx, w, s):  # FamPlex curates "Snail" as SNAI1
        return None
    if zipf >= (ENGLISH_ZIPF_CAPS if w.isupper() else ENGLISH_ZIPF_LOWER):
        how = f"{s.relation} " if s.relation else ""
        return f"'{w}' is a common English word (Zipf frequency {zipf:.1f}) matched as {how}'{s.term}' of {s.symbol}"
    return None


def _grounds_gene(ctx: PageContext, text: str, s: Subject) -> bool:
    """A FamPlex grounding of *text* is this gene or a family containing it."""
    hgnc_id = s.hgnc_id
    if hgnc_id is None:
        return False
    for m in facts(ctx, text).meanings:
        if m.curie == hgnc_id:
            return True
        if m.curie.startswith("FPLX:") and hgnc_id in ctx.lexicon.families.get(m.curie[5:], ()):
            return True
    return False


#: Grounding namespaces that are not genes or gene products (FamPlex grounding map).
NON_GENE_NAMESPACES = (
    "GO:",
    "MESH:",
    "CHEBI:",
    "PUBCHEM:",
    "HMDB:",
    "NCIT:",
    "CL:",
    "UBERON:",
    "DOID:",
    "EFO:",
    "HP:",
)


def rule_non_gene_abbreviation(s: Subject, ctx: PageContext) -> str | None:
    """The term is a process, cell, technique or compound abbreviation (``EMT`` → ITK)."""
    for text in _texts(s):
        f = facts(ctx, text)
        if not (f.curated or f.meanings):
            continue
        if not text or _is_exact_symbol(s, ctx, text) or _grounds_gene(ctx, text, s):
            continue
        if f.curated:
            return f"'{text}' is a {f.curated[1]} abbreviation: {f.curated[2]}"
        other = [m.curie for m in f.meanings if m.curie.startswith(NON_GENE_NAMESPACES)]
        genes = [m for m in f.meanings if m.curie.startswith(("HGNC:", "FPLX:"))]
        if other and not genes:
            return f"FamPlex grounds '{text}' to {', '.join(other)}, not to a gene"
    return None


_PROTEIN_HEAD = re.compile(
    r"(ase|receptor|factor|protein|ligand|channel|transporter|carrier|antigen|subunit|domain|"
    r"homolog|complex|isoform|isozyme|enzyme|hormone|peptide|interleukin|interferon|kine|in)s?$",
    re.IGNORECASE,
)


def rule_defined_in_caption(s: Subject, ctx: PageContext) -> str | None:
    """The text defines the term as something that is not a gene product (``LPS,
    lipopolysaccharide``; ``epithelial–mesenchymal transition (EMT)``).

    The long form must be positively non-gene: a chemical, a FamPlex non-gene grounding, or
    a phrase whose head word is a process, cell, anatomy, disease or technique word
    (curated list ``non_gene_heads``). Long forms that name proteins never fire.
    """
    definitions = ctx.definitions
    if not definitions:
        return None
    lex = ctx.lexicon
    folded = ctx.memo.folded
    for text in _texts(s):
        key = folded.get(text)
        if key is None:
            key = folded[text] = fold(clean(text))
        long_form = definitions.get(key)
        if long_form is None:
            continue
        r = ctx.resolver.resolve(long_form)
        if r.status is not Status.NOT_FOUND:
            continue  # the long form names a gene or family
        head = re.split(r"[\s\-–]+", long_form.strip())[-1]
        if _PROTEIN_HEAD.search(head):
            continue  # "toll-like receptor", "lactate dehydrogenase": protein names
        what = None
        if lex.chemical(long_form) is not None:
            what = "a chemical"
        elif any(
            m.curie.startswith(NON_GENE_NAMESPACES)
            for m in lex.meanings(long_form, normalised=True)
        ):
            what = "a non-gene concept (FamPlex)"
        elif (entry := lex.curated("non_gene_heads", head)) is not None:
            what = f"a {entry[0]}"
        if what:
            return f"the text defines '{text}' as '{long_form}', {what}"
    return None


def rule_shadowed_by_approved_symbol(s: Subject, ctx: PageContext) -> str | None:
    """The term is another gene's approved (or previous) symbol (``BRCC3`` → DEPDC1B)."""
    if s.gene_index is None or s.relation in (Relation.APPROVED, Relation.MEMBER) or s.normalised:
        return None
    lex = ctx.lexicon
    r = s.word_resolution
    hgnc_id = s.hgnc_id
    if r.hgnc_id == hgnc_id or (r.status is Status.FAMILY and hgnc_id in _members(ctx, r)):
        return None  # our own resolution of the word picks this gene (Erk -> ERK family)
    text = _spelled(s)
    entries = facts(ctx, text).entries
    for idx, rel, _term in entries:
        if idx != s.gene_index and rel is Relation.APPROVED:
            g = lex.gene(idx)
            return f"'{text}' is the approved symbol of {g.symbol} ({g.hgnc_id}); it is only {s.relation or 'a synonym'} of {s.symbol}"
    if s.relation is Relation.ALIAS:
        for idx, rel, _term in entries:
            if idx != s.gene_index and rel is Relation.PREVIOUS:
                g = lex.gene(idx)
                return f"'{text}' is a previous symbol of {g.symbol} ({g.hgnc_id}); it is only an alias of {s.symbol}"
    return None


def rule_ambiguous_alias(s: Subject, ctx: PageContext) -> str | None:
    """One term, several genes, and nothing in the figure to choose (``EMT`` → ITK, SLC22A3)."""
    if s.relation not in (Relation.ALIAS, Relation.PREVIOUS):
        return None
    r = ctx.resolver.resolve(s.term)
    if r.status is Status.AMBIGUOUS and len(r.candidates) > 1:
        names = ", ".join(c.symbol for c in r.candidates[:6])
        return f"'{s.term}' is a synonym of {len(r.candidates)} genes ({names})"
    return None


def rule_residue_or_site(s: Subject, ctx: PageContext) -> str | None:
    """A modified residue or site read as a gene (``S16-P`` → S16 → RPS16)."""
    for text in _texts(s):
        if facts(ctx, text).residue and not _is_exact_symbol(s, ctx, text):
            return f"'{text}' reads as an amino-acid residue or site, matched to {s.symbol}"
    return None


_PNN = re.compile(r"p\d{2,3}", re.IGNORECASE)


def rule_generic_protein_name(s: Subject, ctx: PageContext) -> str | None:
    """A ``pNN`` molecular-weight name that several genes share (``p38``, ``p65``)."""
    for text in _texts(s):
        if _PNN.fullmatch(text) and not _is_exact_symbol(s, ctx, text):
            r = ctx.resolver.resolve(text)
            if (
                s.hgnc_id is not None
                and r.status is Status.FAMILY
                and s.hgnc_id in _members(ctx, r)
            ):
                continue  # FamPlex settles the name (p38 is the p38 MAPK family)
            if len(r.candidates) > 1:
                names = ", ".join(c.symbol for c in r.candidates[:6])
                return f"'{text}' is a molecular-weight name shared by several proteins ({names})"
    return None


def rule_chemical_name(s: Subject, ctx: PageContext) -> str | None:
    """The term is a chemical (``ATP`` → ATP8A2, ``ADP`` → WDTC1, ``CTP`` → SLC25A1)."""
    if s.hgnc_id is not None and s.word_resolution.hgnc_id == s.hgnc_id:
        return None  # the word names this very gene (IL-17A is also a drug target name)
    for text in _texts(s):
        chem = _chemical(ctx, text)  # texts of up to 12 characters
        if chem is None:
            continue
        if _is_exact_symbol(s, ctx, text) or _grounds_gene(ctx, text, s):
            continue
        if s.gene_name is not None and fold(chem.name) == fold(s.gene_name):
            continue  # a protein drug named like its gene (insulin)
        ids = ", ".join(i for i in (chem.mesh, chem.chebi, chem.drugbank) if i)
        return f"'{text}' is the chemical {chem.name} ({ids})"
    return None


def rule_context_prefers_other_gene(s: Subject, ctx: PageContext) -> str | None:
    """The word or the text points to another gene (``P-gp``/P-glycoprotein → ABCB1, not PGP)."""
    hgnc_id = s.hgnc_id
    if hgnc_id is None:
        return None
    r = s.word_resolution
    if r.symbol is not None and r.hgnc_id != hgnc_id and r.status is not Status.NOT_FOUND:
        if (
            s.relation is Relation.APPROVED
            and not s.normalised
            and s.word
            and fold(s.word) == fold(s.symbol)
        ):
            return None
        return f"'{_spelled(s)}' is {r.status} {r.symbol} ({r.hgnc_id}), not {s.symbol}"
    if r.status is Status.FAMILY and hgnc_id not in _members(ctx, r):
        members = ", ".join(c.symbol for c in r.candidates if c.relation is Relation.MEMBER)
        return f"'{_spelled(s)}' names the family {r.family} ({members}), not {s.symbol}"
    return None


def rule_family_member_not_named(s: Subject, ctx: PageContext) -> str | None:
    """A family expanded to this member, but the text names only other members (SOD → SOD2)."""
    r = s.word_resolution
    if s.gene_index is None or r.status is not Status.FAMILY or not ctx.text:
        return None
    named_genes = ctx.named_genes
    if not named_genes or s.gene_index in named_genes:
        return None
    lex = ctx.lexicon
    members = ctx.memo.member_rows(lex, r)
    named = [i for i in members if i != s.gene_index and i in named_genes]
    if named:
        names = ", ".join(lex.gene(i).symbol for i in named)
        return f"'{_spelled(s)}' (family {r.family}) was expanded to {s.symbol}, but the text names only {names}"
    return None


_HOMOGLYPHS = {frozenset(p) for p in ("1L", "1I", "0O", "5S", "8B", "2Z")}


def _homoglyph_only(a: str, b: str) -> bool:
    """*a* and *b* differ only by OCR look-alike characters (l/1, O/0, S/5…)."""
    return (
        len(a) == len(b)
        and a != b
        and all(x == y or frozenset((x, y)) in _HOMOGLYPHS for x, y in zip(a, b, strict=True))
    )


def rule_ocr_artifact(s: Subject, ctx: PageContext) -> str | None:
    """A Greek, homoglyph or transform artefact (``Aß`` → ``ASS`` → ASS1, ``Col1a1`` →
    ``CO11A1`` → COL11A1)."""
    if not s.word or s.gene_index is None:
        return None
    word_key, term_key = norm_key(s.word), norm_key(s.term)
    if word_key == term_key:
        return None
    if s.word.isascii() and not _homoglyph_only(word_key, term_key):
        return None
    hgnc_id = s.hgnc_id
    r = s.word_resolution
    if hgnc_id in _gene_genes(r):
        return None
    meant = f"; it means {r.symbol}" if r.symbol else ""
    return f"'{s.word}' became '{s.term}' through OCR look-alike or Unicode transforms{meant}"


_NON_HUMAN_CASE = re.compile(r"[A-Z][a-z][a-z0-9]*\d[a-z0-9]*|[a-z][a-z0-9]*")


def rule_non_human_symbol(s: Subject, ctx: PageContext) -> str | None:
    """A non-human gene symbol in a human lexicon check (``Trp53``, fly ``sts``)."""
    if s.organism_id and s.organism_id != "9606":
        return f"hit from the {s.organism_name or 'taxon ' + s.organism_id} lexicon, not human"
    if s.gene_index is None and not s.organism_id and _NON_HUMAN_CASE.fullmatch(s.symbol):
        return f"'{s.symbol}' is not an HGNC symbol; its case is that of a mouse, rat or fly symbol"
    return None


@attrs.frozen
class Rule:
    """One reason code: its check, what it records, and real examples."""

    code: ReasonCode
    check: Callable[[Subject, PageContext], str | None]
    summary: str
    evidence: str
    examples: tuple[str, ...]


#: Every rule, in the order reasons are reported. ``docs/reasons.md`` documents each.
RULES: tuple[Rule, ...] = (
    Rule(
        ReasonCode.ENGLISH_WORD, rule_english_word,
        "The word is a common English word that matched a gene synonym.",
        "the word, its Zipf frequency (wordfreq), the synonym and gene",
        ("out → TCF23 (alias OUT)", "fast → FASTK", "step → PTPN5"),
    ),
    Rule(
        ReasonCode.NON_GENE_ABBREVIATION, rule_non_gene_abbreviation,
        "The term is a process, cell, technique, compound or figure-label abbreviation.",
        "the curated list entry and its reason, or the FamPlex non-gene grounding",
        ("EMT → ITK, SLC22A3", "LPS → IRF6", "HBP → AZU1, SLBP"),
    ),
    Rule(
        ReasonCode.DEFINED_IN_CAPTION, rule_defined_in_caption,
        "The figure's text defines the term as something that is not this gene.",
        "the short form and the long form found in the text",
        ("EMT (epithelial–mesenchymal transition) → ITK", "LPS, lipopolysaccharide → IRF6"),
    ),
    Rule(
        ReasonCode.SHADOWED_BY_APPROVED_SYMBOL, rule_shadowed_by_approved_symbol,
        "The term is another gene's approved (or previous) symbol.",
        "the term and the gene whose symbol it is",
        ("BRCC3 → DEPDC1B", "HK2 → KCNA5, KIF2A, HOOK2", "TAK1 → NR2C2"),
    ),
    Rule(
        ReasonCode.AMBIGUOUS_ALIAS, rule_ambiguous_alias,
        "One synonym, several genes, and no context to choose.",
        "the synonym and the genes it names",
        ("EMT → ITK or SLC22A3", "TAZ → TAFAZZIN or WWTR1"),
    ),
    Rule(
        ReasonCode.RESIDUE_OR_SITE, rule_residue_or_site,
        "A modified amino-acid residue or site read as a gene.",
        "the word and the gene",
        ("S16-P → S16 → RPS16", "T308", "Y705", "Ser473"),
    ),
    Rule(
        ReasonCode.GENERIC_PROTEIN_NAME, rule_generic_protein_name,
        "A pNN molecular-weight name shared by several proteins.",
        "the name and the genes it may mean",
        ("p38 → AIMP2, AHSA1, MAPK14", "p65 → SYT1, RELA", "p62 → NUP62, SQSTM1"),
    ),
    Rule(
        ReasonCode.CHEMICAL_NAME, rule_chemical_name,
        "The term is a chemical or drug name.",
        "the chemical's name and MeSH/ChEBI/DrugBank ids",
        ("ATP → ATP8A2", "ADP → WDTC1", "CTP → SLC25A1"),
    ),
    Rule(
        ReasonCode.CONTEXT_PREFERS_OTHER_GENE, rule_context_prefers_other_gene,
        "The word or the figure's text points to another gene.",
        "what the word resolves to, or the sibling gene the text names",
        ("+P-gp → PGP, PGPEP1 (P-gp is ABCB1)", "ERK → EPHB2 (ERK is MAPK1/MAPK3)"),
    ),
    Rule(
        ReasonCode.FAMILY_MEMBER_NOT_NAMED, rule_family_member_not_named,
        "A family term was expanded to this member, but the text names only other members.",
        "the family, the members the text names",
        ("SOD → SOD2, SOD3 when only SOD1 is named",),
    ),
    Rule(
        ReasonCode.OCR_ARTIFACT, rule_ocr_artifact,
        "A Greek, homoglyph or transform artefact.",
        "the word, the transformed term, what the word means",
        ("Aß → ASS → ASS1 (amyloid-β is APP)", "ΑPE1 → PE1 → ETV3"),
    ),
    Rule(
        ReasonCode.NON_HUMAN_SYMBOL, rule_non_human_symbol,
        "A non-human gene symbol in a human lexicon check.",
        "the symbol, the organism",
        ("Trp53", "sts (Drosophila)", "Gnat2 (mouse)"),
    ),
)  # fmt: skip

#: Rules that read the page (its definitions, the genes it names); the others depend on the
#: subject alone, and their reasons are cached per subject.
_PAGE_RULES = frozenset({ReasonCode.DEFINED_IN_CAPTION, ReasonCode.FAMILY_MEMBER_NOT_NAMED})
#: Rules about the term itself, without the word's or the page's context.
_TERM_RULES = tuple(
    r
    for r in RULES
    if r.code
    not in (
        ReasonCode.CONTEXT_PREFERS_OTHER_GENE,
        ReasonCode.FAMILY_MEMBER_NOT_NAMED,
        ReasonCode.NON_HUMAN_SYMBOL,
        ReasonCode.OCR_ARTIFACT,
    )
)
_ORDER = {rule.code: i for i, rule in enumerate(RULES)}


class _RuleSet(NamedTuple):
    """Rules split into those about the subject alone and those that read the page."""

    subject: tuple[Rule, ...]
    page: tuple[Rule, ...]


def _rule_set(rules: Iterable[Rule]) -> _RuleSet:
    rules = tuple(rules)
    return _RuleSet(
        tuple(r for r in rules if r.code not in _PAGE_RULES),
        tuple(r for r in rules if r.code in _PAGE_RULES),
    )


_ALL_RULE_SET = _rule_set(RULES)
_TERM_RULE_SET = _rule_set(_TERM_RULES)


def _is_plain_symbol(s: Subject) -> bool:
    """The word (or term) is the human gene's current approved symbol, letter for letter.

    Every subject rule stays silent then: each excepts the exact symbol, and the word's own
    resolution is the gene itself. Checked first because most hits are such.
    """
    text = s.word if s.word else s.term
    return (
        s.gene_symbol is not None
        and text == s.gene_symbol
        and s.term == s.gene_symbol
        and s.relation is Relation.APPROVED
        and not s.normalised
        and s.organism_id in (None, "", "9606")
        and s.word_resolution.hgnc_id == s.hgnc_id
    )


def _run(
    rules: _RuleSet, s: Subject, ctx: PageContext, cache: dict[Subject, tuple[Reason, ...]]
) -> list[Reason]:
    static = cache.get(s)
    if static is None:
        if _is_plain_symbol(s):
            static = ()  # no subject rule speaks against a gene's own symbol, letter for letter
        else:
            static = tuple(
                [
                    Reason(rule.code, detail)
                    for rule in rules.subject
                    if (detail := rule.check(s, ctx))
                ]
            )
        cache[s] = static
    if not ctx.text:
        return list(static)
    dynamic = [Reason(rule.code, detail) for rule in rules.page if (detail := rule.check(s, ctx))]
    if not dynamic:
        return list(static)
    return sorted([*static, *dynamic], key=lambda r: _ORDER[r.code])


def term_reasons(s: Subject, ctx: PageContext) -> list[Reason]:
    """Reasons that speak against the term itself (no sibling or word context)."""
    return _run(_TERM_RULE_SET, s, ctx, ctx.memo.term_static)


def all_reasons(s: Subject, ctx: PageContext, *, cache: bool = True) -> list[Reason]:
    """Every rule's reason for one subject, in `RULES` order.

    What the page does not matter to is cached per subject, unless *cache* is false (for a
    subject judged once).
    """
    return _run(_ALL_RULE_SET, s, ctx, ctx.memo.static if cache else {})


_STATUS_BY_RELATION = {
    Relation.APPROVED: Status.APPROVED,
    Relation.PREVIOUS: Status.PREVIOUS,
    Relation.SUCCESSOR: Status.WITHDRAWN,
}


def gene_of(
    resolver: Resolver, symbol: str, entrez: str | None = None
) -> tuple[int | None, Resolution]:
    """The lexicon row of the human gene a reported symbol stands for, and its resolution.

    When the hit also reports an NCBI Gene ID that names an approved HGNC gene, that gene is
    the one meant, even where the symbol alone is now ambiguous (``SEPT2``/4735 is SEPTIN2).
    """
    r = resolver.resolve(symbol)
    lex = resolver.lexicon
    row = lex.index_of_entrez(entrez) if entrez else None
    if row is None:
        return (None if r.hgnc_id is None else lex.index_of(r.hgnc_id)), r
    gene = lex.gene(row)
    if r.hgnc_id == gene.hgnc_id:
        return row, r
    relation = next((c.relation for c in r.candidates if c.hgnc_id == gene.hgnc_id), None)
    status = _STATUS_BY_RELATION.get(relation, Status.ALIAS) if relation else Status.ALIAS
    return row, attrs.evolve(
        r, status=status, symbol=gene.symbol, hgnc_id=gene.hgnc_id, name=gene.name,
        locus_type=gene.locus_type or None, entrez=gene.entrez or None,
        ensembl=gene.ensembl or None, family=None,
    )  # fmt: skip
