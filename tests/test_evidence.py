"""Each evidence function and the policy, on a tiny lexicon of a few dozen real HGNC rows.

The tiny lexicon is built with `genenorm._build.build_user_snapshot` from rows of the embedded
snapshot (so HGNC IDs, aliases and locus types are real); FamPlex, chemicals and English words
come along from the embedded snapshot.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from genenorm import ReasonCode, Verdict
from genenorm._build import build_user_snapshot
from genenorm.judging import EVIDENCE, Checker, Direction, PriorKind, Weights, decide
from genenorm.judging.context import PageContext
from genenorm.judging.evidence import (
    RULE_BY_CODE,
    head_word,
    keyword_reads_better,
    keyword_sides_with,
    name_fit,
)
from genenorm.judging.policy import STRONG_AGAINST, read_weights, verdict_for_confidence, weigh
from genenorm.judging.subjects import Subject, subject_for
from genenorm.lexicon import Lexicon, default_lexicon
from genenorm.models import GeneHit, MatchedAs, Page, Reason, Relation
from genenorm.resolver import Resolver
from genenorm.text import fold

TINY = [
    "TCF23",
    "RPS16",
    "TP53",
    "TP63",
    "TP73",
    "DEPDC1B",
    "BRCC3",
    "ABCB1",
    "PGP",
    "PGPEP1",
    "ITK",
    "SLC22A3",
    "SOD1",
    "SOD2",
    "SOD3",
    "XBP1",
    "XBP1P1",
    "FAM3B",
    "PAM",
    "LRIT1",
    "SHCBP1",
    "MAPK1",
    "MAPK3",
    "MAPK8",
    "MAPK14",
    "ASS1",
    "BECN1",
    "ITGA1",
    "ITGA2",
    "ITGA3",
    "ITGA4",
    "ITGA5",
    "ITGA6",
    "ITGA7",
    "ITGA8",
    "ITGB1",
    "ITGB2",
    "PKM",
    "ATP8A2",
    "STAT3",
    "CD4",
    "AKT1",
    "AKT2",
    "AKT3",
    "TNF",
    "HMOX1",
    "GLI2",
    "CAD",
    "MTOR",
    "RICTOR",
    "ADCY1",
    "ADCY2",
    "YWHAQ",
    "IRS1",
    "CXCL8",
    "ACSM3",
    "NMUR1",
    "CALM1",
    "PDK1",
    "PDPK1",
    "PIK3CA",
    "PIK3CB",
    "PIK3R1",
    # PDPK1's substrates, a figure on which `PDK1` means PDPK1
    "SGK1",
    "SGK3",
    "RPS6KB1",
    "RPS6KA1",
    "PKN1",
    "PRKCA",
    "PRKCB",
    "PRKCD",
    "PRKCQ",
    "PRKCZ",
]
HEADER = (
    "HGNC ID\tApproved symbol\tApproved name\tStatus\tAlias symbols\tPrevious symbols\t"
    "NCBI Gene ID(supplied by NCBI)\tEnsembl gene ID\tLocus type\n"
)


@pytest.fixture(name="checker", scope="module")
def _checker(tmp_path_factory: pytest.TempPathFactory) -> Checker:
    """A checker over the tiny lexicon, with the hand-set default weights."""
    real = default_lexicon()
    tmp = tmp_path_factory.mktemp("tiny")
    lines = [HEADER]
    for symbol in TINY:
        i = _row(real, symbol)
        assert i is not None, symbol
        g = real.gene(i)
        lines.append(
            f"{g.hgnc_id}\t{g.symbol}\t{g.name}\tApproved\t{', '.join(g.aliases)}\t"
            f"{', '.join(g.previous)}\t{g.entrez}\t{g.ensembl}\t{g.locus_type}\n"
        )
    source = tmp / "hgnc.tsv"
    source.write_text("".join(lines), encoding="utf-8")
    out = build_user_snapshot(source, tmp / "data")
    resolver = Resolver.from_dir(out)
    defaults = read_weights("")  # no rows: the hand-set defaults
    return Checker(resolver, weights=defaults)


def _row(lex: Lexicon, symbol: str) -> int | None:
    """The lexicon row of the gene whose approved symbol is *symbol*."""
    for i, relation, _term in lex.lookup_fold(fold(symbol)):
        if relation is Relation.APPROVED:
            return i
    return None


def _gi(checker: Checker, symbol: str) -> int:
    i = _row(checker.resolver.lexicon, symbol)
    assert i is not None, symbol
    return i


def _subject(
    checker: Checker,
    ctx: PageContext,
    term: str,
    symbol: str,
    word: str | None = None,
    *,
    expanded: bool = False,
) -> Subject:
    return subject_for(
        ctx, term, _gi(checker, symbol), symbol, word=word, expanded=expanded, cache=False
    )


def _check(code: ReasonCode, s: Subject, ctx: PageContext) -> str | None:
    return RULE_BY_CODE[code].check(s, ctx)


def _with_hits(checker: Checker, text: str, hits: list[tuple[str, str]]) -> PageContext:
    """A page context whose figure has these (word, symbol) human hits."""
    ctx = checker.context(text)
    rows = []
    lex = checker.resolver.lexicon
    for word, symbol in hits:
        gi = _gi(checker, symbol)
        rows.append((word, gi, word.casefold() == lex.gene(gi).symbol.casefold()))
    ctx.add_hits(rows)
    return ctx


# --------------------------------------------------------------------------- against


class TestAgainst:
    """Evidence against: one positive and one negative case each."""

    def test_english_word(self, checker: Checker) -> None:
        ctx = checker.context("")
        assert _check(ReasonCode.ENGLISH_WORD, _subject(checker, ctx, "OUT", "TCF23", "out"), ctx)
        assert not _check(ReasonCode.ENGLISH_WORD, _subject(checker, ctx, "TP53", "TP53"), ctx)
        # FamPlex grounds "AC" to a member of the adenylyl cyclase family: a gene word
        s = _subject(checker, ctx, "AC", "ADCY2", "AC", expanded=True)
        assert not _check(ReasonCode.ENGLISH_WORD, s, ctx)

    def test_non_gene_abbreviation(self, checker: Checker) -> None:
        ctx = checker.context("")
        s = _subject(checker, ctx, "EMT", "ITK", "EMT")
        assert _check(ReasonCode.NON_GENE_ABBREVIATION, s, ctx)
        s = _subject(checker, ctx, "BECLIN1", "BECN1", "BECLIN1")
        assert not _check(ReasonCode.NON_GENE_ABBREVIATION, s, ctx)

    def test_defined_in_caption(self, checker: Checker) -> None:
        ctx = checker.context("Cells undergo epithelial-mesenchymal transition (EMT).")
        assert _check(
            ReasonCode.DEFINED_IN_CAPTION, _subject(checker, ctx, "EMT", "ITK", "EMT"), ctx
        )
        quiet = checker.context("Cells were stained.")
        s = _subject(checker, quiet, "EMT", "ITK", "EMT")
        assert not _check(ReasonCode.DEFINED_IN_CAPTION, s, quiet)

    def test_shadowed_by_approved_symbol(self, checker: Checker) -> None:
        ctx = checker.context("")
        s = _subject(checker, ctx, "BRCC3", "DEPDC1B", "BRCC3")
        assert _check(ReasonCode.SHADOWED_BY_APPROVED_SYMBOL, s, ctx)
        s = _subject(checker, ctx, "BRCC3", "BRCC3", "BRCC3")
        assert not _check(ReasonCode.SHADOWED_BY_APPROVED_SYMBOL, s, ctx)

    def test_ambiguous_alias(self, checker: Checker) -> None:
        ctx = checker.context("")
        assert _check(ReasonCode.AMBIGUOUS_ALIAS, _subject(checker, ctx, "EMT", "ITK"), ctx)
        assert not _check(ReasonCode.AMBIGUOUS_ALIAS, _subject(checker, ctx, "p53", "TP53"), ctx)

    def test_residue_or_site(self, checker: Checker) -> None:
        ctx = checker.context("")
        s = _subject(checker, ctx, "S16", "RPS16", "S16-P")
        assert _check(ReasonCode.RESIDUE_OR_SITE, s, ctx)
        assert not _check(ReasonCode.RESIDUE_OR_SITE, _subject(checker, ctx, "TP53", "TP53"), ctx)

    def test_chemical_name(self, checker: Checker) -> None:
        ctx = checker.context("")
        assert _check(ReasonCode.CHEMICAL_NAME, _subject(checker, ctx, "ATP", "ATP8A2", "ATP"), ctx)
        # a previous symbol that spells a chemical (S-adenosylhomocysteine) is evidence too
        assert _check(ReasonCode.CHEMICAL_NAME, _subject(checker, ctx, "SAH", "ACSM3", "SAH"), ctx)
        assert not _check(ReasonCode.CHEMICAL_NAME, _subject(checker, ctx, "TP53", "TP53"), ctx)
        # IL8 is in the drug dictionary as a MeSH protein term (no ChEBI, no DrugBank id), and
        # is CXCL8's previous symbol: the protein, not a chemical
        il8 = checker.resolver.lexicon.chemical("IL8")
        assert il8 is not None
        assert il8.kind == "drug"
        assert (il8.chebi, il8.drugbank) == ("", "")
        assert not _check(
            ReasonCode.CHEMICAL_NAME, _subject(checker, ctx, "IL8", "CXCL8", "IL8"), ctx
        )

    def test_context_prefers_other_gene(self, checker: Checker) -> None:
        ctx = checker.context("")
        s = _subject(checker, ctx, "PGP", "PGPEP1", "+P-gp")
        assert _check(ReasonCode.CONTEXT_PREFERS_OTHER_GENE, s, ctx)
        s = _subject(checker, ctx, "PGP", "ABCB1", "+P-gp")
        assert not _check(ReasonCode.CONTEXT_PREFERS_OTHER_GENE, s, ctx)

    def test_context_prefers_other_gene_yields_to_the_figure(self, checker: Checker) -> None:
        """`PDK1` is the approved symbol of PDK1 and an alias of PDPK1: on a figure of PDPK1's
        substrates, which the literature puts with PDPK1 far more than with PDK1, the word's approved
        reading is no evidence against PDPK1 (`rule_other_reading_fits` holds it against
        PDK1 instead); on a figure of too few genes it still is."""
        figure = ("SGK1", "SGK3", "RPS6KB1", "RPS6KA1", "PKN1", "PRKCA", "PRKCB", "PRKCD")
        rows = [_gi(checker, g) for g in (*figure, "PRKCQ", "PRKCZ", "PDK1", "PDPK1")]
        ctx = checker.context("", keyword_genes=rows)
        s = _subject(checker, ctx, "PDK1", "PDPK1", "PDK1")
        assert not _check(ReasonCode.CONTEXT_PREFERS_OTHER_GENE, s, ctx)
        pdk1 = _subject(checker, ctx, "PDK1", "PDK1", "PDK1")
        assert "also names PDPK1" in (_check(ReasonCode.OTHER_READING_FITS, pdk1, ctx) or "")
        few = checker.context("", keyword_genes=rows[:1] + rows[-2:])
        s = _subject(checker, few, "PDK1", "PDPK1", "PDK1")
        assert "approved PDK1" in (_check(ReasonCode.CONTEXT_PREFERS_OTHER_GENE, s, few) or "")

    def test_keyword_readings(self, checker: Checker) -> None:
        """Page only, keywords PDK1 and PDPK1 (which share the synonym ``PDK1``) beside PDPK1's
        substrates: PDPK1 is the reading the figure sides with (`keyword_sides_with`), and PDK1
        the one it does not (`keyword_reads_better`); on a figure of two genes, neither."""
        figure = ("SGK1", "SGK3", "RPS6KB1", "RPS6KA1", "PKN1", "PRKCA", "PRKCB", "PRKCD")
        pdk1, pdpk1 = _gi(checker, "PDK1"), _gi(checker, "PDPK1")
        rows = [*(_gi(checker, g) for g in (*figure, "PRKCQ", "PRKCZ")), pdk1, pdpk1]
        ctx = checker.context("", keyword_genes=rows)
        found = keyword_reads_better(ctx, pdk1, pdpk1)
        assert found is not None
        assert found[0] >= 2 * max(found[1], 1)
        assert keyword_reads_better(ctx, pdpk1, pdk1) is None
        assert keyword_sides_with(ctx, pdpk1, pdk1)
        assert not keyword_sides_with(ctx, pdk1, pdpk1)
        few = checker.context("", keyword_genes=[rows[0], pdk1, pdpk1])
        assert keyword_reads_better(few, pdk1, pdpk1) is None
        assert not keyword_sides_with(few, pdpk1, pdk1)

    def test_family_member_not_named(self, checker: Checker) -> None:
        ctx = checker.context("SOD1 protects the cell.")
        assert _check(
            ReasonCode.FAMILY_MEMBER_NOT_NAMED, _subject(checker, ctx, "SOD", "SOD2", "SOD"), ctx
        )
        assert not _check(
            ReasonCode.FAMILY_MEMBER_NOT_NAMED, _subject(checker, ctx, "SOD", "SOD1", "SOD"), ctx
        )
        generic = checker.context("Superoxide dismutases protect the cell.")
        s = _subject(checker, generic, "SOD", "SOD2", "SOD")
        assert not _check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, generic)

    def test_family_member_not_named_narrower_family(self, checker: Checker) -> None:
        ctx = checker.context("Growth factors activate ERK.")
        s = _subject(checker, ctx, "MAPK", "MAPK14", "MAPK")
        assert _check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx)
        s = _subject(checker, ctx, "MAPK", "MAPK1", "MAPK")
        assert not _check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx)

    def test_family_member_not_named_word_names_member(self, checker: Checker) -> None:
        """A hit table expanded a word to a family, but the word names one member itself."""
        ctx = checker.context("")
        s = _subject(checker, ctx, "TP53", "TP63", "TP53", expanded=True)
        assert "names TP53 itself" in (_check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx) or "")
        named = checker.context("Loss of p53 drives the tumour.")
        s = _subject(checker, named, "p53", "TP63", "p53", expanded=True)
        assert _check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, named)
        # a curated name of a member with ten times this one's PubMed articles names that
        # member, named by the figure or not (p53: TP53 11,067 against TP63 918)
        s = _subject(checker, ctx, "p53", "TP63", "p53", expanded=True)
        assert "names TP53 itself" in (_check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx) or "")
        # a curated name of a member about as studied as this one is no evidence unless the
        # figure names that member (ERK2 is MAPK1, but MAPK3 is as well studied)
        s = _subject(checker, ctx, "ERK2", "MAPK3", "ERK2", expanded=True)
        assert not _check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx)
        s = _subject(checker, ctx, "TP53", "TP53", "TP53", expanded=True)
        assert not _check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx)

    def test_family_member_not_named_spares_complexes(self, checker: Checker) -> None:
        """Naming one part of a complex (MTOR of mTORC2) leaves the other parts in."""
        assert "mTORC2" in checker.resolver.lexicon.complexes
        assert "MAPK" not in checker.resolver.lexicon.complexes
        ctx = checker.context("MTOR acts within mTORC2.")
        s = _subject(checker, ctx, "mTORC2", "RICTOR", "mTORC2")
        assert not _check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx)
        shown = _with_hits(checker, "", [("MTOR", "MTOR"), ("mTORC2", "RICTOR")])
        s = _subject(checker, shown, "mTORC2", "RICTOR", "mTORC2")
        assert not _check(ReasonCode.OTHER_MEMBERS_SHOWN, s, shown)

    def test_family_member_not_named_paralogs_in_a_complex(self, checker: Checker) -> None:
        """Naming one part of a complex speaks against its paralogs, the parts of the same
        narrower family (p110α, PIK3CA, against PIK3CB), not against the other parts."""
        ctx = checker.context("PI3K (p110α, PIK3CA) is mutated.")
        s = _subject(checker, ctx, "PI3K", "PIK3CB", "PI3K")
        assert "PIK3CA" in (_check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx) or "")
        s = _subject(checker, ctx, "PI3K", "PIK3R1", "PI3K")
        assert not _check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx)
        s = _subject(checker, ctx, "PI3K", "PIK3CA", "PI3K")
        assert not _check(ReasonCode.FAMILY_MEMBER_NOT_NAMED, s, ctx)

    def test_minor_family_member(self, checker: Checker) -> None:
        """A family word expanded to a member and to one with ten times its articles."""
        ctx = _with_hits(checker, "", [("AKT", "AKT1"), ("AKT", "AKT3")])
        s = _subject(checker, ctx, "AKT", "AKT3", "AKT", expanded=True)
        assert "AKT1" in (_check(ReasonCode.MINOR_FAMILY_MEMBER, s, ctx) or "")
        s = _subject(checker, ctx, "AKT", "AKT1", "AKT", expanded=True)
        assert not _check(ReasonCode.MINOR_FAMILY_MEMBER, s, ctx)
        # comparable members (AKT3 has 231 articles, AKT2 370): neither is minor
        close = _with_hits(checker, "", [("AKT", "AKT2"), ("AKT", "AKT3")])
        s = _subject(checker, close, "AKT", "AKT3", "AKT", expanded=True)
        assert not _check(ReasonCode.MINOR_FAMILY_MEMBER, s, close)
        # a member the figure names specifically is exempt
        named = _with_hits(checker, "AKT3 in the brain.", [("AKT", "AKT1"), ("AKT", "AKT3")])
        s = _subject(checker, named, "AKT", "AKT3", "AKT", expanded=True)
        assert not _check(ReasonCode.MINOR_FAMILY_MEMBER, s, named)
        # page only: the siblings are a family group of keywords the text does not name
        group = checker.context("", [_gi(checker, g) for g in ("AKT1", "AKT2", "AKT3")])
        s = _subject(checker, group, "AKT3", "AKT3")
        assert _check(ReasonCode.MINOR_FAMILY_MEMBER, s, group)
        pair = checker.context("", [_gi(checker, g) for g in ("AKT1", "AKT3")])
        assert not _check(
            ReasonCode.MINOR_FAMILY_MEMBER, _subject(checker, pair, "AKT3", "AKT3"), pair
        )

    def test_other_members_shown(self, checker: Checker) -> None:
        ctx = _with_hits(checker, "", [("AKT1", "AKT1"), ("AKT", "AKT2")])
        assert _check(
            ReasonCode.OTHER_MEMBERS_SHOWN, _subject(checker, ctx, "AKT", "AKT2", "AKT"), ctx
        )
        alone = _with_hits(checker, "", [("AKT", "AKT2")])
        s = _subject(checker, alone, "AKT", "AKT2", "AKT")
        assert not _check(ReasonCode.OTHER_MEMBERS_SHOWN, s, alone)

    def test_broad_class(self, checker: Checker) -> None:
        ctx = checker.context("")
        s = _subject(checker, ctx, "Integrins", "ITGA5", "Integrins")
        assert _check(ReasonCode.BROAD_CLASS, s, ctx)
        # FamPlex grounds GPC-R to its GPCR class; the alias of NMUR1 is not what it means
        s = _subject(checker, ctx, "GPC-R", "NMUR1", "GPC-R")
        assert "GPCR" in (_check(ReasonCode.BROAD_CLASS, s, ctx) or "")
        s = _subject(checker, ctx, "NMUR1", "NMUR1", "NMUR1")
        assert not _check(ReasonCode.BROAD_CLASS, s, ctx)
        assert not _check(ReasonCode.BROAD_CLASS, _subject(checker, ctx, "AKT", "AKT1", "AKT"), ctx)

    def test_large_family(self, checker: Checker) -> None:
        ctx = checker.context("")
        # the tiny lexicon's integrins: ten members, a large family
        s = _subject(checker, ctx, "Integrins", "ITGA5", "Integrins")
        assert "10 members" in (_check(ReasonCode.LARGE_FAMILY, s, ctx) or "")
        # three AKTs are not many; a synonym of one gene is no family expansion
        assert not _check(
            ReasonCode.LARGE_FAMILY, _subject(checker, ctx, "AKT", "AKT1", "AKT"), ctx
        )
        s = _subject(checker, ctx, "ITGA5", "ITGA5", "ITGA5")
        assert not _check(ReasonCode.LARGE_FAMILY, s, ctx)
        # a member the text names specifically is exempt
        named = checker.context("ITGA5 binds fibronectin.")
        s = _subject(checker, named, "Integrins", "ITGA5", "Integrins")
        assert not _check(ReasonCode.LARGE_FAMILY, s, named)
        # page only: six unnamed integrins among the keywords are large; five are not
        six = [_gi(checker, g) for g in ("ITGA1", "ITGA2", "ITGA3", "ITGA4", "ITGA5", "ITGB1")]
        page = checker.context("", six)
        assert _check(ReasonCode.LARGE_FAMILY, _subject(checker, page, "ITGA5", "ITGA5"), page)
        five = checker.context("", six[1:])
        assert not _check(ReasonCode.LARGE_FAMILY, _subject(checker, five, "ITGA5", "ITGA5"), five)
        said = checker.context("Integrin ITGA2 is shown.", six)
        assert not _check(ReasonCode.LARGE_FAMILY, _subject(checker, said, "ITGA5", "ITGA5"), said)

    def test_shared_word(self, checker: Checker) -> None:
        ctx = _with_hits(checker, "", [("PAL", "PAM"), ("PAL", "LRIT1"), ("PAL", "SHCBP1")])
        assert _check(ReasonCode.SHARED_WORD, _subject(checker, ctx, "PAL", "PAM", "PAL"), ctx)
        alone = _with_hits(checker, "", [("PAL", "PAM")])
        assert not _check(
            ReasonCode.SHARED_WORD, _subject(checker, alone, "PAL", "PAM", "PAL"), alone
        )

    def test_not_in_text(self, checker: Checker) -> None:
        ctx = checker.context("A plant pathway of suberin.")
        assert _check(ReasonCode.NOT_IN_TEXT, _subject(checker, ctx, "PAL", "PAM", "PAL"), ctx)
        said = checker.context("PAL converts phenylalanine.")
        assert not _check(
            ReasonCode.NOT_IN_TEXT, _subject(checker, said, "PAL", "PAM", "PAL"), said
        )
        # the text names the gene's family: the gene is not absent from it
        quiet = checker.context("Cells were stained.")
        assert _check(ReasonCode.NOT_IN_TEXT, _subject(checker, quiet, "PKB", "AKT1", "PKB"), quiet)
        family = checker.context("Growth factors activate Akt.")
        s = _subject(checker, family, "PKB", "AKT1", "PKB")
        assert not _check(ReasonCode.NOT_IN_TEXT, s, family)

    def test_ocr_artifact(self, checker: Checker) -> None:
        ctx = checker.context("")
        assert _check(ReasonCode.OCR_ARTIFACT, _subject(checker, ctx, "ASS", "ASS1", "Aß"), ctx)
        # names a word lists, with a Roman numeral or an accent, are no artefacts
        for word in ("MAPKI", "MAPK3/ß", "MAPK3/á", "MAPĶ1/3"):
            s = _subject(checker, ctx, "MAPK1" if "I" in word else "MAPK3", "MAPK3", word)
            assert not _check(ReasonCode.OCR_ARTIFACT, s, ctx), word
        assert not _check(
            ReasonCode.OCR_ARTIFACT, _subject(checker, ctx, "ASS", "ASS1", "ASS"), ctx
        )

    def test_ocr_fragment(self, checker: Checker) -> None:
        ctx = checker.context("")
        assert _check(ReasonCode.OCR_FRAGMENT, _subject(checker, ctx, "2-21", "FAM3B", "2-21"), ctx)
        assert _check(
            ReasonCode.OCR_FRAGMENT, _subject(checker, ctx, "GAS", "CD4", "5221,5223;Sa3,Gas"), ctx
        )
        assert _check(
            ReasonCode.OCR_FRAGMENT, _subject(checker, ctx, "PKM", "PKM", "АМPKАMРК"), ctx
        )
        assert not _check(ReasonCode.OCR_FRAGMENT, _subject(checker, ctx, "CD4", "CD4", "СD4"), ctx)
        # FamPlex curates 14-3-3 as a family: no number
        s = _subject(checker, ctx, "14-3-3", "YWHAQ", "14-3-3", expanded=True)
        assert not _check(ReasonCode.OCR_FRAGMENT, s, ctx)
        # one name of a slash-written pair covers its part of the word
        s = _subject(checker, ctx, "MAPK1", "MAPK1", "TP53/MAPK1")
        assert not _check(ReasonCode.OCR_FRAGMENT, s, ctx)
        s = _subject(checker, ctx, "MAPK1", "MAPK1", "TP53XMAPK1")
        assert _check(ReasonCode.OCR_FRAGMENT, s, ctx)
        # a word listing names is no fragment of the names it lists, however it is written
        for word in ("MAPK1,3", "MAPK3,MAPK1", "TP53||MAPK1", "MAPK1;TNF;AKT1"):
            s = _subject(checker, ctx, "MAPK1", "MAPK1", word)
            assert not _check(ReasonCode.OCR_FRAGMENT, s, ctx), word
        # ... unless a part is a column of numbers
        s = _subject(checker, ctx, "MAPK1", "MAPK1", "5221,MAPK1")
        assert _check(ReasonCode.OCR_FRAGMENT, s, ctx)
        # a long word that is itself a name of the gene is no fragment (P-glycoprotein)
        s = _subject(checker, ctx, "PGY1", "ABCB1", "P-glycoprotein")
        assert not _check(ReasonCode.OCR_FRAGMENT, s, ctx)
        assert not _check(ReasonCode.OCR_FRAGMENT, _subject(checker, ctx, "CD4", "CD4", "CD4"), ctx)

    def test_cell_line(self, checker: Checker) -> None:
        ctx = checker.context("")
        assert _check(ReasonCode.CELL_LINE, _subject(checker, ctx, "THP1", "GLI2", "THP-1"), ctx)
        assert not _check(ReasonCode.CELL_LINE, _subject(checker, ctx, "CAD", "CAD", "CAD"), ctx)
        assert not _check(ReasonCode.CELL_LINE, _subject(checker, ctx, "S16", "RPS16", "S16"), ctx)
        assert not _check(
            ReasonCode.CELL_LINE, _subject(checker, ctx, "HO-1", "HMOX1", "HO-1"), ctx
        )
        # the gene's own symbol written with a dash is no cell line, though Cellosaurus has it
        assert checker.resolver.lexicon.cell_line("IRS-1")
        assert not _check(
            ReasonCode.CELL_LINE, _subject(checker, ctx, "IRS1", "IRS1", "IRS-1"), ctx
        )
        # a word that lists the gene's own symbol too names the gene, not the cell line
        s = _subject(checker, ctx, "THP1", "GLI2", "GLI2/THP-1")
        assert not _check(ReasonCode.CELL_LINE, s, ctx)
        # CaM is a Cellosaurus name too, but it names the calmodulin family of CALM1
        assert checker.resolver.lexicon.cell_line("CaM")
        calm = _subject(checker, ctx, "CaM", "CALM1", "CaM", expanded=True)
        assert not _check(ReasonCode.CELL_LINE, calm, ctx)

    def test_defined_in_caption_reads_the_head_noun(self, checker: Checker) -> None:
        """``X of Y`` long forms are about X: a factor of T cells is no cell."""
        assert head_word("nuclear factor of activated T cells") == "factor"
        assert head_word("epithelial-mesenchymal transition") == "transition"
        ctx = checker.context("Signals reach the nuclear factor of activated T cells (EMT).")
        s = _subject(checker, ctx, "EMT", "ITK", "EMT")
        assert not _check(ReasonCode.DEFINED_IN_CAPTION, s, ctx)

    def test_definition_after_the_short_form_is_its_shortest_tail(self, checker: Checker) -> None:
        """``SF (long form)``: the long form is the shortest tail the short form abbreviates,
        so a process word in front of an enzyme name is not read as the definition."""
        ctx = checker.context("Signals reach P70S6K (phosphorylation of ribosomal p70S6 kinase).")
        assert ctx.definitions[fold("P70S6K")] == "p70S6 kinase"
        emt = checker.context("EMT, epithelial-mesenchymal transition, drives invasion.")
        assert emt.definitions[fold("EMT")] == "epithelial-mesenchymal transition"

    def test_defined_as_another_enzyme(self, checker: Checker) -> None:
        ctx = checker.context(
            "CAD: cinnamyl alcohol dehydrogenase, PAL: phenylalanine ammonia-lyase."
        )
        s = _subject(checker, ctx, "CAD", "CAD", "CAD")
        assert "enzyme" in (_check(ReasonCode.DEFINED_IN_CAPTION, s, ctx) or "")
        same = checker.context("CAD, carbamoyl-phosphate synthetase 2, aspartate transcarbamylase.")
        assert not _check(
            ReasonCode.DEFINED_IN_CAPTION, _subject(checker, same, "CAD", "CAD", "CAD"), same
        )

    def test_non_coding_gene_page_keyword(self, checker: Checker) -> None:
        """A page-only keyword (no OCR word) that is a pseudogene counts, unless named."""
        ctx = checker.context("Cells were stained.")
        s = _subject(checker, ctx, "XBP1P1", "XBP1P1")
        assert _check(ReasonCode.NON_CODING_GENE, s, ctx)
        s = _subject(checker, ctx, "XBP1P1", "XBP1P1", "XBP1P1")
        assert not _check(ReasonCode.NON_CODING_GENE, s, ctx)
        named = checker.context("XBP1P1 is expressed.")
        s = _subject(checker, named, "XBP1P1", "XBP1P1")
        assert not _check(ReasonCode.NON_CODING_GENE, s, named)

    def test_non_coding_gene(self, checker: Checker) -> None:
        ctx = checker.context("")
        assert _check(
            ReasonCode.NON_CODING_GENE, _subject(checker, ctx, "XBP1", "XBP1P1", "XBP1"), ctx
        )
        assert not _check(
            ReasonCode.NON_CODING_GENE, _subject(checker, ctx, "XBP1", "XBP1", "XBP1"), ctx
        )

    def test_non_human_figure(self, checker: Checker) -> None:
        plant = checker.context("Suberin biosynthesis in Quercus suber.", non_human="plants")
        s = _subject(checker, plant, "PAL", "PAM", "PAL")
        assert _check(ReasonCode.NON_HUMAN_FIGURE, s, plant)
        human = checker.context("Suberin biosynthesis.")
        assert not _check(
            ReasonCode.NON_HUMAN_FIGURE, _subject(checker, human, "PAL", "PAM", "PAL"), human
        )

    def test_little_studied_gene(self, checker: Checker) -> None:
        ctx = checker.context("")
        s = _subject(checker, ctx, "PAL", "LRIT1", "PAL")
        assert "7 PubMed articles" in (_check(ReasonCode.LITTLE_STUDIED_GENE, s, ctx) or "")
        # 34 articles, but one informative GO annotation: little is known of what it does
        s = _subject(checker, ctx, "2-21", "FAM3B", "2-21")
        assert "1 informative" in (_check(ReasonCode.LITTLE_STUDIED_GENE, s, ctx) or "")
        # a member a family word was expanded to: the word named the family
        s = _subject(checker, ctx, "PAL", "LRIT1", "PAL", expanded=True)
        assert not _check(ReasonCode.LITTLE_STUDIED_GENE, s, ctx)
        s = _subject(checker, ctx, "p53", "TP53", "p53")
        assert not _check(ReasonCode.LITTLE_STUDIED_GENE, s, ctx)
        # a gene-scope rule: it runs for a word that is the gene's approved symbol too
        from genenorm.judging.evidence import all_evidence

        plain = _subject(checker, ctx, "LRIT1", "LRIT1", "LRIT1")
        codes = {r.code for r in all_evidence(plain, ctx, cache=False)}
        assert ReasonCode.LITTLE_STUDIED_GENE in codes

    def test_non_human_symbol(self, checker: Checker) -> None:
        ctx = checker.context("")
        fly = subject_for(ctx, "HOW", None, "how", word="how", organism_id="7227", cache=False)
        assert _check(ReasonCode.NON_HUMAN_SYMBOL, fly, ctx)
        assert not _check(ReasonCode.NON_HUMAN_SYMBOL, _subject(checker, ctx, "TP53", "TP53"), ctx)


# --------------------------------------------------------------------------- for


class TestFor:
    """Evidence for: one positive and one negative case each."""

    def test_named_in_text(self, checker: Checker) -> None:
        ctx = checker.context("p53 halts the cell cycle.")
        assert _check(ReasonCode.NAMED_IN_TEXT, _subject(checker, ctx, "TP53", "TP53"), ctx)
        assert not _check(ReasonCode.NAMED_IN_TEXT, _subject(checker, ctx, "TP63", "TP63"), ctx)

    def test_english_word_is_no_naming(self, checker: Checker) -> None:
        ctx = checker.context("Proteins move out of the nucleus.")
        assert not _check(
            ReasonCode.NAMED_IN_TEXT, _subject(checker, ctx, "OUT", "TCF23", "out"), ctx
        )

    def test_word_names_gene(self, checker: Checker) -> None:
        ctx = checker.context("")
        s = _subject(checker, ctx, "BECLIN1", "BECN1", "BECLIN1")
        assert _check(ReasonCode.WORD_NAMES_GENE, s, ctx)
        assert not _check(
            ReasonCode.WORD_NAMES_GENE, _subject(checker, ctx, "EMT", "ITK", "EMT"), ctx
        )

    def test_definition_agrees(self, checker: Checker) -> None:
        ctx = checker.context("Stress induces heme oxygenase 1 (HO-1).")
        assert _check(
            ReasonCode.DEFINITION_AGREES, _subject(checker, ctx, "HO-1", "HMOX1", "HO-1"), ctx
        )
        other = checker.context("Cells undergo epithelial-mesenchymal transition (EMT).")
        assert not _check(
            ReasonCode.DEFINITION_AGREES, _subject(checker, other, "EMT", "ITK", "EMT"), other
        )

    def test_definition_disagrees(self, checker: Checker) -> None:
        """A long form that names another gene, or a family without this one, disagrees."""
        ctx = checker.context(
            "Here STAT3 (signal transducer and activator of transcription 3) acts."
        )
        other = _subject(checker, ctx, "STAT3", "CD4", "STAT3")
        assert "which is STAT3" in (_check(ReasonCode.DEFINITION_DISAGREES, other, ctx) or "")
        same = _subject(checker, ctx, "STAT3", "STAT3", "STAT3")
        assert not _check(ReasonCode.DEFINITION_DISAGREES, same, ctx)
        undefined = checker.context("Here STAT3 acts.")
        s = _subject(checker, undefined, "STAT3", "CD4", "STAT3")
        assert not _check(ReasonCode.DEFINITION_DISAGREES, s, undefined)

    def test_a_long_form_that_spells_a_name(self, checker: Checker) -> None:
        """A long form that spells most of a gene's approved name agrees with it, and
        disagrees with another reading of the same spelling whose name it does not spell."""
        ctx = checker.context("PDK1, phosphoinositide-dependent protein kinase 1; AKT.")
        meant = _subject(checker, ctx, "PDK1", "PDPK1", "PDK1")
        assert "name of PDPK1" in (_check(ReasonCode.DEFINITION_AGREES, meant, ctx) or "")
        assert not _check(ReasonCode.DEFINITION_DISAGREES, meant, ctx)
        other = _subject(checker, ctx, "PDK1", "PDK1", "PDK1")
        found = _check(ReasonCode.DEFINITION_DISAGREES, other, ctx) or ""
        assert "the name of PDPK1" in found
        assert "not PDK1" in found
        assert not _check(ReasonCode.DEFINITION_AGREES, other, ctx)
        # a family word spelled out says nothing of which member it means
        family = checker.context("AKT serine/threonine kinase (AKT) is active.")
        member = _subject(checker, family, "AKT", "AKT2", "AKT", expanded=True)
        assert not _check(ReasonCode.DEFINITION_AGREES, member, family)

    def test_name_fit(self) -> None:
        assert (
            name_fit(
                "phosphoinositide-dependent protein kinase 1",
                "3-phosphoinositide dependent protein kinase 1",
            )
            == 1.0
        )
        assert (
            name_fit(
                "phosphoinositide-dependent protein kinase 1", "pyruvate dehydrogenase kinase 1"
            )
            == 0.5
        )
        assert name_fit("Kinases", "kinase 1") == 0.0  # one word says nothing
        assert name_fit("the tumour suppressors", "tumour suppressor candidate") == 1.0

    def test_a_numbered_series_defines_each_name(self, checker: Checker) -> None:
        """``AKT serine/threonine kinase 1/2 (AKT1/2)`` defines AKT1 and AKT2, each with
        its own number."""
        ctx = checker.context("Both AKT serine/threonine kinase 1/2 (AKT1/2) are active.")
        assert ctx.definitions[fold("AKT1")] == "AKT serine/threonine kinase 1"
        assert ctx.definitions[fold("AKT2")] == "AKT serine/threonine kinase 2"
        s = _subject(checker, ctx, "AKT1", "AKT2", "AKT1")
        assert "which is AKT1" in (_check(ReasonCode.DEFINITION_DISAGREES, s, ctx) or "")
        own = _subject(checker, ctx, "AKT2", "AKT2", "AKT2")
        assert not _check(ReasonCode.DEFINITION_DISAGREES, own, ctx)
        after = checker.context("The constituents include MST1/2 (mammalian Ste20-like kinase).")
        assert after.definitions[fold("MST2")] == "mammalian Ste20-like kinase"

    def test_family_named(self, checker: Checker) -> None:
        ctx = checker.context("Growth factors activate Akt.")
        assert _check(ReasonCode.FAMILY_NAMED, _subject(checker, ctx, "AKT", "AKT2", "AKT"), ctx)
        specific = checker.context("Growth factors activate Akt and AKT1.")
        s = _subject(checker, specific, "AKT", "AKT2", "AKT")
        assert not _check(ReasonCode.FAMILY_NAMED, s, specific)

    def test_complex_subunit(self, checker: Checker) -> None:
        """A complex word expanded to one of its parts; a family word, or the part's own
        symbol, is no complex."""
        ctx = checker.context("")
        s = _subject(checker, ctx, "mTORC2", "RICTOR", "mTORC2", expanded=True)
        assert "mTORC2" in (_check(ReasonCode.COMPLEX_SUBUNIT, s, ctx) or "")
        family = _subject(checker, ctx, "MAPK", "MAPK14", "MAPK", expanded=True)
        assert not _check(ReasonCode.COMPLEX_SUBUNIT, family, ctx)
        own = _subject(checker, ctx, "RICTOR", "RICTOR", "RICTOR")
        assert not _check(ReasonCode.COMPLEX_SUBUNIT, own, ctx)

    def test_member_named(self, checker: Checker) -> None:
        """SOD expanded to SOD1, which the caption names; not to SOD2, which it does not."""
        ctx = checker.context("The exosomes derived from SOD1 fibroblasts.")
        s = _subject(checker, ctx, "SOD", "SOD1", "SOD", expanded=True)
        assert "SOD1" in (_check(ReasonCode.MEMBER_NAMED, s, ctx) or "")
        other = _subject(checker, ctx, "SOD", "SOD2", "SOD", expanded=True)
        assert not _check(ReasonCode.MEMBER_NAMED, other, ctx)
        own = _subject(checker, ctx, "SOD1", "SOD1", "SOD1")
        assert not _check(ReasonCode.MEMBER_NAMED, own, ctx)
        shown = _with_hits(checker, "", [("SOD1", "SOD1"), ("SOD", "SOD1")])
        hit = _subject(checker, shown, "SOD", "SOD1", "SOD", expanded=True)
        assert _check(ReasonCode.MEMBER_NAMED, hit, shown)

    def test_coherent_with_figure(self, checker: Checker) -> None:
        """TP53 shares PubMed articles with the DNA-damage and signalling genes around it."""
        rows = [
            _gi(checker, g)
            for g in ("TP53", "STAT3", "TNF", "MTOR", "AKT1", "HMOX1", "CD4", "ABCB1", "ITK", "PKM")
        ]
        ctx = checker.context("", keyword_genes=rows)
        s = _subject(checker, ctx, "TP53", "TP53", "TP53")
        assert "PubMed articles" in (_check(ReasonCode.COHERENT_WITH_FIGURE, s, ctx) or "")
        few = checker.context("", keyword_genes=rows[:3])
        assert not _check(
            ReasonCode.COHERENT_WITH_FIGURE, _subject(checker, few, "TP53", "TP53", "TP53"), few
        )

    def test_other_reading_fits(self, checker: Checker) -> None:
        """`P-gp` also names ABCB1, which the literature puts with a signalling figure's
        genes far more often than PGP; ABCB1 itself, and a figure of too few genes, are
        spared."""
        figure = ("TP53", "STAT3", "TNF", "MTOR", "AKT1", "AKT2", "HMOX1", "CD4", "PKM", "RICTOR")
        rows = [_gi(checker, g) for g in (*figure, "PGP", "ABCB1")]
        ctx = checker.context("", keyword_genes=rows)
        s = _subject(checker, ctx, "P-gp", "PGP", "P-gp")
        assert "also names ABCB1" in (_check(ReasonCode.OTHER_READING_FITS, s, ctx) or "")
        abcb1 = _subject(checker, ctx, "P-gp", "ABCB1", "P-gp")
        assert not _check(ReasonCode.OTHER_READING_FITS, abcb1, ctx)
        few = checker.context("", keyword_genes=rows[:1] + rows[-2:])
        s = _subject(checker, few, "P-gp", "PGP", "P-gp")
        assert not _check(ReasonCode.OTHER_READING_FITS, s, few)

    def test_unrelated_to_figure(self, checker: Checker) -> None:
        """TCF23 (alias OUT) shares no article with the genes of a signalling figure."""
        rows = [_gi(checker, g) for g in ("TCF23", "STAT3", "TNF", "MTOR", "AKT1", "HMOX1", "CD4")]
        ctx = checker.context("", keyword_genes=rows)
        s = _subject(checker, ctx, "OUT", "TCF23", "OUT")
        assert "no PubMed article" in (_check(ReasonCode.UNRELATED_TO_FIGURE, s, ctx) or "")
        related = _subject(checker, ctx, "STAT3", "STAT3", "STAT3")
        assert not _check(ReasonCode.UNRELATED_TO_FIGURE, related, ctx)
        # a gene the text names is exempt: its authors put it in the figure
        named = checker.context("TCF23 binds.", keyword_genes=rows)
        s = _subject(checker, named, "TCF23", "TCF23", "TCF23")
        assert not _check(ReasonCode.UNRELATED_TO_FIGURE, s, named)
        small = checker.context("", keyword_genes=rows[:3])
        assert not _check(
            ReasonCode.UNRELATED_TO_FIGURE, _subject(checker, small, "OUT", "TCF23", "OUT"), small
        )

    def test_unrelated_to_figure_spares_a_family_group_page_only(self, checker: Checker) -> None:
        """Page only, a keyword of a family group that the text does not name is presumably a
        family word's expansion: unrelated or not, its articles say little about the figure."""
        figure = [_gi(checker, g) for g in ("STAT3", "TNF", "MTOR", "AKT1", "HMOX1", "CD4")]
        alone = checker.context("", keyword_genes=[*figure, _gi(checker, "ITGA7")])
        s = _subject(checker, alone, "ITGA7", "ITGA7")
        assert _check(ReasonCode.UNRELATED_TO_FIGURE, s, alone)
        integrins = [_gi(checker, g) for g in ("ITGA3", "ITGA7", "ITGA8")]
        group = checker.context("", keyword_genes=[*figure, *integrins])
        s = _subject(checker, group, "ITGA7", "ITGA7")
        assert _check(ReasonCode.FAMILY_GROUP, s, group)
        assert not _check(ReasonCode.UNRELATED_TO_FIGURE, s, group)
        # named in the text, the members are no group, and the evidence applies again
        named = checker.context("ITGA3 and ITGA8.", keyword_genes=[*figure, *integrins])
        s = _subject(checker, named, "ITGA7", "ITGA7")
        assert _check(ReasonCode.UNRELATED_TO_FIGURE, s, named)

    def test_unrelated_to_figure_counts_the_other_names_of_a_list_word(
        self, checker: Checker
    ) -> None:
        """Genes of one word are left out as each other's partners only when they are readings
        of the same name: in ``TP53,BRCC3`` TP53 is a partner of BRCC3 like any other gene."""
        others = [("STAT3", "STAT3"), ("TNF", "TNF"), ("MTOR", "MTOR"), ("CD4", "CD4")]
        listed = _with_hits(checker, "", [("TP53,BRCC3", "TP53"), ("TP53,BRCC3", "BRCC3"), *others])
        s = _subject(checker, listed, "BRCC3", "BRCC3", "TP53,BRCC3")
        assert not _check(ReasonCode.UNRELATED_TO_FIGURE, s, listed)
        # the same genes hit by one shared synonym are not each other's partners
        shared = _with_hits(checker, "", [("X1", "TP53"), ("X1", "BRCC3"), *others])
        s = _subject(checker, shared, "X1", "BRCC3", "X1")
        assert _check(ReasonCode.UNRELATED_TO_FIGURE, s, shared)

    def test_well_studied_gene(self, checker: Checker) -> None:
        ctx = checker.context("")
        s = _subject(checker, ctx, "TP53", "TP53", "TP53")
        assert "well studied" in (_check(ReasonCode.WELL_STUDIED_GENE, s, ctx) or "")
        s = _subject(checker, ctx, "SOD3", "SOD3", "SOD3")  # 216 articles
        assert not _check(ReasonCode.WELL_STUDIED_GENE, s, ctx)

    def test_family_siblings(self, checker: Checker) -> None:
        ctx = _with_hits(checker, "", [("ERK1", "MAPK3"), ("ERK2", "MAPK1")])
        assert _check(
            ReasonCode.FAMILY_SIBLINGS, _subject(checker, ctx, "ERK1", "MAPK3", "ERK1"), ctx
        )
        # page only: a group of unnamed family members looks expanded, not like siblings
        group = [_gi(checker, g) for g in ("SOD1", "SOD2", "SOD3")]
        page = checker.context("", group)
        s = _subject(checker, page, "SOD2", "SOD2")
        assert _check(ReasonCode.FAMILY_GROUP, s, page)
        assert not _check(ReasonCode.FAMILY_SIBLINGS, s, page)
        pair = checker.context("", group[:2])
        s = _subject(checker, pair, "SOD2", "SOD2")
        assert not _check(ReasonCode.FAMILY_GROUP, s, pair)
        assert _check(ReasonCode.FAMILY_SIBLINGS, s, pair)
        # genes the same word produced share the family by making
        made = _with_hits(checker, "", [("p53", "TP53"), ("p53", "TP63")])
        s = _subject(checker, made, "p53", "TP53", "p53")
        assert not _check(ReasonCode.FAMILY_SIBLINGS, s, made)
        alone = _with_hits(checker, "", [("ERK1", "MAPK3"), ("TNF", "TNF")])
        s = _subject(checker, alone, "ERK1", "MAPK3", "ERK1")
        assert not _check(ReasonCode.FAMILY_SIBLINGS, s, alone)


