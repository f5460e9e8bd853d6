"""Evidence that does not read the page gives the same answer on any page.

`genenorm.judging.evidence.Scope` says what an evidence function reads, and the judge caches
the answers of `term`, `subject` and `gene` rules per subject, across pages: a rule declared
one of those that read the figure's text, genes or hits would carry one figure's answer to
the next (order-dependent output, which only a run split differently would show). These
tests judge every hit of the sample pages twice, on its own page and alone on a page about
nothing, and compare the evidence of the rules that do not read the page.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from genenorm.judging import Checker
from genenorm.judging.evidence import EVIDENCE, RULE_BY_CODE, Scope
from genenorm.judging.policy import read_weights
from genenorm.models import GeneHit, HitVerdict, Page, ReasonCode
from genenorm.pfocr import read_page

DATA = Path(__file__).resolve().parent / "data"
PAGES = sorted((DATA / "pfocr-website").glob("_figures/*.md")) + sorted(
    (DATA / "pfocr-website-more").glob("_figures/*.md")
)


def _not_page(v: HitVerdict) -> dict[ReasonCode, str]:
    """The evidence for and against of rules whose scope is not the page, by code."""
    return {
        r.code: r.detail
        for r in (*v.reasons, *v.support)
        if r.code in RULE_BY_CODE and RULE_BY_CODE[r.code].scope is not Scope.PAGE
    }


def _hit(word: str, symbol: str, source: str = "ncbigene_symbol") -> GeneHit:
    return GeneHit(word=word, match=word.upper(), symbol=symbol, source=source, organism_id="9606")


#: A page whose genes side with one reading of a word against the word's approved one: the
#: evidence about the word (`context_prefers_other_gene`) then depends on the page, and a
#: rule that reads it must be a page rule.
SUBSTRATES = Page(
    figid="substrates",
    caption="PDK1 phosphorylates AGC kinases.",
    gene_hits=(
        _hit("PDK1", "PDK1"),
        _hit("PDK1", "PDPK1", "ncbigene_synonym"),
        *(
            _hit(s, s)
            for s in ("SGK1", "SGK3", "RPS6KB1", "RPS6KA1", "PKN1", "PRKCA", "PRKCB", "PRKCD")
        ),
    ),
    has_hits=True,
)


@pytest.mark.parametrize("path", [*PAGES, None], ids=lambda p: p.stem[:24] if p else "substrates")
def test_rules_that_do_not_read_the_page_agree_on_any_page(path: Path | None) -> None:
    page = read_page(path) if path else SUBSTRATES
    if not page.gene_hits:
        pytest.skip("no gene hits")
    # a fresh checker per side: nothing cached on one page can answer for the other; the
    # hand-set weights, none 0, so that no evidence is left out of the verdicts unweighed
    on_page = Checker(weights=read_weights("")).check_page(page).hits
    elsewhere = Checker(weights=read_weights(""))
    for hit, verdict in zip(page.gene_hits, on_page, strict=True):
        alone = attrs.evolve(
            page,
            figid="elsewhere",
            figtitle="",
            caption="Cells grow.",
            papertitle="",
            keywords=(),
            gene_hits=(hit,),
            chemical_hits=(),
            disease_hits=(),
        )
        other = elsewhere.check_page(alone).hits[0]
        assert _not_page(verdict) == _not_page(other), f"{hit.word} -> {hit.symbol}"


def test_no_hand_set_weight_is_zero() -> None:
    """The comparison above sees every piece of evidence (a weight of 0 would drop it)."""
    assert all(r.weight != 0.0 for r in EVIDENCE)


def test_the_page_decides_the_substrates_case() -> None:
    """On its page PDPK1 is spared `context_prefers_other_gene` (a page rule); alone it is
    not: the comparison above would see the difference if that rule were declared otherwise."""
    on_page = Checker().check_page(SUBSTRATES).hits[1]
    alone = attrs.evolve(SUBSTRATES, gene_hits=SUBSTRATES.gene_hits[1:2])
    elsewhere = Checker().check_page(alone).hits[0]
    assert on_page.symbol == elsewhere.symbol == "PDPK1"
    assert ReasonCode.CONTEXT_PREFERS_OTHER_GENE not in {r.code for r in on_page.reasons}
    assert ReasonCode.CONTEXT_PREFERS_OTHER_GENE in {r.code for r in elsewhere.reasons}
