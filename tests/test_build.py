"""Building a data directory from a user's HGNC download, in both of HGNC's file shapes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from genenorm import SnapshotError, Status
from genenorm._build import HgncRecord, build_user_snapshot, read_hgnc
from genenorm.cli import main
from genenorm.lexicon import Lexicon, default_data_dir, read_manifest
from genenorm.resolver import Resolver

# --------------------------------------------------------------------------- fixtures

# HGNC's official hgnc_complete_set.txt: lower-case columns (a subset, in HGNC's order),
# list cells joined by "|" and double-quoted when they hold several values.
COMPLETE_COLUMNS = (
    "hgnc_id", "symbol", "name", "locus_group", "locus_type", "status", "location",
    "location_sortable", "alias_symbol", "alias_name", "prev_symbol", "prev_name",
    "gene_group", "gene_group_id", "date_approved_reserved", "date_symbol_changed",
    "date_name_changed", "date_modified", "entrez_id", "ensembl_gene_id", "vega_id",
    "ucsc_id", "ena", "refseq_accession", "ccds_id", "uniprot_ids", "pubmed_id", "mgd_id",
)  # fmt: skip
PROTEIN = ("protein-coding gene", "gene with protein product")
COMPLETE_ROWS = [
    # hgnc_id, symbol, name, locus group/type, alias_symbol, prev_symbol, entrez, ensembl, uniprot
    ("HGNC:5", "A1BG", "alpha-1-B glycoprotein", PROTEIN, "", "", "1", "ENSG00000121410", "P04217"),
    (
        "HGNC:37133", "A1BG-AS1", "A1BG antisense RNA 1", ("non-coding RNA", "RNA, long non-coding"),
        "FLJ23569", '"NCRNA00181|A1BGAS|A1BG-AS"', "503538", "ENSG00000268895", "",
    ),
    (
        "HGNC:11577", "TAFAZZIN", "tafazzin, phospholipid-lysophospholipid transacylase", PROTEIN,
        '"EFE2|BTHS|XAP-2|CMD3A|LVNCX|G4.5"', "TAZ", "6901", "ENSG00000102125", "Q16635",
    ),
    (
        "HGNC:12469", "UBA1", "ubiquitin like modifier activating enzyme 1", PROTEIN,
        '"UBE1|CFAP124"', '"A1S9T|UBE1X|GXP1"', "7317", "ENSG00000130985", "P22314",
    ),
    (
        "HGNC:24042", "WWTR1", "WW domain containing transcription regulator 1", PROTEIN,
        "TAZ", "", "25937", "ENSG00000018408", '"Q9GZV5|B4DQE6"',
    ),
    (
        "HGNC:25483", "PIMREG", "PICALM interacting mitotic regulator", PROTEIN,
        '"FLJ10156|CATS|RCS1"', "FAM64A", "54478", "ENSG00000129195", "Q9BSJ6",
    ),
]  # fmt: skip
# HGNC's withdrawn.txt: one merged symbol, one split, one entry withdrawn outright.
WITHDRAWN_TXT = (
    "HGNC_ID\tSTATUS\tWITHDRAWN_SYMBOL\tMERGED_INTO_REPORT(S) (i.e HGNC_ID|SYMBOL|STATUS)\n"
    "HGNC:1\tEntry Withdrawn\tA12M1\t\n"
    "HGNC:6\tMerged/Split\tOLDUBA\tHGNC:12469|UBA1|Approved\n"
    "HGNC:40\tMerged/Split\tSPLITME\tHGNC:5|A1BG|Approved, HGNC:24042|WWTR1|Approved\n"
)

# A custom download from genenames.org: title-case headers, lists comma-separated, and the
# withdrawn entries in the same table.
CUSTOM_HEADER = (
    "HGNC ID\tApproved symbol\tApproved name\tStatus\tAlias symbols\tPrevious symbols\t"
    "NCBI Gene ID(supplied by NCBI)\tEnsembl gene ID\tLocus type\n"
)


def _withdrawn_name(hgnc_id: str) -> str:
    return f"symbol withdrawn, see [{hgnc_id}](/data/gene-symbol-report/#!/hgnc_id/{hgnc_id})"


def _custom_text() -> str:
    lines = [CUSTOM_HEADER]
    for hid, sym, name, (_group, ltype), alias, prev, entrez, ensembl, _up in COMPLETE_ROWS:
        aliases = alias.strip('"').replace("|", ", ")
        previous = prev.strip('"').replace("|", ", ")
        lines.append(
            f"{hid}\t{sym}\t{name}\tApproved\t{aliases}\t{previous}\t{entrez}\t{ensembl}\t{ltype}\n"
        )
    lines.append("HGNC:1\tA12M1\tadenovirus-12 chromosome modification site 1C\tEntry Withdrawn\t\t\t\t\tunknown\n")  # fmt: skip
    lines.append(f"HGNC:6\tOLDUBA\t{_withdrawn_name('HGNC:12469')}\tSymbol Withdrawn\t\t\t\t\tunknown\n")  # fmt: skip
    split = "symbol withdrawn, see [HGNC:5](/data/gene-symbol-report/#!/hgnc_id/HGNC:5), [HGNC:24042](/data/gene-symbol-report/#!/hgnc_id/HGNC:24042)"  # fmt: skip
    lines.append(f"HGNC:40\tSPLITME\t{split}\tSymbol Withdrawn\t\t\t\t\tunknown\n")
    return "".join(lines)


def _complete_text() -> str:
    lines = ["\t".join(COMPLETE_COLUMNS) + "\n"]
    for hid, sym, name, (group, ltype), alias, prev, entrez, ensembl, up in COMPLETE_ROWS:
        cells = dict.fromkeys(COMPLETE_COLUMNS, "")
        cells.update(
            hgnc_id=hid, symbol=sym, name=name, locus_group=group, locus_type=ltype,
            status="Approved", location="1p1", location_sortable="01p1", alias_symbol=alias,
            prev_symbol=prev, prev_name='"old name 1|old name 2"' if prev else "",
            gene_group='"Some group|Other group"', gene_group_id='"1|2"',
            date_approved_reserved="1989-06-30", entrez_id=entrez, ensembl_gene_id=ensembl,
            uniprot_ids=up, pubmed_id='"2591067|123"', mgd_id='"MGI:1|MGI:2"',
        )  # fmt: skip
        lines.append("\t".join(cells.values()) + "\n")
    return "".join(lines)


@pytest.fixture(name="complete")
def _complete(tmp_path: Path) -> tuple[Path, Path]:
    """An official-shape ``hgnc_complete_set.txt`` and ``withdrawn.txt``."""
    hgnc, withdrawn = tmp_path / "hgnc_complete_set.txt", tmp_path / "withdrawn.txt"
    hgnc.write_text(_complete_text(), encoding="utf-8")
    withdrawn.write_text(WITHDRAWN_TXT, encoding="utf-8")
    return hgnc, withdrawn


@pytest.fixture(name="custom")
def _custom(tmp_path: Path) -> Path:
    """A custom-download TSV with withdrawn rows."""
    path = tmp_path / "hgnc_custom.tsv"
    path.write_text(_custom_text(), encoding="utf-8")
    return path


def by_symbol(records: list[HgncRecord]) -> dict[str, HgncRecord]:
    return {r.symbol: r for r in records}


# --------------------------------------------------------------------------- read_hgnc


class TestReadHgnc:
    """``read_hgnc`` in both shapes."""

    def test_complete_set_lists_unquoted(self, complete: tuple[Path, Path]) -> None:
        """The official file's quoted, pipe-joined lists become clean tuples."""
        recs = by_symbol(read_hgnc(*complete))
        assert recs["A1BG-AS1"].previous == ("NCRNA00181", "A1BGAS", "A1BG-AS")
        assert recs["A1BG-AS1"].aliases == ("FLJ23569",)
        assert recs["UBA1"].aliases == ("UBE1", "CFAP124")
        assert recs["PIMREG"].previous == ("FAM64A",)
        assert recs["WWTR1"].uniprot == ("Q9GZV5", "B4DQE6")
        assert recs["A1BG"].aliases == ()
        for r in recs.values():
            assert not any('"' in x for x in (*r.aliases, *r.previous, *r.uniprot)), r

    def test_complete_set_fields(self, complete: tuple[Path, Path]) -> None:
        """Approved rows keep name, locus type and identifiers."""
        a1bg = by_symbol(read_hgnc(*complete))["A1BG"]
        assert a1bg == HgncRecord(
            hgnc_id="HGNC:5", symbol="A1BG", name="alpha-1-B glycoprotein", status="approved",
            locus_type="gene with protein product", entrez="1", ensembl="ENSG00000121410",
            uniprot=("P04217",),
        )  # fmt: skip

    def test_withdrawn_txt(self, complete: tuple[Path, Path]) -> None:
        """withdrawn.txt gives withdrawn records with their successors (none when withdrawn)."""
        recs = by_symbol(read_hgnc(*complete))
        assert recs["OLDUBA"].status == "withdrawn"
        assert recs["OLDUBA"].successors == ("HGNC:12469",)
        assert recs["SPLITME"].successors == ("HGNC:5", "HGNC:24042")
        assert recs["A12M1"].successors == ()
        assert recs["A12M1"].name == "entry withdrawn"

    def test_custom_download(self, custom: Path) -> None:
        """Comma-separated lists and withdrawn rows with markdown links."""
        recs = by_symbol(read_hgnc(custom))
        assert recs["A1BG-AS1"].previous == ("NCRNA00181", "A1BGAS", "A1BG-AS")
        assert recs["TAFAZZIN"].aliases == ("EFE2", "BTHS", "XAP-2", "CMD3A", "LVNCX", "G4.5")
        assert recs["OLDUBA"].successors == ("HGNC:12469",)
        assert recs["OLDUBA"].name == "symbol withdrawn, see HGNC:12469"
        assert recs["SPLITME"].successors == ("HGNC:5", "HGNC:24042")
        assert recs["A12M1"] == HgncRecord(
            hgnc_id="HGNC:1", symbol="A12M1", status="withdrawn",
            name="adenovirus-12 chromosome modification site 1C",
        )  # fmt: skip

    def test_shapes_agree(self, complete: tuple[Path, Path], custom: Path) -> None:
        """Both shapes of the same data give the same genes, in HGNC-number order."""

        def facts(r: HgncRecord) -> tuple[object, ...]:
            return (r.hgnc_id, r.symbol, r.status, r.locus_type, r.entrez, r.ensembl,
                    r.aliases, r.previous, r.successors)  # fmt: skip

        official = read_hgnc(*complete)
        assert [facts(r) for r in official] == [facts(r) for r in read_hgnc(custom)]
        assert [int(r.hgnc_id[5:]) for r in official] == [1, 5, 6, 40, 11577, 12469, 24042, 25483, 37133]  # fmt: skip

    def test_gzipped_and_crlf(self, tmp_path: Path, custom: Path) -> None:
        """A gzipped file, a BOM and CRLF line ends read the same."""
        text = "\ufeff" + custom.read_text(encoding="utf-8").replace("\n", "\r\n")
        gz = tmp_path / "hgnc.tsv.gz"
        gz.write_bytes(gzip.compress(text.encode("utf-8")))
        assert read_hgnc(gz) == read_hgnc(custom)

    def test_withdrawn_file_does_not_override(self, tmp_path: Path, custom: Path) -> None:
        """A record already in the main file is kept as the main file says."""
        withdrawn = tmp_path / "withdrawn.txt"
        withdrawn.write_text(WITHDRAWN_TXT.replace("A12M1", "OTHER"), encoding="utf-8")
        assert by_symbol(read_hgnc(custom, withdrawn))["A12M1"].hgnc_id == "HGNC:1"
        assert "OTHER" not in by_symbol(read_hgnc(custom, withdrawn))


