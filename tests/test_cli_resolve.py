"""The ``genenorm resolve`` command: output formats, stdin, exit codes."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import genenorm
from genenorm.cli import RESOLVE_COLUMNS, main
from genenorm.lexicon import default_data_dir

RESOLUTION_KEYS = [
    "query", "status", "symbol", "hgnc_id", "name", "locus_type", "entrez", "ensembl",
    "match", "family", "candidates", "source", "release",
]  # fmt: skip
CANDIDATE_KEYS = [
    "symbol", "hgnc_id", "relation", "term", "name", "locus_type", "entrez", "ensembl",
]  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``genenorm ARGV``; return exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tsv(out: str) -> list[list[str]]:
    assert out.endswith("\n")
    return [line.split("\t") for line in out[:-1].split("\n")]


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Replace stdin by a text stream with a binary ``.buffer``, like the real one."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


class TestAcceptance:
    """The issue's acceptance command."""

    def test_readme_terms_jsonl(self, capsys: pytest.CaptureFixture[str]) -> None:
        """FAM64A tp53 TNF-α 7-Sep TAZ xyzzy, as JSON lines."""
        code, out, err = run(
            capsys, "resolve", "FAM64A", "tp53", "TNF-α", "7-Sep", "TAZ", "xyzzy", "--format", "jsonl"
        )  # fmt: skip
        assert code == 0
        rows = jsonl(out)
        got = [
            (r["query"], r["status"], r["symbol"], [c["symbol"] for c in r["candidates"]])
            for r in rows
        ]
        assert got[0] == ("FAM64A", "previous", "PIMREG", ["PIMREG"])
        assert got[1][:3] == ("tp53", "approved", "TP53")
        assert got[2][:3] == ("TNF-α", got[2][1], "TNF")
        assert got[2][1] in ("approved", "alias")
        assert got[3] == ("7-Sep", "previous", "SEPTIN7", ["SEPTIN7"])
        assert got[4] == ("TAZ", "ambiguous", None, ["TAFAZZIN", "WWTR1"])
        assert got[5] == ("xyzzy", "not_found", None, [])
        assert rows[0]["hgnc_id"] == "HGNC:25483"
        assert rows[1]["hgnc_id"] == "HGNC:11998"
        assert rows[1]["match"] == "case_folded"
        assert rows[3]["match"] == "excel_date"
        assert "6 terms, 4 to one gene, 2 not" in err

    def test_readme_terms_tsv(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The same terms as the default TSV."""
        code, out, _ = run(capsys, "resolve", "FAM64A", "tp53", "TNF-α", "7-Sep", "TAZ", "xyzzy")
        assert code == 0
        rows = tsv(out)
        assert rows[0] == list(RESOLVE_COLUMNS)
        assert [(r[0], r[1], r[2]) for r in rows[1:]] == [
            ("FAM64A", "previous", "PIMREG"),
            ("tp53", "approved", "TP53"),
            ("TNF-α", rows[3][1], "TNF"),
            ("7-Sep", "previous", "SEPTIN7"),
            ("TAZ", "ambiguous", ""),
            ("xyzzy", "not_found", ""),
        ]
        col = RESOLVE_COLUMNS.index("candidates")
        assert rows[5][col] == "TAFAZZIN(previous)|WWTR1(alias)"


class TestTsv:
    """Default TSV output."""

    def test_one_row_per_input_in_order(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Empty terms and duplicates each get their row, in input order."""
        terms = ["TP53", "", "xyzzy", "TP53", " ", "tp53", "TP53"]
        code, out, _ = run(capsys, "resolve", *terms)
        assert code == 0
        rows = tsv(out)
        assert rows[0] == list(RESOLVE_COLUMNS)
        assert all(len(r) == len(RESOLVE_COLUMNS) for r in rows)
        assert [r[0] for r in rows[1:]] == terms
        assert [r[1] for r in rows[1:]] == [
            "approved", "not_found", "not_found", "approved", "not_found", "approved", "approved",
        ]  # fmt: skip

    def test_columns(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every column of a resolved row is filled from the resolution."""
        _, out, _ = run(capsys, "resolve", "TP53")
        row = dict(zip(RESOLVE_COLUMNS, tsv(out)[1], strict=True))
        r = genenorm.resolve("TP53")
        assert row["hgnc_id"] == "HGNC:11998"
        assert row["entrez"] == r.entrez
        assert row["ensembl"] == r.ensembl
        assert row["match"] == "exact"
        assert row["family"] == ""
        assert row["source"] == "snapshot"
        assert row["release"] == r.release != ""

    def test_family_row(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A family row names the FamPlex id and lists members."""
        _, out, _ = run(capsys, "resolve", "NF-κB")
        row = dict(zip(RESOLVE_COLUMNS, tsv(out)[1], strict=True))
        assert (row["status"], row["symbol"], row["family"]) == ("family", "", "NFkappaB")
        assert "RELA(member)" in row["candidates"].split("|")

    @pytest.mark.parametrize(
        ("term", "cell"),
        [
            ("TP\t53", "TP\\t53"),
            ("TP53\nxyzzy", "TP53\\nxyzzy"),
            ("a\r\nb", "a\\r\\nb"),
            ("back\\slash", "back\\\\slash"),
        ],
    )
    def test_escaping(self, capsys: pytest.CaptureFixture[str], term: str, cell: str) -> None:
        """Tabs, line breaks and backslashes inside a term are escaped: one line per row."""
        code, out, _ = run(capsys, "resolve", term, "TP53")
        assert code == 0
        lines = out.splitlines()
        assert len(lines) == 3
        assert lines[1].split("\t")[0] == cell
        assert len(lines[1].split("\t")) == len(RESOLVE_COLUMNS)
        assert lines[2].startswith("TP53\tapproved\t")


class TestJsonl:
    """``--format jsonl``."""

    def test_round_trip(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every line is one JSON object with the documented keys, equal to ``to_dict()``."""
        terms = ["TP53", "TAZ", "NF-κB", "", "1-Mar", "hsa-miR-21-5p", "TP53", "x\ty"]
        code, out, _ = run(capsys, "resolve", *terms, "--format", "jsonl")
        assert code == 0
        assert out.count("\n") == len(terms)
        rows = jsonl(out)
        assert [r["query"] for r in rows] == terms
        for row, term in zip(rows, terms, strict=True):
            assert list(row) == [*RESOLUTION_KEYS, "schema_version"]
            assert row.pop("schema_version") == 1
            for cand in row["candidates"]:
                assert list(cand) == CANDIDATE_KEYS
            assert row == genenorm.resolve(term).to_dict()

    def test_unicode_kept(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Non-ASCII text is written as is, not as \\u escapes."""
        _, out, _ = run(capsys, "resolve", "TNF-α", "--format", "jsonl")
        assert '"query": "TNF-α"' in out


class TestStdin:
    """``-`` reads one term a line from stdin."""

    def test_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Lines in order, CRLF stripped, a blank line kept, invalid UTF-8 replaced."""
        fake_stdin(monkeypatch, b"TP53\r\nFAM64A\n\n\xff\xfeTAZ\nTNF-\xce\xb1\nlast")
        code, out, err = run(capsys, "resolve", "-")
        assert code == 0
        rows = tsv(out)[1:]
        assert [r[0] for r in rows] == ["TP53", "FAM64A", "", "\ufffd\ufffdTAZ", "TNF-α", "last"]
        assert [r[1] for r in rows][:3] == ["approved", "previous", "not_found"]
        assert rows[4][2] == "TNF"
        assert "6 terms" in err

    def test_stdin_between_arguments(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``-`` is expanded in place among the other terms."""
        fake_stdin(monkeypatch, b"SEPT7\nC10orf2\n")
        _, out, _ = run(capsys, "resolve", "first", "-", "TP53", "--format", "jsonl")
        rows = jsonl(out)
        assert [r["query"] for r in rows] == ["first", "SEPT7", "C10orf2", "TP53"]
        assert [r["symbol"] for r in rows] == [None, "SEPTIN7", "TWNK", "TP53"]

    def test_empty_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """No input lines: just the header."""
        fake_stdin(monkeypatch, b"")
        code, out, err = run(capsys, "resolve", "-")
        assert (code, out) == (0, "\t".join(RESOLVE_COLUMNS) + "\n")
        assert "0 terms" in err


class TestExitCodes:
    """0 ok, 1 --strict unmet, 2 usage, 3 data unavailable."""

    def test_strict_all_resolved(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--strict with every term meaning one gene exits 0."""
        assert run(capsys, "resolve", "--strict", "TP53", "FAM64A", "7-Sep")[0] == 0

    @pytest.mark.parametrize("term", ["TAZ", "xyzzy", "", "AKT", "A12M1"])
    def test_strict_unresolved(self, capsys: pytest.CaptureFixture[str], term: str) -> None:
        """--strict exits 1 when a term is ambiguous, unknown, a family or withdrawn; output is complete."""
        code, out, _ = run(capsys, "resolve", "--strict", "TP53", term)
        assert code == 1
        assert len(tsv(out)) == 3

    def test_not_strict(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --strict, unresolved terms still exit 0."""
        assert run(capsys, "resolve", "TAZ", "xyzzy")[0] == 0

    @pytest.mark.parametrize(
        "argv",
        [
            ["resolve"],
            ["resolve", "TP53", "--format", "csv"],
            ["resolve", "TP53", "--bogus"],
            ["resolve", "TP53", "--source", "nowhere"],
            ["resolve", "TP53", "--fallback"],
            ["resolve", "TP53", "--mygene-url", "http://127.0.0.1:9/v3"],
            [],
            ["nonsense"],
        ],
    )
    def test_usage_error(self, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
        """Bad arguments exit 2 with a message on stderr and nothing on stdout."""
        code, out, err = run(capsys, *argv)
        assert code == 2
        assert out == ""
        assert "error" in err

    def test_help_and_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--help and --version exit 0."""
        code, out, _ = run(capsys, "resolve", "--help")
        assert code == 0
        assert "--strict" in out
        code, out, _ = run(capsys, "--version")
        assert (code, out) == (0, f"genenorm {genenorm.__version__}\n")

    @pytest.mark.parametrize(
        ("damage", "name"),
        [
            ("flip", "hgnc.tsv.gz"),
            ("delete", "hgnc_keys.tsv.gz"),
            ("delete", "manifest.json"),
            ("flip", "groundings.tsv.gz"),
        ],
    )
    def test_corrupted_data(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, damage: str, name: str
    ) -> None:
        """A damaged --data directory exits 3, naming the file, with nothing on stdout."""
        data = Path(shutil.copytree(default_data_dir(), tmp_path / "data"))
        path = data / name
        if damage == "delete":
            path.unlink()
        else:
            raw = bytearray(path.read_bytes())
            raw[len(raw) // 2] ^= 0xFF
            path.write_bytes(bytes(raw))
        code, out, err = run(capsys, "resolve", "--data", str(data), "TP53")
        assert code == 3
        assert out == ""
        assert str(path) in err

    def test_missing_data_dir(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A --data directory that does not exist exits 3."""
        code, _, err = run(capsys, "resolve", "--data", str(tmp_path / "none"), "TP53")
        assert code == 3
        assert "manifest.json" in err

    def test_good_data_dir(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A copy of the snapshot given with --data resolves like the default."""
        data = shutil.copytree(default_data_dir(), tmp_path / "data")
        code, out, _ = run(capsys, "resolve", "--data", str(data), "FAM64A", "--format", "jsonl")
        assert code == 0
        assert jsonl(out)[0] == {**genenorm.resolve("FAM64A").to_dict(), "schema_version": 1}


class TestModule:
    """``python -m genenorm`` in a fresh process."""

    def test_version(self) -> None:
        """``python -m genenorm --version`` prints the package version."""
        proc = subprocess.run(
            [sys.executable, "-m", "genenorm", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout == f"genenorm {genenorm.__version__}\n"

    def test_resolve_exit_code(self) -> None:
        """The process exit code is main()'s return value."""
        proc = subprocess.run(
            [sys.executable, "-m", "genenorm", "resolve", "--strict", "TP53", "TAZ"],
            capture_output=True,
            check=False,
        )
        assert proc.returncode == 1
        lines = proc.stdout.decode("utf-8").splitlines()
        assert [line.split("\t")[1] for line in lines[1:]] == ["approved", "ambiguous"]


@pytest.mark.skipif(sys.platform != "linux", reason="needs arguments that are not UTF-8")
def test_an_argument_that_is_not_utf8_gives_utf8_output() -> None:
    """A term given as bytes that are not UTF-8 is read with U+FFFD in their place, as on
    stdin: the output stays UTF-8 (it once echoed the raw byte, breaking the JSON lines)."""
    done = subprocess.run(
        [sys.executable, "-m", "genenorm", "resolve", "--format", "jsonl", b"a\x80", "TP53"],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [(r["query"], r["status"]) for r in records] == [
        ("a\ufffd", "not_found"), ("TP53", "approved"),
    ]  # fmt: skip


@pytest.mark.parametrize("option", [["--retries", "0"], ["--timeout", "5"], ["--fallback"]])
def test_mygene_options_without_mygene_are_a_usage_error(
    capsys: pytest.CaptureFixture[str], option: list[str]
) -> None:
    """The options of the live source need ``--source mygene``: a usage error (exit 2)
    otherwise, ``--retries 0`` included (0 slipped through as false)."""
    code, out, err = run(capsys, "resolve", *option, "TP53")
    assert (code, out) == (2, "")
    assert "need --source mygene" in err
