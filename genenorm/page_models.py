"""Immutable values of PFOCR pages and what genenorm says about them: pages and their hits,
the organisms a figure is about, keyword and hit verdicts with their reasons, page reports.

Frozen attrs classes and `enum.StrEnum` vocabularies, like those of `genenorm.models` (which
defines the resolution values, and lends every name here: ``from genenorm.models import
Page`` works too). They live apart so that resolving a term never builds them.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

import attrs

from .models import Status, _pairs, _round3, _strs, _tuple

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ChemicalHit",
    "DiseaseHit",
    "Evidence",
    "FigureOrganism",
    "GeneHit",
    "HitVerdict",
    "KeywordVerdict",
    "Kind",
    "MatchedAs",
    "OrganismEvidence",
    "OrganismGroup",
    "Page",
    "PageReport",
    "Reason",
    "ReasonCode",
    "Suggestion",
    "Verdict",
]


# --------------------------------------------------------------------------- PFOCR records


@attrs.frozen
class GeneHit:
    """One OCR gene hit: an OCR word, the lexicon term it matched and the gene it gave."""

    word: str
    #: The (transformed) lexicon term that matched, e.g. ``PGP`` for the word ``+P-gp``.
    match: str
    #: The gene symbol the hit reports (NCBI symbol, HGNC symbol of the 2020 tables).
    symbol: str
    #: Lexicon source label: ``ncbigene_symbol``, ``hgnc_alias_symbol``, ``famplex_relations``…
    source: str
    gene_id: str | None = None
    organism_id: str | None = None
    organism_name: str | None = None
    figid: str | None = None
    #: 1-based data row number in its file (0 when the hit was not read from a table).
    row: int = 0
    #: The original row, column by column, for writers that must keep every column.
    raw: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)


@attrs.frozen
class ChemicalHit:
    """One OCR chemical hit from a ``-chemicals.tsv`` table or an inline ``chemicals:`` list."""

    word: str
    mesh: str | None = None
    match: str | None = None
    name: str | None = None
    chebi: str | None = None


@attrs.frozen
class DiseaseHit:
    """One OCR disease hit from a ``-diseases.tsv`` table."""

    word: str
    mesh: str | None = None
    match: str | None = None
    name: str | None = None
    doid: str | None = None


@attrs.frozen
class Page:
    """One PFOCR figure record, whatever file shape it came from."""

    figid: str
    path: str = ""
    #: ``website`` (keywords only), ``website-inline`` (old page with ``genes:``), ``table``.
    format: str = "website"
    pmcid: str | None = None
    figtitle: str = ""
    caption: str = ""
    papertitle: str = ""
    organisms: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    organisms_ner: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    #: ``schema-jsonld.keywords``: PFOCR's flat, untyped figure keywords, exact text.
    keywords: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    #: Top-level ``keywords``: the paper's author keywords (not genes).
    author_keywords: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    gene_hits: tuple[GeneHit, ...] = attrs.field(default=(), converter=_tuple)
    chemical_hits: tuple[ChemicalHit, ...] = attrs.field(default=(), converter=_tuple)
    disease_hits: tuple[DiseaseHit, ...] = attrs.field(default=(), converter=_tuple)
    #: True when gene hits came with the page (inline or ``_data`` tables).
    has_hits: bool = False
    #: Problems met while reading the page that did not stop it from being read: a ``_data``
    #: side table that could not be read (the page is checked without it).
    errors: tuple[str, ...] = attrs.field(default=(), converter=_strs)

    @property
    def text(self) -> str:
        """Title, caption and paper title: the free text a figure comes with."""
        return "\n".join(t for t in (self.figtitle, self.caption, self.papertitle) if t)


# --------------------------------------------------------------------------- organisms


class OrganismGroup(enum.StrEnum):
    """Coarse group of an organism, from its NCBI Taxonomy lineage."""

    #: *Homo sapiens* (and the genus *Homo*).
    HUMAN = "human"
    #: Any other vertebrate (Vertebrata): mouse, rat, zebrafish, chicken, cow, pig…
    OTHER_VERTEBRATE = "other_vertebrate"
    #: Animals without a backbone (Metazoa outside Vertebrata): insects, nematodes…
    INVERTEBRATE = "invertebrate"
    #: Green plants (Viridiplantae).
    PLANT = "plant"
    #: Fungi, yeasts included.
    FUNGUS = "fungus"
    #: Bacteria and archaea.
    BACTERIUM = "bacterium"
    #: Any other eukaryote: *Leishmania*, *Plasmodium*, *Dictyostelium*, algae outside plants.
    PROTIST = "protist"
    #: Viruses.
    VIRUS = "virus"


@attrs.frozen
class OrganismEvidence:
    """One piece of text or metadata that names an organism.

    ``start``/``end`` are offsets into `Page.text` (title, caption and paper title joined by
    line breaks) for the fields ``figtitle``, ``caption`` and ``papertitle``; for
    ``author_keywords`` (the paper's keywords), ``organisms``, ``organisms_ner`` and ``hits``
    (the hit tables' ``organism_id`` column) they are ``None``.
    """

    text: str
    start: int | None
    end: int | None
    #: ``figtitle``, ``caption``, ``papertitle``, ``author_keywords``, ``organisms``,
    #: ``organisms_ner`` or ``hits``.
    field: str
    #: How it names the organism: ``binomial``, ``abbreviation``, ``genus``, ``name`` (a
    #: common name, MeSH term or curated word), ``group_word`` (``plant``, ``bacterial``),
    #: ``metadata`` or ``hit_table``.
    kind: str
    #: Its weight in the organism's score.
    weight: float

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "field": self.field,
            "kind": self.kind,
            "weight": self.weight,
        }


@attrs.frozen
class FigureOrganism:
    """An organism a figure is about, with the evidence that shows it."""

    #: NCBI Taxonomy id, as text (``"4932"``).
    taxon: str
    #: NCBI scientific name (``Saccharomyces cerevisiae``).
    name: str
    group: OrganismGroup
    #: Sum of the evidence weights; organisms are listed by falling score.
    score: float
    evidence: tuple[OrganismEvidence, ...] = attrs.field(default=(), converter=_tuple)

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form, as documented in ``docs/output.md``."""
        return {
            "taxon": self.taxon,
            "name": self.name,
            "group": str(self.group),
            "score": self.score,
            "evidence": [e.to_dict() for e in self.evidence],
        }


# --------------------------------------------------------------------------- verdicts


class Kind(enum.StrEnum):
    """What a keyword is."""

    GENE = "gene"
    CHEMICAL = "chemical"
    DISEASE = "disease"
    #: Known not to be a gene, chemical or disease (an English word, a process, a cell…).
    OTHER = "other"
    UNKNOWN = "unknown"


class Verdict(enum.StrEnum):
    """Is a gene keyword or hit real?"""

    #: Named in the figure's text, or an approved-symbol hit with nothing against it.
    SUPPORTED = "supported"
    #: Something speaks against it, but not enough to call it false.
    UNCERTAIN = "uncertain"
    #: A known false-positive mechanism explains it.
    FALSE_HIT = "false_hit"


class MatchedAs(enum.StrEnum):
    """How a keyword or hit was matched to its gene: what its confidence starts from."""

    #: The gene's approved symbol.
    SYMBOL = "symbol"
    #: A previous symbol of the gene.
    PREVIOUS = "previous"
    #: An alias of the gene (or a withdrawn symbol's successor).
    ALIAS = "alias"
    #: A family or complex word expanded to this member.
    FAMILY = "family"
    #: A protein name or curated grounding (``P-glycoprotein`` → ABCB1).
    NAME = "name"
    #: A page keyword whose match is not known (page-only checks).
    KEYWORD = "keyword"
    #: A term the human lexicon does not link to the gene (another organism's lexicon).
    UNLINKED = "unlinked"


class ReasonCode(enum.StrEnum):
    """Why a keyword or hit got its verdict. Documented one by one in ``docs/reasons.md``."""

    ENGLISH_WORD = "english_word"
    NON_GENE_ABBREVIATION = "non_gene_abbreviation"
    DEFINED_IN_CAPTION = "defined_in_caption"
    SHADOWED_BY_APPROVED_SYMBOL = "shadowed_by_approved_symbol"
    AMBIGUOUS_ALIAS = "ambiguous_alias"
    RESIDUE_OR_SITE = "residue_or_site"
    GENERIC_PROTEIN_NAME = "generic_protein_name"
    CHEMICAL_NAME = "chemical_name"
    CONTEXT_PREFERS_OTHER_GENE = "context_prefers_other_gene"
    FAMILY_MEMBER_NOT_NAMED = "family_member_not_named"
    OCR_ARTIFACT = "ocr_artifact"
    NON_HUMAN_SYMBOL = "non_human_symbol"
    #: Against: the figure's hits show other members of the family by their own symbols, and
    #: not this one.
    OTHER_MEMBERS_SHOWN = "other_members_shown"
    #: Against: the page's keywords hold several members of this gene's family and the text
    #: names none of them: the mark of a family word expanded (page-only checks).
    FAMILY_GROUP = "family_group"
    #: Against: a family word was expanded to many members (or, page only, the keywords hold
    #: many members of one family): a figure that writes a large family means few of them.
    LARGE_FAMILY = "large_family"
    #: Against: a family or class word expanded to many members, none of them named.
    BROAD_CLASS = "broad_class"
    #: Against: one OCR word matched the synonyms of several genes; at most one is meant.
    SHARED_WORD = "shared_word"
    #: Against: the page has text, and it does not mention the gene or the word behind it.
    NOT_IN_TEXT = "not_in_text"
    #: Against: a bare number, a decimal, or a fragment of a longer OCR word.
    OCR_FRAGMENT = "ocr_fragment"
    #: Against: the word is a cell-line name (THP-1, HEK293).
    CELL_LINE = "cell_line"
    #: Against: a synonym matched a pseudogene, non-coding RNA, immunoglobulin segment or other
    #: gene without a protein product.
    NON_CODING_GENE = "non_coding_gene"
    #: Against: the figure is about non-vertebrate organisms (plants, yeast, bacteria…).
    NON_HUMAN_FIGURE = "non_human_figure"
    #: Against: the text defines the abbreviation as another gene, or a family without this
    #: gene.
    DEFINITION_DISAGREES = "definition_disagrees"
    #: For: the text defines the abbreviation as this gene or its family.
    DEFINITION_AGREES = "definition_agrees"
    #: For: the text names a family this gene belongs to, and no member specifically.
    FAMILY_NAMED = "family_named"
    #: For: a complex word was expanded to this gene, one of the complex's parts.
    COMPLEX_SUBUNIT = "complex_subunit"
    #: For: a family word was expanded to this member, and the figure names the member
    #: itself.
    MEMBER_NAMED = "member_named"
    #: For: other genes of the figure share a family with this gene.
    FAMILY_SIBLINGS = "family_siblings"
    #: For: the OCR word names this gene alone (an unambiguous synonym or protein name).
    WORD_NAMES_GENE = "word_names_gene"
    #: For: NCBI Gene links the gene to PubMed articles shared with several other genes of
    #: the figure.
    COHERENT_WITH_FIGURE = "coherent_with_figure"
    #: Against: NCBI Gene links the gene to articles with other genes, but to none with any
    #: of the figure's other such genes.
    UNRELATED_TO_FIGURE = "unrelated_to_figure"
    #: Against: the word also names another gene that the literature puts with the figure's
    #: genes far more often.
    OTHER_READING_FITS = "other_reading_fits"
    #: Against: a family word was expanded to this member and to a far better-studied one.
    MINOR_FAMILY_MEMBER = "minor_family_member"
    #: Against: a family word was expanded to this member, which the literature rarely puts
    #: with the other members (an outlier of its family).
    ATYPICAL_FAMILY_MEMBER = "atypical_family_member"
    #: Against: NCBI Gene links few PubMed articles to the gene: little studied, rarely what
    #: a pathway figure draws.
    LITTLE_STUDIED_GENE = "little_studied_gene"
    #: For: NCBI Gene links many PubMed articles to the gene: well studied, often what a
    #: pathway figure draws.
    WELL_STUDIED_GENE = "well_studied_gene"
    #: Informational: the keyword is a previous symbol; the current symbol is given.
    RENAMED_SYMBOL = "renamed_symbol"
    #: Informational: the keyword is a withdrawn symbol.
    WITHDRAWN_SYMBOL = "withdrawn_symbol"
    #: Informational: the gene is named in the figure's title or caption.
    NAMED_IN_TEXT = "named_in_text"
    #: Informational: a protein drug that is also a gene (insulin → INS).
    PROTEIN_DRUG = "protein_drug"


@attrs.frozen
class Reason:
    """One reason code with a human-readable detail."""

    code: ReasonCode
    detail: str
    #: How far this piece of evidence moved the confidence, in log-odds (negative against,
    #: positive for, 0.0 for informational reasons).
    weight: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {"code": str(self.code), "detail": self.detail, "weight": _round3(self.weight)}


@attrs.frozen
class Evidence:
    """What a verdict rests on."""

    #: Lexicon terms that produced the gene (``OUT`` for TCF23).
    terms: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    #: OCR words behind those terms, when hit tables are known (``out``, ``+P-gp``).
    words: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    #: Spans of the title/caption that mention the term or the gene.
    mentions: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    #: Other keywords produced by the same term.
    siblings: tuple[str, ...] = attrs.field(default=(), converter=_strs)

    def to_dict(self) -> dict[str, list[str]]:
        """Plain-JSON form."""
        return {
            "terms": list(self.terms),
            "words": list(self.words),
            "mentions": list(self.mentions),
            "siblings": list(self.siblings),
        }


@attrs.frozen
class KeywordVerdict:
    """The verdict on one figure keyword."""

    keyword: str
    kind: Kind
    verdict: Verdict | None = None
    symbol: str | None = None
    hgnc_id: str | None = None
    status: Status | None = None
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_tuple)
    evidence: Evidence = attrs.field(factory=Evidence)
    #: Identifiers: ``mesh``, ``drugbank``, ``chebi`` for chemicals; ``ncbigene``, ``famplex``.
    ids: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)
    #: How likely the keyword is a real gene of this figure, in [0, 1] (genes only).
    confidence: float | None = None
    #: The evidence for it, strongest first (``reasons`` holds the evidence against).
    support: tuple[Reason, ...] = attrs.field(default=(), converter=_tuple)
    #: How it was matched to its gene: the prior its confidence starts from.
    matched_as: MatchedAs | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form, as documented in ``docs/output.md``."""
        return {
            "keyword": self.keyword,
            "kind": str(self.kind),
            "verdict": None if self.verdict is None else str(self.verdict),
            "symbol": self.symbol,
            "hgnc_id": self.hgnc_id,
            "status": None if self.status is None else str(self.status),
            "reasons": [r.to_dict() for r in self.reasons],
            "evidence": self.evidence.to_dict(),
            "ids": dict(self.ids),
            "confidence": None if self.confidence is None else _round3(self.confidence),
            "support": [r.to_dict() for r in self.support],
            "matched_as": None if self.matched_as is None else str(self.matched_as),
        }


@attrs.frozen
class HitVerdict:
    """The verdict on one OCR gene hit."""

    word: str
    match: str
    source: str
    #: The gene symbol the hit reported.
    symbol: str
    verdict: Verdict
    #: Current approved symbol of that gene (``None`` when it is not a human HGNC gene).
    current_symbol: str | None = None
    hgnc_id: str | None = None
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_tuple)
    #: The hit table's ``organism_id`` (NCBI taxon; ``9606`` for 2020 and inline human hits).
    organism_id: str | None = None
    #: The hit's NCBI Gene ID (``ncbigene_id`` or ``entrez``), as given.
    gene_id: str | None = None
    #: 1-based data row of the hit in its table (inline hits: their position); 0 if unknown.
    row: int = 0

    #: How likely the hit is a real gene of this figure, in [0, 1].
    confidence: float | None = None
    #: The evidence for it, strongest first (``reasons`` holds the evidence against).
    support: tuple[Reason, ...] = attrs.field(default=(), converter=_tuple)
    #: How it was matched to its gene: the prior its confidence starts from.
    matched_as: MatchedAs | None = None

    def judged(self) -> dict[str, Any]:
        """The judged fields in plain-JSON form, in the order of the columns a hit table
        gains (`genenorm.records.HIT_COLUMNS`): verdict, reasons, current symbol, HGNC ID,
        confidence, support."""
        return {
            "verdict": str(self.verdict),
            "reasons": [r.to_dict() for r in self.reasons],
            "current_symbol": self.current_symbol,
            "hgnc_id": self.hgnc_id,
            "confidence": None if self.confidence is None else _round3(self.confidence),
            "support": [r.to_dict() for r in self.support],
        }

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form, as documented in ``docs/output.md`` (the fields of `judged`,
        written the same way, in another order)."""
        confidence = self.confidence
        return {
            "row": self.row,
            "organism_id": self.organism_id,
            "gene_id": self.gene_id,
            "word": self.word,
            "match": self.match,
            "source": self.source,
            "symbol": self.symbol,
            "current_symbol": self.current_symbol,
            "hgnc_id": self.hgnc_id,
            "verdict": str(self.verdict),
            "reasons": [r.to_dict() for r in self.reasons],
            "confidence": None if confidence is None else _round3(confidence),
            "support": [r.to_dict() for r in self.support],
            "matched_as": None if self.matched_as is None else str(self.matched_as),
        }


