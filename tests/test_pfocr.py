"""Tests for genenorm.pfocr: every PFOCR page and hit-table shape, the YAML traps and errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from genenorm.exceptions import PageError
from genenorm.models import ChemicalHit, DiseaseHit, GeneHit, Page
from genenorm.pfocr import (
    HitTable,
    canonical_figid,
    iter_pages,
    pages_from_hit_table,
    read_hit_table,
    read_hits,
    read_page,
    read_page_text,
)

WEBSITE = Path(__file__).parent / "data" / "pfocr-website"
FIGURES = WEBSITE / "_figures"
REFERENCE_ID = "PMC11987792__cancers-17-01167-g005"
REFERENCE = FIGURES / f"{REFERENCE_ID}.md"
REFERENCE_GENES = WEBSITE / "_data" / f"{REFERENCE_ID}-genes.tsv"
OLD_ID = "PMC100003__mb2410470011"
OLD = FIGURES / f"{OLD_ID}.md"
TABLE_2020 = (
    Path(__file__).resolve().parents[2] / "shared" / "samples" / "pfocr-2020" / "adrd_gene_hits.tsv"
)

REFERENCE_KEYWORDS = (
    "TCF23",
    "PGP",
    "ABCB1",
    "PGPEP1",
    "NLRP3",
    "PTEN",
    "BRCC3",
    "DEPDC1B",
    "MIR21",
    "NFKB1",
    "RPS16",
    "PIMREG",
    "BRSK2",
    "MIR3960",
    "ITK",
    "SLC22A3",
    "SOD1",
    "SOD2",
    "SOD3",
    "Carboplatin",
    "Cisplatin",
    "Nedaplatin",
    "Lobaplatin",
)

#: Plain scalars that YAML 1.1 would turn into booleans, None, numbers or dates.
YAML_TRAPS = (
    "NO",
    "ON",
    "YES",
    "OFF",
    "On",
    "NULL",
    "~",
    "1e5",
    "1.0e+5",
    "2-Sep",
    "0x1F",
    "010",
    "12:30",
    "2024-01-01",
)

HEADER_2020 = "figid\tpmcid\tword\tsymbol\tsource\thgnc_symbol\tentrez\n"


def page_text(keywords: str = "  - TP53\n", extra: str = "") -> str:
    """Return a minimal current-format page whose keyword list is ``keywords``."""
    return (
        "---\n"
        "figid: PMC1__fig1\n"
        "pmcid: PMC1\n"
        f"{extra}"
        "schema-jsonld:\n"
        "  '@type': Dataset\n"
        "  keywords:\n"
        f"{keywords}"
        "---\n"
    )


def write(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` (creating parents) and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    return path


def error_of(text: str) -> PageError:
    """Return the PageError that parsing ``text`` raises."""
    with pytest.raises(PageError) as info:
        read_page_text(text, path="page.md")
    return info.value


# --------------------------------------------------------------------------- reference page


def test_reference_page_keywords_in_order() -> None:
    """The reference page's schema-jsonld keywords are its 19 genes then its 4 chemicals."""
    page = read_page(REFERENCE)
    assert page.keywords == REFERENCE_KEYWORDS


def test_reference_page_fields() -> None:
    """The reference page keeps figid, pmcid, titles, caption, organisms and author keywords."""
    page = read_page(REFERENCE)
    assert page.figid == REFERENCE_ID
    assert page.path == str(REFERENCE)
    assert page.format == "website"
    assert page.pmcid == "PMC11987792"
    assert page.figtitle == "Exosome-mediated platinum drug resistance in breast cancer"
    assert page.caption.startswith("Exosome-mediated platinum drug resistance in breast cancer. ")
    assert "Oxaplatin, carboplatin,\ncisplatin" not in page.caption
    assert "Oxaplatin, carboplatin, cisplatin, lobaplatin, and nedaplatin" in page.caption
    assert "NF-Kβ signaling pathway—all these mechanisms" in page.caption
    assert page.caption.endswith("upward green arrow denotes upregulation")
    assert page.papertitle == (
        "Exosome-Mediated Cellular Communication in the Tumor Microenvironment "
        "Imparts Drug Resistance in Breast Cancer"
    )
    assert page.organisms == ()
    assert page.organisms_ner == ("Homo sapiens",)
    assert page.author_keywords == (
        "breast cancer",
        "drug resistance",
        "drug sensitization",
        "exosomes",
        "tumor microenvironment",
    )


