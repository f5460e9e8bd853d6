"""Benchmark checking pages on a local Dask cluster (prints figures; not a test).

    python benchmarks/bench_dask.py [--pages 10000] [--workers 1 2] [--keep DIR]

Generates the corpus of ``bench_check.py`` (same generator, same seed), checks it once in
this process with :func:`genenorm.check.check_paths` as a baseline, then on a
``LocalCluster`` of 1 and of 2 single-threaded worker processes:

* ``check_pages_bag``: reports stay on the workers, only per-partition counts come back;
* ``keywords_dataframe``: the whole keyword frame is computed and brought back.

Workers load the data before the clock starts (``client.run``), as a long-lived cluster
would have. Speed-up is bounded by the machine's cores (printed).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
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


def _warm() -> str | None:
    """Worker side: load the default resolver's data."""
    from genenorm.resolver import default_resolver

    return default_resolver().resolve("TP53").symbol


def _counts(reports: list[Any]) -> list[tuple[int, int, int]]:
    """Worker side: (pages, pages with errors, keywords) of one partition."""
    return [
        (len(reports), sum(bool(r.errors) for r in reports), sum(len(r.keywords) for r in reports))
    ]


def _line(label: str, pages: int, seconds: float, base: float | None = None) -> str:
    rate = pages / seconds
    speedup = "" if base is None else f"  ({rate / base:.2f}x the single process)"
    return f"{label:<34} {pages:>6} pages in {seconds:6.2f} s = {rate:>7,.0f} pages/s{speedup}"


def main() -> None:
    """Generate the corpus, run the baseline and each cluster size, print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--keep", type=Path, help="write the generated corpus here and keep it")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from genenorm.check import check_paths
    from genenorm.resolver import default_resolver
    from genenorm.scale import check_pages_bag, keywords_dataframe

    bench_check = _bench_check()
    tmp = Path(tempfile.mkdtemp()) if args.keep is None else args.keep
    try:
        t = time.perf_counter()
        paths = bench_check.generate(tmp, args.pages, bench_check.TABLE)
        figures = tmp / "_figures"
        print(f"generated {len(paths)} pages in {time.perf_counter() - t:.1f} s under {tmp}")
        print(f"cores: {os.cpu_count()}")

        default_resolver().resolve("TP53")
        t = time.perf_counter()
        n = sum(1 for _ in check_paths([figures]))
        base_dt = time.perf_counter() - t
        base = n / base_dt
        print(_line("single process (check_paths)", n, base_dt))

        for workers in args.workers:
            with (
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                ) as cluster,
                Client(cluster) as client,
            ):
                client.run(_warm)
                t = time.perf_counter()
                parts = check_pages_bag(figures).map_partitions(_counts).compute()
                dt = time.perf_counter() - t
                pages = sum(p for p, _, _ in parts)
                errors = sum(e for _, e, _ in parts)
                assert errors == 0, errors  # noqa: S101
                keywords = sum(k for _, _, k in parts)
                assert pages == n, (pages, n)  # noqa: S101 - sanity check
                label = f"{workers} worker(s): check_pages_bag"
                print(_line(label, pages, dt, base) + f", {keywords} keywords")

                t = time.perf_counter()
                frame = keywords_dataframe(figures).compute()
                dt = time.perf_counter() - t
                label = f"{workers} worker(s): keywords_dataframe"
                print(_line(label, n, dt, base) + f", {len(frame)} rows")
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
