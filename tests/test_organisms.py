"""Organism detection: names in text, a figure's organisms, and the helpers for the judge."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from genenorm.check import check_path
from genenorm.exceptions import SnapshotError
from genenorm.lexicon import Lexicon, default_data_dir, default_lexicon
from genenorm.models import GeneHit, OrganismGroup, Page
from genenorm.organisms import (
    figure_organisms,
    find_organisms,
    human_gene_named,
    name_key,
    non_vertebrate_only,
    organism_table,
)
from genenorm.pfocr import read_page

from .conftest import TESTS

MORE = TESTS / "data" / "pfocr-website-more" / "_figures"
RICE = MORE / "PMC12121910__pgen.1011679.g004.md"
YARROWIA = MORE / "PMC11555184__bdr.0051.fig.001.md"
ECOLI = MORE / "PMC4393010__ISRN.BIOCHEMISTRY2013-645983.013.md"
MOUSE = MORE / "PMC5776480__en-159-931-f6.md"
PATIENTS = MORE / "PMC4563120__gr5.md"
HELA = MORE / "PMC4136196__zii9990907870005.md"


def found(text: str) -> list[tuple[str, str, str]]:
    """``(text, taxon, group)`` of every organism named in *text*."""
    return [(m.text, m.taxon, str(m.group)) for m in find_organisms(text)]


class TestFindOrganisms:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("in Arabidopsis thaliana roots", [("Arabidopsis thaliana", "3702", "plant")]),
            ("A. thaliana mutants", [("A. thaliana", "3702", "plant")]),
            ("K. marxianus and C. glutamicum", [
                ("K. marxianus", "4911", "fungus"), ("C. glutamicum", "1718", "bacterium")]),
            ("E. coli K-12", [("E. coli", "562", "bacterium")]),
            ("Baker's yeast", [("Baker's yeast", "4932", "fungus")]),
            ("terpenes in yeast", [("yeast", "4932", "fungus")]),
            ("rice, maize and wheat", [
                ("rice", "4530", "plant"), ("maize", "4577", "plant"), ("wheat", "4565", "plant")]),
            ("tomato and poppy alkaloids", [("tomato", "4081", "plant"), ("poppy", "3469", "plant")]),
            ("zebrafish fins", [("zebrafish", "7955", "other_vertebrate")]),
            ("the fruit fly wing", [("fruit fly", "7227", "invertebrate")]),
            ("cyanobacterial clock", [("cyanobacterial", "1117", "bacterium")]),
            ("fungal and bacterial cells", [
                ("fungal", "4751", "fungus"), ("bacterial", "2", "bacterium")]),
            ("plant defence", [("plant", "33090", "plant")]),
            ("Saccharomyces strains", [("Saccharomyces", "4930", "fungus")]),
        ],
    )  # fmt: skip
    def test_names(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """Binomials, abbreviated binomials, genera, common names and adjectives are found."""
        assert found(text) == expected

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("humanized mice were used", [("mice", "10090", "other_vertebrate")]),
            ("non-human primates", [("primates", "9443", "other_vertebrate")]),
            ("Human African trypanosomiasis", []),
            ("yeast expressing human CYP3A4", [("yeast", "4932", "fungus")]),
            ("CAT and RAT activity", []),  # capitals: gene symbols, not cat and rat
            ("Notch signalling in Cancer", []),  # genera that are English words
            ("the bacillus form", []),  # genera are capitalised
        ],
    )
    def test_guards(self, text: str, expected: list[tuple[str, str, str]]) -> None:
        """No human from 'humanized', 'non-human', a disease name or a heterologous human
        gene; no organism from capitalised symbols or genera that are everyday words."""
        assert found(text) == expected

    def test_virus_name_is_not_human(self) -> None:
        """'human immunodeficiency virus' is a virus, not evidence for humans."""
        assert found("human immunodeficiency virus") == [
            ("human immunodeficiency virus", "12721", "virus")
        ]

    def test_genus_with_unknown_epithet(self) -> None:
        """A genus followed by an epithet the table lacks still names the genus, and the
        abbreviation later in the text refers back to it."""
        got = find_organisms("Plumbago zeylanica roots; P. zeylanica leaves")
        assert [(m.text, m.kind, m.name, str(m.group)) for m in got] == [
            ("Plumbago zeylanica", "binomial", "Plumbago", "plant"),
            ("P. zeylanica", "abbreviation", "Plumbago", "plant"),
            ("leaves", "group_word", "Viridiplantae", "plant"),
        ]

    def test_offsets(self) -> None:
        """Spans slice the text back."""
        text = "Expression in E. coli and in human HeLa cells"
        for m in find_organisms(text):
            assert text[m.start : m.end] == m.text

    @pytest.mark.parametrize(
        ("name", "key"), [("E. coli", "e coli"), ("Baker’s Yeast", "baker's yeast")]
    )
    def test_name_key(self, name: str, key: str) -> None:
        """Keys lower-case words and drop punctuation between them."""
        assert name_key(name) == key


class TestFigureOrganisms:
    @pytest.mark.parametrize(
        ("path", "taxon", "group"),
        [
            (RICE, "4530", OrganismGroup.PLANT),
            (YARROWIA, "4952", OrganismGroup.FUNGUS),
            (ECOLI, "562", OrganismGroup.BACTERIUM),
            (MOUSE, "10090", OrganismGroup.OTHER_VERTEBRATE),
            (PATIENTS, "9606", OrganismGroup.HUMAN),
        ],
    )
    def test_real_pages(self, path: Path, taxon: str, group: OrganismGroup) -> None:
        """The best organism of real pages, whatever organisms_ner says."""
        page = read_page(path)
        best = figure_organisms(page)[0]
        assert (best.taxon, best.group) == (taxon, group)
        for e in best.evidence:
            if e.start is not None:
                assert page.text[e.start : e.end] == e.text

    def test_ner_is_outweighed(self) -> None:
        """The rice page says Homo sapiens in organisms_ner; the text wins: rice, and the
        rust fungus infecting it (Puccinia striiformis)."""
        page = read_page(RICE)
        assert page.organisms_ner == ("Homo sapiens",)
        assert [(o.name, o.group) for o in figure_organisms(page)] == [
            ("Oryza sativa", OrganismGroup.PLANT),
            ("Puccinia striiformis", OrganismGroup.FUNGUS),
        ]

    def test_author_keywords(self) -> None:
        """The paper's own keywords name the organisms it studies, where the text is silent
        (a model of gibberellin in arbuscular mycorrhiza, keywords ``Petunia hybrida``)."""
        page = Page(
            "f1",
            caption="Model for the role of the GA pathway in symbiosis.",
            author_keywords=("Symbiosis", "Petunia hybrida", "Phosphate"),
            organisms=("Homo sapiens",),
        )
        best = figure_organisms(page)[0]
        assert (best.group, best.evidence[0].field) == (OrganismGroup.PLANT, "author_keywords")
        assert best.evidence[0].start is None
        assert non_vertebrate_only(figure_organisms(page)) is not None
        plain = attrs.evolve(page, author_keywords=())
        assert [o.taxon for o in figure_organisms(plain)] == ["9606"]

    def test_own_nomenclature(self) -> None:
        """A hit table whose words follow another organism's nomenclature (C. elegans
        EFF-1, CED-3, DLK-1: many symbols the human lexicon lacks) names that organism."""
        hits = [
            GeneHit(w, w.upper(), w, "ncbigene_symbol", str(i), "6239", "Caenorhabditis elegans")
            for i, w in enumerate(["eff-1", "ced-3", "dlk-1", "klp-7", "ttr-52", "efa-6"])
        ] + [GeneHit("PKA", "PKA", "PRKACA", "ncbigene_synonym", "5566", "9606", "Homo sapiens")]
        page = Page("f", figtitle="Axon regeneration", gene_hits=hits, organisms=["Homo sapiens"])
        best = figure_organisms(page)[0]
        assert (best.taxon, best.evidence[0].kind) == ("6239", "symbols")
        assert non_vertebrate_only(figure_organisms(page)) is not None
        # the same words in the human lexicon too: no evidence
        human = [attrs.evolve(h, organism_id="9606", source="ncbigene_symbol") for h in hits]
        page = attrs.evolve(page, gene_hits=hits + human)
        assert [o.taxon for o in figure_organisms(page)] == ["9606"]

    def test_yeast_joins_the_named_species(self) -> None:
        """'yeast' next to Yarrowia lipolytica is Yarrowia, not S. cerevisiae."""
        (only,) = figure_organisms(read_page(YARROWIA))
        assert only.name == "Yarrowia lipolytica"
        assert {e.text for e in only.evidence} >= {"yeast", "Yarrowia lipolytica"}

    def test_title_beats_metadata(self) -> None:
        """A title naming Saccharomyces beats organisms_ner entries."""
        page = Page(
            "f", figtitle="Sphingolipid synthesis in Saccharomyces cerevisiae",
            organisms_ner=["Drosophila melanogaster", "Homo sapiens"],
        )  # fmt: skip
        assert [o.taxon for o in figure_organisms(page)] == ["4932"]

    def test_metadata_when_text_is_silent(self) -> None:
        """Without names in the text, organisms and organisms_ner speak."""
        page = Page("f", figtitle="MAPK signalling", organisms=["Mus musculus"])
        assert [(o.taxon, o.evidence[0].field) for o in figure_organisms(page)] == [
            ("10090", "organisms")
        ]

    def test_hit_tables_last(self) -> None:
        """Hit-table organisms count only when nothing else names one."""
        hit = GeneHit("Adh", "ADH", "Adh", "ncbigene_symbol", "1", "7227", "D. melanogaster")
        page = Page("f", figtitle="Alcohol metabolism", gene_hits=[hit], has_hits=True)
        assert [(o.taxon, o.evidence[0].kind) for o in figure_organisms(page)] == [
            ("7227", "hit_table")
        ]

    def test_nothing(self) -> None:
        """No names anywhere: no organisms."""
        assert figure_organisms(Page("f", figtitle="MAPK signalling")) == ()

    def test_patients_are_human(self) -> None:
        """'patients' in a caption is strong evidence for human."""
        orgs = figure_organisms(Page("f", caption="Serum of patients with sepsis"))
        assert [(o.taxon, o.group) for o in orgs] == [("9606", OrganismGroup.HUMAN)]

    def test_in_report(self) -> None:
        """check_path reports the organisms in JSONL form."""
        d = check_path(YARROWIA).to_dict()
        assert d["organisms"][0]["taxon"] == "4952"
        assert d["organisms"][0]["group"] == "fungus"
        ev = d["organisms"][0]["evidence"][0]
        assert set(ev) == {"text", "start", "end", "field", "kind", "weight"}
        json.dumps(d)


class TestNonVertebrateOnly:
    @pytest.mark.parametrize("path", [RICE, YARROWIA, ECOLI])
    def test_non_vertebrate_pages(self, path: Path) -> None:
        """Plant, yeast and bacterial pages are about non-vertebrates only."""
        assert non_vertebrate_only(figure_organisms(read_page(path))) is not None

    @pytest.mark.parametrize("path", [MOUSE, PATIENTS, HELA])
    def test_vertebrate_pages(self, path: Path) -> None:
        """Mouse and human pages are not, nor a bacterial infection of human HeLa cells."""
        assert non_vertebrate_only(figure_organisms(read_page(path))) is None

    @pytest.mark.parametrize(
        ("caption", "expected"),
        [
            ("Flavonoid biosynthesis in Arabidopsis thaliana.", "Arabidopsis thaliana"),
            ("Toll pathway of the flour beetle Tribolium castaneum.", "Tribolium castaneum"),
            ("Toll pathway of the flour beetle.", None),  # a group word in a caption: too little
            ("Plant-derived compounds inhibit NF-kB.", None),  # one group word: too little
            ("E. coli infection of intestinal epithelial cells.", None),  # a vertebrate host
            ("Engineered yeast expressing human CYP3A4.", "Saccharomyces cerevisiae"),
            ("Viral entry into cells.", None),  # viruses live in a host: never enough alone
        ],
    )
    def test_made_up_captions(self, caption: str, expected: str | None) -> None:
        """Tricky captions."""
        got = non_vertebrate_only(figure_organisms(Page("f", caption=caption)))
        assert (got.name if got else None) == expected

    def test_metadata_alone_is_not_enough(self) -> None:
        """organisms_ner alone never makes a figure non-vertebrate."""
        page = Page("f", figtitle="Autophagy", organisms_ner=["Arabidopsis thaliana"])
        assert figure_organisms(page)[0].taxon == "3702"
        assert non_vertebrate_only(figure_organisms(page)) is None


class TestHumanGeneNamed:
    @pytest.mark.parametrize(
        ("text", "names", "span"),
        [
            ("yeast expressing human TP53", ["TP53"], "human TP53"),
            ("Homo sapiens CYP3A4 in yeast", ["CYP3A4"], "Homo sapiens CYP3A4"),
            ("human recombinant EPO", ["EPO"], "human recombinant EPO"),
            ("hTERT-immortalised cells", ["TERT"], "hTERT"),
            ("BAX (human) in yeast", ["BAX"], "BAX (human)"),
            ("human and yeast PHO85", ["PHO85"], None),
            ("the yeast CAD pathway", ["CAD"], None),
            ("humanized TP53 mice", ["TP53"], None),
            ("heart HEART", ["EART"], None),
        ],
    )
    def test_spans(self, text: str, names: list[str], span: str | None) -> None:
        """Explicit human genes are found; nothing else is."""
        got = human_gene_named(text, names)
        assert (text[got[0] : got[1]] if got else None) == span

    @pytest.mark.parametrize(
        ("text", "names"),
        [
            ("Yeast expressing HUMAN tp53 and hBAX", ["TP53", "BAX", "bax", "MDM2"]),
            ("yeast expressing human \u212aRAS", ["KRAS"]),  # the Kelvin sign folds to k
            ("yeast expressing human \u017fOS1", ["SOS1"]),  # the long s folds to s
            ("yeast expressing human KRAS", ["\u212aRAS", "K\u212aS"]),
            ("yeast expressing human TP53", ["", "tp53"]),
            ("β-catenin and human TP53 in yeast – a model", ["TP53", "CTNNB1", "tp53"]),
            ("yeast expressing human P\u0130K3CA and h\u0131RS", ["PIK3CA", "IRS"]),
            ("yeast expressing human PıK3CA", ["PIK3CA", "PiK3CA"]),
            ("yeast TP53, hTERT and HTERT", ["TP53", "TERT", "tert", "ERT"]),  # no "human"
            ("yeast TP53 and HOMO  Sapiens TP53", ["TP53", "MO"]),
            ("TERT (Human) and hhTERT", ["TERT", "hTERT", "HTERT"]),
            ("yeast KRAS and hKRAS", ["KRAS"]),  # no "human", a Kelvin sign
        ],
    )
    def test_as_the_patterns_alone(self, text: str, names: list[str]) -> None:
        """The quick test for a name absent from the text changes no answer."""
        from genenorm.organisms import _HUMAN_PREFIX

        def plain(name: str) -> tuple[int, int] | None:
            n = re.escape(name)
            pattern = (
                rf"(?<![\w-]){_HUMAN_PREFIX}{n}(?!\w)|(?<![\w-])h{n}(?!\w)"
                rf"|(?<![\w-]){n}\s*\(\s*human\s*\)"
            )
            for m in re.finditer(pattern, text, re.IGNORECASE):
                s = m.group(0)
                if (
                    not s.lower().startswith(("human", "homo"))
                    and s[:1] in "hH"
                    and (s[0] != "h" or not name[:1].isupper() or s[1:2] != name[:1])
                ):
                    continue
                return m.start(), m.end()
            return None

        for name in names:
            if name:
                assert human_gene_named(text, [name]) == plain(name)

    @settings(max_examples=500, deadline=None)
    @given(
        text=st.text(alphabet="hHumaonsapiTERTP53() -\u212a\u0130x", max_size=40),
        name=st.sampled_from(["TP53", "tp53", "TERT", "tert", "H", "an", "MAN", "ERT", "P5"]),
    )
    def test_as_the_patterns_alone_generated(self, text: str, name: str) -> None:
        """The quick tests (the name, "human"/"homo" or "h" + the name absent) change no
        answer on texts made of the letters the patterns read."""
        self.test_as_the_patterns_alone(text, [name])


class TestData:
    def test_table_is_loaded_once(self) -> None:
        """The default table is built once per lexicon."""
        assert organism_table() is organism_table(default_lexicon())
        assert len(organism_table()) > 50_000

    def test_manifest_lists_sources(self) -> None:
        """NCBI Taxonomy, MeSH and the curated list are named in the manifest."""
        names = {s["name"] for s in default_lexicon().manifest["sources"]}
        assert "NCBI Taxonomy (taxa.marisa)" in names
        assert "MeSH organism descriptors (B01-B05)" in names
        assert "curated list organism_words" in names

    def test_rows_are_well_formed(self) -> None:
        """Every row has a known group, a numeric taxon and a scientific-name row."""
        raw = gzip.decompress((default_data_dir() / "organisms.tsv.gz").read_bytes())
        lines = raw.decode("utf-8").splitlines()
        assert lines[0].split("\t") == ["key", "taxon", "source", "rank", "name", "group", "guard"]
        groups = {str(g) for g in OrganismGroup}
        scientific = set()
        taxa = set()
        for line in lines[1:]:
            _key, taxon, source, rank, name, group, guard = line.split("\t")
            assert taxon.isdigit()
            assert group in groups
            assert name
            assert rank in ("genus", "species", "other")
            assert guard in ("", "english", "gene")
            taxa.add(taxon)
            if source == "ncbi_scientific":
                scientific.add(taxon)
        assert taxa == scientific

    def test_curated_words_have_reasons(self) -> None:
        """Every curated organism word says why it is there."""
        path = TESTS.parent / "scripts" / "curated" / "organism_words.tsv"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or line.startswith("term\t"):
                continue
            term, taxon, reason = line.split("\t")
            assert term
            assert taxon.isdigit()
            assert len(reason) > 10

    def test_corrupted_table(self, tmp_path: Path) -> None:
        """A corrupted organisms table raises SnapshotError naming it."""
        data = Path(shutil.copytree(default_data_dir(), tmp_path / "data"))
        (data / "organisms.tsv.gz").write_bytes(b"garbage")
        with pytest.raises(SnapshotError, match=r"organisms\.tsv\.gz"):
            organism_table(Lexicon.from_dir(data))


def test_organisms_frame() -> None:
    """organisms_frame: one row per organism of each page, best first, with evidence."""
    from genenorm.frames import hits_frame, organisms_frame

    report = check_path(RICE)
    df = organisms_frame([report])
    assert list(df["taxon"]) == [o.taxon for o in report.organisms]
    assert df["group"].iloc[0] == "plant"
    assert "rice (figtitle:" in df["evidence"].iloc[0] or "rice (caption:" in df["evidence"].iloc[0]
    hits = hits_frame(report)
    assert list(hits["row"]) == list(range(1, len(report.hits) + 1))
    assert set(hits["organism_id"]) == {"9606"}
    assert list(hits["gene_id"])[:2] == [h.gene_id for h in report.hits[:2]]


def test_hits_carry_their_row_and_organism() -> None:
    """Two rows with the same word and symbol from different organisms stay apart."""
    from genenorm.check import check_page

    hits = [
        GeneHit("Akt", "AKT", "Akt1", "ncbigene_symbol", "11651", "10090", "Mus musculus", row=1),
        GeneHit("Akt", "AKT", "Akt1", "ncbigene_symbol", "11651", "10090", "Mus musculus", row=2),
        GeneHit("Akt", "AKT", "AKT1", "ncbigene_symbol", "207", "9606", "Homo sapiens", row=3),
    ]
    report = check_page(Page("f", figtitle="Akt in mice", gene_hits=hits, has_hits=True))
    got = [(h["row"], h["organism_id"], h["gene_id"]) for h in report.to_dict()["hits"]]
    assert got == [(1, "10090", "11651"), (2, "10090", "11651"), (3, "9606", "207")]
