"""``--jobs``: judging in worker processes writes what one process writes (issue 13)."""

from __future__ import annotations

import argparse
import io
import os
import time
from pathlib import Path

import pytest

from genenorm.check import in_file_order
from genenorm.cli import main
from genenorm.cli._jobs import AHEAD, available_cpus, job_count, jobs_wanted, ordered_in_workers
from genenorm.exceptions import WorkerDiedError

from .test_hit_streaming import HEADER_2020, ROWS_2020, _text


def _square(offset: int, n: int) -> tuple[int, int]:
    return os.getpid(), n * n + offset


def _die(_state: None, n: int) -> int:
    if n == 3:
        os._exit(7)  # as a worker killed by the kernel would
    return n


def test_results_come_in_span_order_from_workers() -> None:
    done = list(ordered_in_workers(_square, 1, range(40), 2))
    assert [r for _pid, r in done] == [n * n + 1 for n in range(40)]
    assert os.getpid() not in {pid for pid, _r in done}  # judged elsewhere
    here = list(ordered_in_workers(_square, 1, range(5), 1))
    assert {pid for pid, _r in here} == {os.getpid()}


def test_no_more_workers_than_cpus_or_spans() -> None:
    """``--jobs 4000`` forks no 4,000 workers (a one-page run once took over 30 s): never more
    processes than available CPUs, nor than spans; one span runs here."""
    assert jobs_wanted(argparse.Namespace(jobs=4000)) <= available_cpus()
    assert jobs_wanted(argparse.Namespace(jobs=1)) == 1
    (one,) = ordered_in_workers(_square, 1, [3], 4000)
    assert one == (os.getpid(), 10)


def _mark(directory: Path, n: int) -> int:
    (directory / str(n)).touch()
    return n


def test_results_do_not_pile_up_ahead_of_the_writer(tmp_path: Path) -> None:
    """Workers run at most `AHEAD` spans each ahead of the span being written: a corpus's
    output is not held in memory (6,000 pages with two jobs once peaked at 504 MB, now
    185 MB). While the first result waits, no more spans than that window have started."""
    done = ordered_in_workers(_mark, tmp_path, range(200), 2)
    assert next(done) == 0
    time.sleep(1.0)  # time enough for unbounded workers to finish all 200 spans
    started = len(list(tmp_path.iterdir()))
    assert started <= AHEAD * 2 + 1, started
    assert list(done) == list(range(1, 200))


def test_a_dead_worker_ends_the_run_with_an_error() -> None:
    with pytest.raises(WorkerDiedError, match="worker process died"):
        list(ordered_in_workers(_die, None, range(8), 2))


def test_job_count() -> None:
    assert job_count("3") == 3
    assert job_count("0") == available_cpus() >= 1
    for bad in ("-1", "two", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            job_count(bad)


def test_in_file_order() -> None:
    runs = [
        ([0, 1], (["a0", "a1"], ["b0", "b1"])),
        ([2, 5], (["a2", "a5"], ["b2", "b5"])),  # a figure split over the table
        ([3], (["a3"], ["b3"])),
        ([4, 6], (["a4", "a6"], ["b4", "b6"])),
        ([7], (["a7"], ["b7"])),
    ]
    out = list(in_file_order(runs))
    assert out == [
        (["a0", "a1"], ["b0", "b1"]),
        (["a2"], ["b2"]),
        (["a3"], ["b3"]),
        (["a4", "a5", "a6"], ["b4", "b5", "b6"]),
        (["a7"], ["b7"]),
    ]


def _table_head(source: Path, rows: int, out: Path) -> Path:
    with source.open(encoding="utf-8") as f:
        lines = [next(f) for _ in range(rows + 1)]
    out.write_text("".join(lines), encoding="utf-8")
    return out


@pytest.mark.parametrize("fmt", ["tsv", "jsonl"])
def test_check_hits_in_workers_writes_the_same(
    tmp_path: Path, adrd_table: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """5,000 real rows (three worker tasks) and a table whose figures are split over it give
    the same bytes, summary included, with two jobs as with one."""
    split = tmp_path / "split.tsv"
    split.write_text(_text(HEADER_2020, ROWS_2020), encoding="utf-8")
    for table in (_table_head(adrd_table, 5000, tmp_path / "head.tsv"), split):
        outputs = []
        for jobs in ("1", "2"):
            assert main(["check-hits", "--format", fmt, "--jobs", jobs, str(table)]) == 0
            outputs.append(capsys.readouterr())
        assert outputs[0] == outputs[1]
        assert outputs[0].out.count("\n") == (5000 if table != split else 8) + (fmt == "tsv")


DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("fmt", ["jsonl", "tsv", "table"])
def test_check_in_workers_writes_the_same(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pages of two directories, a missing file and an unreadable page between them give the
    same bytes and the same diagnostics with two jobs as with one."""
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"---\nfigid: [unclosed\n---\n")
    args = [
        str(DATA / "pfocr-website" / "_figures"),
        str(tmp_path / "missing.md"),
        str(bad),
        str(DATA / "pfocr-website" / "_figures"),
    ]
    outputs = []
    for jobs in ("1", "2"):
        status = main(["check", "--format", fmt, "--no-progress", "-v", "--jobs", jobs, *args])
        outputs.append((status, capsys.readouterr()))
    assert outputs[0] == outputs[1]
    status, captured = outputs[0]
    assert status == 1  # two inputs failed, the rest was checked
    assert "(2 failed)" in captured.err


def test_check_jobs_with_stdin_runs_in_one_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = next((DATA / "pfocr-website" / "_figures").glob("*.md"))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(page.read_bytes())))
    assert main(["check", "--jobs", "2", "--no-progress", "-"]) == 0
    err = capsys.readouterr().err
    assert "--jobs: checking in one process with stdin" in err


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc to find workers")
def test_a_worker_killed_mid_run_is_an_error_not_a_hang(adrd_table: Path) -> None:
    """``check-hits --jobs 2`` whose worker the kernel kills (as the OOM killer would) exits
    with status 1 and says the output is incomplete, instead of hanging."""
    import signal
    import subprocess
    import sys
    import time

    proc = subprocess.Popen(
        [sys.executable, "-m", "genenorm", "check-hits", "--jobs", "2", str(adrd_table)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    workers: list[str] = []
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        workers = children.read_text().split() if children.exists() else []
        time.sleep(0.05)
    assert workers, "no worker process appeared"
    os.kill(int(workers[0]), signal.SIGKILL)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert b"worker process died" in err
    assert b"the output is incomplete" in err