class TestReadErrors:
    """Files that are not HGNC files raise :class:`SnapshotError` naming them."""

    @pytest.mark.parametrize(
        "content",
        [
            "figid\tpmcid\tword\tsymbol\nPMC1\tPMC1\tTP53\tTP53\n",
            "",
            "just some text\n",
            "hgnc_id\tsymbol\nHGNC:5\tA1BG\n",  # no status column
        ],
    )
    def test_not_hgnc(self, tmp_path: Path, content: str) -> None:
        """Missing columns: not an HGNC file."""
        path = tmp_path / "table.tsv"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(SnapshotError, match="not an HGNC file") as info:
            read_hgnc(path)
        assert str(path) in str(info.value)
        assert info.value.path == str(path)

    def test_bad_row(self, tmp_path: Path) -> None:
        """A row without a proper HGNC ID is reported with its line."""
        path = tmp_path / "hgnc.tsv"
        path.write_text("hgnc_id\tsymbol\tstatus\nHGNC:5\tA1BG\tApproved\n5\tX\tApproved\n")
        with pytest.raises(SnapshotError, match=r"hgnc\.tsv, line 3: bad HGNC row"):
            read_hgnc(path)

    def test_not_utf8(self, tmp_path: Path) -> None:
        """Binary junk is not UTF-8 text."""
        path = tmp_path / "hgnc.bin"
        path.write_bytes(b"hgnc_id\tsymbol\tstatus\n\xff\xfe\x00")
        with pytest.raises(SnapshotError, match="not UTF-8") as info:
            read_hgnc(path)
        assert str(path) in str(info.value)

    @pytest.mark.parametrize("damage", ["truncate", "flip"])
    def test_broken_gzip(self, tmp_path: Path, custom: Path, damage: str) -> None:
        """A damaged gzipped download is refused, whatever the damage."""
        raw = bytearray(gzip.compress(custom.read_bytes(), mtime=0))
        if damage == "truncate":
            del raw[len(raw) // 2 :]
        else:
            raw[20] ^= 0xFF  # inside the deflate stream: zlib.error, not OSError
        path = tmp_path / "hgnc.tsv.gz"
        path.write_bytes(bytes(raw))
        with pytest.raises(SnapshotError, match="not a readable gzip file") as info:
            read_hgnc(path)
        assert info.value.path == str(path)

    def test_not_withdrawn_txt(self, tmp_path: Path, custom: Path) -> None:
        """A --withdrawn file without HGNC's columns is refused, naming it."""
        path = tmp_path / "withdrawn.txt"
        path.write_text("a\tb\n1\t2\n", encoding="utf-8")
        with pytest.raises(SnapshotError, match=r"not an HGNC withdrawn\.txt") as info:
            read_hgnc(custom, path)
        assert str(path) in str(info.value)

    @pytest.mark.parametrize("row", ["foo\tZZ\t", "\tZZ\t", "HGNC:x\tZZ\t", "HGNC:9\t\t"])
    def test_bad_withdrawn_row(self, tmp_path: Path, custom: Path, row: str) -> None:
        """A --withdrawn row without a proper HGNC ID or symbol is reported with its line
        (it crashed the build's sort: exit 70); a blank line is skipped."""
        path = tmp_path / "withdrawn.txt"
        header = "HGNC_ID\tWITHDRAWN_SYMBOL\tMERGED_INTO_REPORT(S)\n"
        path.write_text(f"{header}\nHGNC:7\tOLD7\t\n{row}\n", encoding="utf-8")
        with pytest.raises(SnapshotError, match=r"withdrawn\.txt, line 4: bad withdrawn row"):
            read_hgnc(custom, path)


# --------------------------------------------------------------------------- build


def resolve_in(data_dir: Path, *terms: str) -> dict[str, tuple[Status, str | None, list[str]]]:
    resolver = Resolver.from_dir(data_dir)
    return {
        r.query: (r.status, r.symbol, [c.symbol for c in r.candidates])
        for r in resolver.resolve_many(terms)
    }


EXPECTED = {
    "FAM64A": (Status.PREVIOUS, "PIMREG", ["PIMREG"]),
    "fam64a": (Status.PREVIOUS, "PIMREG", ["PIMREG"]),
    "A1BG": (Status.APPROVED, "A1BG", ["A1BG"]),
    "A1BGAS": (Status.PREVIOUS, "A1BG-AS1", ["A1BG-AS1"]),
    "OLDUBA": (Status.WITHDRAWN, "UBA1", ["UBA1"]),
    "SPLITME": (Status.WITHDRAWN, None, ["A1BG", "WWTR1"]),
    "A12M1": (Status.WITHDRAWN, None, []),
    "TAZ": (Status.AMBIGUOUS, None, ["TAFAZZIN", "WWTR1"]),
    "TP53": (Status.NOT_FOUND, None, []),  # not in the synthetic table
}


class TestBuild:
    """``build_user_snapshot``."""

    @pytest.mark.parametrize("shape", ["complete", "custom"])
    def test_resolves(
        self, tmp_path: Path, shape: str, complete: tuple[Path, Path], custom: Path
    ) -> None:
        """The built directory loads and resolves renamed, merged and withdrawn symbols."""
        if shape == "complete":
            out = build_user_snapshot(complete[0], tmp_path / "out", withdrawn=complete[1])
        else:
            out = build_user_snapshot(custom, tmp_path / "out")
        assert out == tmp_path / "out"
        assert resolve_in(out, *EXPECTED) == EXPECTED
        assert len(Lexicon.from_dir(out)) == 9

    def test_a12m1_is_a_withdrawn_entry(self, tmp_path: Path, custom: Path) -> None:
        """An entry withdrawn outright resolves to no gene."""
        r = Resolver.from_dir(build_user_snapshot(custom, tmp_path / "out")).resolve("a12m1")
        assert (r.status, r.symbol, r.hgnc_id, r.candidates) == (Status.WITHDRAWN, None, None, ())

    def test_both_shapes_give_the_same_index(
        self, tmp_path: Path, complete: tuple[Path, Path], custom: Path
    ) -> None:
        """The key index compiled from either shape is byte-identical."""
        a = build_user_snapshot(complete[0], tmp_path / "a", withdrawn=complete[1])
        b = build_user_snapshot(custom, tmp_path / "b")
        assert (a / "hgnc_keys.tsv.gz").read_bytes() == (b / "hgnc_keys.tsv.gz").read_bytes()

    def test_byte_identical(self, tmp_path: Path, complete: tuple[Path, Path]) -> None:
        """Building twice gives byte-identical files, manifest included."""
        a = build_user_snapshot(
            complete[0], tmp_path / "a", withdrawn=complete[1], version="2026-11-01"
        )
        b = build_user_snapshot(
            complete[0], tmp_path / "b", withdrawn=complete[1], version="2026-11-01"
        )
        names = sorted(p.name for p in a.iterdir())
        assert names == sorted(p.name for p in b.iterdir())
        assert "manifest.json" in names
        for name in names:
            assert (a / name).read_bytes() == (b / name).read_bytes(), name

    def test_rebuild_in_place_is_identical(self, tmp_path: Path, custom: Path) -> None:
        """Building again into the same directory changes nothing."""
        out = build_user_snapshot(custom, tmp_path / "out")
        before = {p.name: p.read_bytes() for p in out.iterdir()}
        build_user_snapshot(custom, out)
        assert {p.name: p.read_bytes() for p in out.iterdir()} == before

    def test_manifest(self, tmp_path: Path, complete: tuple[Path, Path]) -> None:
        """The manifest records the user's HGNC files and keeps the other sources."""
        out = build_user_snapshot(
            complete[0], tmp_path / "out", withdrawn=complete[1], version="2026-11-01",
            date="2026-11-01",
        )  # fmt: skip
        manifest = read_manifest(out)
        shipped = read_manifest(default_data_dir())
        assert manifest["release"] == "HGNC 2026-11-01"
        assert manifest["keys"] == shipped["keys"]
        assert manifest["files"]["hgnc.tsv.gz"]["rows"] == 9
        names = [s["name"] for s in manifest["sources"]]
        assert names[:2] == ["HGNC", "HGNC withdrawn"]
        assert names[2:] == [s["name"] for s in shipped["sources"] if s["name"] != "HGNC"]
        hgnc = manifest["sources"][0]
        assert "CC0" in hgnc["licence"]
        assert hgnc["rows"] == 9
        import hashlib

        assert hgnc["sha256"] == hashlib.sha256(complete[0].read_bytes()).hexdigest()
        for name in shipped["files"]:
            if not name.startswith("hgnc"):
                assert manifest["files"][name] == shipped["files"][name]
        # every file is verified on load
        lex = Lexicon.from_dir(out)
        assert lex.chemical("aspirin") is not None

    def test_non_hgnc_file(self, tmp_path: Path) -> None:
        """A non-HGNC input raises SnapshotError naming it, and writes nothing."""
        path = tmp_path / "figure_hits.tsv"
        path.write_text("figid\tword\tsymbol\nPMC1\tTP53\tTP53\n", encoding="utf-8")
        with pytest.raises(SnapshotError, match="not an HGNC file") as info:
            build_user_snapshot(path, tmp_path / "out")
        assert str(path) in str(info.value)
        assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- CLI


class TestCli:
    """``genenorm data build``, then ``resolve --data`` and ``data info --data``."""

    def test_build_resolve_info(
        self, tmp_path: Path, complete: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The README's refresh recipe, end to end."""
        hgnc, withdrawn = complete
        out = tmp_path / "mydata"
        argv = ["data", "build", "--hgnc", str(hgnc), "--withdrawn", str(withdrawn)]
        assert main([*argv, "--out", str(out), "--release", "2026-11-01"]) == 0
        captured = capsys.readouterr()
        assert captured.out == ""
        assert f"wrote {out}" in captured.err
        assert "HGNC 2026-11-01" in captured.err

        assert main(["resolve", "--data", str(out), "FAM64A", "OLDUBA", "A12M1", "--format", "jsonl"]) == 0  # fmt: skip
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [(r["query"], r["status"], r["symbol"]) for r in rows] == [
            ("FAM64A", "previous", "PIMREG"),
            ("OLDUBA", "withdrawn", "UBA1"),
            ("A12M1", "withdrawn", None),
        ]
        assert {r["release"] for r in rows} == {"HGNC 2026-11-01"}

        assert main(["data", "info", "--data", str(out)]) == 0
        info = capsys.readouterr().out
        assert f"data directory: {out}" in info
        assert "release: HGNC 2026-11-01" in info
        assert "\nHGNC\n" in info
        assert "\nHGNC withdrawn\n" in info
        assert "FamPlex" in info
        assert "sha256: " in info

        assert main(["data", "info", "--data", str(out), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["release"] == "HGNC 2026-11-01"
        assert data["files"]["hgnc.tsv.gz"]["rows"] == 9

    def test_build_custom_download(
        self, tmp_path: Path, custom: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A custom download needs no withdrawn.txt."""
        out = tmp_path / "d"
        assert main(["data", "build", "--hgnc", str(custom), "--out", str(out)]) == 0
        assert main(["resolve", "--data", str(out), "TAZ"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[1].split("\t")[:3] == ["TAZ", "ambiguous", ""]

    def test_build_non_hgnc_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A non-HGNC input exits 3 with the file named on stderr."""
        path = tmp_path / "notes.txt"
        path.write_text("hello\n", encoding="utf-8")
        assert main(["data", "build", "--hgnc", str(path), "--out", str(tmp_path / "d")]) == 3
        err = capsys.readouterr().err
        assert str(path) in err
        assert "not an HGNC file" in err

    def test_build_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing input file is a usage error (exit 2)."""
        path = tmp_path / "absent.txt"
        assert main(["data", "build", "--hgnc", str(path), "--out", str(tmp_path / "d")]) == 2
        assert str(path) in capsys.readouterr().err
