"""The output contract of ``docs/output.md``: JSONL keys and types, TSV columns, the CLI."""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from genenorm.check import check_page, check_path
from genenorm.cli import main
from genenorm.models import Kind, OrganismGroup, PageReport, ReasonCode, Status, Verdict
from genenorm.pfocr import read_page_text
from genenorm.report import HIT_COLUMNS, KEYWORD_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
WEBSITE = ROOT / "tests" / "data" / "pfocr-website"
REFERENCE_ID = "PMC11987792__cancers-17-01167-g005"
REFERENCE_PAGE = WEBSITE / "_figures" / f"{REFERENCE_ID}.md"
OUTPUT_MD = ROOT / "docs" / "output.md"
GENE_TABLES = sorted((WEBSITE / "_data").glob("*-genes.tsv"))
REFERENCE_KEYWORDS = ("TCF23", "PGP", "ABCB1", "PGPEP1", "RPS16", "ITK", "SOD3", "Lobaplatin")

#: The documented header of ``genenorm check --format tsv``.
CHECK_TSV_HEADER = [
    "figid", "path", "keyword", "kind", "verdict", "symbol", "hgnc_id", "status", "reasons",
    "details", "terms", "words", "ids", "confidence", "support", "matched_as",
]  # fmt: skip
#: The documented columns that ``genenorm check-hits`` appends.
APPENDED = ["verdict", "reasons", "current_symbol", "hgnc_id", "confidence", "support"]

STR = (str,)
OPT_STR = (str, type(None))
#: JSON types of every documented key, object by object.
#: ``PageReport.to_dict()``.
PAGE_DICT_TYPES = {
    "figid": STR, "path": STR, "keywords": (list,), "hits": (list,), "suggestions": (list,),
    "organisms": (list,), "errors": (list,),
}  # fmt: skip
#: One JSONL line of ``genenorm check``: ``to_dict()``, then the keys the record adds.
PAGE_TYPES = {**PAGE_DICT_TYPES, "hit_tables": (list,), "schema_version": (int,)}
KEYWORD_TYPES = {
    "keyword": STR, "kind": STR, "verdict": OPT_STR, "symbol": OPT_STR, "hgnc_id": OPT_STR,
    "status": OPT_STR, "reasons": (list,), "evidence": (dict,), "ids": (dict,),
    "confidence": (float, type(None)), "support": (list,), "matched_as": OPT_STR,
}  # fmt: skip
EVIDENCE_TYPES = {"terms": (list,), "words": (list,), "mentions": (list,), "siblings": (list,)}
REASON_TYPES = {"code": STR, "detail": STR, "weight": (float, int)}
HIT_TYPES = {
    "row": (int,), "organism_id": OPT_STR, "gene_id": OPT_STR, "word": STR, "match": STR, "source": STR, "symbol": STR, "current_symbol": OPT_STR,
    "hgnc_id": OPT_STR, "verdict": STR, "reasons": (list,),
    "confidence": (float, type(None)), "support": (list,), "matched_as": OPT_STR,
}  # fmt: skip
SUGGESTION_TYPES = {"symbol": STR, "hgnc_id": STR, "text": STR, "start": (int,), "end": (int,)}
ORGANISM_TYPES = {
    "taxon": STR, "name": STR, "group": STR, "score": (float,), "evidence": (list,),
}  # fmt: skip
ORGANISM_EVIDENCE_TYPES = {
    "text": STR, "start": (int, type(None)), "end": (int, type(None)), "field": STR,
    "kind": STR, "weight": (float,),
}  # fmt: skip

HEADER_2020 = ["figid", "pmcid", "word", "symbol", "source", "hgnc_symbol", "entrez"]
ROWS_2020 = [
    ["PMC1__a.jpg", "PMC1", "out", "OUT", "hgnc_alias_symbol", "TCF23", "150921"],
    ["PMC1__a.jpg", "PMC1", "S16-P", "S16", "hgnc_alias_symbol", "RPS16", "6217"],
    ["PMC1__a.jpg", "PMC1", "PTEN", "PTEN", "hgnc_symbol", "PTEN", "5728"],
    ["PMC2__b.png", "PMC2", "FAM64A", "FAM64A", "hgnc_prev_symbol", "FAM64A", "54478"],
    ["PMC2__b.png", "PMC2", "p65", "P65", "hgnc_alias_symbol", "RELA", "NA"],
    ["PMC2__b.png", "PMC2", "xyzzy", "XYZZY", "hgnc_symbol", "XYZZY", "NA"],
]
BAD_PAGE = "---\nfigid: PMC0__bad\nschema-jsonld:\n  keywords: [unclosed\n---\n"