@attrs.frozen
class Suggestion:
    """A gene named in the figure's text but absent from its keywords."""

    symbol: str
    hgnc_id: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return attrs.asdict(self)


@attrs.frozen
class PageReport:
    """Everything genenorm says about one figure."""

    figid: str
    path: str
    keywords: tuple[KeywordVerdict, ...] = attrs.field(default=(), converter=_tuple)
    hits: tuple[HitVerdict, ...] = attrs.field(default=(), converter=_tuple)
    suggestions: tuple[Suggestion, ...] = attrs.field(default=(), converter=_tuple)
    errors: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    #: The organisms the figure is about (`genenorm.organisms.figure_organisms`), best first.
    organisms: tuple[FigureOrganism, ...] = attrs.field(default=(), converter=_tuple)

    def to_frame(self) -> pd.DataFrame:
        """One row per keyword (`genenorm.frames.keywords_frame`); needs ``genenorm[pandas]``."""
        from .frames import to_frame

        return to_frame(self)

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form: one JSONL line of ``genenorm check``."""
        return {
            "figid": self.figid,
            "path": self.path,
            "keywords": [k.to_dict() for k in self.keywords],
            "hits": [h.to_dict() for h in self.hits],
            "suggestions": [s.to_dict() for s in self.suggestions],
            "organisms": [o.to_dict() for o in self.organisms],
            "errors": list(self.errors),
        }
