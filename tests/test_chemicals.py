"""Tests for the chemical lexicon's written forms (`genenorm.chemicals`) and keyword typing."""

from __future__ import annotations

import pytest

from genenorm.check import check_page
from genenorm.chemicals import candidate_keys
from genenorm.lexicon import default_lexicon
from genenorm.models import Kind, Page


@pytest.mark.parametrize(
    ("term", "seed"),
    [
        ("glutathione", "cpd00042"),
        ("pyruvate", "cpd00020"),
        ("Pyruvic acid", "cpd00020"),
        ("retinol", "cpd00365"),
        ("DMAPP", "cpd00202"),
        ("glycerol-3-P", "cpd00080"),
        ("Succinyl-CoA", "cpd00078"),
        ("Isopentenyl-diphosphate", "cpd00113"),
        ("Ca2+", "cpd00063"),
    ],
)
def test_metabolites_have_ids(term: str, seed: str) -> None:
    """Central metabolites and their written forms are chemicals with their ids."""
    chem = default_lexicon().chemical(term)
    assert chem is not None
    assert chem.seed == seed


@pytest.mark.parametrize("term", ["glutathione", "pyruvate", "retinol", "DMAPP", "Succinyl-CoA"])
def test_metabolites_have_mesh_or_chebi(term: str) -> None:
    """Metabolites keep MeSH and ChEBI ids that a sibling name of theirs carries."""
    chem = default_lexicon().chemical(term)
    assert chem is not None
    assert chem.mesh.startswith("mesh:")
    assert chem.chebi.startswith("chebi:")


@pytest.mark.parametrize("term", ["dpp", "Adh", "He", "Il10", "form", "Light", "glcD"])
def test_gene_like_terms_are_not_chemicals(term: str) -> None:
    """Short non-capital terms match only as written; English words never match a code."""
    assert default_lexicon().chemical(term) is None


def test_candidate_keys_forms() -> None:
    """Written forms: phosphate suffixes, acid/anion, prefixes, plurals, Greek letters."""
    assert "mevalonate5diphosphate" in candidate_keys("Mevalonate-5-PP")
    assert "succinicacid" in candidate_keys("succinate")
    assert "kaurenol" in candidate_keys("ent-kaurenol")
    assert "diterpene" in candidate_keys("diterpenes")
    assert "alphaketoglutarate" in candidate_keys("α-ketoglutarate")
    assert candidate_keys("ATP") == ("atp",)


def test_platinum_drugs_keep_ids() -> None:
    """The reference figure's platinum drugs stay chemicals with their DrugBank ids."""
    lex = default_lexicon()
    for name in ("Cisplatin", "Carboplatin", "Oxaliplatin", "Nedaplatin"):
        chem = lex.chemical(name)
        assert chem is not None
        assert chem.drugbank.startswith("DB")


def _kind(keyword: str, caption: str = "", siblings: tuple[str, ...] = ()) -> Kind:
    page = Page(figid="t", caption=caption, keywords=(*siblings, keyword))
    return check_page(page).keywords[-1].kind


def test_page_decides_gene_or_chemical() -> None:
    """A keyword that is a gene alias and a chemical abbreviation is typed by the page."""
    assert _kind("FPP") is Kind.GENE
    assert _kind("FPP", siblings=("DMAPP", "HMG-CoA", "Pyruvate")) is Kind.CHEMICAL
    assert _kind("PEP", caption="Glycolysis makes phosphoenolpyruvate (PEP).") is Kind.CHEMICAL
    assert _kind("CAMP", caption="Ca2+ and cAMP oscillations.") is Kind.CHEMICAL
    assert _kind("CAMP", caption="CAMP, the cathelicidin peptide.") is Kind.GENE
