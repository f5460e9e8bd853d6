"""Checking PFOCR figures: the reference figure's acceptance criteria, rules, and samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from genenorm import Kind, ReasonCode, Verdict
from genenorm.check import check_hits, check_page, check_path, check_paths
from genenorm.judging import Checker
from genenorm.judging.evidence import (
    COHERENT_PARTNERS,
    _keyword_shared,
    _reads_far_better,
    keyword_reads_better,
    keyword_sides_with,
)
from genenorm.models import GeneHit, KeywordVerdict, Page, Relation
from genenorm.pfocr import read_page, read_page_text
from genenorm.text import fold

from .conftest import REFERENCE_PAGE, WEBSITE

FALSE = ["TCF23", "PGP", "PGPEP1", "DEPDC1B", "RPS16", "ITK", "SLC22A3"]
NOT_FALSE = [
    "ABCB1",
    "NLRP3",
    "PTEN",
    "BRCC3",
    "PIMREG",
    "BRSK2",
    "MIR3960",
    "NFKB1",
    "SOD1",
    "MIR21",
]
DRUGS = ["Carboplatin", "Cisplatin", "Nedaplatin", "Lobaplatin"]
EXPECTED_REASONS = {
    "TCF23": ReasonCode.ENGLISH_WORD,
    "RPS16": ReasonCode.RESIDUE_OR_SITE,
    "ITK": ReasonCode.NON_GENE_ABBREVIATION,
    "SLC22A3": ReasonCode.NON_GENE_ABBREVIATION,
    "PGP": ReasonCode.CONTEXT_PREFERS_OTHER_GENE,
}


def _page_only() -> Page:
    return read_page_text(REFERENCE_PAGE.read_text(encoding="utf-8"), path=str(REFERENCE_PAGE))


@pytest.fixture(name="reports", scope="module", params=["page-only", "with-hits"])
def _reports(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """The reference figure checked from its page alone and with its hit tables."""
    page = _page_only() if request.param == "page-only" else read_page(REFERENCE_PAGE)
    assert page.has_hits is (request.param == "with-hits")
    return check_page(page)


class TestReferenceFigure:
    """The acceptance criteria of the PFOCR check, page only and with hits."""

    def test_false_hits(self, reports) -> None:  # type: ignore[no-untyped-def]
        """TCF23, PGP, PGPEP1, DEPDC1B, RPS16, ITK and SLC22A3 are false hits."""
        verdicts = {k.keyword: k.verdict for k in reports.keywords}
        assert {g: verdicts[g] for g in FALSE} == dict.fromkeys(FALSE, Verdict.FALSE_HIT)

    @pytest.mark.parametrize(("keyword", "code"), sorted(EXPECTED_REASONS.items()))
    def test_fitting_reasons(self, reports, keyword: str, code: ReasonCode) -> None:  # type: ignore[no-untyped-def]
        """Each false hit carries the reason that explains it."""
        kv = next(k for k in reports.keywords if k.keyword == keyword)
        assert code in {r.code for r in kv.reasons}, kv.reasons

    def test_depdc1b_reason(self, reports) -> None:  # type: ignore[no-untyped-def]
        """DEPDC1B is false because its alias BRCC3 is another gene's symbol: said as such, or
        (page only, where BRCC3 is a keyword too) as the shared term naming BRCC3."""
        kv = next(k for k in reports.keywords if k.keyword == "DEPDC1B")
        explained = [
            r
            for r in kv.reasons
            if r.code
            in (ReasonCode.SHADOWED_BY_APPROVED_SYMBOL, ReasonCode.CONTEXT_PREFERS_OTHER_GENE)
        ]
        assert explained, kv.reasons
        assert all("BRCC3" in r.detail for r in explained), explained

    def test_pgpep1_reason(self, reports) -> None:  # type: ignore[no-untyped-def]
        """PGPEP1 is false because PGP is another gene's symbol or P-gp means ABCB1."""
        kv = next(k for k in reports.keywords if k.keyword == "PGPEP1")
        codes = {r.code for r in kv.reasons}
        assert codes & {
            ReasonCode.CONTEXT_PREFERS_OTHER_GENE,
            ReasonCode.SHADOWED_BY_APPROVED_SYMBOL,
        }

    def test_real_genes(self, reports) -> None:  # type: ignore[no-untyped-def]
        """ABCB1, NLRP3, PTEN, BRCC3, PIMREG, BRSK2, MIR3960, NFKB1, SOD1, MIR21 are not false."""
        verdicts = {k.keyword: k.verdict for k in reports.keywords}
        assert all(verdicts[g] is not Verdict.FALSE_HIT for g in NOT_FALSE), verdicts

    def test_sod2_sod3_at_most_uncertain(self, reports) -> None:  # type: ignore[no-untyped-def]
        """SOD2 and SOD3 (family expansion of SOD; the text names SOD1) are not supported."""
        verdicts = {k.keyword: k.verdict for k in reports.keywords}
        assert verdicts["SOD2"] in (Verdict.UNCERTAIN, Verdict.FALSE_HIT)
        assert verdicts["SOD3"] in (Verdict.UNCERTAIN, Verdict.FALSE_HIT)

    def test_drugs_are_chemicals_with_ids(self, reports) -> None:  # type: ignore[no-untyped-def]
        """The four platinum drugs are chemicals with MeSH and DrugBank ids, and ChEBI ids
        where a source maps them (all four with the hit table; three from the lexicon)."""
        chebi = 0
        for kv in reports.keywords:
            if kv.keyword in DRUGS:
                ids = dict(kv.ids)
                assert kv.kind is Kind.CHEMICAL
                assert ids["mesh"][0] in "CD"
                assert ids["mesh"][1:].isdigit()
                assert ids["drugbank"].startswith("DB")
                chebi += ids.get("chebi", "").isdigit()
        assert chebi >= 3

    def test_suggestions(self, reports) -> None:  # type: ignore[no-untyped-def]
        """Snail (SNAI1) and miR-423-5p (MIR423) are suggested with their spans."""
        found = {s.symbol: s for s in reports.suggestions}
        assert {"SNAI1", "MIR423"} <= found.keys()
        page = _page_only()
        for s in found.values():
            assert page.text[s.start : s.end] == s.text
        assert "TCF23" not in found  # "out" is no suggestion

    def test_one_row_per_keyword_in_order(self, reports) -> None:  # type: ignore[no-untyped-def]
        """Every keyword yields exactly one row, in input order."""
        assert [k.keyword for k in reports.keywords] == list(_page_only().keywords)

    def test_current_symbols_and_ids(self, reports) -> None:  # type: ignore[no-untyped-def]
        """Genes carry their current symbol and HGNC ID."""
        kv = next(k for k in reports.keywords if k.keyword == "PIMREG")
        assert (kv.symbol, kv.hgnc_id) == ("PIMREG", "HGNC:25483")