# --------------------------------------------------------------------------- table & policy


def test_every_code_is_evidence_or_informational() -> None:
    """Each reason code has exactly one evidence row, or is one of the informational codes."""
    from genenorm.judging.evidence import INFORMATIONAL_CODES

    codes = [r.code for r in EVIDENCE]
    assert len(codes) == len(set(codes))
    assert set(codes) | INFORMATIONAL_CODES == set(ReasonCode)
    assert not set(codes) & INFORMATIONAL_CODES


@pytest.mark.parametrize("rule", EVIDENCE, ids=lambda r: str(r.code))
def test_default_weight_has_the_rules_sign(rule) -> None:  # type: ignore[no-untyped-def]
    """A default weight against is negative, one for is positive; each row is documented."""
    assert (rule.weight > 0) == (rule.direction is Direction.FOR)
    assert rule.summary
    assert rule.evidence
    assert rule.examples


@pytest.mark.parametrize("rule", EVIDENCE, ids=lambda r: str(r.code))
def test_evidence_functions_are_pure(checker: Checker, rule) -> None:  # type: ignore[no-untyped-def]
    """Running a function twice on the same subject gives the same answer."""
    ctx = checker.context("Proteins move out of the nucleus; SOD1 and p53.")
    for s in (
        _subject(checker, ctx, "OUT", "TCF23", "out"),
        _subject(checker, ctx, "SOD", "SOD2", "SOD"),
    ):
        assert rule.check(s, ctx) == rule.check(s, ctx)