def test_reference_page_gene_hits_from_data_table() -> None:
    """The website layout adds the 19 rows of the reference genes table, every column kept."""
    page = read_page(REFERENCE)
    assert page.has_hits
    assert len(page.gene_hits) == 19
    first = page.gene_hits[0]
    assert first == GeneHit(
        word="out",
        match="OUT",
        symbol="TCF23",
        source="ncbigene_synonym",
        gene_id="150921",
        organism_id="9606",
        organism_name="Homo sapiens",
        figid=REFERENCE_ID,
        row=1,
        raw=(
            ("organism_id", "9606"),
            ("organism_name", "Homo sapiens"),
            ("organism_group", "Primates"),
            ("word", "out"),
            ("match", "OUT"),
            ("ncbigene_symbol", "TCF23"),
            ("ncbigene_id", "150921"),
            ("source", "ncbigene_synonym"),
            ("count_direct", "7"),
            ("count_synonym", "10"),
            ("count_match", "13"),
        ),
    )
    pgp = [hit for hit in page.gene_hits if hit.word == "+P-gp"]
    assert [(h.match, h.symbol, h.source, h.row) for h in pgp] == [
        ("PGP", "PGP", "ncbigene_symbol", 2),
        ("PGP", "ABCB1", "ncbigene_synonym", 3),
        ("PGP", "PGPEP1", "ncbigene_synonym", 4),
    ]
    assert [h.row for h in page.gene_hits] == list(range(1, 20))


def test_reference_page_keywords_start_with_table_symbols() -> None:
    """The distinct gene symbols of the table, in row order, are the first keywords."""
    page = read_page(REFERENCE)
    symbols = tuple(dict.fromkeys(hit.symbol for hit in page.gene_hits))
    assert symbols == REFERENCE_KEYWORDS[:19]


def test_reference_page_chemical_hits() -> None:
    """The reference chemicals table gives four hits with ChEBI ids and NA read as None."""
    page = read_page(REFERENCE)
    assert [(c.word, c.chebi) for c in page.chemical_hits] == [
        ("Carboplatin", "chebi:31355"),
        ("Cisplatin", "chebi:27899"),
        ("Nedaplatin", "chebi:31898"),
        ("Lobaplatin", "chebi:192744"),
    ]
    assert page.chemical_hits[3] == ChemicalHit(
        word="Lobaplatin", mesh=None, match="lobaplatin", name=None, chebi="chebi:192744"
    )
    assert page.chemical_hits[1].name == "(SP-4-2)-diamminedichloridoplatinum"
    assert page.disease_hits == ()


def test_page_text_alone_has_no_hits() -> None:
    """read_page_text parses the same keywords but never looks for _data tables."""
    page = read_page_text(REFERENCE.read_text(encoding="utf-8"))
    assert page.path == "<stdin>"
    assert page.keywords == REFERENCE_KEYWORDS
    assert page.gene_hits == ()
    assert page.chemical_hits == ()
    assert not page.has_hits


def test_diseases_table_is_read() -> None:
    """A -diseases.tsv table gives disease hits, repeated rows kept and NA read as None."""
    page = read_page(FIGURES / "PMC10033547__fimmu-14-1063018-g008.md")
    assert page.disease_hits == (
        DiseaseHit(word="cartilage", mesh="mesh:D002357"),
        DiseaseHit(word="cartilage", mesh="mesh:D002357"),
    )
    assert page.chemical_hits[1] == ChemicalHit(
        "rapamycin", "mesh:D020123", "Sirolimus", "sirolimus", "chebi:9168"
    )


# --------------------------------------------------------------------------- old inline page


def test_old_inline_page() -> None:
    """An old page's inline genes and chemicals become hits of the 2020 human lexicon."""
    page = read_page_text(OLD.read_text(encoding="utf-8"), path=str(OLD))
    assert page.format == "website-inline"
    assert page.has_hits
    assert page.figid == OLD_ID
    assert page.pmcid == "PMC100003"
    assert page.organisms == ("Homo sapiens",)
    assert page.organisms_ner == ()
    assert page.author_keywords == ()
    assert page.keywords == ("GNAQ", "BMX", "PTK2", "AR", "SRC", "bombesin")
    assert len(page.gene_hits) == 5
    assert page.gene_hits[0] == GeneHit(
        word="Ga12,Gaq",
        match="G-ALPHA-q",
        symbol="GNAQ",
        source="hgnc_alias_symbol",
        gene_id="2776",
        organism_id="9606",
        organism_name="Homo sapiens",
        figid=OLD_ID,
        row=1,
        raw=(
            ("word", "Ga12,Gaq"),
            ("symbol", "G-ALPHA-q"),
            ("source", "hgnc_alias_symbol"),
            ("hgnc_symbol", "GNAQ"),
            ("entrez", "2776"),
        ),
    )
    assert [h.word for h in page.gene_hits] == ["Ga12,Gaq", "Etk", "FAK", "AR*", "(Src"]
    assert page.chemical_hits == (ChemicalHit(word="bombesin", mesh="mesh:D001839"),)
    assert page.caption == "Summary of the signaling pathway that connects neuropeptides to the AR."