# --------------------------------------------------------------------------- helpers


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``genenorm ARGV``; return exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tsv(out: str) -> list[list[str]]:
    """Split TSV output into rows of cells (every row ends with a line feed)."""
    assert out.endswith("\n")
    return [line.split("\t") for line in out[:-1].split("\n")]


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Replace stdin by a text stream with a binary ``.buffer``, like the real one."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def assert_shape(obj: object, types: Mapping[str, tuple[type, ...]], where: str) -> None:
    """*obj* is a dict with exactly the keys of *types*, each value of its JSON type."""
    assert isinstance(obj, dict), where
    assert list(obj) == list(types), f"{where}: keys {list(obj)}"
    for key, allowed in types.items():
        assert isinstance(obj[key], allowed), f"{where}.{key}: {obj[key]!r}"
        assert not isinstance(obj[key], bool), f"{where}.{key} is a bool"


def assert_page_dict(
    d: Mapping[str, Any], types: Mapping[str, tuple[type, ...]] = PAGE_TYPES
) -> None:
    """The whole documented shape of one JSONL page object (or, with *types*
    `PAGE_DICT_TYPES`, of ``PageReport.to_dict()``), down to every leaf."""
    assert_shape(d, types, "page")
    assert all(isinstance(e, str) for e in d["errors"])
    for i, k in enumerate(d["keywords"]):
        where = f"keywords[{i}]"
        assert_shape(k, KEYWORD_TYPES, where)
        assert k["kind"] in {str(x) for x in Kind}
        assert k["verdict"] in {None, *(str(v) for v in Verdict)}
        assert (k["verdict"] is None) == (k["kind"] != "gene"), where
        assert k["status"] in {None, *(str(s) for s in Status)}
        for r in k["reasons"]:
            assert_shape(r, REASON_TYPES, f"{where}.reasons")
            assert r["code"] in {str(c) for c in ReasonCode}
        assert_shape(k["evidence"], EVIDENCE_TYPES, f"{where}.evidence")
        for values in k["evidence"].values():
            assert all(isinstance(v, str) for v in values)
        assert all(isinstance(a, str) and isinstance(b, str) for a, b in k["ids"].items())
    for i, h in enumerate(d["hits"]):
        assert_shape(h, HIT_TYPES, f"hits[{i}]")
        assert h["verdict"] in {str(v) for v in Verdict}
        for r in h["reasons"]:
            assert_shape(r, REASON_TYPES, f"hits[{i}].reasons")
            assert r["code"] in {str(c) for c in ReasonCode}
    for i, s in enumerate(d["suggestions"]):
        assert_shape(s, SUGGESTION_TYPES, f"suggestions[{i}]")
    for i, o in enumerate(d["organisms"]):
        assert_shape(o, ORGANISM_TYPES, f"organisms[{i}]")
        assert o["group"] in {str(g) for g in OrganismGroup}
        for j, e in enumerate(o["evidence"]):
            assert_shape(e, ORGANISM_EVIDENCE_TYPES, f"organisms[{i}].evidence[{j}]")
            assert e["field"] in {"figtitle", "caption", "papertitle", "author_keywords", "organisms",
                                  "organisms_ner", "hits"}  # fmt: skip


def documented_keys(heading: str) -> list[str]:
    """The backticked names in the first column of the first table after *heading*."""
    text = OUTPUT_MD.read_text(encoding="utf-8")
    start = text.index(heading)
    keys: list[str] = []
    in_table = False
    for line in text[start:].splitlines()[1:]:
        if line.startswith("|"):
            in_table = True
            first = line.split("|")[1]
            keys.extend(re.findall(r"`([a-z_]+)`", first))
        elif in_table:
            break
    return keys


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(name="page_only", scope="module")
def _page_only() -> PageReport:
    """The reference page checked from its text alone."""
    text = REFERENCE_PAGE.read_text(encoding="utf-8")
    return check_page(read_page_text(text, path=str(REFERENCE_PAGE)))