def test_hit_verdicts_with_evidence() -> None:
    """Each hit row of the reference table is judged; +P-gp keeps ABCB1 and drops PGP."""
    rep = check_path(REFERENCE_PAGE)
    assert len(rep.hits) == 19
    by = {(h.word, h.symbol): h for h in rep.hits}
    assert by[("+P-gp", "ABCB1")].verdict is Verdict.SUPPORTED
    assert by[("+P-gp", "PGP")].verdict is Verdict.FALSE_HIT
    assert by[("out", "TCF23")].verdict is Verdict.FALSE_HIT
    assert by[("SOD", "SOD1")].verdict is not Verdict.FALSE_HIT  # named, but unrelated
    tcf23 = next(k for k in rep.keywords if k.keyword == "TCF23")
    assert tcf23.evidence.words == ("out",)
    assert tcf23.evidence.terms == ("OUT",)


def test_every_sample_page_checks() -> None:
    """Every sample page processes without error, one keyword row per keyword."""
    reports = list(check_paths([WEBSITE / "_figures"]))
    assert len(reports) == 13
    for rep in reports:
        assert not rep.errors
        assert [k.keyword for k in rep.keywords] == list(read_page(rep.path).keywords)


def test_corpus_run_records_bad_pages(tmp_path: Path) -> None:
    """A malformed page is recorded and the run goes on."""
    bad = tmp_path / "bad.md"
    bad.write_text("---\nfigid: [\n---\n", encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(REFERENCE_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    reports = list(check_paths([tmp_path]))
    assert [bool(r.errors) for r in reports] == [True, False]
    assert "bad.md" in reports[0].errors[0]


def test_yaml_traps_stay_keywords() -> None:
    """YAML 1.1 traps are kept as text keywords and judged, never dropped."""
    text = "---\nfigid: X\ncaption: NO is made from arginine\nschema-jsonld:\n  keywords:\n  - NO\n  - ON\n  - YES\n  - NULL\n  - 1e5\n  - 2-Sep\n  - TP53\n---\n"
    rep = check_page(read_page_text(text))
    assert [k.keyword for k in rep.keywords] == ["NO", "ON", "YES", "NULL", "1e5", "2-Sep", "TP53"]
    assert rep.keywords[-1].kind is Kind.GENE
    assert rep.keywords[-1].verdict is not Verdict.FALSE_HIT


def test_non_human_symbol_keyword() -> None:
    """Mouse-case symbols that are not HGNC symbols are flagged."""
    rep = check_page(Page(figid="X", keywords=("Trp53", "TP53")))
    trp53 = rep.keywords[0]
    assert trp53.kind is Kind.GENE
    assert ReasonCode.NON_HUMAN_SYMBOL in {r.code for r in trp53.reasons}
    assert trp53.verdict is Verdict.FALSE_HIT


def test_protein_drug_stays_gene() -> None:
    """A drug word that is a gene product (insulin) stays a gene with a chemical note."""
    rep = check_page(Page(figid="X", keywords=("INS", "Insulin")))
    insulin = rep.keywords[1]
    assert (insulin.kind, insulin.symbol) == (Kind.GENE, "INS")
    assert ReasonCode.PROTEIN_DRUG in {r.code for r in insulin.reasons}


def test_renamed_keyword_is_informational() -> None:
    """A renamed keyword gets its current symbol and a renamed_symbol note."""
    rep = check_page(Page(figid="X", keywords=("FAM64A",)))
    kv = rep.keywords[0]
    assert (kv.symbol, kv.status) == ("PIMREG", "previous")
    assert ReasonCode.RENAMED_SYMBOL in {r.code for r in kv.reasons}


def _hit(word: str, match: str, symbol: str, source: str = "hgnc_alias_symbol") -> GeneHit:
    return GeneHit(word=word, match=match, symbol=symbol, source=source, organism_id="9606")


@pytest.mark.parametrize(
    ("hit", "code"),
    [
        (_hit("Aß", "ASS", "ASS1", "hgnc_prev_symbol"), ReasonCode.OCR_ARTIFACT),
        (_hit("Col1a1,", "CO11A1", "COL11A1"), ReasonCode.OCR_ARTIFACT),
        (
            _hit("BRF1", "BRF1", "ZFP36L1", "hgnc_prev_symbol"),
            ReasonCode.SHADOWED_BY_APPROVED_SYMBOL,
        ),
        (_hit("TAK1", "TAK1", "NR2C2"), ReasonCode.CONTEXT_PREFERS_OTHER_GENE),
        (_hit("HK2", "HK2", "KCNA5"), ReasonCode.CONTEXT_PREFERS_OTHER_GENE),
        (_hit("fast", "FAST", "FASTK"), ReasonCode.ENGLISH_WORD),
        (_hit("LPS", "LPS", "IRF6", "hgnc_prev_symbol"), ReasonCode.NON_GENE_ABBREVIATION),
        (_hit("ATP", "ATP", "ATP8A2"), ReasonCode.CHEMICAL_NAME),
        (_hit("p50", "P50", "CD40"), ReasonCode.GENERIC_PROTEIN_NAME),
        (_hit("ERK", "ERK", "EPHB2", "hgnc_prev_symbol"), ReasonCode.CONTEXT_PREFERS_OTHER_GENE),
        (_hit("Y705", "Y705", "STAT3"), ReasonCode.RESIDUE_OR_SITE),
        (_hit("TAZ", "TAZ", "WWTR1"), ReasonCode.AMBIGUOUS_ALIAS),
    ],
)
def test_rules_on_real_hits(hit: GeneHit, code: ReasonCode) -> None:
    """Known false-hit mechanisms from PFOCR get their reason code. For a word that is only
    an alias of the reported gene and another gene's symbol (TAK1 → NR2C2), the fitted
    weight of `shadowed_by_approved_symbol` is 0 and `context_prefers_other_gene` speaks."""
    (verdict,) = check_hits([hit])
    assert code in {r.code for r in verdict.reasons}, verdict.reasons
    assert verdict.verdict is not Verdict.SUPPORTED


@pytest.mark.parametrize(
    "hit",
    [
        _hit("TP53", "TP53", "TP53", "hgnc_symbol"),
        _hit("p53", "P53", "TP53"),
        _hit("NF-kB", "NF-KB", "RELA", "bioentities_symbol"),
        _hit("Erk", "ERK", "MAPK1"),
        _hit("miR-21", "MIR-21", "MIR21"),
        _hit("SET", "SET", "SET", "hgnc_symbol"),
    ],
)
def test_real_hits_are_not_flagged(hit: GeneHit) -> None:
    """Genuine hits are not flagged, even without a page to support them."""
    (verdict,) = check_hits([hit])
    assert verdict.verdict is not Verdict.FALSE_HIT, verdict.reasons


def test_defined_in_caption() -> None:
    """A caption that defines the term as a non-gene makes the hit false; a protein long form does not."""
    caption = (
        "Cells were treated with LPS (lipopolysaccharide) and lactate dehydrogenase (LDHA) rose."
    )
    page = Page(
        figid="X",
        caption=caption,
        keywords=("IRF6", "LDHA"),
        gene_hits=(
            _hit("LPS", "LPS", "IRF6", "hgnc_prev_symbol"),
            _hit("LDHA", "LDHA", "LDHA", "hgnc_symbol"),
        ),
        has_hits=True,
    )
    rep = check_page(page)
    irf6, ldha = rep.hits
    assert ReasonCode.DEFINED_IN_CAPTION in {r.code for r in irf6.reasons}
    assert ldha.verdict is Verdict.SUPPORTED


def test_non_human_hit() -> None:
    """A hit from another organism's lexicon is flagged as non-human."""
    hit = GeneHit(
        word="how",
        match="HOW",
        symbol="how",
        source="ncbigene_symbol",
        organism_id="7227",
        organism_name="Drosophila melanogaster",
    )
    (verdict,) = check_hits([hit])
    assert ReasonCode.NON_HUMAN_SYMBOL in {r.code for r in verdict.reasons}
    assert verdict.hgnc_id is None


def test_check_with_mygene_source(capsys: pytest.CaptureFixture[str]) -> None:
    """`genenorm check --source mygene` against the local MyGene-compatible server gives the
    snapshot's verdicts, symbols and HGNC IDs on the reference figure."""
    import json

    from genenorm.cli import main
    from genenorm.testing import MyGeneServer

    with MyGeneServer() as server:
        code = main(
            ["check", str(REFERENCE_PAGE), "--source", "mygene", "--mygene-url", server.url]
        )
        assert server.requests, "no request reached the local server"
    assert code == 0
    live = json.loads(capsys.readouterr().out)
    offline = check_path(REFERENCE_PAGE).to_dict()
    pick = ("keyword", "kind", "verdict", "symbol", "hgnc_id")
    assert [{k: kw[k] for k in pick} for kw in live["keywords"]] == [
        {k: kw[k] for k in pick} for kw in offline["keywords"]
    ]


def test_check_hits_rejects_live_source(capsys: pytest.CaptureFixture[str]) -> None:
    """check-hits judges offline: asking for the mygene source is a usage error, not ignored."""
    from genenorm.cli import main

    table = WEBSITE / "_data" / "PMC11987792__cancers-17-01167-g005-genes.tsv"
    assert main(["check-hits", str(table), "--source", "mygene"]) == 2
    assert "not supported" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("symbol", "entrez", "current"),
    [("SEPT2", "4735", "SEPTIN2"), ("TAZ", "6901", "TAFAZZIN"), ("KARS", "3735", "KARS1")],
)
def test_hit_gene_id_settles_old_symbols(symbol: str, entrez: str, current: str) -> None:
    """A hit's NCBI Gene ID names the gene when its old symbol alone is now ambiguous."""
    hit = GeneHit(
        word=symbol,
        match=symbol,
        symbol=symbol,
        source="hgnc_symbol",
        gene_id=entrez,
        organism_id="9606",
    )
    (verdict,) = check_hits([hit])
    assert verdict.current_symbol == current
    assert ReasonCode.RENAMED_SYMBOL in {r.code for r in verdict.reasons}


def test_stdin_page_keeps_argument_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`genenorm check a.md - b.md` reports in argument order."""
    import io
    import json
    import sys

    from genenorm.cli import main

    other = WEBSITE / "_figures" / "PMC100003__mb2410470011.md"
    data = REFERENCE_PAGE.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["check", str(other), "-", str(other)]) == 0
    paths = [json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()]
    assert paths == [str(other), "<stdin>", str(other)]


def test_top_level_exports() -> None:
    """The page check is reachable from the package and completion lists it; importing
    genenorm does not import the checking code until it is asked for."""
    import subprocess
    import sys

    import genenorm

    assert {"check_page", "check_path", "check_paths", "check_hits", "GeneHit"} <= set(
        dir(genenorm)
    )
    assert dir(genenorm) == sorted(genenorm.__all__)
    assert genenorm.check_path is check_path
    assert genenorm.GeneHit is GeneHit
    code = "import genenorm, sys; print('genenorm.check' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class TestPageOnlySharedTerms:
    """Page only: two keywords share a term, and the term on its own names one of them."""

    @staticmethod
    def _codes(*keywords: str) -> dict[str, list[str]]:
        report = check_page(Page(figid="x", caption="A signalling pathway.", keywords=keywords))
        return {k.keyword: [str(r.code) for r in k.reasons] for k in report.keywords}

    def test_term_names_a_family_of_the_other(self) -> None:
        """``ERK``, an alias of EPHB2 and of MAPK1, names the ERK family: EPHB2 is not meant."""
        codes = self._codes("EPHB2", "MAPK1", "MAPK3")
        assert "context_prefers_other_gene" in codes["EPHB2"]
        assert "context_prefers_other_gene" not in codes["MAPK1"]

    def test_term_names_the_other(self) -> None:
        """``PD-1`` (an NCBI synonym of RPL17) names PDCD1."""
        codes = self._codes("RPL17", "PDCD1")
        assert "context_prefers_other_gene" in codes["RPL17"]
        assert "context_prefers_other_gene" not in codes["PDCD1"]

    def test_term_names_the_other_whatever_else_objects(self) -> None:
        """``TRAF2``, a previous symbol of TANK, is another gene's approved symbol, which
        objects to the term itself; with TRAF2 among the keywords the word meant TRAF2."""
        codes = self._codes("TANK", "TRAF2")
        assert "context_prefers_other_gene" in codes["TANK"]
        assert "context_prefers_other_gene" not in codes["TRAF2"]

    def test_the_text_reads_a_synonym_otherwise(self) -> None:
        """``MEK``, an alias of MAP2K7, names the MEK family (MAP2K1, MAP2K2) in the text:
        the figure's word meant that, not MAP2K7. Its members are not touched."""
        report = check_page(
            Page(figid="x", caption="MEK phosphorylates ERK.", keywords=("MAP2K7", "MAP2K1"))
        )
        codes = {k.keyword: [str(r.code) for r in k.reasons] for k in report.keywords}
        assert "context_prefers_other_gene" in codes["MAP2K7"]
        assert "context_prefers_other_gene" not in codes["MAP2K1"]

    def test_paralogs_are_exempt(self) -> None:
        """CALM1 and CALM2 share old names; figures draw both."""
        codes = self._codes("CALM1", "CALM2")
        assert "context_prefers_other_gene" not in codes["CALM2"]
        assert "context_prefers_other_gene" not in codes["CALM1"]


def test_page_only_common_word_of_the_caption_only_may_have_produced_a_keyword() -> None:
    """``in`` (an alias of CD44) is in every caption; page only, it only may have produced the
    keyword CD44, and weighs as a possible reason."""
    caption = "Hyaluronan signalling in cancer cells."
    report = check_page(Page(figid="x", caption=caption, keywords=("CD44",)))
    reasons = {r.code: r for r in report.keywords[0].reasons}
    assert ReasonCode.ENGLISH_WORD in reasons
    assert reasons[ReasonCode.ENGLISH_WORD].detail.startswith(
        "possibly produced by the synonym 'in'"
    )


def _bare_keywords(caption: str, *keywords: str) -> dict[str, KeywordVerdict]:
    """The keywords of a page without hit tables, judged, by keyword."""
    report = check_page(Page(figid="x", caption=caption, keywords=keywords))
    return {k.keyword: k for k in report.keywords}


def _reason(v: KeywordVerdict, code: ReasonCode) -> str:
    """The detail of a keyword's reason with this code (the test fails when it has none)."""
    found = [r.detail for r in v.reasons if r.code is code]
    assert found, f"{v.keyword}: no {code}"
    return found[0]


def test_page_only_symbol_in_prose_may_have_produced_a_keyword() -> None:
    """PFOCR matched words case-insensitively: the keyword SET (a common English word in lower
    case) may have been the word "set"; CP ("cp", less common) and the hit "SET" in capitals,
    whose word is the symbol letter for letter, carry no such reason."""
    by = _bare_keywords("Nuclear signalling.", "SET", "CP")
    assert _reason(by["SET"], ReasonCode.ENGLISH_WORD).startswith(
        "possibly produced by the word 'set', its symbol in lower case"
    )
    assert not any(r.code is ReasonCode.ENGLISH_WORD for r in by["CP"].reasons)
    # the same, said the same way, when the caption holds the word
    in_text = _bare_keywords("A set of genes.", "SET")["SET"]
    assert _reason(in_text, ReasonCode.ENGLISH_WORD).startswith(
        "possibly produced by the word 'set', its symbol in lower case"
    )
    hit = _hit("SET", "SET", "SET", source="ncbigene_symbol")
    judged = check_page(Page(figid="x", caption="", gene_hits=(hit,), has_hits=True)).hits[0]
    assert not any(r.code is ReasonCode.ENGLISH_WORD for r in judged.reasons)


def test_page_only_ncbi_synonym_may_have_produced_a_keyword() -> None:
    """PFOCR matched NCBI Gene's synonyms too: ``GTP`` (NCBI, not HGNC, lists it for MTG1) is a
    chemical, so it may have produced the keyword MTG1; HGNC's symbol alone says nothing."""
    by = _bare_keywords("Ras signalling.", "MTG1", "HRAS")
    assert _reason(by["MTG1"], ReasonCode.CHEMICAL_NAME).startswith(
        "possibly produced by the synonym 'GTP'"
    )
    assert "GTP" in by["MTG1"].evidence.terms
    assert not any("possibly" in r.detail for r in by["HRAS"].reasons)


class TestKeywordsReadTheirPage:
    """A gene keyword is judged on its page even when the text does not name it: the figure's
    other genes, its hits and what the text holds concern it (an earlier shortcut judged such
    keywords as on an empty page, and lost all of these)."""

    @staticmethod
    def _verdict(page: Page, keyword: str) -> KeywordVerdict:
        return next(k for k in check_page(page).keywords if k.keyword == keyword)

    @staticmethod
    def _codes(v: KeywordVerdict) -> set[ReasonCode]:
        return {r.code for r in (*v.reasons, *v.support)}

    def test_the_figures_other_genes(self) -> None:
        keywords = ("RAF1", "MAP2K1", "MAPK1", "GRB2", "SOS1", "HRAS", "SHC1", "CRYGD")
        page = Page(figid="x", caption="Growth factor signalling.", keywords=keywords)
        assert ReasonCode.UNRELATED_TO_FIGURE in self._codes(self._verdict(page, "CRYGD"))
        assert ReasonCode.COHERENT_WITH_FIGURE in self._codes(self._verdict(page, "MAPK1"))

    @pytest.mark.parametrize(
        ("caption", "keyword"),
        [
            ("KRAS mutations drive tumour growth.", "NRAS"),  # an NCBI synonym of NRAS
            ("Raf kinases phosphorylate MEK.", "ZHX2"),  # an alias of ZHX2, the RAF family
        ],
    )
    def test_a_synonym_the_text_holds_names_another_gene(self, caption: str, keyword: str) -> None:
        v = self._verdict(Page(figid="x", caption=caption, keywords=(keyword,)), keyword)
        assert ReasonCode.CONTEXT_PREFERS_OTHER_GENE in self._codes(v)
        assert v.verdict is Verdict.FALSE_HIT

    def test_a_sibling_among_the_hits(self) -> None:
        hit = GeneHit(word="c-Jun", match="JUN", symbol="JUN", source="ncbigene_symbol")
        page = Page(
            figid="x", caption="ER stress in immune cells.", keywords=("JUNB",),
            gene_hits=(hit,), has_hits=True,
        )  # fmt: skip
        assert ReasonCode.FAMILY_SIBLINGS in self._codes(self._verdict(page, "JUNB"))

    def test_a_definition_after_a_dash(self) -> None:
        page = Page(
            figid="x", caption="Heme synthesis; UROS—uroporphyrinogen III synthase",
            keywords=("UROS",),
        )  # fmt: skip
        v = self._verdict(page, "UROS")
        assert ReasonCode.DEFINITION_AGREES in self._codes(v)
        assert v.verdict is Verdict.SUPPORTED

    def test_a_synonym_keyword_the_text_does_not_mention(self) -> None:
        page = Page(figid="x", caption="Growth factor receptors signal to AKT.", keywords=("HER2",))
        assert ReasonCode.NOT_IN_TEXT in self._codes(self._verdict(page, "HER2"))


class TestKeywordsSharingASynonym:
    """Page only: keyword genes that share a synonym (one OCR word may have produced them all)
    are read as that word's readings are read with hits."""

    #: PDPK1's substrates: the literature puts PDPK1 with them far more than PDK1.
    SUBSTRATES = ("SGK1", "SGK3", "RPS6KB1", "RPS6KA1", "PKN1", "PRKCA", "PRKCB", "PRKCD", "AKT1")
    NFKB = ("NFKB1", "NFKB2", "RELA", "RELB", "IKBKB", "CHUK", "NFKBIA", "MAP3K14", "TRAF3")

    @staticmethod
    def _reasons(*keywords: str) -> dict[str, KeywordVerdict]:
        report = check_page(Page(figid="x", caption="Signalling.", keywords=keywords))
        return {k.keyword: k for k in report.keywords}

    @staticmethod
    def _detail(v: KeywordVerdict, code: ReasonCode) -> str | None:
        return next((r.detail for r in v.reasons if r.code is code), None)

    def test_the_sibling_the_term_names_wins_over_an_earlier_one(self) -> None:
        """``p100`` is a synonym of TPX2, SND1 and NFKB2 and on its own names NFKB2: SND1 is
        not meant, although TPX2 comes first among the keywords."""
        v = self._reasons("TPX2", "SND1", *self.NFKB)["SND1"]
        detail = self._detail(v, ReasonCode.CONTEXT_PREFERS_OTHER_GENE) or ""
        assert "which names NFKB2" in detail
        assert v.verdict is Verdict.FALSE_HIT

    def test_the_sibling_the_figure_sides_with(self) -> None:
        """``PDK1``, the approved symbol of PDK1 and an alias of PDPK1, beside PDPK1's
        substrates: the keyword PDK1 is the other reading, PDPK1 is not held against."""
        found = self._reasons(*self.SUBSTRATES, "PDK1", "PDPK1")
        detail = self._detail(found["PDK1"], ReasonCode.OTHER_READING_FITS) or ""
        assert "also names the keyword PDPK1" in detail
        assert found["PDK1"].verdict is Verdict.FALSE_HIT
        assert self._detail(found["PDPK1"], ReasonCode.CONTEXT_PREFERS_OTHER_GENE) is None
        assert self._detail(found["PDPK1"], ReasonCode.OTHER_READING_FITS) is None

    def test_not_for_a_family_group(self) -> None:
        """A family word's expansion explains PDK1 among PDK2 and PDK3: no other reading."""
        found = self._reasons(*self.SUBSTRATES, "PDK1", "PDPK1", "PDK2", "PDK3")
        assert self._detail(found["PDK1"], ReasonCode.OTHER_READING_FITS) is None

    def test_the_keywords_order_does_not_choose_the_sibling(self) -> None:
        """COL1A1 shares ``OI4`` with COL1A2 and ``EDSC`` with COL5A2: which sibling's term is
        weighed does not depend on the order the page lists them in (it did: COL1A1 was
        `uncertain` one way and `supported` the other)."""

        def judged(*keywords: str) -> dict[str, tuple[Verdict, tuple[tuple[str, str], ...]]]:
            page = Page(figid="x", caption="Extracellular matrix.", keywords=keywords)
            return {
                k.keyword: (k.verdict, tuple((str(r.code), r.detail) for r in k.reasons))
                for k in check_page(page).keywords
            }

        assert judged("COL1A1", "COL1A2", "COL5A2") == judged("COL5A2", "COL1A2", "COL1A1")

    def test_not_between_members_of_one_family(self) -> None:
        """CYP2D7 and CYP2D6 share ``CYP2D``; beside CYP2D6's partners CYP2D6 shares articles
        with 6 of the figure's genes, CYP2D7 with none, and no family group holds them. Only
        their being paralogs keeps the one from being the other's reading (figures draw both),
        either way."""
        checker = Checker()
        lex = checker.resolver.lexicon
        partners = ("ABCB1", "UGT1A1", "NR1I2", "SLCO1B1", "ABCG2", "NR1I3", "POR", "ALB")
        rows = [
            next(i for i, rel, _t in lex.lookup_fold(fold(s)) if rel is Relation.APPROVED)
            for s in (*partners, "CYP2D7", "CYP2D6")
        ]
        *_, d7, d6 = rows
        ctx = checker.context("", keyword_genes=rows)
        assert _reads_far_better(_keyword_shared(ctx, d6), _keyword_shared(ctx, d7))
        assert _keyword_shared(ctx, d7) < COHERENT_PARTNERS
        assert keyword_reads_better(ctx, d7, d6) is None
        assert not keyword_sides_with(ctx, d6, d7)

    def test_not_without_a_figure_to_side_with(self) -> None:
        found = self._reasons("PDK1", "PDPK1", "CRYGD", "ALB")
        assert self._detail(found["PDK1"], ReasonCode.OTHER_READING_FITS) is None

    #: Partners of EPHB2 (an Eph receptor, whose alias ``ERK`` names the ERK family on its own).
    EPH = ("EFNB1", "EFNB2", "EFNB3", "RASA1", "TIAM1", "NCK1", "SDCBP", "SYNJ1")

    def test_a_family_the_term_names_is_no_other_reading(self) -> None:
        """``ERK``, an alias of EPHB2, names the ERK family on its own: MAPK1 is that word's
        reading, however much EPHB2 is at home on the figure (hits exempt a family word's
        members from the other reading, and weigh the figure only against another gene)."""
        for family in (("MAPK1",), ("MAPK1", "MAPK3")):
            found = self._reasons("EPHB2", *family, *self.EPH)
            assert self._detail(found["MAPK1"], ReasonCode.OTHER_READING_FITS) is None
            detail = self._detail(found["EPHB2"], ReasonCode.CONTEXT_PREFERS_OTHER_GENE) or ""
            assert "names the family ERK" in detail

    def test_the_sibling_does_not_depend_on_the_keywords_order(self) -> None:
        """EXOSC10 shares ``p3`` with SLC10A3 and ``p4`` with SLC10A4, which share as many of
        the figure's genes: the same one is named, with its term's objections, in any order."""
        keywords = (
            "EXOSC10", "SLC10A4", "SLC10A1", "SLC10A2", "SLC10A5", "SLC10A3", "SYT1", "SS18",
            "SYNCRIP", "PPARG", "SYT6", "UBE2J1", "ALDH1A1", "CRABP2", "ERBB2", "BMI1", "ALDH2",
            "BCL11B", "GRIK2", "GSTT1", "CASP8",
        )  # fmt: skip
        seen = set()
        for order in (keywords, (keywords[0], *reversed(keywords[1:]))):
            v = self._reasons(*order)["EXOSC10"]
            assert self._detail(v, ReasonCode.OTHER_READING_FITS)
            seen.add((v.reasons, v.confidence, v.evidence))
        assert len(seen) == 1

    def test_not_for_a_keyword_coherent_with_the_figure(self) -> None:
        """``BAR`` is an alias of NR1H4 and of ADRB2. Beside 14 adrenergic genes (13 share
        articles with ADRB2) NR1H4 is another reading's gene with five bile-acid partners;
        with a sixth it is at home on the figure itself (`COHERENT_PARTNERS`)."""
        adrenergic = (
            "ADRB1", "GNAS", "PRKACA", "ARRB1", "ARRB2", "GRK2", "ADCY6", "CREB1", "ADRA1A",
            "ADRA2A", "NOS3", "GRK5", "GNAQ", "RAPGEF3",
        )  # fmt: skip
        bile = ("NR0B2", "ABCB11", "SLC10A1", "CYP7A1", "FGF19", "RXRA")
        found = self._reasons("NR1H4", "ADRB2", *adrenergic, *bile[:5])
        assert "also names the keyword ADRB2" in (
            self._detail(found["NR1H4"], ReasonCode.OTHER_READING_FITS) or ""
        )
        found = self._reasons("NR1H4", "ADRB2", *adrenergic, *bile)
        assert self._detail(found["NR1H4"], ReasonCode.OTHER_READING_FITS) is None


class TestPageOnlyFamilies:
    """Page only: a family group among the keywords, judged against the families the text names."""

    @staticmethod
    def _codes(caption: str, *keywords: str) -> dict[str, list[str]]:
        report = check_page(Page(figid="x", caption=caption, keywords=keywords))
        return {k.keyword: [str(r.code) for r in k.reasons] for k in report.keywords}

    def test_narrower_family_named(self) -> None:
        """The text names ERK: of MAPK1, MAPK3, MAPK8, MAPK14 the two outside it are not meant."""
        codes = self._codes("Growth factors activate ERK.", "MAPK1", "MAPK3", "MAPK8", "MAPK14")
        assert "family_member_not_named" in codes["MAPK8"]
        assert "family_member_not_named" in codes["MAPK14"]
        assert "family_member_not_named" not in codes["MAPK1"]
        assert "family_member_not_named" not in codes["MAPK3"]

    def test_named_siblings_do_not_also_support_a_member_not_named(self) -> None:
        """The text names p53: TP63 and TP73 lose confidence for it, and TP53, the sibling
        that makes them not named, is no support for them (it is for TP53, by TP63 and TP73)."""
        report = check_page(
            Page(figid="x", caption="p53 induces apoptosis.", keywords=("TP53", "TP63", "TP73"))
        )
        by = {k.keyword: k for k in report.keywords}
        for name in ("TP63", "TP73"):
            assert ReasonCode.FAMILY_MEMBER_NOT_NAMED in {r.code for r in by[name].reasons}
            assert ReasonCode.FAMILY_SIBLINGS not in {r.code for r in by[name].support}
        assert ReasonCode.FAMILY_SIBLINGS in {r.code for r in by["TP53"].support}

    def test_siblings_of_another_family_still_support(self) -> None:
        """The text names CYP2C18 (CYP epoxygenases), not CYP1A1: CYP2C18 is no support for
        CYP1A1, but CYP1B1 of its own family CYP1 still is."""
        report = check_page(
            Page(figid="x", caption="CYP2C18 signalling.", keywords=("CYP1A1", "CYP2C18", "CYP1B1"))
        )
        v = next(k for k in report.keywords if k.keyword == "CYP1A1")
        assert ReasonCode.FAMILY_MEMBER_NOT_NAMED in {r.code for r in v.reasons}
        siblings = [r for r in v.support if r.code is ReasonCode.FAMILY_SIBLINGS]
        assert siblings
        assert "CYP1B1" in siblings[0].detail
        assert "CYP2C18" not in siblings[0].detail

    def test_a_named_member_of_another_branch_still_supports(self) -> None:
        """The text names MAPK1 (ERK2), not MAPK8: MAPK8 sits in MAPK's other branch JNK, so
        MAPK1 is no evidence against it (`family_member_not_named`) and, being of the same
        family, is evidence for it (`family_siblings`); what counts against a keyword never
        also counts for it, and what does not count against it may."""
        report = check_page(
            Page(figid="x", caption="MAPK1 is activated.", keywords=("MAPK1", "MAPK8"))
        )
        v = next(k for k in report.keywords if k.keyword == "MAPK8")
        assert ReasonCode.FAMILY_MEMBER_NOT_NAMED not in {r.code for r in v.reasons}
        siblings = [r for r in v.support if r.code is ReasonCode.FAMILY_SIBLINGS]
        assert siblings
        assert "MAPK1" in siblings[0].detail

    def test_a_member_named_against_a_keyword_supports_it_in_no_family(self) -> None:
        """The text names ITGA1, not ITGA2: in ITGA that speaks against ITGA2, so ITGA1 is no
        `family_siblings` support for it in Integrins, the broader family of both, either
        (ITGA2's other narrower family, the complex ITGA2B1, does not make it another
        branch)."""
        report = check_page(
            Page(figid="x", caption="ITGA1 is activated.", keywords=("ITGA2", "ITGA1"))
        )
        v = next(k for k in report.keywords if k.keyword == "ITGA2")
        assert ReasonCode.FAMILY_MEMBER_NOT_NAMED in {r.code for r in v.reasons}
        assert ReasonCode.FAMILY_SIBLINGS not in {r.code for r in v.support}

    def test_the_family_itself_named(self) -> None:
        """The text names MAPK itself: every member is a fair reading."""
        codes = self._codes("Growth factors activate MAPK.", "MAPK1", "MAPK3", "MAPK8", "MAPK14")
        assert not any("family_member_not_named" in c for c in codes.values())