def test_old_inline_page_data_table_wins() -> None:
    """When an old page also has a _data genes table, the table's rows replace inline genes."""
    page = read_page(OLD)
    assert page.format == "website-inline"
    assert page.has_hits
    assert len(page.gene_hits) == 8
    assert {h.organism_id for h in page.gene_hits} == {"7227"}
    assert page.gene_hits[0].symbol == "Galphaq"
    assert page.chemical_hits == (ChemicalHit(word="bombesin", mesh="mesh:D001839"),)


def test_inline_chemical_without_mesh_source() -> None:
    """An inline chemical with a non-MeSH source keeps its word but no MeSH id."""
    text = page_text(extra="chemicals:\n- word: X\n  source: pfocr\n  identifier: Q1\n")
    page = read_page_text(text)
    assert page.format == "website-inline"
    assert not page.has_hits
    assert page.chemical_hits == (ChemicalHit(word="X"),)


def test_inline_gene_without_word_is_an_error() -> None:
    """An inline gene lacking its word is reported with its index."""
    text = page_text(extra="genes:\n- symbol: AR\n  source: hgnc_symbol\n  hgnc_symbol: AR\n")
    error = error_of(text)
    assert "page.md" in str(error)
    assert "genes[0]" in str(error)
    assert "'word'" in str(error)


# --------------------------------------------------------------------------- the sample corpus


def test_every_sample_page_reads() -> None:
    """All 13 pages of tests/data read without error; every one has gene hits from a table."""
    pages = list(iter_pages([WEBSITE]))
    assert len(pages) == 13
    errors = [p for p in pages if isinstance(p, PageError)]
    assert errors == []
    for page in pages:
        assert isinstance(page, Page)
        assert page.has_hits, page.figid
        assert page.gene_hits, page.figid
        assert page.keywords, page.figid
        assert (FIGURES / f"{page.figid}.md").is_file()


def test_sample_keywords_start_with_distinct_table_symbols() -> None:
    """On every current-format page the keywords begin with the table's distinct symbols."""
    pages = [p for p in iter_pages(WEBSITE) if isinstance(p, Page) and p.format == "website"]
    assert len(pages) == 12
    for page in pages:
        symbols = tuple(dict.fromkeys(hit.symbol for hit in page.gene_hits))
        assert page.keywords[: len(symbols)] == symbols, page.figid


# --------------------------------------------------------------------------- YAML rules


@pytest.mark.parametrize("value", YAML_TRAPS)
def test_yaml_trap_keyword_stays_text(value: str) -> None:
    """A plain keyword that YAML 1.1 would resolve to a non-string keeps its exact text."""
    page = read_page_text(page_text(f"  - {value}\n  - TP53\n"))
    assert page.keywords == (value, "TP53")
    assert type(page.keywords[0]) is str


def test_yaml_traps_as_a_flow_list() -> None:
    """All traps in one flow-style keyword list stay text, in order."""
    # In a flow collection ``12:30`` is a key: value pair, so it is left out here.
    traps = tuple(value for value in YAML_TRAPS if ":" not in value)
    page = read_page_text(page_text(f"    [{', '.join(traps)}]\n"))
    assert page.keywords == traps


def test_yaml_traps_in_other_fields() -> None:
    """Plain scalars in other fields (pmcid, organisms, author keywords) stay text too."""
    text = (
        "---\nfigid: 010\npmcid: 0x1F\nfigtitle: YES\ncaption: 2024-01-01\n"
        "organisms: [On, NULL]\norganisms_ner: ~\nkeywords: NO\nyear: 2025\n---\n"
    )
    page = read_page_text(text)
    assert page.figid == "010"
    assert page.pmcid == "0x1F"
    assert page.figtitle == "YES"
    assert page.caption == "2024-01-01"
    assert page.organisms == ("On", "NULL")
    assert page.organisms_ner == ("~",)
    assert page.author_keywords == ("NO",)


def test_explicitly_tagged_scalars_stay_text() -> None:
    """Explicit !!int, !!bool, !!float, !!null and !!timestamp tags give the scalar's text."""
    keywords = "  - !!int 010\n  - !!bool yes\n  - !!float 1e5\n  - !!null ''\n"
    keywords += "  - !!timestamp 2024-01-01\n  - !!str ON\n"
    page = read_page_text(page_text(keywords))
    assert page.keywords == ("010", "yes", "1e5", "", "2024-01-01", "ON")


def test_merge_key_is_plain_text() -> None:
    """``<<`` is an ordinary plain scalar too: a merge key is kept as text, nothing is merged."""
    page = read_page_text("---\nbase: &b {pmcid: PMC9}\nfigid: X\n<<: *b\n---\n")
    assert page.pmcid is None
    assert read_page_text(page_text("  - <<\n  - =\n")).keywords == ("<<", "=")


