"""Tests for the chemical lexicon's written forms (`genenorm.chemicals`) and keyword typing."""

from __future__ import annotations

from pathlib import Path

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
        ("cGMP", "cpd00697"),  # the drug dictionary writes it "cgmp"; looked up as written
        ("dATP", "cpd00115"),
        ("GMP", "cpd00126"),  # a curated abbreviation (ModelSEED's is a gene alias)
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


def _members() -> list[list[object]]:
    from genenorm.lexicon import default_data_dir, read_manifest

    return read_manifest(default_data_dir())["files"]["chemicals.tsv.gz"]["members"]


def test_every_shard_answers() -> None:
    """The first key of every gzip member of the chemical table is found through its shard."""
    import gzip

    from genenorm.lexicon import default_data_dir

    raw = (default_data_dir() / "chemicals.tsv.gz").read_bytes()
    lex = default_lexicon()
    for _shard, offset, length, _rows in _members():
        assert isinstance(offset, int)
        assert isinstance(length, int)
        first = gzip.decompress(raw[offset : offset + length]).split(b"\t", 1)[0].decode()
        assert lex.chemical_by_key(first) is not None


def test_damaged_shard_is_refused(tmp_path: Path) -> None:
    """A damaged member whose file checksum was updated is refused when its shard is read."""
    import hashlib
    import json
    import shutil

    from genenorm.exceptions import SnapshotError
    from genenorm.lexicon import Lexicon, default_data_dir

    data = Path(shutil.copytree(default_data_dir(), tmp_path / "data"))
    path = data / "chemicals.tsv.gz"
    shard, offset, length, _rows = _members()[-1]
    assert isinstance(offset, int)
    assert isinstance(length, int)
    raw = bytearray(path.read_bytes())
    raw[offset + length // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"]["chemicals.tsv.gz"]["sha256"] = hashlib.sha256(raw).hexdigest()
    (data / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    lex = Lexicon.from_dir(data)
    assert lex.chemical_by_key("0x") is None or shard == "0"  # other shards still answer
    with pytest.raises(SnapshotError, match="not a gzipped UTF-8 table"):
        lex.chemical_by_key(f"{shard}zzz")


def test_page_made_chemical_keeps_the_gene() -> None:
    """A keyword its page makes a chemical names the gene it also is in a reason."""
    page = Page(figid="t", caption="Enolase makes phosphoenolpyruvate (PEP).", keywords=("PEP",))
    (kw,) = check_page(page).keywords
    assert kw.kind is Kind.CHEMICAL
    assert [r.code.value for r in kw.reasons] == ["chemical_name"]
    assert "PAEP" in kw.reasons[0].detail


def test_amino_acid_codes_need_a_chemical_page() -> None:
    """Amino-acid codes are chemicals only among chemicals; a fly gene ``Met`` stays a gene."""
    assert _kind("Trp") is not Kind.CHEMICAL
    assert _kind("Trp", siblings=("Pyruvate", "Alanine", "Indole")) is Kind.CHEMICAL
    assert _kind("Met", siblings=("Pyruvate", "Alanine", "Indole")) is Kind.GENE


def test_keyword_after_written_out_chemicals() -> None:
    """PFOCR lists genes, then chemicals: CAMP after L-Arginine is cAMP."""
    assert _kind("CAMP", siblings=("PRKACA", "ADCY8")) is Kind.GENE
    assert _kind("CAMP", siblings=("PRKACA", "L-Arginine", "CGMP")) is Kind.CHEMICAL
