"""The judge's tables: file sizes, first-use load time of each table, and lookup cost.

Run from anywhere (the package must be installed, e.g. ``pip install -e .``)::

    python benchmarks/bench_judge_data.py [--runs 5] [--lookups 20000]

Figures:

1. **Size** of each shipped file (gzipped, as in the wheel) and its row count.
2. **First use** of each table, in a fresh ``python -c`` process per table and run (the
   HGNC tables are loaded first and not counted): median and max over ``--runs``, against the
   target of 0.1 s.
3. **Lookup** time per call on a warm lexicon (``cell_line``, ``go_process``, ``enzyme``,
   ``go_terms``), hits and misses, over ``--lookups`` calls.

This is a script, not a test: it prints and always exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

from genenorm.lexicon import default_data_dir, default_lexicon, read_manifest

TABLES = {
    "go_annotations.tsv.gz": "lex.go_terms('HGNC:11998')",
    "go_terms.tsv.gz": "lex.go_term(0)",
    "go_processes.tsv.gz": "lex.go_process('EMT')",
    "cell_lines.tsv.gz": "lex.cell_line('THP-1')",
    "enzymes.tsv.gz": "lex.enzyme('hexokinase')",
    "gene_ec.tsv.gz": "lex.ec_of('HGNC:4922')",
}
CHILD = """
import time
from genenorm.lexicon import default_lexicon
lex = default_lexicon()
t = time.perf_counter()
{call}
print(time.perf_counter() - t)
"""
TARGET_S = 0.1


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lookups", type=int, default=20_000)
    args = parser.parse_args()
    data = default_data_dir()
    files = read_manifest(data)["files"]

    print("1. size (gzipped) and rows")
    total = 0
    for name in TABLES:
        size = (data / name).stat().st_size
        total += size
        print(f"   {name:24} {size / 1e3:8.1f} kB  {files[name]['rows']:>8,} rows")
    print(f"   {'total':24} {total / 1e3:8.1f} kB")

    print(f"\n2. first use of each table (fresh process, {args.runs} runs; target < {TARGET_S} s)")
    for name, call in TABLES.items():
        times = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "-c", CHILD.format(call=call)],
                check=True,
                capture_output=True,
                text=True,
            )
            times.append(float(out.stdout))
        med, worst = statistics.median(times), max(times)
        verdict = "ok" if worst < TARGET_S else "OVER"
        print(f"   {name:24} median {med * 1e3:6.1f} ms  max {worst * 1e3:6.1f} ms  {verdict}")

    print(f"\n3. lookups on a warm lexicon ({args.lookups:,} calls each)")
    lex = default_lexicon()
    calls: dict[str, Callable[[], object]] = {
        "cell_line('THP-1') hit": lambda: lex.cell_line("THP-1"),
        "cell_line('xyzzy') miss": lambda: lex.cell_line("xyzzy"),
        "go_process('EMT') hit": lambda: lex.go_process("EMT"),
        "go_process('xyzzy') miss": lambda: lex.go_process("xyzzy"),
        "enzyme('hexokinase') hit": lambda: lex.enzyme("hexokinase"),
        "go_terms('HGNC:11998')": lambda: lex.go_terms("HGNC:11998"),
    }
    for label, fn in calls.items():
        fn()
        t = time.perf_counter()
        for _ in range(args.lookups):
            fn()
        per = (time.perf_counter() - t) / args.lookups
        print(f"   {label:28} {per * 1e6:7.1f} µs per call")


if __name__ == "__main__":
    main()