def test_quoted_and_block_keywords_keep_exact_text() -> None:
    """Quoted keywords keep their text, including spaces a plain scalar would lose."""
    keywords = "  - 'NO'\n  - \"On\"\n  - ' padded '\n  - 'it''s'\n  - \"a\\\\b\"\n"
    page = read_page_text(page_text(keywords))
    assert page.keywords == ("NO", "On", " padded ", "it's", "a\\b")


def test_odd_unicode_survives_in_keywords() -> None:
    """NBSP, combining marks, emoji, RTL marks and escaped control characters survive exactly."""
    odd = (
        "TP53\u00a0",
        "Ae\u0301",
        "IL6\U0001f600",
        "\u200fBRCA1\u200e",
        "\u0627\u0644\u062c\u064a\u0646",
        "ΑΚΤ/ΡΚΒ",
        "TNF-α",
    )
    escaped = ('"a\\x07b"', '"\\x00\\x1b\\t"', '"\\u0085\\u2028"', '"tab\there"')
    lines = [f"  - {value}\n" for value in odd] + [f"  - {value}\n" for value in escaped]
    page = read_page_text(page_text("".join(lines)))
    assert page.keywords == (*odd, "a\x07b", "\x00\x1b\t", "\x85\u2028", "tab\there")


def test_odd_unicode_survives_a_file_round_trip(tmp_path: Path) -> None:
    """The same keywords read from a file, with a leading BOM and CRLF lines, are exact."""
    odd = ("X\u00a0", "e\u0301", "\U0001f9ec", "\u202eRTL", "Aß")
    body = page_text("".join(f'  - "{value}"\n' for value in odd)).replace("\n", "\r\n")
    path = tmp_path / "page.md"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    page = read_page(path)
    assert page.keywords == odd
    assert page.figid == "PMC1__fig1"


def test_safe_load_is_not_changed() -> None:
    """Importing genenorm.pfocr leaves PyYAML's own safe loader resolving YAML 1.1 types."""
    assert yaml.safe_load("a: NO\nb: 010\nc: ~") == {"a": False, "b": 8, "c": None}


def test_python_tags_are_refused() -> None:
    """A python/object tag is refused by the safe loader and reported with file and line."""
    error = error_of(page_text(extra="x: !!python/object/apply:os.system ['true']\n"))
    assert error.path == "page.md"
    assert error.line == 4
    assert str(error).startswith("page.md:4: ")


# --------------------------------------------------------------------------- errors


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    """Malformed YAML raises PageError with the file name and the 1-based file line."""
    path = write(tmp_path / "bad.md", "---\nfigid: X\ncaption: a\n  b: : c\nyear: '1'\n---\n")
    with pytest.raises(PageError) as info:
        read_page(path)
    assert info.value.path == str(path)
    assert info.value.line == 4
    assert str(info.value).startswith(f"{path}:4: malformed YAML front matter: ")


def test_unclosed_flow_list_names_both_lines() -> None:
    """An unclosed flow list names where it opened and where parsing gave up."""
    error = error_of("---\nfigid: X\ncaption: [a, b\nyear: '1'\n---\n")
    assert error.line == 4
    assert "from line 3" in str(error)


def test_raw_control_character_is_an_error_with_line() -> None:
    """A raw control character (not escaped) is malformed YAML, reported with its line."""
    error = error_of("---\nfigid: é\ncaption: 'a\x07b'\n---\n")
    assert error.line == 3
    assert "U+0007" in str(error)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("figid: X\n", "no YAML front matter"),
        ("", "no YAML front matter"),
        ("# title\n---\nfigid: X\n---\n", "no YAML front matter"),
        ("---\nfigid: X\n", "never closed"),
        ("---\n---\n", "not a mapping of fields (got empty)"),
        ("---\n- a\n- b\n---\n", "not a mapping of fields (got list)"),
        ("---\njust text\n---\n", "not a mapping of fields (got str)"),
        ("---\npmcid: PMC1\n---\n", "no 'figid'"),
        ("---\nfigid: [a]\n---\n", "'figid' must be text"),
        ("---\nfigid: X\nschema-jsonld: [a]\n---\n", "'schema-jsonld' must be a mapping"),
        ("---\nfigid: X\nschema-jsonld:\n  keywords: TP53\n---\n", "must be a list"),
        ("---\nfigid: X\nschema-jsonld:\n  keywords: {a: b}\n---\n", "must be a list"),
        ("---\nfigid: X\norganisms: {a: b}\n---\n", "'organisms' must be text or a list"),
        ("---\nfigid: X\ngenes: oops\n---\n", "'genes' must be a list"),
        ("---\nfigid: X\ngenes:\n- oops\n---\n", "genes[0] must be a mapping"),
    ],
)
def test_page_errors(text: str, fragment: str) -> None:
    """Each structural problem of a page raises a PageError with a clear message."""
    error = error_of(text)
    assert str(error).startswith("page.md:")
    assert fragment in str(error)
    assert error.path == "page.md"


