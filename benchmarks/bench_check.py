"""Benchmark page and hit-table checking (prints figures; not a test).

    python benchmarks/bench_check.py [--pages 10000] [--table PATH] [--keep DIR]

1. Generates N page files from the sample pages in ``tests/data/pfocr-website`` with varied
   keywords and captions (keywords shuffled and mixed with keywords of other pages and
   symbols of the 2020 table; caption sentences shuffled and salted with gene words),
   one in ten with its ``_data`` hit tables, then reads and checks them all: pages/s.
2. Reads and judges the 90,719-row 2020 hit table: hits/s.

Targets (one core): >= 1,000 pages/s and >= 100,000 hits/s.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "pfocr-website"
TABLE = ROOT.parent / "shared" / "samples" / "pfocr-2020" / "adrd_gene_hits.tsv"


def generate(out: Path, n: int, table: Path | None, seed: int = 20261127) -> list[Path]:
    """Write *n* varied pages into ``out/_figures`` (and some ``_data`` tables)."""
    rng = random.Random(seed)
    figures, data = out / "_figures", out / "_data"
    figures.mkdir(parents=True)
    data.mkdir()
    bases = []
    for p in sorted((SAMPLES / "_figures").glob("*.md")):
        front = yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])
        bases.append((p.stem, front))
    pool = [k for _, f in bases for k in f.get("schema-jsonld", {}).get("keywords", [])]
    if table is not None and table.exists():
        with table.open(encoding="utf-8") as fh:
            next(fh)
            pool += [line.split("\t")[5] for _, line in zip(range(20000), fh, strict=False)]
    paths = []
    for i in range(n):
        stem, front = bases[i % len(bases)]
        front = dict(front)
        schema = dict(front.get("schema-jsonld", {}))
        kws = list(schema.get("keywords", []))
        rng.shuffle(kws)
        kws += rng.sample(pool, k=min(len(pool), rng.randint(0, 10)))
        schema["keywords"] = kws
        front["schema-jsonld"] = schema
        sentences = re.split(r"(?<=[.;])\s+", str(front.get("caption", "")))
        rng.shuffle(sentences)
        salt = " ".join(rng.sample(pool, k=min(len(pool), 5)))
        front["caption"] = " ".join(sentences) + f" Also shown: {salt}."
        figid = f"{stem}__gen{i:06d}"
        front["figid"] = figid
        path = figures / f"{figid}.md"
        path.write_text(
            "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n",
            encoding="utf-8",
        )
        if i % 10 == 0:
            for kind in ("genes", "chemicals", "diseases"):
                src = SAMPLES / "_data" / f"{stem}-{kind}.tsv"
                if src.exists():
                    shutil.copyfile(src, data / f"{figid}-{kind}.tsv")
        paths.append(path)
    return paths


def main() -> None:
    """Run both benchmarks and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--table", type=Path, default=TABLE)
    parser.add_argument("--keep", type=Path, help="write the generated corpus here and keep it")
    args = parser.parse_args()

    from genenorm.check import check_hit_table, check_paths
    from genenorm.organisms import organism_table
    from genenorm.pfocr import read_hit_table
    from genenorm.resolver import default_resolver

    tmp = Path(tempfile.mkdtemp()) if args.keep is None else args.keep
    try:
        t = time.perf_counter()
        paths = generate(tmp, args.pages, args.table)
        print(f"generated {len(paths)} pages in {time.perf_counter() - t:.1f} s under {tmp}")
        default_resolver().resolve("TP53")  # load the data outside the timing
        organism_table(default_resolver().lexicon)  # and the organism names
        t = time.perf_counter()
        n = errors = keywords = 0
        for rep in check_paths([tmp / "_figures"]):
            n += 1
            errors += bool(rep.errors)
            keywords += len(rep.keywords)
        dt = time.perf_counter() - t
        print(
            f"pages: {n} checked ({errors} errors, {keywords} keywords) in {dt:.2f} s = {n / dt:,.0f} pages/s (target >= 1,000)"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)

    if args.table.exists():
        t = time.perf_counter()
        table = read_hit_table(args.table)
        t_read = time.perf_counter() - t
        verdicts = check_hit_table(table)
        dt = time.perf_counter() - t
        print(
            f"hits: {len(verdicts):,} read in {t_read:.2f} s, read+judged in {dt:.2f} s = "
            f"{len(verdicts) / dt:,.0f} hits/s (target >= 100,000)"
        )
    else:
        print(f"hits: {args.table} not found; skipped")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
