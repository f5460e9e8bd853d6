"""Benchmark keyword typing on page-only checks (prints figures; not a test).

    python benchmarks/bench_typing.py [--samples DIR] [--misses]

For every page of ``../shared/samples/pfocr-website-more`` the page is checked *with its hit
tables hidden* (no ``_data`` tables, no inline ``genes:``/``chemicals:``), as on a current
website page whose keywords are one flat, untyped list. Each keyword's ``kind`` is compared
with the truth:

* PFOCR's own typing: a keyword among the words of the page's ``-chemicals.tsv`` is a
  chemical, one among the words or symbols of its ``-genes.tsv`` a gene;
* corrected by hand where PFOCR's chemical tagger is wrong (``typing_corrections.tsv`` in this
  directory, one line and one note per correction).

Keywords that neither table names are left out. Prints typing accuracy, chemical recall and
precision, gene keywords typed chemical, the time to load the chemical table, and the misses.
Gene symbols of other organisms (fly, frog, plant, bacterial genes) count as genes: genenorm
types many of them ``unknown`` or ``other`` (it has no non-human gene lexicon), which is most
of the typing accuracy lost.

Targets: chemical recall >= 0.97, chemical precision >= 0.98, no gene keyword typed chemical.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import Counter
from pathlib import Path

import attrs

from genenorm.check import check_page
from genenorm.lexicon import Lexicon, default_data_dir
from genenorm.pfocr import read_page
from genenorm.text import fold

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = next(
    (
        d / "shared" / "samples" / "pfocr-website-more"
        for d in (ROOT.parent, ROOT.parent.parent)
        if (d / "shared" / "samples" / "pfocr-website-more").is_dir()
    ),
    ROOT.parent / "shared" / "samples" / "pfocr-website-more",
)
CORRECTIONS = Path(__file__).with_name("typing_corrections.tsv")


def read_corrections(path: Path = CORRECTIONS) -> dict[tuple[str, str], tuple[str, str]]:
    """``(figid, keyword) -> (kind, note)`` of the hand-reviewed corrections."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "figid":
                continue
            figid, keyword, kind, note = row
            out[(figid, keyword)] = (kind, note)
    return out


def typed(samples: Path) -> list[tuple[str, str, str, str]]:
    """``(figid, keyword, truth, kind)`` for every keyword with a truth, in page order."""
    corrections = read_corrections()
    rows = []
    for path in sorted((samples / "_figures").glob("*.md")):
        page = read_page(path)
        chemicals = {fold(h.word) for h in page.chemical_hits}
        genes = {fold(h.word) for h in page.gene_hits} | {fold(h.symbol) for h in page.gene_hits}
        bare = attrs.evolve(page, gene_hits=(), chemical_hits=(), disease_hits=(), has_hits=False)
        for kv in check_page(bare).keywords:
            key = fold(kv.keyword)
            fixed = corrections.get((page.figid, kv.keyword))
            if fixed is not None:
                truth = fixed[0]
            elif key in chemicals:
                truth = "chemical"
            elif key in genes:
                truth = "gene"
            else:
                continue
            rows.append((page.figid, kv.keyword, truth, str(kv.kind)))
    return rows


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--misses", action="store_true", help="also list gene-typing misses")
    args = parser.parse_args()

    lex = Lexicon.from_dir(default_data_dir())
    t0 = time.perf_counter()
    lex.chemical("pyruvate")
    load = time.perf_counter() - t0
    rows = typed(args.samples)
    if not rows:
        raise SystemExit(f"no sample pages under {args.samples}")
    n = len(rows)
    right = sum(t == k for _, _, t, k in rows)
    chem_true = sum(t == "chemical" for _, _, t, _ in rows)
    chem_typed = sum(k == "chemical" for _, _, _, k in rows)
    chem_both = sum(t == k == "chemical" for _, _, t, k in rows)
    gene_as_chem = [(f, w) for f, w, t, k in rows if t == "gene" and k == "chemical"]
    print(f"pages: {len({f for f, *_ in rows})}, keywords with a truth: {n}")
    print(f"typing accuracy: {right / n:.3f} ({right}/{n})")
    print(f"chemical recall: {chem_both / chem_true:.3f} ({chem_both}/{chem_true})")
    print(f"chemical precision: {chem_both / chem_typed:.3f} ({chem_both}/{chem_typed})")
    print(f"gene keywords typed chemical: {len(gene_as_chem)} {gene_as_chem}")
    print(f"chemical table load (first lookup): {load:.3f} s")
    print("confusion (truth -> kind):")
    for (t, k), c in sorted(Counter((t, k) for *_, t, k in rows).items()):
        print(f"  {t:>8} -> {k:<8} {c}")
    print("chemical misses (truth chemical, typed otherwise, or typed chemical wrongly):")
    for f, w, t, k in rows:
        if (t == "chemical") != (k == "chemical"):
            print(f"  {f}\t{w!r}\ttruth {t}, typed {k}")
    if args.misses:
        print("gene misses:")
        for f, w, t, k in rows:
            if t == "gene" and k != "gene":
                print(f"  {f}\t{w!r}\ttyped {k}")


if __name__ == "__main__":
    main()
