"""Issue 12 §1: every input accounted for — readers and corpus runs never crash, hang or lose."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from genenorm.check import check_paths
from genenorm.cli import main
from genenorm.exceptions import NoInputError, PageError
from genenorm.models import Page
from genenorm.pfocr import (
    iter_pages,
    page_from_fields,
    read_hit_table,
    read_hit_table_text,
    read_page,
    read_page_text,
    read_stream_pages,
)
from genenorm.resolver import resolve_many

WEBSITE = Path(__file__).parent / "data" / "pfocr-website"
REFERENCE_ID = "PMC11987792__cancers-17-01167-g005"
REFERENCE = WEBSITE / "_figures" / f"{REFERENCE_ID}.md"
GENES_HEADER = (
    "organism_id\torganism_name\torganism_group\tword\tmatch\tncbigene_symbol\tncbigene_id\t"
    "source\tcount_direct\tcount_synonym\tcount_match"
)
GENES_ROW = "9606\tHomo sapiens\tPrimates\tPTEN\tPTEN\tPTEN\t5728\tncbigene_symbol\t1\t0\t1"


def _page(figid: str = "PMC1__f1", extra: str = "") -> str:
    return f"---\nfigid: {figid}\nschema-jsonld:\n  keywords:\n  - PTEN\n{extra}---\n"


def _within(seconds: float, call: Callable[[], object]) -> object:
    """Run *call* in a daemon thread; fail (instead of hanging the suite) if it blocks."""
    box: list[object] = []

    def run() -> None:
        try:
            box.append(call())
        except BaseException as err:  # handed back to the test
            box.append(err)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert box, f"still running after {seconds} s"
    return box[0]


# --------------------------------------------------------------------------- deep YAML


@pytest.mark.parametrize(
    "value",
    [
        "[" * 600 + "]" * 600,  # flow sequences 600 deep
        "{a: " * 1200 + "b" + "}" * 1200,  # flow mappings 1,200 deep
        "\n" + "".join(" " * i + "- \n" for i in range(1, 600)) + " " * 600 + "- x\n",
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_deep_front_matter_is_a_page_or_a_page_error(value: str) -> None:
    """Deeply nested front matter gives a page or a PageError, never a RecursionError."""
    text = f"---\nfigid: x\nother: {value}\n---\n"
    try:
        page: Page | PageError = read_page_text(text)
    except PageError as err:
        page = err
    assert isinstance(page, PageError) or page.figid == "x"


def test_deep_page_does_not_stop_the_corpus_run(tmp_path: Path) -> None:
    """A page nested 600 deep becomes one error record; the page after it is still checked."""
    (tmp_path / "a.md").write_text(_page("deep", "other: " + "[" * 600 + "]" * 600 + "\n"))
    (tmp_path / "b.md").write_text(_page("PMC2__f2"))
    reports = list(check_paths([tmp_path]))
    assert [r.path for r in reports] == [str(tmp_path / "a.md"), str(tmp_path / "b.md")]
    assert not reports[1].errors
    assert [k.keyword for k in reports[1].keywords] == ["PTEN"]


# --------------------------------------------------------------------------- duplicate keys


def test_duplicate_keys_name_both_lines() -> None:
    """A second `keywords:` list is an error naming both lines, not a silent overwrite."""
    text = "---\nfigid: x\nschema-jsonld:\n  keywords:\n  - PTEN\n  keywords:\n  - TP53\n---\n"
    with pytest.raises(PageError, match=r"duplicate key 'keywords'.*line 4.*line 6") as info:
        read_page_text(text, path="p.md")
    assert info.value.line == 6


def test_duplicate_keys_found_behind_an_alias() -> None:
    """Duplicate keys are found on the full constructor's path too (anchors and aliases)."""
    text = "---\nfigid: x\na: &A [1]\nb: *A\nfigid: y\n---\n"
    with pytest.raises(PageError, match=r"duplicate key 'figid'.*line 2.*line 5"):
        read_page_text(text)


