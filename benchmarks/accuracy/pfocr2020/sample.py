"""Draw the blind labelling sample of the 2020 hit table (run once; kept for the record).

    python benchmarks/accuracy/pfocr2020/sample.py VERDICTS.tsv > benchmarks/accuracy/pfocr2020/sample.tsv

VERDICTS.tsv is ``genenorm check-hits`` TSV of ``../shared/samples/pfocr-2020/adrd_gene_hits.tsv``
(commit d830273), one row per row of the table, in order; the words are taken from the
table itself (the TSV output escapes backslashes). Only human hits matched by approved symbol, previous symbol or alias are
drawn (family expansions need the figure's text to judge). Two strata of equal size, drawn
without the labellers knowing which a row is in: hits genenorm flagged ``false_hit`` and hits
it did not. At most three rows per figure and stratum, so that many figures are seen. The
figures are split in halves by SHA-256 of the figure id (``dev``: first hex digit 0-7,
``test``: 8-f), like the hand labels' split. The last column, ``stratum`` (``flagged`` or
``kept``), was cut off the copies the labellers read; no verdict or reason reached them.
"""

from __future__ import annotations

import csv
import hashlib
import random
import sys
from collections import defaultdict

from genenorm.lexicon import default_lexicon

PER_STRATUM = 240
PER_FIGURE = 3
SOURCES = {"hgnc_symbol", "hgnc_prev_symbol", "hgnc_alias_symbol"}


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    table = "../shared/samples/pfocr-2020/adrd_gene_hits.tsv"
    with open(table, encoding="utf-8") as f:
        raw = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r, t in zip(rows, raw, strict=True):
        if r["figid"] != t["figid"]:
            sys.exit(f"{sys.argv[1]}: not check-hits output of {table}, row by row")
        r["word"] = t["word"]
    words: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["word"] not in words[r["figid"]]:
            words[r["figid"]].append(r["word"])
    strata: dict[bool, list[dict[str, str]]] = {True: [], False: []}
    for r in rows:
        if r["source"] in SOURCES and r["hgnc_id"]:
            strata[r["verdict"] == "false_hit"].append(r)
    rng = random.Random(20261203)
    chosen: list[dict[str, str]] = []
    for flagged in (True, False):
        pool = strata[flagged][:]
        rng.shuffle(pool)
        per_fig: dict[str, int] = defaultdict(int)
        seen: set[tuple[str, str, str]] = set()
        for r in pool:
            key = (r["figid"], r["word"], r["hgnc_id"])
            if per_fig[r["figid"]] >= PER_FIGURE or key in seen:
                continue
            per_fig[r["figid"]] += 1
            seen.add(key)
            chosen.append(r)
            if sum(per_fig.values()) == PER_STRATUM:
                break
    rng.shuffle(chosen)
    lex = default_lexicon()
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(
        ["id", "split", "figid", "pmcid", "word", "match", "source", "hgnc_symbol",
         "gene_name", "figure_words", "stratum"]
    )  # fmt: skip
    for n, r in enumerate(chosen, 1):
        split = "dev" if hashlib.sha256(r["figid"].encode()).hexdigest()[0] < "8" else "test"
        i = lex.index_of(r["hgnc_id"])
        name = lex.gene(i).name if i is not None else ""
        out.writerow(
            [n, split, r["figid"], r["pmcid"], r["word"], r["symbol"], r["source"],
             r["current_symbol"], name, " | ".join(words[r["figid"]]),
             "flagged" if r["verdict"] == "false_hit" else "kept"]
        )  # fmt: skip


if __name__ == "__main__":
    main()