@pytest.fixture(name="with_hits", scope="module")
def _with_hits() -> PageReport:
    """The reference page checked with its _data tables."""
    return check_path(REFERENCE_PAGE)


@pytest.fixture(name="samples")
def _samples(tmp_path: Path) -> Path:
    """A copy of the website samples plus one malformed page; returns the _figures dir."""
    root = tmp_path / "site"
    shutil.copytree(WEBSITE, root)
    (root / "_figures" / "PMC0__bad.md").write_text(BAD_PAGE, encoding="utf-8")
    return root / "_figures"


@pytest.fixture(name="table_2020")
def _table_2020(tmp_path: Path) -> Path:
    """A small synthetic 2020-format hit table."""
    path = tmp_path / "hits2020.tsv"
    lines = ["\t".join(HEADER_2020), *("\t".join(r) for r in ROWS_2020)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- to_dict


class TestPageDict:
    """``PageReport.to_dict()`` has exactly the documented keys and JSON types."""

    @pytest.mark.parametrize("which", ["page_only", "with_hits"])
    def test_shape(self, which: str, request: pytest.FixtureRequest) -> None:
        """Every key, at every level, is documented and of its documented JSON type."""
        report: PageReport = request.getfixturevalue(which)
        d = report.to_dict()
        assert_page_dict(d, PAGE_DICT_TYPES)
        assert d["figid"] == REFERENCE_ID
        assert d["errors"] == []
        assert [k["keyword"] for k in d["keywords"]][:2] == ["TCF23", "PGP"]
        assert len(d["keywords"]) == 23

    @pytest.mark.parametrize("which", ["page_only", "with_hits"])
    def test_round_trips_through_json(self, which: str, request: pytest.FixtureRequest) -> None:
        """json.dumps then json.loads gives the same object, with or without ASCII escapes."""
        d = request.getfixturevalue(which).to_dict()
        assert json.loads(json.dumps(d)) == d
        assert json.loads(json.dumps(d, ensure_ascii=False)) == d

    def test_page_only_has_no_hits(self, page_only: PageReport) -> None:
        """Without tables, hits is an empty list and keyword evidence has no OCR words."""
        d = page_only.to_dict()
        assert d["hits"] == []
        assert all(k["evidence"]["words"] == [] for k in d["keywords"])
        assert [s["symbol"] for s in d["suggestions"]] == ["MIR423", "SNAI1"]

    def test_with_hits_has_one_entry_per_row(self, with_hits: PageReport) -> None:
        """With tables, hits follow the 19 rows of the genes table, in order."""
        d = with_hits.to_dict()
        assert len(d["hits"]) == 19
        assert [h["word"] for h in d["hits"][:4]] == ["out", "+P-gp", "+P-gp", "+P-gp"]
        tcf23 = d["keywords"][0]
        assert tcf23["evidence"]["words"] == ["out"]
        assert tcf23["reasons"][0]["code"] == "english_word"

    def test_chemicals_have_null_gene_fields(self, with_hits: PageReport) -> None:
        """Chemical keywords carry ids, and null verdict, symbol, hgnc_id and status."""
        chem = [k for k in with_hits.to_dict()["keywords"] if k["kind"] == "chemical"]
        names = ["Carboplatin", "Cisplatin", "Nedaplatin", "Lobaplatin"]
        assert [k["keyword"] for k in chem] == names
        for k in chem:
            assert (k["verdict"], k["symbol"], k["hgnc_id"], k["status"]) == (None,) * 4
            assert k["ids"]["chebi"].isdigit()

    @pytest.mark.parametrize(
        ("heading", "expected"),
        [
            ("## JSONL: one object per page", PAGE_TYPES),
            ("### `keywords[]`", KEYWORD_TYPES),
            ("### `hits[]`", HIT_TYPES),
            ("### `suggestions[]`", SUGGESTION_TYPES),
        ],
    )
    def test_docs_list_the_same_keys(self, heading: str, expected: Mapping[str, object]) -> None:
        """docs/output.md documents exactly these keys, in this order."""
        assert documented_keys(heading) == list(expected)

    def test_docs_list_the_evidence_keys(self) -> None:
        """docs/output.md documents the four evidence keys."""
        assert documented_keys("`evidence`:") == list(EVIDENCE_TYPES)


# --------------------------------------------------------------------------- genenorm check


class TestCheckCommand:
    """``genenorm check`` output in every format."""

    def test_jsonl_directory_with_a_bad_page(
        self, capsys: pytest.CaptureFixture[str], samples: Path
    ) -> None:
        """One line per page in sorted order; the bad page reports its error, exit 1."""
        code, out, err = run(capsys, "check", str(samples), "--format", "jsonl", "--no-progress")
        assert code == 1
        pages = jsonl(out)
        expected = sorted(p for p in samples.rglob("*.md"))
        assert [d["path"] for d in pages] == [str(p) for p in expected]
        assert len(out.splitlines()) == len(expected) == 14
        for d in pages:
            assert_page_dict(d)
        bad = [d for d in pages if d["errors"]]
        assert [d["figid"] for d in bad] == ["PMC0__bad"]
        assert bad[0]["keywords"] == bad[0]["hits"] == []
        assert "PMC0__bad.md" in bad[0]["errors"][0]
        good = [d for d in pages if not d["errors"]]
        assert len(good) == 13
        assert all(d["keywords"] for d in good)
        assert "PMC0__bad.md" in err
        assert "14 pages (1 failed)" in err

    def test_jsonl_keeps_argument_order(
        self, capsys: pytest.CaptureFixture[str], samples: Path
    ) -> None:
        """Files given one by one come out in the order given, not sorted."""
        files = sorted(samples.glob("PMC1*.md"), reverse=True)[:3]
        code, out, _ = run(capsys, "check", *map(str, files), "--no-progress")
        assert code == 0
        assert [d["path"] for d in jsonl(out)] == [str(p) for p in files]

    def test_tsv_header_and_rows(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The documented 13 columns; a row per keyword, then per suggestion."""
        code, out, _ = run(capsys, "check", str(REFERENCE_PAGE), "--format", "tsv")
        assert code == 0
        rows = tsv(out)
        assert rows[0] == CHECK_TSV_HEADER == list(KEYWORD_COLUMNS)
        assert all(len(r) == len(CHECK_TSV_HEADER) for r in rows)
        body = rows[1:]
        assert len(body) == 23 + 2
        assert [r[2] for r in body[:3]] == ["TCF23", "PGP", "ABCB1"]
        assert [r[3] for r in body[-2:]] == ["suggestion", "suggestion"]
        tcf23 = dict(zip(CHECK_TSV_HEADER, body[0], strict=True))
        assert (tcf23["verdict"], tcf23["hgnc_id"], tcf23["reasons"]) == (
            "false_hit", "HGNC:18602", "english_word,unrelated_to_figure,little_studied_gene",
        )  # fmt: skip
        assert tcf23["words"] == "out"

    def test_tsv_error_row(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        """A page that cannot be read gives one row of kind 'error' with the message."""
        bad = tmp_path / "bad.md"
        bad.write_text(BAD_PAGE, encoding="utf-8")
        code, out, _ = run(capsys, "check", str(bad), "--format", "tsv")
        assert code == 1
        rows = tsv(out)
        assert rows[0] == CHECK_TSV_HEADER
        assert len(rows) == 2
        row = dict(zip(CHECK_TSV_HEADER, rows[1], strict=True))
        assert row["kind"] == "error"
        assert "malformed YAML" in row["details"]

    def test_table_mentions_the_reference_keywords(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The text table names the figure, its keywords, verdicts and suggestions."""
        code, out, _ = run(capsys, "check", str(REFERENCE_PAGE), "--format", "table")
        assert code == 0
        assert out.startswith(REFERENCE_ID)
        for keyword in REFERENCE_KEYWORDS:
            assert re.search(rf"^  {re.escape(keyword)} ", out, re.MULTILINE), keyword
        assert "false_hit" in out
        assert "supported" in out
        assert "suggestion: SNAI1 (HGNC:11128)" in out

    def test_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """'check -' reads one page from stdin, without hit tables."""
        fake_stdin(monkeypatch, REFERENCE_PAGE.read_bytes())
        code, out, _ = run(capsys, "check", "-", "--format", "jsonl")
        assert code == 0
        [d] = jsonl(out)
        assert_page_dict(d)
        assert (d["figid"], d["path"], d["hits"]) == (REFERENCE_ID, "<stdin>", [])
        assert len(d["keywords"]) == 23
        verdicts = {k["keyword"]: k["verdict"] for k in d["keywords"]}
        assert verdicts["TCF23"] == verdicts["RPS16"] == "false_hit"

    def test_stdin_with_hits(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """'check - --hits FILE' judges the stdin page with that table."""
        fake_stdin(monkeypatch, REFERENCE_PAGE.read_bytes())
        table = WEBSITE / "_data" / f"{REFERENCE_ID}-genes.tsv"
        code, out, _ = run(capsys, "check", "-", "--hits", str(table))
        assert code == 0
        [d] = jsonl(out)
        assert len(d["hits"]) == 19

    def test_bad_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A page on stdin that cannot be read gives a report with errors and exit 1."""
        fake_stdin(monkeypatch, b"no front matter\n")
        code, out, err = run(capsys, "check", "-")
        assert code == 1
        [d] = jsonl(out)
        assert_page_dict(d)
        assert d["path"] == "<stdin>"
        assert d["errors"]
        assert "<stdin>" in d["errors"][0]
        assert "<stdin>" in err


# --------------------------------------------------------------------------- genenorm check-hits


def _read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    rows = [line.rstrip("\r").split("\t") for line in lines]
    return rows[0], rows[1:]


class TestCheckHitsCommand:
    """``genenorm check-hits`` keeps every input column and row and appends four columns."""

    @pytest.mark.parametrize("table", GENE_TABLES, ids=lambda p: p.name[:24])
    def test_website_tables(self, capsys: pytest.CaptureFixture[str], table: Path) -> None:
        """Every website -genes.tsv: original columns and cells, then the appended ones."""
        header, rows = _read_table(table)
        code, out, _ = run(capsys, "check-hits", str(table))
        assert code == 0
        got = tsv(out)
        assert got[0] == header + APPENDED
        assert len(got) - 1 == len(rows)
        for original, row in zip(rows, got[1:], strict=True):
            assert row[: len(header)] == original
            extra = dict(zip(APPENDED, row[len(header) :], strict=True))
            assert extra["verdict"] in {str(v) for v in Verdict}
            codes = extra["reasons"].split(",") if extra["reasons"] else []
            assert set(codes) <= {str(c) for c in ReasonCode}
            if original[header.index("organism_id")] != "9606":
                assert extra["current_symbol"] == extra["hgnc_id"] == ""

    def test_reference_table_verdicts(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The reference rows: out/TCF23 false, ABCB1 supported, S16-P/RPS16 false."""
        table = WEBSITE / "_data" / f"{REFERENCE_ID}-genes.tsv"
        code, out, _ = run(capsys, "check-hits", str(table))
        assert code == 0
        rows = [dict(zip(tsv(out)[0], r, strict=True)) for r in tsv(out)[1:]]
        got = {(r["word"], r["ncbigene_symbol"]): r["verdict"] for r in rows}
        assert got[("out", "TCF23")] == "false_hit"
        assert got[("S16-P", "RPS16")] == "false_hit"
        # without the caption nothing names ABCB1, but the word names it and no other gene
        conf = {(r["word"], r["ncbigene_symbol"]): float(r["confidence"]) for r in rows}
        assert got[("+P-gp", "ABCB1")] != "false_hit"
        assert conf[("+P-gp", "ABCB1")] > 0.5 > conf[("+P-gp", "PGP")]
        assert list(HIT_COLUMNS) == APPENDED

    def test_2020_table(self, capsys: pytest.CaptureFixture[str], table_2020: Path) -> None:
        """A 2020 table keeps its seven columns (NA included) and gains four."""
        code, out, _ = run(capsys, "check-hits", str(table_2020))
        assert code == 0
        got = tsv(out)
        assert got[0] == HEADER_2020 + APPENDED
        assert [r[:7] for r in got[1:]] == ROWS_2020
        extra = [dict(zip(APPENDED, r[7:], strict=True)) for r in got[1:]]
        # p65 (a pNN name several proteins share) is RELA's, a well-studied gene
        assert [e["verdict"] for e in extra[:5]] == [
            "false_hit", "false_hit", "supported", "supported", "supported",
        ]  # fmt: skip
        assert extra[5]["verdict"] in {str(v) for v in Verdict}
        assert extra[3]["current_symbol"] == "PIMREG"
        assert "renamed_symbol" in extra[3]["reasons"].split(",")
        assert extra[5]["current_symbol"] == extra[5]["hgnc_id"] == ""

    def test_2020_table_jsonl(self, capsys: pytest.CaptureFixture[str], table_2020: Path) -> None:
        """With --format jsonl, each row is an object: original columns, then appended ones
        as ``check`` writes them (reason objects, a number), then ``schema_version``."""
        code, out, _ = run(capsys, "check-hits", str(table_2020), "--format", "jsonl")
        assert code == 0
        objs = jsonl(out)
        assert len(objs) == len(ROWS_2020)
        for obj, original in zip(objs, ROWS_2020, strict=True):
            assert list(obj) == [*HEADER_2020, *APPENDED, "schema_version"]
            assert [obj[c] for c in HEADER_2020] == original
            assert all(isinstance(obj[c], str) for c in [*HEADER_2020, "verdict"])
            assert all(isinstance(obj[c], str | None) for c in ("current_symbol", "hgnc_id"))
            assert isinstance(obj["confidence"], float)
            assert obj["schema_version"] == 1
            for r in [*obj["reasons"], *obj["support"]]:
                assert_shape(r, REASON_TYPES, "reasons")
        assert "renamed_symbol" in [r["code"] for r in objs[3]["reasons"]]
        assert objs[3]["current_symbol"] == "PIMREG"
        assert objs[5]["current_symbol"] is None

    def test_blank_lines_are_not_rows(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        """Blank lines in the input give no output rows."""
        path = tmp_path / "t.tsv"
        rows = ["\t".join(HEADER_2020), "\t".join(ROWS_2020[0]), "", "\t".join(ROWS_2020[2]), ""]
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        code, out, _ = run(capsys, "check-hits", str(path))
        assert code == 0
        assert [r[2] for r in tsv(out)[1:]] == ["out", "PTEN"]


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nosuchcommand"],
        ["check"],
        ["check", str(REFERENCE_PAGE), "--format", "xml"],
        ["check", str(REFERENCE_PAGE), "--bogus"],
        ["check", str(REFERENCE_PAGE), "--mygene-url", "http://127.0.0.1:9"],
        ["check", str(REFERENCE_PAGE), "--source", "nosuch"],
        ["check-hits"],
        ["check-hits", str(GENE_TABLES[0]), "--format", "table"],
        ["resolve"],
        ["data"],
        ["cache"],
    ],
    ids=lambda argv: " ".join(a.rsplit("/", 1)[-1] for a in argv) or "no-args",
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    """Bad commands, options and missing arguments exit 2 and write nothing to stdout."""
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err


def test_judged_fields_are_the_hit_columns() -> None:
    """`HitVerdict.judged` is the one place the columns a hit table gains are built: its keys
    are `HIT_COLUMNS` in order, and `to_dict` holds the same values."""
    from genenorm.models import HitVerdict, Reason

    v = HitVerdict(
        word="out", match="OUT", source="ncbigene_synonym", symbol="TCF23",
        verdict=Verdict.FALSE_HIT, current_symbol="TCF23", hgnc_id="HGNC:18602",
        reasons=(Reason(ReasonCode.ENGLISH_WORD, "a word", -3.0),), confidence=0.01234,
    )  # fmt: skip
    judged = v.judged()
    assert tuple(judged) == tuple(HIT_COLUMNS)
    assert judged["confidence"] == 0.012
    full = v.to_dict()
    assert {c: full[c] for c in HIT_COLUMNS} == judged