@pytest.mark.parametrize(
    ("item", "index", "kind"),
    [
        ("  - [a, b]\n", 1, "a list"),
        ("  - {a: b}\n", 1, "a mapping"),
        ("  -\n    - x\n", 1, "a list"),
    ],
)
def test_non_scalar_keyword_names_its_index(item: str, index: int, kind: str) -> None:
    """A nested list or mapping among the keywords is reported with the file and its index."""
    error = error_of(page_text(f"  - TP53\n{item}  - EGFR\n"))
    assert "page.md" in str(error)
    assert f"index {index}" in str(error)
    assert kind in str(error)


def test_invalid_utf8_names_file_and_line(tmp_path: Path) -> None:
    """A page that is not UTF-8 raises PageError naming the file and the offending line."""
    path = tmp_path / "latin1.md"
    path.write_bytes(b"---\nfigid: X\ncaption: caf\xe9\n---\n")
    with pytest.raises(PageError) as info:
        read_page(path)
    assert info.value.path == str(path)
    assert info.value.line == 3
    assert str(path) in str(info.value)
    assert "UTF-8" in str(info.value)


def test_missing_file_is_a_page_error(tmp_path: Path) -> None:
    """A page that cannot be opened raises PageError naming it."""
    path = tmp_path / "absent.md"
    with pytest.raises(PageError, match=r"absent\.md: cannot read file"):
        read_page(path)


# --------------------------------------------------------------------------- iter_pages


def test_iter_pages_goes_on_after_a_bad_file(tmp_path: Path) -> None:
    """iter_pages yields a PageError for a bad file and still reads the files after it."""
    write(tmp_path / "a.md", page_text("  - A\n"))
    write(tmp_path / "b.md", "---\nfigid: [\n---\n")
    write(tmp_path / "sub" / "c.md", page_text("  - C\n"))
    write(tmp_path / "notes.txt", "not a page")
    results = list(iter_pages([tmp_path, tmp_path / "missing.md"]))
    assert len(results) == 4
    first, second, third, fourth = results
    assert isinstance(first, Page)
    assert first.keywords == ("A",)
    assert isinstance(second, PageError)
    assert second.path == str(tmp_path / "b.md")
    assert isinstance(third, Page)
    assert third.keywords == ("C",)
    assert third.path == str(tmp_path / "sub" / "c.md")
    assert isinstance(fourth, PageError)
    assert fourth.path == str(tmp_path / "missing.md")


def test_iter_pages_accepts_one_file() -> None:
    """A single path (not a list) is read as one page."""
    (page,) = iter_pages(REFERENCE)
    assert isinstance(page, Page)
    assert page.figid == REFERENCE_ID


# --------------------------------------------------------------------------- hit tables


def test_read_hits_website_table() -> None:
    """read_hits reads the website genes table, figid taken from the file name."""
    hits = read_hits(REFERENCE_GENES)
    assert len(hits) == 19
    assert hits == read_page(REFERENCE).gene_hits
    assert {h.figid for h in hits} == {REFERENCE_ID}
    assert hits[-1].symbol == "SOD3"
    assert hits[-1].source == "famplex_relations"
    table = read_hit_table(REFERENCE_GENES)
    assert table.format == "website"
    assert table.path == str(REFERENCE_GENES)
    assert table.columns[:3] == ("organism_id", "organism_name", "organism_group")
    assert len(table.columns) == 11
    assert all(tuple(dict(h.raw)) == table.columns for h in table.hits)


def test_website_table_na_is_none(tmp_path: Path) -> None:
    """NA in a website table's optional columns becomes None; a word NA stays text."""
    header = REFERENCE_GENES.read_text(encoding="utf-8").splitlines()[0]
    row = "NA\tNA\tNA\tNA\tNA\tNA\tNA\tncbigene_synonym\t1\t1\t1"
    path = write(tmp_path / "X-genes.tsv", f"{header}\n{row}\n")
    (hit,) = read_hits(path)
    assert hit.gene_id is None
    assert hit.organism_id is None
    assert hit.organism_name is None
    assert (hit.word, hit.match, hit.symbol) == ("NA", "NA", "NA")
    assert hit.figid == "X"