class TestPolicy:
    """Prior + weighed evidence → confidence → verdict."""

    WEIGHTS = Weights(
        priors={"symbol": 3.0, "alias": 0.0, "family": -1.0},
        evidence={"english_word": -3.0, "named_in_text": 4.0, "ambiguous_alias": -1.0},
        supported_at=0.7,
        false_hit_at=0.25,
    )

    def test_prior_alone(self) -> None:
        d = decide(PriorKind.SYMBOL, [], weights=self.WEIGHTS)
        assert d.verdict is Verdict.SUPPORTED
        assert d.confidence == pytest.approx(0.9526, abs=1e-3)
        assert d.matched_as is MatchedAs.SYMBOL
        # an alias with nothing for it is not supported
        assert decide(PriorKind.ALIAS, [], weights=self.WEIGHTS).verdict is Verdict.UNCERTAIN

    def test_evidence_moves_the_confidence(self) -> None:
        english = Reason(ReasonCode.ENGLISH_WORD, "x")
        named = Reason(ReasonCode.NAMED_IN_TEXT, "y")
        d = decide(PriorKind.ALIAS, [english], weights=self.WEIGHTS)
        assert d.verdict is Verdict.FALSE_HIT
        assert d.reasons[0].weight == -3.0
        d = decide(PriorKind.ALIAS, [named], weights=self.WEIGHTS)
        assert d.verdict is Verdict.SUPPORTED
        assert d.support[0].code is ReasonCode.NAMED_IN_TEXT

    def test_base_rate_evidence_alone_flags_nothing(self) -> None:
        # a large family lowers the confidence like a low prior, and like one, alone it makes
        # no false hit; with evidence about the gene itself it does
        large = Reason(ReasonCode.LARGE_FAMILY, "l")
        w = Weights(
            priors={"family": -1.0},
            evidence={"large_family": -1.0, "ambiguous_alias": -1.0},
            false_hit_at=0.25,
        )
        d = decide(PriorKind.FAMILY, [large], weights=w)
        assert d.confidence < 0.25
        assert d.verdict is Verdict.UNCERTAIN
        assert d.reasons[0].code is ReasonCode.LARGE_FAMILY
        d = decide(PriorKind.FAMILY, [large, Reason(ReasonCode.AMBIGUOUS_ALIAS, "a")], weights=w)
        assert d.verdict is Verdict.FALSE_HIT

    def test_each_code_counts_once_and_order(self) -> None:
        a = Reason(ReasonCode.AMBIGUOUS_ALIAS, "a")
        e = Reason(ReasonCode.ENGLISH_WORD, "e")
        d = decide(PriorKind.SYMBOL, [a, a, e], weights=self.WEIGHTS)
        assert [r.code for r in d.reasons] == [ReasonCode.ENGLISH_WORD, ReasonCode.AMBIGUOUS_ALIAS]
        assert d.confidence == pytest.approx(1 / (1 + 2.718281828**1.0), abs=1e-3)

    def test_possible_reasons_weigh_half(self) -> None:
        e = Reason(ReasonCode.ENGLISH_WORD, "e")
        d = decide(PriorKind.SYMBOL, [], possible=[e], weights=self.WEIGHTS)
        assert d.reasons[0].weight == -1.5

    def test_weigh_is_decide_without_the_decision(self) -> None:
        """`weigh` (what the hit judge calls) gives `decide`'s fields, for every prior and
        the same reasons found or possible."""
        a = Reason(ReasonCode.AMBIGUOUS_ALIAS, "a")
        e = Reason(ReasonCode.ENGLISH_WORD, "e")
        n = Reason(ReasonCode.NAMED_IN_TEXT, "n")
        r = Reason(ReasonCode.RENAMED_SYMBOL, "r")
        for kind in PriorKind:
            for found, possible in (([], []), ([a, e, r], [n]), ([n, a], [e, a]), ([r, r], [])):
                d = decide(kind, found, possible=possible, weights=self.WEIGHTS)
                assert weigh(kind, found, possible, self.WEIGHTS) == (
                    d.verdict,
                    d.confidence,
                    d.reasons,
                    d.support,
                )

    def test_informational_reasons_weigh_nothing(self) -> None:
        r = Reason(ReasonCode.RENAMED_SYMBOL, "renamed")
        d = decide(PriorKind.SYMBOL, [r], weights=self.WEIGHTS)
        assert d.reasons == (Reason(ReasonCode.RENAMED_SYMBOL, "renamed", 0.0),)
        assert d.confidence == decide(PriorKind.SYMBOL, [], weights=self.WEIGHTS).confidence

    def test_a_low_prior_alone_is_no_false_hit(self) -> None:
        low = Weights(priors={"alias": -3.0}, evidence={"english_word": -1.0})
        d = decide(PriorKind.ALIAS, [], weights=low)
        assert d.confidence < low.false_hit_at
        assert d.verdict is Verdict.UNCERTAIN
        e = Reason(ReasonCode.ENGLISH_WORD, "e")
        assert decide(PriorKind.ALIAS, [e], weights=low).verdict is Verdict.FALSE_HIT

    def test_weak_evidence_against_is_no_false_hit(self) -> None:
        """A false hit needs evidence against that halves the odds at least (STRONG_AGAINST):
        a low prior with a weak reason is uncertain; two weak reasons together suffice."""
        low = Weights(
            priors={"family": -1.0},
            evidence={"unrelated_to_figure": -0.5, "minor_family_member": -0.5},
            false_hit_at=0.5,
        )
        assert 0.5 < STRONG_AGAINST < 1.0
        weak = Reason(ReasonCode.UNRELATED_TO_FIGURE, "u")
        d = decide(PriorKind.FAMILY, [weak], weights=low)
        assert d.confidence < low.false_hit_at
        assert d.verdict is Verdict.UNCERTAIN
        assert d.reasons[0].code is ReasonCode.UNRELATED_TO_FIGURE
        minor = Reason(ReasonCode.MINOR_FAMILY_MEMBER, "m")
        assert decide(PriorKind.FAMILY, [weak, minor], weights=low).verdict is Verdict.FALSE_HIT

    def test_a_middling_prior_alone_is_no_support(self) -> None:
        """Only an exact approved symbol or a protein name is supported by its prior alone; a
        family member, previous symbol or page keyword above the threshold needs evidence."""
        high = Weights(
            priors={"symbol": 3.0, "name": 3.0, "family": 3.0, "previous": 3.0, "keyword": 3.0},
            evidence={"named_in_text": 1.0},
        )
        for kind in (PriorKind.SYMBOL, PriorKind.NAME):
            assert decide(kind, [], weights=high).verdict is Verdict.SUPPORTED, kind
        named = Reason(ReasonCode.NAMED_IN_TEXT, "y")
        for kind in (PriorKind.FAMILY, PriorKind.PREVIOUS, PriorKind.KEYWORD):
            d = decide(kind, [], weights=high)
            assert d.confidence > high.supported_at
            assert d.verdict is Verdict.UNCERTAIN, kind
            assert decide(kind, [named], weights=high).verdict is Verdict.SUPPORTED, kind

    def test_a_high_prior_with_evidence_against_is_no_support(self) -> None:
        """An exact approved symbol that some evidence speaks against, and nothing for, is
        uncertain even above the support threshold; evidence for it makes it supported."""
        w = Weights(
            priors={"symbol": 4.0},
            evidence={"unrelated_to_figure": -1.0, "large_family": -1.0, "named_in_text": 1.0},
        )
        unrelated = Reason(ReasonCode.UNRELATED_TO_FIGURE, "u")
        d = decide(PriorKind.SYMBOL, [unrelated], weights=w)
        assert d.confidence > w.supported_at
        assert d.verdict is Verdict.UNCERTAIN
        named = Reason(ReasonCode.NAMED_IN_TEXT, "y")
        assert decide(PriorKind.SYMBOL, [unrelated, named], weights=w).verdict is Verdict.SUPPORTED
        # evidence about how often such matches are real (BASE_RATE_CODES) is not against it
        base = Reason(ReasonCode.LARGE_FAMILY, "b")
        assert decide(PriorKind.SYMBOL, [base], weights=w).verdict is Verdict.SUPPORTED

    def test_thresholds(self) -> None:
        assert verdict_for_confidence(0.7, self.WEIGHTS) is Verdict.SUPPORTED
        assert verdict_for_confidence(0.5, self.WEIGHTS) is Verdict.UNCERTAIN
        assert verdict_for_confidence(0.25, self.WEIGHTS) is Verdict.FALSE_HIT

    def test_keyword_threshold(self) -> None:
        """A page-only keyword has its own false-hit threshold when the table sets one."""
        w = read_weights("threshold\tfalse_hit\t0.4\nthreshold\tfalse_hit_keyword\t0.1\n")
        assert verdict_for_confidence(0.3, w, PriorKind.ALIAS) is Verdict.FALSE_HIT
        assert verdict_for_confidence(0.3, w, PriorKind.KEYWORD) is Verdict.UNCERTAIN
        assert verdict_for_confidence(0.05, w, PriorKind.KEYWORD) is Verdict.FALSE_HIT
        same = read_weights("threshold\tfalse_hit\t0.4\n")
        assert verdict_for_confidence(0.3, same, PriorKind.KEYWORD) is Verdict.FALSE_HIT

    def test_weight_table(self) -> None:
        w = read_weights("# fitted\nkind\tname\tweight\nevidence\tenglish_word\t-2.5\n")
        assert w.weight(ReasonCode.ENGLISH_WORD) == -2.5
        assert w.provenance == "fitted"

    def test_page_only_weights(self) -> None:
        """A keyword judged without its hits weighs evidence by the table's
        ``evidence:keyword`` rows where it has them, by ``evidence`` elsewhere; other prior
        kinds never read those rows."""
        w = read_weights(
            "evidence\tlittle_studied_gene\t-0.5\nevidence\tenglish_word\t-2.0\n"
            "evidence:keyword\tlittle_studied_gene\t-1.5\n"
        )
        assert w.weight(ReasonCode.LITTLE_STUDIED_GENE) == -0.5
        assert w.weight(ReasonCode.LITTLE_STUDIED_GENE, kind=PriorKind.KEYWORD) == -1.5
        assert w.weight(ReasonCode.ENGLISH_WORD, kind=PriorKind.KEYWORD) == -2.0
        assert w.weight(ReasonCode.ENGLISH_WORD, possible=True, kind=PriorKind.KEYWORD) == -1.0
        little = Reason(ReasonCode.LITTLE_STUDIED_GENE, "few articles")
        for kind, weight in ((PriorKind.KEYWORD, -1.5), (PriorKind.ALIAS, -0.5)):
            d = decide(kind, [little], weights=w)
            assert d.reasons[0].weight == weight
            assert d.confidence == pytest.approx(1 / (1 + math.exp(-(w.prior(kind) + weight))))

    def test_weight_table_refuses_unknown_names(self) -> None:
        from genenorm.exceptions import SnapshotError

        with pytest.raises(SnapshotError, match=r"weights\.tsv:1"):
            read_weights("evidence\tno_such_code\t1.0\n")