# --------------------------------------------------------------------------- non-regular files


def test_fifo_page_is_refused_without_hanging(tmp_path: Path) -> None:
    """A FIFO named like a page is refused with a named error, without waiting for a writer."""
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    try:
        result = _within(5, lambda: read_page(fifo))
    finally:  # unblock a reader that is stuck in open()
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert isinstance(result, PageError)
    assert "not a regular file" in str(result)
    assert "FIFO" in str(result)


def test_device_hit_table_is_refused() -> None:
    """`/dev/zero` as a hit table is refused at once instead of read forever."""
    result = _within(5, lambda: read_hit_table("/dev/zero"))
    assert isinstance(result, PageError)
    assert "not a regular file" in str(result)
    assert "character device" in str(result)


def test_page_size_is_capped(tmp_path: Path) -> None:
    """A page over the byte limit is an error naming the limit; the limit is configurable."""
    page = tmp_path / "big.md"
    page.write_text(_page(extra="caption: " + "x" * 5000 + "\n"))
    with pytest.raises(PageError, match="over the 1,000-byte limit"):
        read_page(page, max_bytes=1000)
    assert read_page(page, max_bytes=10_000).figid == "PMC1__f1"


def test_table_size_is_capped(tmp_path: Path) -> None:
    """A hit table over the byte limit is an error naming the limit."""
    table = tmp_path / "t-genes.tsv"
    table.write_text(GENES_HEADER + "\n" + (GENES_ROW + "\n") * 50)
    with pytest.raises(PageError, match="over the 100-byte limit"):
        read_hit_table(table, max_bytes=100)
    assert len(read_hit_table(table).hits) == 50


# --------------------------------------------------------------------------- directory walks