def test_2020_table_rows_and_fields(tmp_path: Path) -> None:
    """A 2020 table maps symbol to match, hgnc_symbol to symbol and entrez to gene_id."""
    path = write(
        tmp_path / "hits.tsv",
        HEADER_2020 + "PMC9__a.jpg\tPMC9\tOUT\tOUT\thgnc_alias_symbol\tTCF23\t150921\r\n",
    )
    table = read_hit_table(path)
    assert table.format == "2020"
    assert table.hits == (
        GeneHit(
            word="OUT",
            match="OUT",
            symbol="TCF23",
            source="hgnc_alias_symbol",
            gene_id="150921",
            organism_id="9606",
            organism_name="Homo sapiens",
            figid="PMC9__a.jpg",
            row=1,
            raw=(
                ("figid", "PMC9__a.jpg"),
                ("pmcid", "PMC9"),
                ("word", "OUT"),
                ("symbol", "OUT"),
                ("source", "hgnc_alias_symbol"),
                ("hgnc_symbol", "TCF23"),
                ("entrez", "150921"),
            ),
        ),
    )


def test_unknown_header_names_missing_columns(tmp_path: Path) -> None:
    """A table with an unknown header raises PageError naming the file and missing columns."""
    path = write(tmp_path / "odd.tsv", "word\tgene\nTP53\tTP53\n")
    with pytest.raises(PageError) as info:
        read_hits(path)
    message = str(info.value)
    assert str(path) in message
    assert "ncbigene_symbol" in message
    assert "hgnc_symbol" in message
    assert "figid" in message
    assert "word," not in message


def test_incomplete_known_header_names_missing_columns(tmp_path: Path) -> None:
    """A 2020 header without entrez is reported as a 2020 table missing that column."""
    path = write(tmp_path / "t.tsv", "figid\tpmcid\tword\tsymbol\tsource\thgnc_symbol\n")
    with pytest.raises(
        PageError, match=r"t\.tsv: not a 2020 hit table: missing column\(s\) entrez"
    ):
        read_hit_table(path)


def test_row_of_wrong_width_names_line(tmp_path: Path) -> None:
    """A data row with too few fields is reported with the file and its line."""
    path = write(tmp_path / "t.tsv", HEADER_2020 + "a\tb\tc\td\te\tf\tg\n\na\tb\n")
    with pytest.raises(PageError) as info:
        read_hits(path)
    assert info.value.line == 4
    assert str(info.value).startswith(f"{path}:4: 2 field(s)")


def test_empty_and_undecodable_tables(tmp_path: Path) -> None:
    """An empty table and a non-UTF-8 table raise PageError naming the file."""
    empty = write(tmp_path / "empty.tsv", "")
    with pytest.raises(PageError, match=r"empty\.tsv:1: no header row"):
        read_hits(empty)
    latin = tmp_path / "latin.tsv"
    latin.write_bytes(HEADER_2020.encode() + b"f\tp\tA\xdf\tASS\ts\tASS1\t445\n")
    with pytest.raises(PageError, match=r"latin\.tsv:2: not valid UTF-8"):
        read_hits(latin)


def test_blank_lines_are_skipped_and_rows_numbered(tmp_path: Path) -> None:
    """Blank lines are skipped; odd Unicode line separators inside a field do not split it."""
    rows = "f\tp\tA\u2028B\x85\tAB\ts\tAB\t1\n\nf\tp\tC\tC\ts\tC\t2\n\n"
    hits = read_hits(write(tmp_path / "t.tsv", HEADER_2020 + rows))
    assert [(h.word, h.row) for h in hits] == [("A\u2028B\x85", 1), ("C", 2)]


def test_pages_from_hit_table_groups_by_figid(tmp_path: Path) -> None:
    """Rows become one page per figid in first-seen order, keywords the distinct symbols."""
    rows = [
        "PMC2__b.jpg\tPMC2\tp53\tP53\tbioentities_symbol\tTP53\t7157",
        "PMC2__b.jpg\tPMC2\tp53\tP53\tbioentities_symbol\tTP63\t8626",
        "PMC1__a.png\tPMC1\tAKT\tAKT\tbioentities_symbol\tAKT1\t207",
        "PMC2__b.jpg\tPMC2\tTP53\tTP53\thgnc_symbol\tTP53\t7157",
    ]
    table = read_hit_table(write(tmp_path / "t.tsv", HEADER_2020 + "\n".join(rows) + "\n"))
    pages = pages_from_hit_table(table)
    assert [p.figid for p in pages] == ["PMC2__b.jpg", "PMC1__a.png"]
    first, second = pages
    assert first.format == "table"
    assert first.has_hits
    assert first.pmcid == "PMC2"
    assert first.keywords == ("TP53", "TP63")
    assert [h.row for h in first.gene_hits] == [1, 2, 4]
    assert first.path == str(tmp_path / "t.tsv")
    assert second.keywords == ("AKT1",)
    assert second.pmcid == "PMC1"


def test_pages_from_website_table() -> None:
    """A website genes table gives one page named after its file."""
    (page,) = pages_from_hit_table(read_hit_table(REFERENCE_GENES))
    assert page.figid == REFERENCE_ID
    assert page.pmcid == "PMC11987792"
    assert page.keywords == REFERENCE_KEYWORDS[:19]


