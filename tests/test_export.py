"""``genenorm export gmt`` and `genenorm.export`: one gene set per figure, readable as GMT."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from genenorm.cli import main
from genenorm.export import GeneIds, GeneSet, gene_set, gene_sets, gmt_line, write_gmt
from genenorm.models import KeywordVerdict, Kind, PageReport, Verdict

FIGURES = Path("tests/data/pfocr-website/_figures")
MORE = Path("tests/data/pfocr-website-more/_figures")
PAGES = sorted(FIGURES.glob("*.md"))


def read_gmt(text: str) -> list[tuple[str, str, list[str]]]:
    """A strict GMT reader (Broad's format): each line name TAB description TAB genes...,
    no empty name, no empty gene, no carriage return, the file ending in a line break."""
    assert text == "" or text.endswith("\n"), "GMT text must end with a line break"
    assert "\r" not in text
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        fields = line.split("\t")
        assert len(fields) >= 2, f"line {number}: fewer than two fields"
        name, description, *genes = fields
        assert name, f"line {number}: empty name"
        assert name.strip() == name, f"line {number}: padded name {name!r}"
        assert description, f"line {number}: empty description"
        assert description.strip() == description, f"line {number}: padded description"
        assert all(g and g.strip() == g for g in genes), f"line {number}: empty or padded gene"
        records.append((name, description, genes))
    return records


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``genenorm ARGV``; return exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(name="jsonl", scope="module")
def _jsonl() -> dict[str, dict[str, object]]:
    """``genenorm check`` JSONL of the sample pages, by figid: what the sets are built from."""
    import contextlib

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):
        assert main(["check", "--format", "jsonl", str(FIGURES)]) == 0
    return {d["figid"]: d for d in map(json.loads, buf.getvalue().splitlines())}


def expected(record: dict[str, object], verdicts: set[str], key: str) -> list[str]:
    """The set computed independently from the check output (dedup keeps first)."""
    out: list[str] = []
    for k in record["keywords"]:  # type: ignore[attr-defined]
        if k["kind"] != "gene" or k["symbol"] is None or k["verdict"] not in verdicts:
            continue
        value = k["symbol"] if key == "symbol" else k["ids"].get(key)
        if value and value not in out:
            out.append(value)
    return out


class TestCommand:
    """The command on the sample pages."""

    def test_one_line_per_figure_in_order(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With --keep-empty every page is one GMT line, in page order, named by figid."""
        code, out, err = run(capsys, "export", "gmt", "--keep-empty", str(FIGURES))
        assert code == 0, err
        records = read_gmt(out)
        assert [r[0] for r in records] == [p.stem for p in PAGES]
        assert f"{len(PAGES)} figures (0 failed); {len(PAGES)} gene sets written" in err

    def test_supported_symbols(
        self, capsys: pytest.CaptureFixture[str], jsonl: dict[str, dict[str, object]]
    ) -> None:
        """Default: supported gene keywords as symbols, each once; empty sets skipped, counted."""
        code, out, err = run(capsys, "export", "gmt", str(FIGURES))
        assert code == 0
        records = read_gmt(out)
        want = {f: expected(r, {"supported"}, "symbol") for f, r in jsonl.items()}
        assert {n: g for n, _, g in records} == {f: g for f, g in want.items() if g}
        skipped = sum(1 for g in want.values() if not g)
        assert f"{len(records)} gene sets written; {skipped} without genes skipped" in err

    def test_include_uncertain_and_ncbigene(
        self, capsys: pytest.CaptureFixture[str], jsonl: dict[str, dict[str, object]]
    ) -> None:
        """--include-uncertain --ids ncbigene: NCBI Gene IDs of supported and uncertain genes."""
        code, out, _ = run(
            capsys, "export", "gmt", "--include-uncertain", "--ids", "ncbigene", str(FIGURES)
        )
        assert code == 0
        records = read_gmt(out)
        for name, _, genes in records:
            assert genes == expected(jsonl[name], {"supported", "uncertain"}, "ncbigene")
            assert all(g.isdigit() for g in genes)
        _, plain, _ = run(capsys, "export", "gmt", str(FIGURES))
        supported = {n: g for n, _, g in read_gmt(plain)}
        widened = {n: g for n, _, g in records}
        assert any(len(widened[n]) > len(g) for n, g in supported.items())

    def test_hgnc_ids(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--ids hgnc writes HGNC IDs."""
        code, out, _ = run(capsys, "export", "gmt", "--ids", "hgnc", str(PAGES[0]))
        assert code == 0
        [(_, _, genes)] = read_gmt(out)
        assert genes
        assert all(g.startswith("HGNC:") for g in genes)

    def test_description_is_the_title(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The description is the page's figtitle, on one line."""
        import yaml

        page = FIGURES / "PMC10030510__fimmu-14-1140749-g002.md"
        title = yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1])["figtitle"]
        _, out, _ = run(capsys, "export", "gmt", str(page))
        [(_, description, _)] = read_gmt(out)
        assert description == " ".join(title.split())

    def test_unreadable_page(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A page that cannot be read: named on stderr, no line, exit 1; others still written."""
        bad = tmp_path / "PMC1__broken.md"
        bad.write_text("---\nfigid: [unclosed\n---\n", encoding="utf-8")
        code, out, err = run(capsys, "export", "gmt", str(PAGES[0]), str(bad), str(PAGES[4]))
        assert code == 1
        assert [r[0] for r in read_gmt(out)] == [PAGES[0].stem, PAGES[4].stem]
        assert str(bad) in err
        assert "3 figures (1 failed)" in err

    def test_output_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """-o FILE writes the same GMT as stdout; stdout stays empty."""
        target = tmp_path / "sets.gmt"
        code, out, _ = run(capsys, "export", "gmt", "-o", str(target), str(FIGURES))
        assert code == 0
        assert out == ""
        _, stdout_gmt, _ = run(capsys, "export", "gmt", str(FIGURES))
        assert target.read_text(encoding="utf-8") == stdout_gmt
        assert [p.name for p in tmp_path.iterdir()] == ["sets.gmt"]  # no temporary left

    def test_output_through_links_fifos_and_not_into_directories(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """-o LINK replaces the link's target and keeps the link; -o FIFO writes into the
        FIFO (both were replaced by a regular file); -o DIR and -o '' are usage errors said
        before any page is checked."""
        _, gmt, _ = run(capsys, "export", "gmt", str(FIGURES))
        (tmp_path / "real.gmt").write_text("old\n", encoding="utf-8")
        (tmp_path / "link.gmt").symlink_to(tmp_path / "real.gmt")
        assert run(capsys, "export", "gmt", "-o", str(tmp_path / "link.gmt"), str(FIGURES))[0] == 0
        assert (tmp_path / "link.gmt").is_symlink()
        assert (tmp_path / "real.gmt").read_text(encoding="utf-8") == gmt
        fifo = tmp_path / "pipe.gmt"
        os.mkfifo(fifo)
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(fifo.read_text(encoding="utf-8")))
        reader.start()
        assert run(capsys, "export", "gmt", "-o", str(fifo), str(FIGURES))[0] == 0
        reader.join(timeout=60)
        assert got == [gmt]
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        code, out, err = run(capsys, "export", "gmt", "-o", str(tmp_path), str(FIGURES))
        assert (code, out) == (2, "")
        assert "is a directory" in err
        assert "figures" not in err  # refused before checking
        assert run(capsys, "export", "gmt", "-o", "", str(FIGURES))[0] == 2

    def test_control_characters_never_reach_the_terminal(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """A figure id or title with control characters is written escaped in the GMT, and a
        page error naming such a file is escaped on stderr, as ``genenorm check`` does."""
        (tmp_path / "a.md").write_text(
            '---\nfigid: "red\\e[31m"\nfigtitle: "t\\a\\0itle"\n'
            "schema-jsonld:\n  keywords: [TP53]\n---\n",
            encoding="utf-8",
        )
        (tmp_path / "evil\x1b]0;x\x07.md").write_text("no front matter\n", encoding="utf-8")
        code, out, err = run(capsys, "export", "gmt", str(tmp_path))
        assert code == 1
        assert out == "red\\x1b[31m\tt\\x07\\x00itle\tTP53\n"
        for text in (out, err):
            assert not any(ord(c) < 32 and c not in "\t\n" for c in text), text
        assert "evil\\x1b]0;x\\x07.md" in err

    def test_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """'-' reads one page from stdin (without its hit tables, as ``check -``)."""
        data = PAGES[0].read_bytes()
        for command in ("export", "check"):
            stream = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
            monkeypatch.setattr(sys, "stdin", stream)
            if command == "export":
                code, out, _ = run(capsys, "export", "gmt", "-")
            else:
                _, checked, _ = run(capsys, "check", "--format", "jsonl", "-")
        assert code == 0
        [(name, _, genes)] = read_gmt(out)
        assert name == PAGES[0].stem
        assert genes == expected(json.loads(checked), {"supported"}, "symbol")

    def test_bad_ids_is_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown --ids value is a usage error (exit 2)."""
        code, _, err = run(capsys, "export", "gmt", "--ids", "ensembl", str(PAGES[0]))
        assert code == 2
        assert "--ids" in err


def kw(keyword: str, verdict: Verdict | None, symbol: str | None, **ids: str) -> KeywordVerdict:
    kind = Kind.GENE if verdict is not None else Kind.CHEMICAL
    hgnc = f"HGNC:{len(symbol)}" if symbol else None
    return KeywordVerdict(keyword, kind, verdict, symbol, hgnc, ids=ids.items())


class TestGeneSet:
    """`gene_set` on reports built by hand."""

    REPORT = PageReport(
        figid="PMC9__fig\t1",
        path="x.md",
        keywords=(
            kw("TP53", Verdict.SUPPORTED, "TP53", ncbigene="7157"),
            kw("p53", Verdict.SUPPORTED, "TP53", ncbigene="7157"),
            kw("ACC", Verdict.SUPPORTED, None, famplex="ACC"),
            kw("EGFR", Verdict.UNCERTAIN, "EGFR", ncbigene="1956"),
            kw("CAT", Verdict.FALSE_HIT, "CAT", ncbigene="847"),
            kw("aspirin", None, None),
            kw("NEWG", Verdict.SUPPORTED, "NEWG"),
        ),
    )

    def test_supported_once_in_order(self) -> None:
        """Supported genes with a symbol, the first of duplicates kept; tabs in names replaced."""
        s = gene_set(self.REPORT, title="A\ttitle\nover lines ")
        assert s.genes == ("TP53", "NEWG")
        assert (s.name, s.description) == ("PMC9__fig 1", "A title over lines")

    def test_uncertain_and_ids(self) -> None:
        """Uncertain genes on request; genes without an NCBI id are counted, not written."""
        s = gene_set(self.REPORT, include_uncertain=True, ids="ncbigene")
        assert s.genes == ("7157", "1956")
        assert s.missing_ids == ("NEWG",)

    def test_no_title(self) -> None:
        """An empty title gives the placeholder ``na``."""
        assert gene_set(self.REPORT).description == "na"

    def test_bad_ids(self) -> None:
        """An unknown id kind raises ValueError."""
        with pytest.raises(ValueError, match="ensembl"):
            gene_set(self.REPORT, ids="ensembl")

    def test_write_gmt_counts(self) -> None:
        """write_gmt skips empty sets unless asked, and never writes unread pages."""
        sets = [
            GeneSet("a", "A", ("X",)),
            GeneSet("b", "B"),
            GeneSet("c", "na", errors=("cannot read",), read=False),
        ]
        buf = io.StringIO()
        summary = write_gmt(sets, buf)
        assert buf.getvalue() == "a\tA\tX\n"
        assert (summary.figures, summary.written, summary.empty, summary.failed) == (3, 1, 1, 1)
        buf = io.StringIO()
        write_gmt(sets, buf, keep_empty=True)
        assert [r[0] for r in read_gmt(buf.getvalue())] == ["a", "b"]
        assert gmt_line(sets[1]) == "b\tB"


def test_gene_sets_api_matches_command(capsys: pytest.CaptureFixture[str]) -> None:
    """The API gives the command's lines, one set per page including unreadable ones."""
    sets = list(gene_sets([FIGURES, MORE / "missing.md"], ids=GeneIds.NCBIGENE))
    assert len(sets) == len(PAGES) + 1
    assert not sets[-1].read
    assert os.path.basename(sets[-1].path) == "missing.md"
    _, out, _ = run(capsys, "export", "gmt", "--ids", "ncbigene", str(FIGURES))
    assert "".join(gmt_line(s) + "\n" for s in sets if s.genes) == out


def test_gene_sets_one_path_is_type_error() -> None:
    """A single path instead of a collection is refused (as check_paths does)."""
    with pytest.raises(TypeError):
        gene_sets(str(FIGURES))  # type: ignore[arg-type]
