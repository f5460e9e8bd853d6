"""Issue 12 §3 and §4: one output layer with a JSON Schema, the CLI package, hit tables
reported per page, stdin for check-hits and JSON lines for check, and the progress line."""

from __future__ import annotations

import ast
import fcntl
import io
import json
import os
import select
import shutil
import struct
import subprocess
import sys
import termios
import textwrap
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genenorm import frames, records, report, scale
from genenorm.check import check_page
from genenorm.cli import RESOLVE_COLUMNS, main

WEBSITE = Path(__file__).parent / "data" / "pfocr-website"
FIGURES = WEBSITE / "_figures"
REFERENCE = "PMC11987792__cancers-17-01167-g005"
PAGE = FIGURES / f"{REFERENCE}.md"
OWN_GENES = WEBSITE / "_data" / f"{REFERENCE}-genes.tsv"
OTHER_GENES = WEBSITE / "_data" / "PMC100003__mb2410470011-genes.tsv"
#: A 2020-format hit table: one row per hit, with the figid column.
ROWS_2020 = (
    "figid\tpmcid\tword\tsymbol\tsource\thgnc_symbol\tentrez\n"
    "PMC1__a.jpg\tPMC1\tout\tOUT\thgnc_alias_symbol\tTCF23\t150921\n"
    "PMC1__a.jpg\tPMC1\tPTEN\tPTEN\thgnc_symbol\tPTEN\t5728\n"
    "PMC2__b.png\tPMC2\tFAM64A\tFAM64A\thgnc_prev_symbol\tFAM64A\t54478\n"
    "PMC2__b.png\tPMC2\txyzzy\tXYZZY\thgnc_symbol\tXYZZY\tNA\n"
)
CLI = Path(__file__).parent.parent / "genenorm" / "cli"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(name="validator", scope="module")
def _validator() -> jsonschema.Draft202012Validator:
    schema = records.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(name="table_2020")
def _table_2020(tmp_path: Path) -> Path:
    path = tmp_path / "hits-2020.tsv"
    path.write_text(ROWS_2020, "utf-8")
    return path


# --------------------------------------------------------------------------- §4