def test_hit_table_is_frozen() -> None:
    """HitTable is an immutable value whose sequences are tuples."""
    table = HitTable(path="p", columns=["a"], format="2020", hits=[])
    assert table.columns == ("a",)
    assert table.hits == ()
    with pytest.raises(AttributeError):
        table.path = "q"  # type: ignore[misc]


# --------------------------------------------------------------------------- hits= and data_dir=


def test_explicit_hits_are_filtered_by_figid(tmp_path: Path) -> None:
    """hits= with a 2020 table keeps only this figure's rows, ignoring the image extension."""
    rows = [
        f"{REFERENCE_ID}.jpg\tPMC11987792\tPTEN\tPTEN\thgnc_symbol\tPTEN\t5728",
        "PMC1__other.jpg\tPMC1\tAKT\tAKT\tbioentities_symbol\tAKT1\t207",
        f"{REFERENCE_ID}.JPG\tPMC11987792\tBRCC3\tBRCC3\thgnc_symbol\tBRCC3\t79184",
        f"{REFERENCE_ID}-x.jpg\tPMC11987792\tSOD\tSOD\tbioentities_symbol\tSOD1\t6647",
    ]
    table = write(tmp_path / "hits.tsv", HEADER_2020 + "\n".join(rows) + "\n")
    page = read_page(REFERENCE, hits=table)
    assert [(h.symbol, h.row) for h in page.gene_hits] == [("PTEN", 1), ("BRCC3", 3)]
    assert page.has_hits
    assert len(page.chemical_hits) == 4


def test_explicit_hits_without_this_figure(tmp_path: Path) -> None:
    """hits= naming a table without this figure's rows gives no gene hits, but has_hits."""
    table = write(tmp_path / "hits.tsv", HEADER_2020 + "PMC1__o.jpg\tPMC1\tA\tA\ts\tA\t1\n")
    page = read_page_text(REFERENCE.read_text(encoding="utf-8"))
    assert not page.has_hits
    from_file = read_page(REFERENCE, hits=table)
    assert from_file.gene_hits == ()
    assert from_file.has_hits


def test_explicit_website_table_is_used_whole(tmp_path: Path) -> None:
    """hits= with a website table (no figid column) uses all its rows, even for another page."""
    page = read_page(OLD, hits=REFERENCE_GENES)
    assert len(page.gene_hits) == 19
    assert page.gene_hits[0].symbol == "TCF23"


def test_data_dir_overrides_the_layout(tmp_path: Path) -> None:
    """data_dir= says where the tables are; outside the layout no tables are looked up."""
    page_path = tmp_path / "pages" / f"{REFERENCE_ID}.md"
    page_path.parent.mkdir()
    shutil.copy(REFERENCE, page_path)
    alone = read_page(page_path)
    assert not alone.has_hits
    assert alone.gene_hits == ()
    with_tables = read_page(page_path, data_dir=WEBSITE / "_data")
    assert with_tables.has_hits
    assert len(with_tables.gene_hits) == 19
    assert len(with_tables.chemical_hits) == 4
    elsewhere = read_page(REFERENCE, data_dir=tmp_path)
    assert not elsewhere.has_hits
    assert elsewhere.chemical_hits == ()


def test_layout_tables_follow_the_file_name_then_the_figid(tmp_path: Path) -> None:
    """In the layout, tables are found under the page's file name, else under its figid."""
    root = tmp_path / "site"
    header = REFERENCE_GENES.read_text(encoding="utf-8").splitlines()[0]
    row = "9606\tHomo sapiens\tPrimates\tp53\tP53\t{}\t7157\tncbigene_synonym\t1\t1\t1"
    write(root / "_data" / "F1-genes.tsv", f"{header}\n{row.format('BY_NAME')}\n")
    write(root / "_data" / "PMC1__fig1-genes.tsv", f"{header}\n{row.format('BY_FIGID')}\n")
    by_name = read_page(write(root / "_figures" / "F1.md", page_text()))
    assert by_name.figid == "PMC1__fig1"
    assert [h.symbol for h in by_name.gene_hits] == ["BY_NAME"]
    by_figid = read_page(write(root / "_figures" / "F2.md", page_text()))
    assert [h.symbol for h in by_figid.gene_hits] == ["BY_FIGID"]


def test_figid_cannot_point_outside_the_data_directory(tmp_path: Path) -> None:
    """A figid holding a path is not used to look for tables."""
    root = tmp_path / "site"
    header = REFERENCE_GENES.read_text(encoding="utf-8").splitlines()[0]
    row = "9606\tHomo sapiens\tPrimates\tp53\tP53\tTP53\t7157\tncbigene_synonym\t1\t1\t1"
    write(tmp_path / "secret-genes.tsv", f"{header}\n{row}\n")
    (root / "_data").mkdir(parents=True)
    page = read_page(write(root / "_figures" / "F1.md", "---\nfigid: ../../secret\n---\n"))
    assert page.figid == "../../secret"
    assert not page.has_hits


