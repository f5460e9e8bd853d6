"""Immutable result values and closed vocabularies.

Everything genenorm returns is a frozen attrs class, and every closed vocabulary a
`enum.StrEnum`, so values serialise to TSV and JSON as plain text. This module defines what
resolving a term gives (`Resolution`, `Candidate`, `Status`, `Relation`, `MatchMethod`) and
`Provenance`; the values of pages, hits, organisms and verdicts are defined in
`genenorm.page_models` and importable from here too (``from genenorm.models import
PageReport``), built on first use so that resolving a term does not pay for them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    from .page_models import (
        ChemicalHit,
        DiseaseHit,
        Evidence,
        FigureOrganism,
        GeneHit,
        HitVerdict,
        KeywordVerdict,
        Kind,
        MatchedAs,
        OrganismEvidence,
        OrganismGroup,
        Page,
        PageReport,
        Reason,
        ReasonCode,
        Suggestion,
        Verdict,
    )

__all__ = [
    "Candidate",
    "ChemicalHit",
    "DiseaseHit",
    "Evidence",
    "FigureOrganism",
    "GeneHit",
    "HitVerdict",
    "KeywordVerdict",
    "Kind",
    "MatchMethod",
    "MatchedAs",
    "OrganismEvidence",
    "OrganismGroup",
    "Page",
    "PageReport",
    "Provenance",
    "Reason",
    "ReasonCode",
    "Relation",
    "Resolution",
    "Status",
    "Suggestion",
    "Verdict",
]

#: The names this module lends from `genenorm.page_models` (imported on first access).
_PAGE_MODELS = frozenset(
    {
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
    }
)


def __getattr__(name: str) -> Any:
    if name in _PAGE_MODELS:
        from . import page_models

        value = getattr(page_models, name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def _strs(values: Iterable[str] | None) -> tuple[str, ...]:
    return tuple(values) if values is not None else ()


def _tuple(values: Iterable[Any] | None) -> tuple[Any, ...]:
    return tuple(values) if values is not None else ()


def _pairs(
    values: Mapping[str, str] | Iterable[tuple[str, str]] | None,
) -> tuple[tuple[str, str], ...]:
    if values is None:
        return ()
    if type(values) is tuple:
        return values  # the usual case, checked first: isinstance(…, Mapping) is slow
    if isinstance(values, Mapping):
        return tuple(values.items())
    return tuple(values)


# --------------------------------------------------------------------------- resolution


class Status(enum.StrEnum):
    """What a term is in HGNC, best interpretation first."""

    #: The term is a current approved HGNC symbol (any case).
    APPROVED = "approved"
    #: The term is a previous symbol of exactly one current gene.
    PREVIOUS = "previous"
    #: The term is an alias (synonym) of exactly one current gene.
    ALIAS = "alias"
    #: The term is a withdrawn symbol; ``candidates`` are its successors, if any.
    WITHDRAWN = "withdrawn"
    #: The term names a FamPlex family or complex; ``candidates`` are its HGNC members.
    FAMILY = "family"
    #: Several genes match at the best level; ``candidates`` ranks them, none is picked.
    AMBIGUOUS = "ambiguous"
    #: Nothing in HGNC or FamPlex matches.
    NOT_FOUND = "not_found"


class Relation(enum.StrEnum):
    """How a candidate gene relates to the term, strongest first."""

    #: The term is the gene's approved symbol.
    APPROVED = "approved"
    #: A curated text grounding (FamPlex ``grounding_map``) names this gene.
    CURATED = "curated"
    #: The term is a withdrawn symbol and this gene is its successor.
    SUCCESSOR = "successor"
    #: The term is one of the gene's previous symbols.
    PREVIOUS = "previous"
    #: The term is one of the gene's alias symbols.
    ALIAS = "alias"
    #: The gene is a member of the family the term names.
    MEMBER = "member"


RELATION_RANK: dict[Relation, int] = {r: i for i, r in enumerate(Relation)}


class MatchMethod(enum.StrEnum):
    """Which spelling of the term found the match."""

    #: The term as given (after trimming surrounding white space).
    EXACT = "exact"
    #: Upper/lower case differences only (``tp53`` → ``TP53``, ``c19ORF71``).
    CASE_FOLDED = "case_folded"
    #: Unicode, punctuation, dash, space or Greek-letter differences (``TNF-α``, ``IL 6``).
    NORMALISED = "normalised"
    #: An Excel date repaired back into a symbol (``7-Sep`` → ``SEPT7``).
    EXCEL_DATE = "excel_date"
    #: A microRNA spelling (``hsa-miR-21-5p``, ``let-7a``) mapped to its HGNC gene form.
    MIRNA = "mirna"
    #: A protein or gene name: HGNC's approved name or a MeSH protein name
    #: (``insulin`` → INS, ``P-glycoprotein`` → ABCB1).
    NAME = "name"


@attrs.frozen(cache_hash=True)
class Candidate:
    """One gene (or family member) a term may refer to."""

    symbol: str
    hgnc_id: str
    relation: Relation
    #: The lexicon term that matched (``TAZ``, ``SEPT7``, the family id for members).
    term: str
    name: str | None = None
    locus_type: str | None = None
    entrez: str | None = None
    ensembl: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return {
            "symbol": self.symbol,
            "hgnc_id": self.hgnc_id,
            "relation": str(self.relation),
            "term": self.term,
            "name": self.name,
            "locus_type": self.locus_type,
            "entrez": self.entrez,
            "ensembl": self.ensembl,
        }


@attrs.frozen
class Provenance:
    """Where a piece of data came from."""

    name: str
    version: str
    date: str
    sha256: str
    licence: str = ""
    url: str = ""
    rows: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form."""
        return attrs.asdict(self)