def test_checkers_share_nothing(checker: Checker) -> None:
    """Two checkers over different resolvers keep their own caches (no id()-keyed tables).
    The keyword-base cache holds keywords judged as on an empty page (a chemical here; gene
    keywords are judged on their page)."""
    other = Checker()
    page = Page(figid="X", keywords=("TP53", "Cisplatin"))
    checker.check_page(page)
    other.check_page(page)
    assert checker.memo is not other.memo
    assert checker.memo.keyword_bases.keys() == other.memo.keyword_bases.keys()
    bases = checker.memo.keyword_bases["Cisplatin"][1]
    assert bases is not other.memo.keyword_bases["Cisplatin"][1]


def test_hit_table_figures_see_each_other(checker: Checker) -> None:
    """check_hits groups hits by figure: siblings of one figure are not another's."""

    def hit(figid: str, word: str, symbol: str) -> GeneHit:
        return GeneHit(word=word, match=word, symbol=symbol, source="hgnc_alias_symbol",
                       organism_id="9606", figid=figid)  # fmt: skip

    verdicts = checker.check_hits(
        [hit("A", "PAL", "PAM"), hit("A", "PAL", "LRIT1"), hit("B", "PAL", "PAM")]
    )
    codes = [{r.code for r in v.reasons} for v in verdicts]
    assert ReasonCode.SHARED_WORD in codes[0]
    assert ReasonCode.SHARED_WORD not in codes[2]


