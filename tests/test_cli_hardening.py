"""The command line a person meets: escaped page text, verified data, internal errors
reported as bugs, and the shipped demo figure (issue 12 §3)."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from genenorm._errors import EXIT_INTERNAL, report_internal_error
from genenorm.cli import EXIT_DATA, main
from genenorm.lexicon import default_data_dir

# Every character that must never reach a terminal or split a TSV row.
UNSAFE = ("\x00", "\x1b", "\r", "\x07", "\x7f", "\x85", "\u2028", "\u2029")

# A page whose figid, caption and keywords hold NUL, ESC (a colour sequence), CR, BEL, DEL,
# NEL (U+0085) and the line/paragraph separators, written with YAML's double-quoted escapes.
HOSTILE_PAGE = (
    "---\n"
    'figid: "PMC1__evil\\e[2J"\n'
    'caption: "TP53 binds MDM2.\\e]0;pwned\\a\\rKRAS\\0 line\\Lbreak\\Nnext\\Ppara\\x7f"\n'
    "schema-jsonld:\n"
    "  keywords:\n"
    "  - TP53\n"
    '  - "MDM2\\e[31m"\n'
    '  - "KR\\rAS\\0"\n'
    '  - "BRCA1\\Lx\\N"\n'
    '  - "\\x7fEGFR\\Pz"\n'
    "---\n"
)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestEscaping:
    """Control characters from page content are escaped in the table, TSV and stderr."""

    @pytest.fixture(name="page")
    def _page(self, tmp_path: Path) -> Path:
        path = tmp_path / "PMC1__evil.md"
        path.write_text(HOSTILE_PAGE, encoding="utf-8")
        return path

    @pytest.mark.parametrize("fmt", ["table", "tsv"])
    def test_no_raw_control_character(
        self, page: Path, fmt: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """No NUL, ESC, CR, BEL, DEL, NEL or U+2028/U+2029 reaches stdout or stderr."""
        code, out, err = _run(["check", str(page), "--format", fmt], capsys)
        assert code == 0, err
        for ch in UNSAFE:
            assert ch not in out, repr(ch)
            assert ch not in err, repr(ch)
        assert "MDM2\\x1b[31m" in out
        assert "KR\\rAS\\x00" in out
        assert "BRCA1\\u2028x\\x85" in out

    def test_tsv_rows_stay_whole(self, page: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Every TSV line has the header's column count; keywords round-trip as escapes."""
        code, out, _ = _run(["check", str(page), "--format", "tsv"], capsys)
        assert code == 0
        lines = out.split("\n")
        assert lines.pop() == ""
        header = lines[0].split("\t")
        rows = [line.split("\t") for line in lines[1:]]
        assert all(len(r) == len(header) for r in rows)
        keywords = [
            r[header.index("keyword")] for r in rows if r[header.index("kind")] != "suggestion"
        ]
        assert keywords == [
            "TP53",
            "MDM2\\x1b[31m",
            "KR\\rAS\\x00",
            "BRCA1\\u2028x\\x85",
            "\\x7fEGFR\\u2029z",
        ]
        assert {r[0] for r in rows} == {"PMC1__evil\\x1b[2J"}

    def test_jsonl_keeps_the_text(self, page: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """JSONL is for machines: JSON escapes control characters itself, text unchanged."""
        code, out, _ = _run(["check", str(page)], capsys)
        assert code == 0
        assert "\x1b" not in out
        record = json.loads(out)
        assert [k["keyword"] for k in record["keywords"]][1] == "MDM2\x1b[31m"

    def test_error_message_on_stderr_is_escaped(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A page error naming a file with ESC in its name prints the name escaped."""
        path = tmp_path / "bad\x1b[2J.md"
        path.write_text("---\nfigid: X\nschema-jsonld:\n  keywords: [unclosed\n---\n", "utf-8")
        code, out, err = _run(["check", str(path), "--format", "table"], capsys)
        assert code == 1
        assert "\x1b" not in out
        assert "\x1b" not in err
        assert "bad\\x1b[2J.md" in err


class TestDataInfoVerifies:
    """``genenorm data info`` verifies every checksum and names a corrupted file."""

    @pytest.fixture(name="data_copy")
    def _data_copy(self, tmp_path: Path) -> Path:
        target = tmp_path / "data"
        shutil.copytree(default_data_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
        return target

    def test_intact_copy_passes(self, data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An intact copy of the shipped data passes, in text and JSON."""
        assert _run(["data", "info", "--data", str(data_copy)], capsys)[0] == 0
        code, out, _ = _run(["data", "info", "--data", str(data_copy), "--format", "json"], capsys)
        assert code == 0
        assert json.loads(out)["data_dir"] == str(data_copy)

    def test_one_flipped_byte(self, data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """One changed byte in a table: exit 3, the file named, nothing on stdout."""
        victim = data_copy / "english.tsv.gz"
        blob = bytearray(victim.read_bytes())
        blob[len(blob) // 2] ^= 0xFF
        victim.write_bytes(bytes(blob))
        code, out, err = _run(["data", "info", "--data", str(data_copy)], capsys)
        assert code == EXIT_DATA
        assert out == ""
        assert f"{victim}: checksum mismatch" in err

    def test_missing_file(self, data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A table listed in the manifest but absent: exit 3, the file named."""
        (data_copy / "hgnc_keys.tsv.gz").unlink()
        code, _, err = _run(["data", "info", "--data", str(data_copy)], capsys)
        assert code == EXIT_DATA
        assert f"{data_copy / 'hgnc_keys.tsv.gz'}: missing" in err


class TestInternalErrors:
    """An unexpected exception is reported as a bug, not as a usage error."""

    @staticmethod
    def _raised() -> ZeroDivisionError:
        try:
            _ = 1 / 0
        except ZeroDivisionError as err:
            return err
        raise AssertionError("unreachable")

    def test_one_line_without_debug(self) -> None:
        """Without --debug: one line naming the exception, no traceback; exit 70."""
        stream = io.StringIO()
        assert report_internal_error(self._raised(), debug=False, stream=stream) == EXIT_INTERNAL
        text = stream.getvalue()
        assert text.count("\n") == 1
        assert text.startswith("genenorm: internal error (a bug in genenorm")
        assert "ZeroDivisionError: division by zero" in text
        assert "--debug" in text
        assert "Traceback" not in text

    def test_traceback_with_debug(self) -> None:
        """With --debug: the same line, then the traceback."""
        stream = io.StringIO()
        assert report_internal_error(self._raised(), debug=True, stream=stream) == EXIT_INTERNAL
        first, rest = stream.getvalue().split("\n", 1)
        assert "ZeroDivisionError: division by zero" in first
        assert rest.startswith("Traceback (most recent call last):")
        assert "_ = 1 / 0" in rest

    def test_multiline_message_stays_one_line(self) -> None:
        """A message with line breaks or ESC is escaped onto one line."""
        stream = io.StringIO()
        report_internal_error(KeyError("a\nb\x1b"), debug=False, stream=stream)
        assert stream.getvalue().count("\n") == 1
        assert "\x1b" not in stream.getvalue()

    def test_user_errors_keep_their_codes(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A malformed $GENENORM_MYGENE_URL is the project's own error: exit 2, not 70."""
        monkeypatch.setenv("GENENORM_MYGENE_URL", "http://[::1")
        code, _, err = _run(["resolve", "--source", "mygene", "TP53"], capsys)
        assert code == 2
        assert "is not valid" in err
        assert "internal error" not in err


class TestDemo:
    """``genenorm demo`` checks the reference figure shipped inside the package."""

    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The README's first command: the table with TCF23 flagged, ABCB1 supported."""
        code, out, _ = _run(["demo", "--format", "table"], capsys)
        assert code == 0
        assert out.startswith("PMC11987792__cancers-17-01167-g005  (")
        lines = out.splitlines()
        assert any(line.split()[:3] == ["TCF23", "gene", "false_hit"] for line in lines)
        assert any(line.split()[:3] == ["ABCB1", "gene", "supported"] for line in lines)

    def test_same_as_check_on_the_reference_page(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``demo --format jsonl`` equals ``check`` of the repository's copy of the page, but for
        the path (the shipped copy and its hit tables are the same files)."""
        reference = Path(__file__).parent / "data" / "pfocr-website" / "_figures"
        page = reference / "PMC11987792__cancers-17-01167-g005.md"
        code, demo, _ = _run(["demo", "--format", "jsonl"], capsys)
        assert code == 0
        code, out, _ = _run(["check", str(page)], capsys)
        assert code == 0
        demo_record, check_record = json.loads(demo), json.loads(out)
        assert demo_record.pop("path").endswith("examples/_figures/" + page.name)
        check_record.pop("path")
        shipped = [t.rsplit("/", 1)[1] for t in demo_record.pop("hit_tables")]
        assert shipped == [t.rsplit("/", 1)[1] for t in check_record.pop("hit_tables")]
        assert shipped == [f"{page.stem}-genes.tsv", f"{page.stem}-chemicals.tsv"]
        assert demo_record == check_record