def test_walk_reports_every_md_entry(tmp_path: Path) -> None:
    """Dangling symlinks, symlink loops and FIFOs named `*.md` are error records, in order."""
    (tmp_path / "a_good.md").write_text(_page())
    (tmp_path / "b_dangling.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "c_loop.md").symlink_to(tmp_path / "c_loop.md")
    os.mkfifo(tmp_path / "d_fifo.md")
    (tmp_path / "notes.txt").write_text("not a page")
    results = _within(10, lambda: list(iter_pages([tmp_path])))
    assert isinstance(results, list)
    names = [Path(r.path or "").name for r in results]
    assert names == ["a_good.md", "b_dangling.md", "c_loop.md", "d_fifo.md"]
    assert isinstance(results[0], Page)
    assert all(isinstance(e, PageError) for e in results[1:])
    messages = [str(e) for e in results[1:]]
    assert "dangling symbolic link" in messages[0]
    assert "symbolic link loop" in messages[1]
    assert "FIFO" in messages[2]


def test_walk_reports_unreadable_directories(tmp_path: Path) -> None:
    """A subdirectory that cannot be listed is an error record naming it, not a silent gap."""
    (tmp_path / "a.md").write_text(_page())
    locked = tmp_path / "b_locked"
    locked.mkdir()
    (locked / "hidden.md").write_text(_page())
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: directory permissions are not enforced")
        results = list(iter_pages([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert [Path(r.path or "").name for r in results] == ["a.md", "b_locked"]
    assert "cannot list directory" in str(results[1])


def test_check_counts_broken_entries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`genenorm check DIR` writes one record per `.md` entry and counts failures in the summary."""
    (tmp_path / "a.md").write_text(_page())
    (tmp_path / "b.md").symlink_to(tmp_path / "nowhere.md")
    assert main(["check", str(tmp_path), "--no-progress"]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [Path(r["path"]).name for r in records] == ["a.md", "b.md"]
    assert records[1]["errors"]
    assert not records[0]["errors"]
    assert "2 pages (1 failed)" in captured.err


def test_empty_directory_is_no_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`genenorm check` on a directory without pages fails, naming the directory."""
    (tmp_path / "notes.txt").write_text("no pages here")
    assert main(["check", str(tmp_path), "--no-progress"]) != 0
    err = capsys.readouterr().err
    assert "no input found" in err
    assert str(tmp_path) in err
    (result,) = iter_pages([tmp_path])
    assert isinstance(result, NoInputError)


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes")
def test_non_utf8_file_name_is_named_and_the_run_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A page whose file name is not UTF-8 is an error record naming it; later pages still run."""
    raw = os.fsencode(tmp_path) + b"/a\xff.md"
    with open(raw, "w", encoding="utf-8") as file:
        file.write(_page())
    (tmp_path / "b.md").write_text(_page("PMC2__f2"))
    assert main(["check", str(tmp_path), "--no-progress"]) == 1
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert len(records) == 2
    assert "a\\xff.md" in records[0]["path"]
    assert "not valid UTF-8" in records[0]["errors"][0]
    assert records[1]["figid"] == "PMC2__f2"
    assert not records[1]["errors"]


# --------------------------------------------------------------------------- encodings, line ends


def test_stdin_with_invalid_utf8_is_an_error() -> None:
    """`genenorm check -` reports invalid UTF-8 on stdin instead of judging U+FFFD text."""
    data = _page().replace("PTEN", "PT\xffEN").encode("latin-1")
    done = subprocess.run(
        [sys.executable, "-m", "genenorm", "check", "-", "--no-progress"],
        input=data, capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    (record,) = [json.loads(line) for line in done.stdout.splitlines()]
    assert "not valid UTF-8" in record["errors"][0]
    assert record["keywords"] == []


def test_cr_only_line_endings(tmp_path: Path) -> None:
    """A page with CR-only line endings (old Mac) is read like one with line feeds."""
    page = tmp_path / "mac.md"
    page.write_bytes(_page().replace("\n", "\r").encode())
    assert read_page(page).keywords == ("PTEN",)


def test_malformed_side_table_keeps_its_page(tmp_path: Path) -> None:
    """A malformed `_data` genes table: the page is still checked, with the table's error."""
    (tmp_path / "_figures").mkdir()
    (tmp_path / "_data").mkdir()
    (tmp_path / "_figures" / "f.md").write_text(_page("f"))
    (tmp_path / "_data" / "f-genes.tsv").write_text("nonsense\theader\n1\t2\n")
    page = read_page(tmp_path / "_figures" / "f.md")
    assert page.keywords == ("PTEN",)
    assert len(page.errors) == 1
    assert "f-genes.tsv" in page.errors[0]
    (report,) = check_paths([tmp_path])
    assert [k.keyword for k in report.keywords] == ["PTEN"]
    assert any("f-genes.tsv" in e for e in report.errors)


# --------------------------------------------------------------------------- hit tables


def test_lone_cr_in_a_field_is_named() -> None:
    """A carriage return inside a field is an error naming the line and the column."""
    text = GENES_HEADER + "\n" + GENES_ROW.replace("PTEN\tPTEN\tPTEN", "PT\rEN\tPTEN\tPTEN") + "\n"
    with pytest.raises(PageError, match=r"t-genes.tsv:2: carriage return inside field 'word'"):
        read_hit_table_text(text, name="t-genes.tsv")


def test_crlf_table_still_reads() -> None:
    """CRLF line endings stay accepted."""
    text = (GENES_HEADER + "\r\n" + GENES_ROW + "\r\n").replace("\r\n", "\r\n")
    assert read_hit_table_text(text, name="t-genes.tsv").hits[0].symbol == "PTEN"


def test_over_long_field_is_named() -> None:
    """A field over the field limit is an error naming line, column and limit."""
    text = (
        GENES_HEADER
        + "\n"
        + GENES_ROW.replace("\tPTEN\tPTEN\tPTEN", "\tPTEN\t" + "W" * 200_000 + "\tPTEN", 1)
        + "\n"
    )
    with pytest.raises(PageError, match=r":2: field 'match' is 200,000 characters long"):
        read_hit_table_text(text, name="t-genes.tsv")


def test_duplicate_column_names_are_an_error() -> None:
    """A header naming a column twice is an error naming both positions."""
    text = GENES_HEADER + "\tword\n" + GENES_ROW + "\tother\n"
    with pytest.raises(PageError, match=r"duplicate column 'word' \(columns 4 and 12\)"):
        read_hit_table_text(text, name="t-genes.tsv")


def test_all_empty_row_is_an_error() -> None:
    """A row of empty fields is an error naming its line, not a hit judged `supported`."""
    text = GENES_HEADER + "\n" + GENES_ROW + "\n" + "\t" * 10 + "\n"
    with pytest.raises(PageError, match=r":3: row has no values"):
        read_hit_table_text(text, name="t-genes.tsv")


# --------------------------------------------------------------------------- API arguments


def test_check_paths_refuses_a_string() -> None:
    """`check_paths("dir")` raises TypeError instead of walking one character at a time."""
    with pytest.raises(TypeError, match="check_paths"):
        check_paths(str(WEBSITE))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="check_paths"):
        check_paths(WEBSITE)  # type: ignore[arg-type]


def test_resolve_many_refuses_a_string() -> None:
    """`resolve_many("TP53")` raises TypeError instead of resolving four letters."""
    with pytest.raises(TypeError, match="resolve_many"):
        resolve_many("TP53")  # type: ignore[arg-type]
    assert [r.symbol for r in resolve_many(["TP53"])] == ["TP53"]


# --------------------------------------------------------------------------- Ctrl-C


def _wait_reading_stdin(pid: int, timeout: float = 60.0) -> None:
    """Wait until process *pid* is blocked in ``read(0, …)`` (Linux ``/proc/PID/syscall``:
    syscall 0 on fd 0 on x86-64); elsewhere wait 3 s. A fixed sleep alone is not enough on a
    busy machine, where the child may still be importing when the signal arrives."""
    path = Path(f"/proc/{pid}/syscall")
    if not path.exists() or os.uname().machine != "x86_64":
        time.sleep(3)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if path.read_text().split()[:2] == ["0", "0x0"]:
                return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never blocked reading stdin")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_exits_130_quietly() -> None:
    """SIGINT during `genenorm check -` exits 130 without a traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "genenorm", "check", "-", "--no-progress"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        # as from an interactive shell: a test run started in the background (`pytest &`)
        # ignores SIGINT, and a child would inherit that and never see the Ctrl-C
        preexec_fn=_default_sigint,
    )  # fmt: skip
    try:
        _wait_reading_stdin(proc.pid)  # the command is now blocked reading stdin
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, err.decode(errors="replace")
    assert b"Traceback" not in err


# --------------------------------------------------------------------------- found by fuzzing


def _site(root: Path, pages: dict[str, str]) -> Path:
    """A website layout under *root*: ``_figures/<name>.md`` for each page, an empty ``_data``."""
    (root / "_figures").mkdir(parents=True)
    (root / "_data").mkdir()
    for name, text in pages.items():
        (root / "_figures" / f"{name}.md").write_text(text)
    return root / "_figures"


def test_a_figid_too_long_for_a_file_name_has_no_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A figid no file name can hold (over 255 bytes) means no `_data` table by that name, not
    an error that stops the corpus run (it once ended the run with exit 2 and no record)."""
    figures = _site(tmp_path, {"p": _page("x" * 300), "q": _page("q")})
    assert read_page(figures / "p.md").errors == ()
    assert main(["check", str(figures), "--no-progress"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["figid"] for r in records] == ["x" * 300, "q"]
    assert [k["symbol"] for r in records for k in r["keywords"]] == ["PTEN", "PTEN"]


def _as_nobody(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes] | None:
    """*argv* run as the unprivileged user 65534 through ``setpriv`` (root only), or ``None``
    when that cannot run genenorm here."""
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        return None
    drop = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run(
        [*drop, sys.executable, "-c", "import genenorm"], cwd=cwd, capture_output=True,
        timeout=60, check=False,
    )  # fmt: skip
    if probe.returncode != 0:
        return None
    return subprocess.run([*drop, *argv], cwd=cwd, capture_output=True, timeout=120, check=False)


def test_a_table_directory_without_permission_keeps_its_pages() -> None:
    """A `_data` directory that may not be searched: each page is still checked, with the
    tables it could not look at in its errors, and the run goes on (it once ended the run
    with exit 2 and no record)."""
    root = Path(tempfile.mkdtemp(prefix="genenorm-perm-", dir="/tmp"))
    try:
        root.chmod(0o755)
        figures = _site(root / "site", {"a": _page("a"), "b": _page("b")})
        for directory in (root / "site", figures):
            directory.chmod(0o755)
        for page in figures.iterdir():
            page.chmod(0o644)
        (root / "site" / "_data").chmod(0)
        argv = [sys.executable, "-m", "genenorm", "check", "site/_figures", "--no-progress"]
        if os.geteuid() != 0:
            done = subprocess.run(argv, cwd=root, capture_output=True, timeout=120, check=False)
        elif (ran := _as_nobody(argv, root)) is None:
            pytest.skip("running as root without setpriv: permissions are not enforced")
        else:
            done = ran
    finally:
        (root / "site" / "_data").chmod(0o755)
        shutil.rmtree(root)
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["figid"] for r in records] == ["a", "b"]
    for r in records:
        assert [k["symbol"] for k in r["keywords"]] == ["PTEN"]
        assert any("a-genes.tsv" in e or "b-genes.tsv" in e for e in r["errors"])
        assert all("Permission denied" in e for e in r["errors"])


def test_a_lone_surrogate_is_a_page_error() -> None:
    """Text that holds a lone surrogate (no character: UTF-8 cannot encode it) is a
    `PageError` naming the line, from text, from fields and from JSON lines, where the next
    line is still read (it once crashed the CLI when writing, losing the next page)."""
    with pytest.raises(PageError, match=r"^p\.md:5: .*lone surrogate U\+DCFF"):
        read_page_text(_page().replace("PTEN", "PTEN\udcff"), path="p.md")
    with pytest.raises(PageError, match=r"lone surrogate U\+D800"):
        page_from_fields({"figid": "a", "schema-jsonld": {"keywords": ["TP53\ud800"]}})
    with pytest.raises(PageError, match="lone surrogate"):
        page_from_fields({"figid\udc80": "a"})
    stream = io.BytesIO(
        b'{"figid": "a", "schema-jsonld": {"keywords": ["TP53\\udc00"]}}\n'
        b'{"figid": "b\\ud83d\\ude00", "schema-jsonld": {"keywords": ["TP53"]}}\n'
    )
    first, second = read_stream_pages(stream, name="<stdin>")
    assert isinstance(first, PageError)
    assert str(first).startswith("<stdin>:1: ")
    assert isinstance(second, Page)
    assert second.figid == "b\U0001f600"  # a surrogate pair is one character


def test_verbose_says_nothing_empty_of_a_failed_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`check -v` prints a failed page's error, and no empty note after it."""
    (tmp_path / "a.md").write_text("no front matter\n")
    (tmp_path / "b.md").write_text(_page("b"))
    assert main(["check", "-v", str(tmp_path), "--no-progress"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert not [line for line in lines if line.endswith(": ")], lines
    assert any("a.md" in line for line in lines)
    assert any(line.startswith("genenorm: b: ") for line in lines)


def test_a_path_too_long_for_a_file_name_is_one_error_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An input path whose name no file system takes (over 255 bytes) is one error record,
    and the inputs after it are still checked (the run stopped there with exit 2)."""
    good = tmp_path / "a.md"
    good.write_text(_page())
    too_long = tmp_path / ("x" * 300 + ".md")
    assert main(["check", str(good), str(too_long), str(good), "--no-progress"]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [bool(r["errors"]) for r in records] == [False, True, False]
    assert "File name too long" in records[1]["errors"][0]
    assert len(list(check_paths([good, too_long, good]))) == 3
