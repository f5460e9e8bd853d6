"""One-shot command-line runs leave through ``os._exit`` with the right status and all output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from genenorm.cli import main

DATA = Path(__file__).parent / "data" / "pfocr-website" / "_figures"


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    code = "import sys; from genenorm.cli import main; sys.exit(main())"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, check=False, timeout=120
    )


def test_every_page_written_and_status_kept(tmp_path: Path) -> None:
    """A fast exit flushes every record, and keeps exit status 1 when a page failed."""
    bad = tmp_path / "_figures" / "bad.md"
    bad.parent.mkdir()
    bad.write_text("no front matter\n", encoding="utf-8")
    pages = sorted(DATA.glob("*.md"))
    proc = run("check", "--no-progress", "--format", "jsonl", str(DATA), str(bad))
    assert proc.returncode == 1, proc.stderr
    assert len(proc.stdout.splitlines()) == len(pages) + 1
    assert proc.stdout.endswith(b"\n")
    assert (
        proc.stderr.decode()
        .rstrip()
        .splitlines()[-1]
        .startswith(f"genenorm: {len(pages) + 1} pages (1 failed)")
    )


def test_success_and_usage_statuses() -> None:
    """Exit status 0 on success and 2 on a usage error, as without the fast exit."""
    ok = run("resolve", "TP53")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[1].split(b"\t")[:3] == [b"TP53", b"approved", b"TP53"]
    assert run("check-hits", "--format", "nope", "x.tsv").returncode == 2


def test_in_process_main_returns() -> None:
    """Called with an argument list (tests, embedding), main returns its status."""
    assert main(["resolve", "--format", "jsonl", "TP53"]) == 0


def test_help_formatter_as_wide_as_argparse(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's help formatter (sized without importing shutil) is as wide as argparse's."""
    import argparse

    from genenorm.cli._common import HelpFormatter

    for columns in (None, "50", "200", "0", "-3", "wide"):
        if columns is None:
            monkeypatch.delenv("COLUMNS", raising=False)
        else:
            monkeypatch.setenv("COLUMNS", columns)
        assert HelpFormatter("x")._width == argparse.HelpFormatter("x")._width