def test_shipped_weights_load() -> None:
    """The shipped weight table reads, with provenance, for every evidence row."""
    from genenorm.judging import default_weights

    w = default_weights()
    assert w.provenance.startswith("fitted by scripts/fit_weights.py")
    assert 0 < w.false_hit_at < w.supported_at < 1
    for rule in EVIDENCE:
        assert w.weight(rule.code) * (1 if rule.direction is Direction.FOR else -1) >= 0


@pytest.fixture(autouse=True)
def _tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def test_page_only_complex_parts_stay(checker: Checker) -> None:
    """Page only: the text naming one part of a complex does not count against the others,
    while naming one member of a family does."""
    text = "MTOR acts within mTORC2, and SOD1 protects the cell."
    page = Page(figid="X", caption=text, keywords=("MTOR", "RICTOR", "SOD1", "SOD2"))
    codes = {k.keyword: {r.code for r in k.reasons} for k in checker.check_page(page).keywords}
    assert ReasonCode.FAMILY_MEMBER_NOT_NAMED not in codes["RICTOR"]
    assert ReasonCode.FAMILY_MEMBER_NOT_NAMED in codes["SOD2"]


def test_page_only_other_branch_of_a_family_stays(checker: Checker) -> None:
    """Page only: the text naming MAPK1 (ERK2) speaks against MAPK3, its sibling in the ERK
    family, but not against MAPK8, which is in MAPK's other branch JNK."""
    page = Page(figid="X", caption="MAPK1 is activated.", keywords=("MAPK1", "MAPK3", "MAPK8"))
    codes = {k.keyword: {r.code for r in k.reasons} for k in checker.check_page(page).keywords}
    assert ReasonCode.FAMILY_MEMBER_NOT_NAMED in codes["MAPK3"]
    assert ReasonCode.FAMILY_MEMBER_NOT_NAMED not in codes["MAPK8"]