def test_canonical_figid() -> None:
    """canonical_figid drops only an image extension."""
    assert canonical_figid("PMC1087184__JCI0525100.f2.jpg") == "PMC1087184__JCI0525100.f2"
    assert canonical_figid("PMC1__a.PNG") == "PMC1__a"
    assert canonical_figid("PMC1__a.gif") == "PMC1__a"
    assert canonical_figid("PMC1087184__JCI0525100.f2") == "PMC1087184__JCI0525100.f2"


# --------------------------------------------------------------------------- the 2020 sample


@pytest.fixture(name="table_2020")
def fixture_table_2020() -> Path:
    """Return the shared 2020 ADRD hit table, skipping when the shared samples are absent."""
    if not TABLE_2020.is_file():
        pytest.skip(f"shared sample {TABLE_2020} not present")
    return TABLE_2020


def test_2020_sample_table(table_2020: Path) -> None:
    """The 2020 ADRD sample gives 90,719 hits from 2,659 figures in first-seen order."""
    table = read_hit_table(table_2020)
    assert table.format == "2020"
    assert table.columns == tuple(HEADER_2020.split())
    assert len(table.hits) == 90_719
    assert table.hits[0].figid == "PMC101920__jb1500344001.jpg"
    assert table.hits[0].symbol == "TCF23"
    assert table.hits[-1].row == 90_719
    pages = pages_from_hit_table(table)
    assert len(pages) == 2_659
    assert sum(len(p.gene_hits) for p in pages) == 90_719
    assert pages[0].figid == "PMC101920__jb1500344001.jpg"
    assert pages[0].pmcid == "PMC101920"
    assert all(p.pmcid and p.figid.startswith(f"{p.pmcid}__") for p in pages)
    sources = {h.source for h in table.hits}
    assert sources == {
        "hgnc_symbol",
        "hgnc_alias_symbol",
        "hgnc_prev_symbol",
        "bioentities_symbol",
    }
    sharp_s = [h for h in table.hits if h.word == "Aß"]
    assert sharp_s
    assert {h.symbol for h in sharp_s} == {"ASS1"}


class TestFromContent:
    """Tables and pages given as content (the HTTP API's inputs), not as files."""

    def test_table_text_equals_file(self) -> None:
        """`read_hit_table_text` reads what `read_hit_table` reads from the file."""
        from genenorm.pfocr import read_hit_table_text

        for path in sorted((WEBSITE / "_data").glob("*-genes.tsv")):
            from_file = read_hit_table(path)
            from_text = read_hit_table_text(path.read_text("utf-8"), name=str(path))
            assert from_text == from_file

    def test_rows_fill_missing_columns_with_na(self) -> None:
        """JSON rows: columns in first-seen order, absent or null values as NA, numbers as text."""
        from genenorm.pfocr import hit_table_from_rows

        rows = [
            {"figid": "F1.jpg", "pmcid": "P1", "word": "out", "symbol": "TCF23",
             "source": "hgnc_alias_symbol", "hgnc_symbol": "TCF23", "entrez": 150921},
            {"figid": "F1.jpg", "pmcid": "P1", "word": "p53", "symbol": "TP53",
             "source": "hgnc_alias_symbol", "hgnc_symbol": "TP53", "entrez": None, "extra": "x"},
        ]  # fmt: skip
        table = hit_table_from_rows(rows)
        assert table.format == "2020"
        assert table.columns[-1] == "extra"
        assert [h.gene_id for h in table.hits] == ["150921", None]
        assert dict(table.hits[0].raw)["extra"] == "NA"

    @pytest.mark.parametrize(
        ("rows", "message"),
        [([], "no hit rows"), ([{"word": "out"}], "unknown hit-table header")],
    )
    def test_rows_of_no_format(self, rows: list[dict[str, object]], message: str) -> None:
        """Rows that make no hit table raise `PageError` naming the input."""
        from genenorm.pfocr import hit_table_from_rows

        with pytest.raises(PageError, match=message):
            hit_table_from_rows(rows, name="body")

    def test_page_from_fields(self) -> None:
        """Front-matter fields as a mapping give the page the text would give."""
        from genenorm.pfocr import page_from_fields

        text = (WEBSITE / "_figures" / "PMC11987792__cancers-17-01167-g005.md").read_text("utf-8")
        fields = yaml.safe_load(text.split("---")[1])
        assert page_from_fields(fields, path="x") == read_page_text(text, path="x")
        with pytest.raises(PageError, match="'figid' must be text"):
            page_from_fields({"figid": 7}, path="x")
