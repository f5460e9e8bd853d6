"""Resolution benchmark: cold start, throughput and memory, printed next to the targets.

Run from anywhere (the package must be installed, e.g. ``pip install -e .``)::

    python benchmarks/bench_resolve.py [--table PATH] [--terms 1000000] [--runs 5] [--seed 20201]

Figures:

1. **Cold start**: a new ``python -c`` process that imports genenorm, loads the embedded
   snapshot and resolves one term, ``--runs`` times (median and min of the wall time of the
   whole process, plus the child's own import / load / first-resolve split). Measured for an
   approved symbol (``TP53``), for ``TNF-α`` and for a term that only the normalised index
   finds (``IL 6``).
2. **Throughput** of ``Resolver.resolve_many`` on one core over ``--terms`` terms sampled
   with a fixed seed from the ``word`` and ``symbol`` columns of the PFOCR 2020 hit table
   (``../shared/samples/pfocr-2020/adrd_gene_hits.tsv`` relative to the repository root):
   with a fresh resolver and lexicon (every cache cold), then again (warm). Two honest
   worst cases follow: every distinct term of the table once, and ``--terms`` strings that
   are all different (table words with a random suffix), so the result cache never helps.
3. **Peak RSS** (``resource.getrusage``) of the cold-start child and of this process.

This is a script, not a test: it prints and always exits 0 unless an input is missing.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import resource
import statistics
import string
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TABLE = ROOT.parent / "shared" / "samples" / "pfocr-2020" / "adrd_gene_hits.tsv"

TARGET_COLD_S = 0.3
TARGET_TERMS_PER_S = 300_000
TARGET_RSS_MB = 150

# Runs in the child: prints its own timings and peak RSS as one JSON line.
CHILD = """
import time
t0 = time.perf_counter()
import genenorm
t1 = time.perf_counter()
from genenorm.resolver import default_resolver
default_resolver()
t2 = time.perf_counter()
r = genenorm.resolve({term!r})
t3 = time.perf_counter()
import json, resource
print(json.dumps({{
    "import": t1 - t0, "load": t2 - t1, "resolve": t3 - t2,
    "status": str(r.status), "symbol": r.symbol, "match": str(r.match),
    "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}}))
"""


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def verdict(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def cold_start(term: str, runs: int) -> dict[str, Any]:
    """Run the child *runs* times; return wall times and the child's own figures."""
    env = {k: v for k, v in os.environ.items() if k != "GENENORM_DATA"}
    walls: list[float] = []
    inner: list[dict[str, Any]] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", CHILD.format(term=term)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        walls.append(time.perf_counter() - t0)
        inner.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {"walls": walls, "inner": inner}


def report_cold(runs: int) -> None:
    print(f"1. Cold start: new process, import + load + first resolve ({runs} runs)")
    print(f"   target: <= {TARGET_COLD_S} s")
    for term, what in (
        ("TP53", "approved symbol"),
        ("TNF-α", "Greek letter"),
        ("IL 6", "normalised index"),
    ):
        res = cold_start(term, runs)
        walls, inner = res["walls"], res["inner"]
        med = statistics.median(walls)
        first = inner[0]

        def med_of(key: str, inner: list[dict[str, Any]] = inner) -> float:
            return float(statistics.median(float(x[key]) for x in inner))

        print(
            f"   {term!r:8} ({what}; {first['status']} {first['symbol']}, match {first['match']}):"
            f" median {med:.3f} s, min {min(walls):.3f} s  [{verdict(med <= TARGET_COLD_S)}]"
        )
        print(
            f"       inside the child (median): import {med_of('import') * 1000:.0f} ms,"
            f" load {med_of('load') * 1000:.0f} ms, first resolve {med_of('resolve') * 1000:.1f} ms;"
            f" peak RSS {max(x['rss_kb'] for x in inner) / 1024:.1f} MB"
            f" [{verdict(max(x['rss_kb'] for x in inner) / 1024 <= TARGET_RSS_MB)}: <= {TARGET_RSS_MB} MB]"
        )


def read_population(table: Path) -> list[str]:
    """Every ``word`` and ``symbol`` cell of the hit table, in file order."""
    out: list[str] = []
    with table.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            out.append(row["word"])
            out.append(row["symbol"])
    return out


def timed(fn: Callable[[], Sequence[object]]) -> tuple[float, int]:
    """Seconds one call of *fn* takes (garbage collector off during the call), result length."""
    gc.collect()
    gc.disable()
    try:
        t0 = time.perf_counter()
        n = len(fn())
        return time.perf_counter() - t0, n
    finally:
        gc.enable()


def fresh_resolver() -> Any:
    """A resolver over a newly loaded lexicon, with the key-function cache cleared too."""
    from genenorm.lexicon import Lexicon, default_data_dir
    from genenorm.resolver import Resolver
    from genenorm.text import norm_key

    norm_key.cache_clear()
    return Resolver(Lexicon.from_dir(default_data_dir()))


def line(label: str, n: int, seconds: float) -> None:
    rate = n / seconds
    print(
        f"   {label:44} {n:>9,} terms in {seconds:6.2f} s = {rate:>10,.0f} terms/s"
        f"  [{verdict(rate >= TARGET_TERMS_PER_S)}]"
    )


def report_throughput(table: Path, n_terms: int, seed: int) -> None:
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        core = "pinned to one core"
    except (AttributeError, OSError):  # not Linux: still a single thread
        core = "single thread"
    population = read_population(table)
    distinct = sorted(set(population))
    rng = random.Random(seed)
    sample = rng.choices(population, k=n_terms)
    print(
        f"\n2. Throughput of Resolver.resolve_many ({core}); target: >= {TARGET_TERMS_PER_S:,} terms/s"
    )
    print(
        f"   input: {n_terms:,} terms sampled (seed {seed}) from {len(population):,} word/symbol"
        f" cells ({len(distinct):,} distinct) of {table}"
    )
    t0 = time.perf_counter()
    resolver = fresh_resolver()
    print(f"   (lexicon load, not counted below: {time.perf_counter() - t0:.3f} s)")
    seconds, n = timed(lambda: resolver.resolve_many(sample))
    line("sampled, fresh resolver (cache cold)", n, seconds)
    seconds, n = timed(lambda: resolver.resolve_many(sample))
    line("sampled, same resolver again (warm)", n, seconds)
    print(f"   peak RSS so far: {rss_mb():.1f} MB (includes the benchmark's inputs and results)")

    resolver = fresh_resolver()
    seconds, n = timed(lambda: resolver.resolve_many(distinct))
    line("every distinct table term once (cold)", n, seconds)

    alphabet = string.ascii_letters + string.digits
    unique = [
        f"{w}{rng.choice('-_ ')}{''.join(rng.choices(alphabet, k=3))}{i:x}"
        for i, w in enumerate(rng.choices(population, k=n_terms))
    ]
    assert len(set(unique)) == len(unique)  # noqa: S101 - the suffix ends with the index
    resolver = fresh_resolver()
    seconds, n = timed(lambda: resolver.resolve_many(unique))
    line("all-unique strings, worst case (cold)", n, seconds)
    statuses: dict[str, int] = {}
    for r in resolver.resolve_many(unique[:10_000]):
        statuses[str(r.status)] = statuses.get(str(r.status), 0) + 1
    print(f"   (statuses of the first 10,000 unique strings: {statuses})")


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="PFOCR 2020 hit table")
    parser.add_argument("--terms", type=int, default=1_000_000, help="terms per throughput run")
    parser.add_argument("--runs", type=int, default=5, help="cold-start processes per term")
    parser.add_argument("--seed", type=int, default=20201, help="sampling seed")
    args = parser.parse_args(argv)
    if not args.table.exists():
        parser.error(f"{args.table} not found; pass --table PATH")

    import genenorm

    print(f"genenorm {genenorm.__version__}, Python {sys.version.split()[0]}, {sys.platform}")
    report_cold(args.runs)
    report_throughput(args.table, args.terms, args.seed)
    peak = rss_mb()
    print(f"\n3. Peak RSS of this benchmark process: {peak:.1f} MB (target <= {TARGET_RSS_MB} MB)")
    print(
        "   This includes the benchmark's own 1M-term input and result lists, the resolver's"
        " result cache\n   (up to 100,000 entries) and the worst-case runs; the library's own"
        " footprint is the cold-start\n   child's peak RSS above."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
