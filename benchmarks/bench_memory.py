"""Memory of the snapshot's tables and the cost of reading the 2020 hit table (issue 13).

Prints, in this fresh process, the resident memory (``VmRSS``) and its peak (``VmHWM``)
after loading the lexicon and after the first use of each table a corpus run loads
(normalised keys, organisms, cell lines, GO processes and terms, enzymes, English words),
then after checking 1, 10, 100 and 1,000 pages of a corpus directory (``--pages DIR``, e.g.
one built by ``bench_check.py --keep``), and the CPU time of `read_hit_table` on the 2020
table (median and minimum of ``--runs``). Linux only (``/proc/self/status``).

    python benchmarks/bench_memory.py --pages /tmp/corpus/inline
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_TABLE = Path("../shared/samples/pfocr-2020/adrd_gene_hits.tsv")


def _status() -> str:
    values = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line[:5]] = int(line.split()[1]) // 1024
    return f"RSS {values['VmRSS']:4d} MB, peak {values['VmHWM']:4d} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, help="a corpus directory (its _figures/*.md)")
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    print(f"{'import':32s} {_status()}")
    from genenorm.check import check_path
    from genenorm.lexicon import default_lexicon
    from genenorm.organisms import organism_table
    from genenorm.pfocr import read_hit_table

    lex = default_lexicon()
    print(f"{'lexicon':32s} {_status()}")
    steps: list[tuple[str, Callable[[], object]]] = [
        ("normalised keys", lambda: lex.lookup_norm("tp53")),
        ("organisms", lambda: organism_table(lex)),
        ("cell lines", lambda: lex.cell_line("HeLa")),
        ("GO processes", lambda: lex.go_process("EMT")),
        ("GO terms", lambda: lex.go_terms("HGNC:11998")),
        ("enzymes", lambda: lex.enzyme("hexokinase")),
        ("English words", lambda: lex.english_zipf("the")),
    ]
    for name, use in steps:
        use()
        print(f"{'+ ' + name:32s} {_status()}")
    if args.pages is not None:
        files = sorted((args.pages / "_figures").glob("*.md")) or sorted(args.pages.glob("*.md"))
        for i, path in enumerate(files[:1000], start=1):
            check_path(path)
            if i in (1, 10, 100, 1000):
                print(f"{f'+ {i} pages checked':32s} {_status()}")
    if args.table.is_file():
        times = []
        for _ in range(args.runs):
            start = time.process_time()
            table = read_hit_table(args.table)
            times.append(time.process_time() - start)
        print(
            f"read_hit_table: {len(table.hits):,} rows, CPU median {statistics.median(times):.3f} s"
            f" (min {min(times):.3f} s) over {args.runs} runs"
        )
    else:
        print(f"read_hit_table: {args.table} not found, skipped")


if __name__ == "__main__":
    main()