@attrs.frozen(cache_hash=True)
class Resolution:
    """The answer to "what is this string in HGNC?" for one term."""

    query: str
    status: Status
    #: Current approved symbol (``None`` unless exactly one gene is meant).
    symbol: str | None = None
    hgnc_id: str | None = None
    name: str | None = None
    locus_type: str | None = None
    #: NCBI Gene ID, as text.
    entrez: str | None = None
    ensembl: str | None = None
    #: Every gene the term may mean, best first (approved > curated > previous > alias).
    candidates: tuple[Candidate, ...] = attrs.field(default=(), converter=_tuple)
    match: MatchMethod | None = None
    #: FamPlex id when ``status`` is ``family`` (``candidates`` are then its members).
    family: str | None = None
    #: ``snapshot``, ``mygene``, or ``mygene-cache`` (the mygene cache, the service down).
    source: str = "snapshot"
    #: Data release behind the answer, e.g. ``HGNC 2024-07-23``.
    release: str = ""

    @property
    def is_gene(self) -> bool:
        """True when the term means exactly one current gene."""
        return self.symbol is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form (the CLI's JSONL row)."""
        return {
            "query": self.query,
            "status": str(self.status),
            "symbol": self.symbol,
            "hgnc_id": self.hgnc_id,
            "name": self.name,
            "locus_type": self.locus_type,
            "entrez": self.entrez,
            "ensembl": self.ensembl,
            "match": None if self.match is None else str(self.match),
            "family": self.family,
            "candidates": [c.to_dict() for c in self.candidates],
            "source": self.source,
            "release": self.release,
        }


#: ``round(x, 3)`` of the weights and confidences met so far: a few hundred distinct values
#: recur on every page, and `round` costs ten dictionary look-ups.
_ROUNDED: dict[float, float] = {}


def _round3(x: float) -> float:
    """``round(x, 3)``, memoised (``0.0`` and ``-0.0`` are equal keys: never memoised)."""
    r = _ROUNDED.get(x)
    if r is None:
        r = round(x, 3)
        if x and len(_ROUNDED) < 65_536:
            _ROUNDED[x] = r
    return r
