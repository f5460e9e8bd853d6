"""Benchmark checking pages on a local Dask cluster (prints figures; not a test).

    python benchmarks/bench_dask.py [--pages 2000] [--workers 1 2] [--keep DIR]

Builds the current-format corpus of ``bench_check.py`` (the real sample pages with their
``_data`` tables, copied with renamed figure ids), checks it once in this process (the
workers' own per-page work, writing JSONL) as a baseline, then on a ``LocalCluster`` of 1 and of 2
single-threaded worker processes:

* ``check_pages_to_jsonl``: each partition's JSONL written on its worker (only a summary
  per partition comes back); the parts are checked to equal the baseline's JSONL;
* ``check_pages_bag`` reduced on the workers: only per-partition counts come back;
* ``keywords_dataframe``: the whole keyword frame is computed and brought back.

Workers load the data before the clock starts (``client.run``), as a long-lived cluster
would have. It prints pages/s, each cluster's rate against the single process, and 2
workers against 1 (goal >= 1.6x on 2 cores). Speed-up is bounded by the machine's cores
(printed) and by other jobs on them; every figure is the median of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _bench_check() -> Any:
    """``benchmarks/bench_check.py`` as a module (the benchmarks are not a package)."""
    spec = importlib.util.spec_from_file_location("bench_check", HERE / "bench_check.py")
    assert spec is not None  # noqa: S101 - our own file
    assert spec.loader is not None  # noqa: S101
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_check"] = module
    spec.loader.exec_module(module)
    return module


def _warm() -> int:
    """Worker side: load the default resolver's data and the judge's tables (one page)."""
    from genenorm.check import check_paths

    page = HERE.parent / "tests" / "data" / "pfocr-website" / "_figures"
    return sum(len(r.keywords) for r in check_paths([page]))


def _counts(reports: list[Any]) -> list[tuple[int, int, int]]:
    """Worker side: (pages, pages with errors, keywords) of one partition."""
    return [
        (len(reports), sum(bool(r.errors) for r in reports), sum(len(r.keywords) for r in reports))
    ]


def _line(label: str, pages: int, seconds: float, base: float | None = None) -> str:
    rate = pages / seconds
    speedup = "" if base is None else f"  ({rate / base:.2f}x the single process)"
    return f"{label:<40} {pages:>6} pages in {seconds:6.2f} s = {rate:>7,.0f} pages/s{speedup}"


def main() -> None:
    """Build the corpus, run the baseline and each cluster size, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args()

    def timed(fn: Any) -> tuple[float, Any]:
        """Median seconds of *runs* calls of *fn*, and the last result."""
        times, result = [], None
        for _ in range(args.runs):
            t = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times), result

    from distributed import Client, LocalCluster

    from genenorm.scale import (
        _page_files,
        _write_chunk,
        check_pages_bag,
        check_pages_to_jsonl,
        keywords_dataframe,
    )

    bench_check = _bench_check()
    tmp = Path(tempfile.mkdtemp()) if args.keep is None else args.keep
    out = Path(tempfile.mkdtemp())
    try:
        figures = tmp / "_figures"
        if not figures.is_dir():
            t = time.perf_counter()
            bench_check.build_current(tmp, args.pages)
            print(f"built {args.pages} pages in {time.perf_counter() - t:.1f} s under {tmp}")
        print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")

        _warm()

        files = _page_files([figures])

        def single() -> None:  # the workers' own per-page work, in this process
            _write_chunk((0, files), str(out), None, None)

        base_dt, _ = timed(single)
        n = sum(1 for _ in figures.glob("*.md"))
        base = n / base_dt
        print(_line("single process (same work, JSONL)", n, base_dt))
        expected = (out / "part-00000.jsonl").read_bytes()

        first: float | None = None
        for workers in args.workers:
            with (
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                ) as cluster,
                Client(cluster) as client,
            ):
                client.run(_warm)
                parts = out / f"parts-{workers}"
                dt, summaries = timed(
                    lambda parts=parts: check_pages_to_jsonl(figures, parts).compute()
                )
                pages = sum(s["pages"] for s in summaries)
                got = b"".join(p.read_bytes() for p in sorted(parts.glob("part-*.jsonl")))
                same = "identical to" if got == expected else "DIFFERENT from"
                rate = pages / dt
                vs = "" if first is None else f"; {rate / first:.2f}x {args.workers[0]} worker(s)"
                first = rate if first is None else first
                label = f"{workers} worker(s): check_pages_to_jsonl"
                print(_line(label, pages, dt, base) + f" [JSONL {same} the single process{vs}]")

                dt, counts = timed(
                    lambda: check_pages_bag(figures).map_partitions(_counts).compute()
                )
                pages = sum(p for p, _, _ in counts)
                assert pages == n, (pages, n)  # noqa: S101 - sanity check
                label = f"{workers} worker(s): check_pages_bag, counts"
                print(_line(label, pages, dt, base))

                dt, frame = timed(lambda: keywords_dataframe(figures).compute())
                label = f"{workers} worker(s): keywords_dataframe"
                print(_line(label, n, dt, base) + f", {len(frame)} rows")
    finally:
        shutil.rmtree(out, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