class TestSchema:
    """Real JSONL output of every command validates against ``genenorm schema``."""

    def test_schema_command_prints_the_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = _run(["schema"], capsys)
        assert code == 0
        assert json.loads(out) == records.json_schema()

    def test_check_records_validate(
        self, validator: jsonschema.Draft202012Validator, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, out, _ = _run(["check", str(FIGURES)], capsys)
        assert code == 0
        lines = _lines(out)
        assert len(lines) > 5
        for line in lines:
            validator.validate(line)
            assert line["schema_version"] == records.SCHEMA_VERSION
        page = validator.schema["$defs"]["PageRecord"]
        ref = {"$ref": "#/$defs/PageRecord", "$defs": validator.schema["$defs"]}
        assert page["required"] == ["schema_version", "hit_tables"]
        jsonschema.validate(lines[0], ref)

    def test_check_hits_and_resolve_records_validate(
        self,
        validator: jsonschema.Draft202012Validator,
        table_2020: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        code, out, _ = _run(["check-hits", str(table_2020), "--format", "jsonl"], capsys)
        assert code == 0
        hits = _lines(out)
        assert len(hits) == 4
        code, out, _ = _run(["resolve", "TP53", "OUT", "nosuchgene", "--format", "jsonl"], capsys)
        assert code == 0
        for line in [*hits, *_lines(out)]:
            validator.validate(line)

    def test_a_wrong_record_is_refused(self, validator: jsonschema.Draft202012Validator) -> None:
        """The schema can fail: a hit row whose confidence is text (as check-hits wrote it
        before) or a record without ``schema_version`` does not validate."""
        row = {"word": "OUT", "verdict": "false_hit", "reasons": [], "current_symbol": None,
               "hgnc_id": None, "confidence": "0.059", "support": [], "schema_version": 1}  # fmt: skip
        assert not validator.is_valid(row)
        assert validator.is_valid({**row, "confidence": 0.059})
        del row["schema_version"]
        assert not validator.is_valid({**row, "confidence": 0.059})

    def test_check_hits_jsonl_matches_check(self, capsys: pytest.CaptureFixture[str]) -> None:
        """check-hits --format jsonl writes the verdict columns as check writes a hit:
        reason objects and numbers, not one comma string and numbers as text."""
        code, out, _ = _run(["check-hits", str(OWN_GENES), "--format", "jsonl"], capsys)
        assert code == 0
        rows = _lines(out)
        code, out, _ = _run(["check", str(PAGE)], capsys)
        hits = _lines(out)[0]["hits"]
        assert isinstance(hits, list)
        assert len(rows) == len(hits) == 19
        for row in rows:
            assert isinstance(row["confidence"], float)
            assert isinstance(row["reasons"], list)
            assert all(set(r) == {"code", "detail", "weight"} for r in row["reasons"])  # type: ignore[arg-type]


class TestOneHome:
    """Every column list is the object defined in `genenorm.records`."""

    def test_the_same_objects(self) -> None:
        assert report.KEYWORD_COLUMNS is records.KEYWORD_COLUMNS
        assert report.HIT_COLUMNS is records.HIT_COLUMNS
        assert RESOLVE_COLUMNS is records.RESOLVE_COLUMNS
        assert frames.KEYWORD_COLUMNS is records.KEYWORD_FRAME_COLUMNS
        assert frames.HIT_COLUMNS is records.HIT_FRAME_COLUMNS
        assert frames.RESOLUTION_COLUMNS is records.RESOLUTION_FRAME_COLUMNS
        assert frames.ORGANISM_COLUMNS is records.ORGANISM_FRAME_COLUMNS
        assert frames.SUGGESTION_COLUMNS is records.SUGGESTION_FRAME_COLUMNS
        assert scale.JUDGED_COLUMNS is records.HIT_VERDICT_DTYPES
        assert tuple(records.HIT_VERDICT_DTYPES) == records.HIT_COLUMNS

    def test_server_schemas_come_from_records(self) -> None:
        from genenorm.server import _schema

        assert _schema.component_schemas is records.component_schemas

    def test_table_has_a_header(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = _run(["check", str(PAGE), "--format", "table"], capsys)
        assert code == 0
        header = out.splitlines()[1].split()
        assert " ".join(header) == " ".join(records.TABLE_COLUMNS)


# --------------------------------------------------------------------------- §4: the package


def _imports(path: Path) -> set[str]:
    """Modules of ``genenorm.cli`` that *path* imports, at any depth of its code."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module)
            else:
                found.update(a.name for a in node.names)
    return found


class TestPackage:
    """The CLI is the package ``genenorm.cli``, with no import circle inside it."""

    def test_no_import_circle(self) -> None:
        modules = {p.stem: _imports(p) for p in CLI.glob("*.py")}
        assert {"__init__", "_check", "_common", "_demo", "_export", "_live"} <= set(modules)
        for name, deps in modules.items():
            if name != "__init__":
                assert "__init__" not in deps, name

        # no cycle: a depth-first walk never meets a module on its own path
        def walk(name: str, path: tuple[str, ...]) -> None:
            assert name not in path, " -> ".join((*path, name))
            for dep in modules.get(name, set()):
                walk(dep, (*path, name))

        for name in modules:
            walk(name, ())

    def test_old_modules_are_gone(self) -> None:
        for old in ("_checkcli", "_exportcli", "_democli", "_livecheck", "cli"):
            assert not (CLI.parent / f"{old}.py").exists(), old

    def test_python_m_genenorm(self) -> None:
        proc = subprocess.run(
            [sys.executable, "-m", "genenorm", "schema"], capture_output=True, check=False
        )
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["$id"] == records.SCHEMA_ID


# --------------------------------------------------------------------------- §3: hit tables


class TestHitTables:
    """Which hit tables each page used: ``-v`` on stderr and ``hit_tables`` in the record."""

    def test_record_names_the_tables(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, _ = _run(["check", str(PAGE)], capsys)
        assert code == 0
        tables = _lines(out)[0]["hit_tables"]
        assert [Path(str(t)).name for t in tables] == [  # type: ignore[union-attr]
            f"{REFERENCE}-genes.tsv",
            f"{REFERENCE}-chemicals.tsv",
        ]

    def test_verbose_says_a_copied_page_has_none(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A page copied out of ``_figures/`` gets no hits: ``-v`` says so."""
        copy = shutil.copy(PAGE, tmp_path / PAGE.name)
        code, out, err = _run(["check", str(copy), "-v"], capsys)
        assert code == 0
        assert _lines(out)[0]["hit_tables"] == []
        assert f"{REFERENCE}: no hit tables" in err

    def test_verbose_names_tables(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = _run(["check", str(PAGE), "-v", "--format", "tsv"], capsys)
        assert code == 0
        assert f"{REFERENCE}-genes.tsv" in err
        assert f"{REFERENCE}-chemicals.tsv" in err

    def test_stdin_page_verbose(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        _stdin(monkeypatch, PAGE.read_bytes())
        code, out, err = _run(["check", "-", "-v"], capsys)
        assert code == 0
        assert _lines(out)[0]["hit_tables"] == []
        assert "from stdin" in err

    def test_hits_table_is_named(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out, err = _run(["check", str(PAGE), "--hits", str(OWN_GENES), "-v"], capsys)
        assert code == 0
        record = _lines(out)[0]
        assert record["hit_tables"][0] == str(OWN_GENES)  # type: ignore[index]
        assert len(record["hits"]) == 19  # type: ignore[arg-type]
        assert f"19 rows of --hits {OWN_GENES}" in err

    def test_another_figures_table_is_refused(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A --hits table for another figure is refused before anything is written."""
        for fmt in ("jsonl", "tsv", "table"):
            code, out, err = _run(
                ["check", str(PAGE), "--hits", str(OTHER_GENES), "--format", fmt], capsys
            )
            assert code == 2
            assert out == ""
            assert "PMC100003__mb2410470011" in err
            assert f"--hits {OTHER_GENES}" in err

    def test_unreadable_pages_are_not_hidden_by_the_refusal(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With no page read at all, each input's own error is its record."""
        missing = tmp_path / "missing.md"
        code, out, err = _run(["check", str(missing), "--hits", str(OTHER_GENES)], capsys)
        assert code == 1
        assert [r["path"] for r in _lines(out)] == [str(missing)]
        assert "--hits" not in err

    def test_table_matching_one_page_of_many(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A table for one of the pages goes to that page; the others keep their own."""
        code, out, err = _run(["check", str(FIGURES), "--hits", str(OWN_GENES), "-v"], capsys)
        assert code == 0
        by_figid = {r["figid"]: r for r in _lines(out)}
        assert by_figid[REFERENCE]["hit_tables"][0] == str(OWN_GENES)  # type: ignore[index]
        other = by_figid["PMC100003__mb2410470011"]
        assert [Path(str(t)).name for t in other["hit_tables"]] == [OTHER_GENES.name]  # type: ignore[union-attr]
        assert "has no row for figure PMC100003__mb2410470011" in err

    def test_missing_table_is_named(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--hits nosuch.tsv``: no record for a figure 'nosuch', an error naming it."""
        missing = tmp_path / "nosuch.tsv"
        code, out, err = _run(["check", str(PAGE), "--hits", str(missing)], capsys)
        assert code == 1
        assert out == ""
        assert f"--hits {missing}" in err
        assert "nosuch" not in out

    def test_table_read_once(self, tmp_path: Path) -> None:
        """The --hits table is opened once per run, not once per page (an audit hook counts
        the opens in a fresh interpreter)."""
        pages = tmp_path / "pages"
        pages.mkdir()
        for i in range(4):
            (pages / f"p{i}.md").write_text(
                PAGE.read_text("utf-8").replace(f"figid: {REFERENCE}", f"figid: {REFERENCE}"),
                "utf-8",
            )
        table = tmp_path / "hits.tsv"
        shutil.copy(OWN_GENES, table)
        script = textwrap.dedent(
            f"""
            import sys
            opens = []
            def hook(event, args):
                if event == "open" and str(args[0]) == {str(table)!r}:
                    opens.append(args[0])
            sys.addaudithook(hook)
            from genenorm.cli import main
            code = main(["check", {str(pages)!r}, "--hits", {str(table)!r}, "--format", "tsv"])
            print(code, len(opens), file=sys.stderr)
            """
        )
        proc = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=False
        )
        assert proc.stderr.splitlines()[-1] == "0 1", proc.stderr


# --------------------------------------------------------------------------- §3: stdin


class TestStdin:
    """``check-hits -`` reads stdin; ``check - --input-format jsonl`` reads many pages."""

    def test_check_hits_stdin(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, expected, _ = _run(["check-hits", str(OWN_GENES)], capsys)
        assert code == 0
        _stdin(monkeypatch, OWN_GENES.read_bytes())
        code, out, _ = _run(["check-hits", "-"], capsys)
        assert code == 0
        assert out == expected

    def test_check_hits_bad_stdin_is_named(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        _stdin(monkeypatch, OWN_GENES.read_bytes() + b"\xff\n")
        code, out, err = _run(["check-hits", "-"], capsys)
        assert (code, out) == (1, "")
        assert "<stdin>" in err
        assert "UTF-8" in err

    def test_check_hits_help_lists_no_mygene_option(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["check-hits", "--help"]) == 0
        out = capsys.readouterr().out
        for option in (
            "--source",
            "--mygene-url",
            "--timeout",
            "--retries",
            "--fallback",
            "--cache",
        ):
            assert option not in out, option
        assert "--data" in out
        assert "'-' reads stdin" in " ".join(out.split())

    @pytest.mark.parametrize("option", [["--source", "mygene"], ["--cache"], ["--timeout", "3"]])
    def test_check_hits_refuses_mygene_options(
        self, option: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        code, _, err = _run(["check-hits", str(OWN_GENES), *option], capsys)
        assert code == 2
        assert "not supported" in err

    def test_jsonl_pages_on_stdin(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every line gives one record, in order: pages, and errors naming their line."""
        good = {"figid": "F1", "figtitle": "TP53 and MDM2",
                "schema-jsonld": {"keywords": ["TP53", "MDM2", "OUT"]}}  # fmt: skip
        lines = [
            json.dumps(good),
            "not json",
            "[1, 2]",
            "",
            json.dumps({"figtitle": "no figid"}),
            json.dumps({**good, "figid": "F2"}),
            "[" * 100_000,
        ]
        _stdin(monkeypatch, ("\n".join(lines) + "\n").encode() + b'{"figid": "\xff"}\n')
        code, out, err = _run(["check", "-", "--input-format", "jsonl"], capsys)
        assert code == 1
        got = _lines(out)
        assert len(got) == len(lines) + 1
        assert [r["path"] for r in got] == [f"<stdin>:{i}" for i in range(1, len(lines) + 2)]
        assert [r["figid"] for r in got] == ["F1", "", "", "", "", "F2", "", ""]
        assert [bool(r["errors"]) for r in got] == [
            False,
            True,
            True,
            True,
            True,
            False,
            True,
            True,
        ]
        verdicts = {k["keyword"]: k["verdict"] for k in got[0]["keywords"]}  # type: ignore[union-attr,index]
        assert verdicts == {"TP53": "supported", "MDM2": "supported", "OUT": "false_hit"}
        assert "<stdin>:2: not valid JSON" in err
        assert "<stdin>:8: not valid UTF-8" in err
        assert "8 pages (6 failed)" in err

    def test_one_page_on_stdin_by_default(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without --input-format, '-' is one page, as the help says."""
        code, out, _ = _run(["check", "--help"], capsys)
        assert "one page" in out
        _stdin(monkeypatch, PAGE.read_bytes())
        code, out, _ = _run(["check", "-"], capsys)
        assert code == 0
        assert len(_lines(out)) == 1


# --------------------------------------------------------------------------- §3: progress


def _on_a_terminal(
    args: list[str], *, stdout_tty: bool, tmp_path: Path, columns: int = 0
) -> tuple[int, bytes, bytes]:
    """Run genenorm with stderr (and optionally stdout) on a pseudo-terminal (*columns*
    wide, when given): its exit status, what reached the terminal, and stdout when it is a
    file."""
    master, slave = os.openpty()
    if columns:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    out_path = tmp_path / "stdout"
    with out_path.open("wb") as out_file:
        proc = subprocess.Popen(
            [sys.executable, "-m", "genenorm", *args],
            stdin=subprocess.DEVNULL,
            stdout=slave if stdout_tty else out_file,
            stderr=slave,
        )
        os.close(slave)
        seen = bytearray()
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                proc.kill()
                pytest.fail("no output for 60 s")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not chunk:
                break
            seen += chunk
        code = proc.wait(timeout=60)
    os.close(master)
    return code, bytes(seen), out_path.read_bytes()


class TestProgress:
    """The progress line on a real pseudo-terminal."""

    @pytest.fixture(name="corpus")
    def _corpus(self, tmp_path: Path) -> Path:
        root = tmp_path / "site"
        shutil.copytree(WEBSITE, root)
        (root / "_figures" / "PMC0__broken.md").write_text("---\nfigid: [unclosed\n---\n")
        return root / "_figures"

    def test_total_eta_and_cleared_before_messages(self, corpus: Path, tmp_path: Path) -> None:
        n = len(list(corpus.glob("*.md")))
        code, tty, out = _on_a_terminal(["check", str(corpus)], stdout_tty=False, tmp_path=tmp_path)
        assert code == 1
        text = tty.decode("utf-8")
        assert len(out.splitlines()) == n  # the records went to the file, whole
        assert f"/{n} pages (" in text  # the total
        assert "ETA " in text
        # every message starts on a clean line: after a newline, or after "erase the line"
        for marker in ("genenorm: ", "genenorm: " + str(corpus)):
            start = 0
            while (i := text.find(marker, start)) != -1:
                before = text[max(0, i - 4) : i]
                assert i == 0 or before.endswith(("\n", "\r\x1b[K")), repr(text[i - 40 : i + 40])
                start = i + 1
        error_line = next(line for line in text.split("\n") if "PMC0__broken.md" in line)
        assert "pages (" not in error_line.rsplit("\r\x1b[K", 1)[-1]
        summary = text.rstrip("\r\n").rsplit("\n", 1)[-1].rsplit("\r\x1b[K", 1)[-1]
        assert summary.startswith(f"genenorm: {n} pages (1 failed)")

    def test_not_drawn_into_a_table_on_the_terminal(self, tmp_path: Path) -> None:
        code, tty, _ = _on_a_terminal(
            ["check", str(FIGURES), "--format", "table"], stdout_tty=True, tmp_path=tmp_path
        )
        assert code == 0
        assert b"\r\x1b[K" not in tty
        assert b"pages checked" not in tty
        assert b"  keyword  " in tty

    def test_check_hits_counts_hits(self, tmp_path: Path, adrd_table: Path) -> None:
        """``check-hits`` draws the same line, counting hits against the table's rows, and
        clears it before its summary; the rows went to the file, whole."""
        head = tmp_path / "head.tsv"
        with adrd_table.open(encoding="utf-8") as f:
            head.write_text("".join(next(f) for _ in range(3001)), encoding="utf-8")
        code, tty, out = _on_a_terminal(
            ["check-hits", str(head)], stdout_tty=False, tmp_path=tmp_path
        )
        assert code == 0
        assert len(out.splitlines()) == 3001
        text = tty.decode("utf-8")
        assert "/3,000 hits (" in text
        summary = text.rstrip("\r\n").rsplit("\n", 1)[-1].rsplit("\r\x1b[K", 1)[-1]
        assert summary.startswith("genenorm: 3000 hits; ")
        code, tty, _ = _on_a_terminal(
            ["check-hits", "--no-progress", str(head)], stdout_tty=False, tmp_path=tmp_path
        )
        assert b"\x1b" not in tty

    def test_never_wider_than_the_terminal(self, corpus: Path, tmp_path: Path) -> None:
        """On a terminal narrower than the line, each draw is cut to its width: a wrapped
        line would leave a row behind at every redraw (seen at 40 columns)."""
        code, tty, _ = _on_a_terminal(
            ["check", str(corpus)], stdout_tty=False, tmp_path=tmp_path, columns=40
        )
        assert code == 1
        # a draw is what follows "erase the line" up to the next one, with no line end
        segments = tty.decode("utf-8").split("\r\x1b[K")[1:]
        draws = [seg for seg in segments if seg and "\n" not in seg]
        assert draws
        assert all(d.startswith("genenorm: ") for d in draws), draws
        assert max(map(len, draws)) <= 39, draws

    def test_not_drawn_off_a_terminal(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, _, err = _run(["check", str(FIGURES)], capsys)
        assert code == 0
        assert "\r" not in err
        assert "\x1b" not in err


# --------------------------------------------------------------------------- fuzz: JSONL pages

_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)
_page_fields = st.fixed_dictionaries(
    {},
    optional={
        "figid": st.one_of(st.text(max_size=12), _json_value),
        "figtitle": st.one_of(st.text(max_size=20), _json_value),
        "caption": st.one_of(st.text(max_size=20), _json_value),
        "schema-jsonld": st.one_of(
            st.fixed_dictionaries({"keywords": st.lists(st.text(max_size=8), max_size=4)}),
            _json_value,
        ),
        "genes": _json_value,
        "chemicals": _json_value,
        "organisms": _json_value,
    },
)
_line = st.one_of(
    _page_fields.map(lambda d: json.dumps(d).encode()),
    _json_value.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"")),
)


@settings(
    max_examples=60, deadline=timedelta(seconds=10), suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(_line, max_size=6), st.booleans())
def test_fuzz_jsonl_pages_one_record_per_line(lines: list[bytes], trailing: bool) -> None:
    """Whatever the lines, each gives exactly one page or one `PageError` naming it."""
    from genenorm.exceptions import PageError
    from genenorm.models import Page
    from genenorm.pfocr import read_stream_pages

    data = b"\n".join(lines) + (b"\n" if trailing and lines else b"")
    got = list(read_stream_pages(io.BytesIO(data), name="<stdin>"))
    lines_given = data.split(b"\n")
    if lines_given[-1] == b"":  # a final newline ends the last line, it does not start one
        lines_given.pop()
    assert len(got) == len(lines_given)
    for number, item in enumerate(got, start=1):
        assert isinstance(item, Page | PageError)
        assert item.path == f"<stdin>:{number}"
        if isinstance(item, PageError):
            assert str(item).startswith(f"<stdin>:{number}:")
        else:
            report = check_page(item)
            assert report.path == f"<stdin>:{number}"


def test_needs_escape_matches_the_escaping_pattern_on_every_character() -> None:
    """`report.needs_escape` (a `str.isprintable` test for ASCII text) says what the
    escaping pattern says, character by character over all of Unicode and on mixed text."""
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        assert report.needs_escape(ch) is bool(report._UNSAFE.search(ch)), hex(code)
    for text in ("TP53\tIL6", "a b-c/d_e", "é", "TP53\x7f", "x\\y", "\u2028", "α1", ""):
        assert report.needs_escape(text) is bool(report._UNSAFE.search(text)), text
        assert (report.escape_text(text) != text) is report.needs_escape(text)
