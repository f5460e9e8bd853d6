"""Draw the blind labelling samples of the 2020 hit table (run once each; kept for the record).

    python benchmarks/accuracy/pfocr2020/sample.py VERDICTS.tsv > sample.tsv
    python benchmarks/accuracy/pfocr2020/sample.py --family VERDICTS.tsv > family_sample.tsv

VERDICTS.tsv is ``genenorm check-hits`` TSV of ``../shared/samples/pfocr-2020/adrd_gene_hits.tsv``
(commit d830273), one row per row of the table, in order; the words are taken from the
table itself (the TSV output escapes backslashes). Only human hits matched by approved symbol, previous symbol or alias are
drawn (family expansions need the figure's text to judge). Two strata of equal size, drawn
without the labellers knowing which a row is in: hits genenorm flagged ``false_hit`` and hits
it did not. At most three rows per figure and stratum, so that many figures are seen. The
figures are split in halves by SHA-256 of the figure id (``dev``: first hex digit 0-7,
``test``: 8-f), like the hand labels' split. The last column, ``stratum`` (``flagged`` or
``kept``), was cut off the copies the labellers read; no verdict or reason reached them.

``--family`` draws the family sample instead (commit df7a785): human hits of family or
complex words expanded to members (``bioentities_symbol``), in three strata of 100 by verdict
(``false_hit``, ``uncertain``, ``supported``), at most two rows per figure and stratum, with
one more column, ``word_genes``: every gene the same word was expanded to on that figure.
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
FAMILY_PER_STRATUM = 100
FAMILY_PER_FIGURE = 2


def main() -> None:
    family = sys.argv[1] == "--family"
    path = sys.argv[-1]
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    table = "../shared/samples/pfocr-2020/adrd_gene_hits.tsv"
    with open(table, encoding="utf-8") as f:
        raw = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r, t in zip(rows, raw, strict=True):
        if r["figid"] != t["figid"]:
            sys.exit(f"{path}: not check-hits output of {table}, row by row")
        r["word"] = t["word"]
    words: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["word"] not in words[r["figid"]]:
            words[r["figid"]].append(r["word"])
    chosen = _draw_family(rows) if family else _draw(rows)
    lex = default_lexicon()
    word_genes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        if r["source"] == "bioentities_symbol":
            word_genes[(r["figid"], r["word"])].append(r["current_symbol"] or r["hgnc_symbol"])
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(
        ["id", "split", "figid", "pmcid", "word", "match", "source", "hgnc_symbol",
         "gene_name", "figure_words", *(["word_genes"] if family else []), "stratum"]
    )  # fmt: skip
    for n, r in enumerate(chosen, 1):
        split = "dev" if hashlib.sha256(r["figid"].encode()).hexdigest()[0] < "8" else "test"
        i = lex.index_of(r["hgnc_id"])
        name = lex.gene(i).name if i is not None else ""
        out.writerow(
            [n, split, r["figid"], r["pmcid"], r["word"], r["symbol"], r["source"],
             r["current_symbol"], name, " | ".join(words[r["figid"]]),
             *([" ".join(word_genes[(r["figid"], r["word"])])] if family else []),
             r["verdict"] if family else "flagged" if r["verdict"] == "false_hit" else "kept"]
        )  # fmt: skip


def _take(
    rng: random.Random, pool: list[dict[str, str]], size: int, per_figure: int
) -> list[dict[str, str]]:
    """Up to *size* rows of *pool* in a random order, at most *per_figure* per figure and no
    (figure, word, gene) twice."""
    pool = pool[:]
    rng.shuffle(pool)
    per_fig: dict[str, int] = defaultdict(int)
    seen: set[tuple[str, str, str]] = set()
    out: list[dict[str, str]] = []
    for r in pool:
        key = (r["figid"], r["word"], r["hgnc_id"])
        if per_fig[r["figid"]] >= per_figure or key in seen:
            continue
        per_fig[r["figid"]] += 1
        seen.add(key)
        out.append(r)
        if len(out) == size:
            break
    return out


def _draw(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The symbol, previous-symbol and alias sample: flagged, then kept, shuffled together."""
    rng = random.Random(20261203)
    strata: dict[bool, list[dict[str, str]]] = {True: [], False: []}
    for r in rows:
        if r["source"] in SOURCES and r["hgnc_id"]:
            strata[r["verdict"] == "false_hit"].append(r)
    chosen = [
        r for flagged in (True, False) for r in _take(rng, strata[flagged], PER_STRATUM, PER_FIGURE)
    ]
    rng.shuffle(chosen)
    return chosen


def _draw_family(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The family sample: false_hit, uncertain, supported, shuffled together."""
    rng = random.Random(20261204)
    strata: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        if r["source"] == "bioentities_symbol" and r["hgnc_id"]:
            strata[r["verdict"]].append(r)
    chosen = [
        r for verdict in ("false_hit", "uncertain", "supported")
        for r in _take(rng, strata[verdict], FAMILY_PER_STRATUM, FAMILY_PER_FIGURE)
    ]  # fmt: skip
    rng.shuffle(chosen)
    return chosen


if __name__ == "__main__":
    main()
