"""Subjects: one (word, term, gene) triple to judge, and what the lexicon knows about it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from ..models import RELATION_RANK, Relation, Resolution, Status
from ..page_models import Reason
from ..text import clean, fold, is_residue_or_site, norm_key
from .context import Mention, PageContext, strip_ocr_debris

if TYPE_CHECKING:
    from ..lexicon import Chemical, Entry, Lexicon, Meaning
    from ..resolver import Resolver

__all__ = [
    "Facts",
    "Memo",
    "Subject",
    "chemical_of",
    "facts",
    "gene_ids",
    "gene_of",
    "is_exact_symbol",
    "member_ids",
    "mention_subject",
    "relation_of",
    "spelled",
    "subject_for",
    "texts",
]


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
    #: Whether the hit's own source expanded a family or complex word to this gene.
    expanded: bool = False
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


class Memo:
    """Page-independent results of one checker: subjects, static evidence, lexicon facts.

    Every table is a plain dict owned by this object (nothing is keyed by ``id()``); their
    size is bounded by the checker's one size policy (`genenorm._budget.CacheBudget`, see
    `tables`), which empties them, with the resolver's and the lexicon's caches, between
    pages.
    """

    def __init__(self) -> None:
        self.subjects: dict[tuple[object, ...], Subject] = {}
        self.mention_subjects: dict[tuple[str, int], Subject] = {}
        #: `relation_of` a term and a gene.
        self.relations: dict[tuple[str, int], tuple[Relation | None, bool]] = {}
        #: Page-independent evidence of a subject and the page rules that may find something
        #: for it (`genenorm.judging.evidence._Plan`), for all evidence and for term evidence.
        self.plans: dict[Subject, Any] = {}
        self.term_plans: dict[Subject, Any] = {}
        self.rows: dict[Resolution, tuple[int, ...]] = {}
        self.members: dict[Resolution, tuple[int, ...]] = {}
        self.member_ids: dict[Resolution, frozenset[str]] = {}
        self.facts: dict[str, Facts] = {}
        self.chemicals: dict[str, Chemical | None] = {}
        #: `fold` of `clean` of a text.
        self.folded: dict[str, str] = {}
        #: Mentions of the text by token (see `_token_mentions`), with their `gene_rows`.
        self.tokens: dict[str, tuple[tuple[int, int, str, Resolution, tuple[int, ...]], ...]] = {}
        #: Used by the hit and keyword judges (`genenorm.judging.hits`, `.keywords`).
        self.hit_subjects: dict[tuple[str | None, ...], Any] = {}
        self.genes_of: dict[tuple[str, str | None], tuple[int | None, Resolution]] = {}
        self.term_keys: dict[int, dict[str, str]] = {}
        self.keyword_bases: dict[str, Any] = {}
        self.risky: dict[int, list[tuple[str, Reason]]] = {}
        #: Rows of the genes sharing a FamPlex family with a gene, by the gene's FamPlex ids
        #: (one set for every gene in the same families).
        self.family_sets: dict[tuple[str, ...], frozenset[int]] = {}
        #: `genenorm.judging.evidence._word_genes` by OCR word.
        self.word_genes: dict[str, tuple[int, ...]] = {}
        #: Rows of the members of a FamPlex family, by family id.
        self.fid_rows: dict[str, tuple[int, ...]] = {}
        #: `cited_number` by row.
        self.cited_numbers: dict[int, int] = {}
        #: What makes a long form the text defines non-gene, by long form
        #: (`genenorm.judging.evidence._non_gene_long_form`).
        self.non_gene_long_forms: dict[str, str | None] = {}
        #: The words of a gene name or a long form the text defines, by text
        #: (`genenorm.judging.evidence._name_fit`).
        self.name_words: dict[str, frozenset[str]] = {}

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

    def family_member_rows(self, lexicon: Lexicon, fid: str) -> tuple[int, ...]:
        """Lexicon rows of the members of the FamPlex family *fid*, in FamPlex order (cached)."""
        rows = self.fid_rows.get(fid)
        if rows is None:
            index_of = lexicon.index_of
            rows = self.fid_rows[fid] = tuple(
                i for h in lexicon.families.get(fid, ()) if (i := index_of(h)) is not None
            )
        return rows

    def cited_number(self, lexicon: Lexicon, index: int) -> int:
        """The HGNC number (``HGNC:1097`` → 1097) of the gene at row *index* when NCBI Gene
        links it to an article with another gene (`genenorm.lexicon.Lexicon.has_cocitations`),
        else 0 (cached)."""
        number = self.cited_numbers.get(index)
        if number is None:
            hgnc_id = lexicon.gene(index).hgnc_id
            number = int(hgnc_id[5:]) if lexicon.has_cocitations(hgnc_id) else 0
            self.cited_numbers[index] = number
        return number

    def tables(self) -> list[dict[Any, Any]]:
        """Every table of this memo (for the checker's `genenorm._budget.CacheBudget`)."""
        return [table for table in vars(self).values() if isinstance(table, dict)]


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
    expanded: bool = False,
    cache: bool = True,
) -> Subject:
    """Build a `Subject`, resolving the word (or term) and relating term and gene.

    Subjects are cached per resolver, unless *cache* is false (for a subject judged once).
    """
    if word is not None:
        word = strip_ocr_debris(word) or None
    if not cache:
        return _make_subject(
            ctx, term, gene_index, symbol, word, word_resolution, organism_id, organism_name,
            expanded,
        )  # fmt: skip
    key = (term, gene_index, symbol, word, organism_id, organism_name, word_resolution, expanded)
    hit = ctx.memo.subjects.get(key)
    if hit is None:
        hit = ctx.memo.subjects[key] = _make_subject(
            ctx, term, gene_index, symbol, word, word_resolution, organism_id, organism_name,
            expanded,
        )  # fmt: skip
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
    expanded: bool = False,
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
        organism_name=organism_name, expanded=expanded, normalised=normalised,
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


def chemical_of(ctx: PageContext, text: str) -> Chemical | None:
    """The chemical a text of up to 12 characters names, if any (cached per resolver)."""
    memo = ctx.memo.chemicals
    if text in memo:
        return memo[text]
    found = memo[text] = ctx.lexicon.chemical(text) if len(text) <= 12 else None
    return found


def spelled(s: Subject) -> str:
    return s.word if s.word else s.term


def texts(s: Subject) -> tuple[str, ...]:
    """The word (or term), then the term if different: the spellings rules look at."""
    spelled = s.word if s.word else s.term
    return (spelled,) if spelled == s.term else (spelled, s.term)


def is_exact_symbol(s: Subject, ctx: PageContext, text: str) -> bool:
    """The text is the gene's approved symbol, letter for letter."""
    return s.gene_symbol is not None and facts(ctx, text).clean == s.gene_symbol


def gene_ids(res: Resolution) -> list[str]:
    return [c.hgnc_id for c in res.candidates]


def member_ids(ctx: PageContext, res: Resolution) -> frozenset[str]:
    """HGNC IDs of the family members among the candidates of a resolution (cached)."""
    memo = ctx.memo.member_ids
    found = memo.get(res)
    if found is None:
        found = memo[res] = frozenset(
            c.hgnc_id for c in res.candidates if c.relation is Relation.MEMBER
        )
    return found


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
