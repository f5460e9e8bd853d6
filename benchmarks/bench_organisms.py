"""Benchmark organism detection against hand labels (prints figures; not a test).

    python benchmarks/bench_organisms.py [--samples DIR] [--verbose]

Reads the 60 figure pages of ``../shared/samples/pfocr-website-more`` (with their hit
tables), runs `genenorm.organisms.figure_organisms` and compares with the hand labels of
``benchmarks/accuracy/figures/<figid>.tsv`` (the organisms each figure is about), separately
for the ``dev`` and ``test`` figures of ``benchmarks/accuracy/split.tsv``. Nothing is fitted
here; the weights in `genenorm.organisms` were set before the labels existed.

Figures printed per split:

* group-set accuracy: the set of predicted groups equals the labelled set (a figure with no
  organism found counts as ``{human}``, genenorm's default lexicon);
* top-group accuracy: the best predicted organism's group is one of the labelled groups;
* non-vertebrate decision: `non_vertebrate_only` against "every labelled group (viruses
  aside) is invertebrate, plant, fungus, bacterium or protist";
* the verdict this evidence would give (the judge wires it; the rule is applied here as the
  issue states it): a human hit on a non-vertebrate-only figure is false unless the text
  names the human gene (`human_gene_named`). Recall on the hand-labelled ``non_human`` false
  hits, and the true-labelled hits it would wrongly call false (on human figures and
  overall), from ``benchmarks/accuracy/labels/<figid>.tsv``;
* the judge's own verdicts (the shipped weights, the page with its hit tables): the share of
  ``non_human`` rows flagged ``false_hit`` (the issue's false-hit recall), and true rows of
  human or vertebrate figures flagged with ``non_human_figure`` (the precision it must not
  cost).

The same figures are printed for all 60 figures together (``all``): nothing in
`genenorm.organisms` is fitted, so the split only shows how the figures spread.
"""

from __future__ import annotations

import argparse
import csv
import time
from collections import defaultdict
from pathlib import Path

from genenorm.judging import default_checker
from genenorm.judging.context import strip_ocr_debris
from genenorm.models import OrganismGroup
from genenorm.organisms import (
    NON_VERTEBRATE_GROUPS,
    figure_organisms,
    human_gene_named,
    non_vertebrate_only,
    organism_table,
)
from genenorm.pfocr import read_page

ROOT = Path(__file__).resolve().parents[1]
ACCURACY = ROOT / "benchmarks" / "accuracy"
# ../shared/samples, looked up from the checkout upwards (a git worktree sits deeper)
SAMPLES = next(
    (
        d / "shared" / "samples" / "pfocr-website-more"
        for d in ROOT.parents
        if (d / "shared" / "samples" / "pfocr-website-more").is_dir()
    ),
    ROOT.parent / "shared" / "samples" / "pfocr-website-more",
)


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def labelled_groups(figid: str) -> set[str]:
    return {r["group"] for r in read_tsv(ACCURACY / "figures" / f"{figid}.tsv")}


def non_vertebrate(groups: set[str]) -> bool:
    relevant = groups - {"virus"}
    return bool(relevant) and relevant <= {str(g) for g in NON_VERTEBRATE_GROUPS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--verbose", action="store_true", help="one line per figure")
    args = parser.parse_args()

    split = {r["figid"]: r["split"] for r in read_tsv(ACCURACY / "split.tsv")}
    t0 = time.perf_counter()
    organism_table()
    load = time.perf_counter() - t0
    figure_organisms(read_page(args.samples / "_figures" / f"{min(split)}.md"))  # warm up
    stats: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    elapsed = 0.0
    for figid in sorted(split):
        part = split[figid]
        page = read_page(args.samples / "_figures" / f"{figid}.md")
        t = time.perf_counter()
        orgs = figure_organisms(page)
        nv = non_vertebrate_only(orgs)
        elapsed += time.perf_counter() - t
        truth = labelled_groups(figid)
        predicted = {str(o.group) for o in orgs} or {str(OrganismGroup.HUMAN)}
        top = str(orgs[0].group) if orgs else str(OrganismGroup.HUMAN)
        s = stats[part]
        s["figures"] += 1
        s["set_right"] += predicted == truth
        s["top_right"] += top in truth
        want_nv = non_vertebrate(truth)
        s["nv_tp"] += bool(nv) and want_nv
        s["nv_fp"] += bool(nv) and not want_nv
        s["nv_fn"] += (not nv) and want_nv
        s["nv_tn"] += (not nv) and not want_nv
        if args.verbose:
            mark = "ok " if predicted == truth else "BAD"
            print(
                f"{part:4} {mark} {figid[:42]:42} truth={','.join(sorted(truth)):32} "
                f"pred={','.join(str(o.group) + ':' + o.name for o in orgs)[:90]}"
                f"{'  [non-vertebrate only]' if nv else ''}"
            )
        labels = ACCURACY / "labels" / f"{figid}.tsv"
        if not labels.exists():
            continue
        human_fig = "human" in truth
        vertebrate_fig = bool(truth & {"human", "other_vertebrate"})
        verdicts = {v.row: v for v in default_checker().check_page(page).hits}
        for row in read_tsv(labels):
            v = verdicts.get(int(row["row"]))
            flagged = v is not None and v.verdict == "false_hit"
            if row["label"] == "false" and row["reason"] == "non_human":
                s["judge_nh_found"] += flagged
            if row["label"] == "true" and vertebrate_fig and v is not None:
                s["judge_true_vert"] += 1
                s["judge_true_lost"] += flagged and any(
                    r.code == "non_human_figure" for r in v.reasons
                )
            called_false = nv is not None and (
                human_gene_named(page.text, [strip_ocr_debris(row["word"]), row["ncbigene_symbol"]])
                is None
            )
            if row["label"] == "false" and row["reason"] == "non_human":
                s["nh_rows"] += 1
                s["nh_found"] += called_false
            if row["label"] == "true":
                s["true_rows"] += 1
                s["true_lost"] += called_false
                if human_fig:
                    s["true_rows_human_fig"] += 1
                    s["true_lost_human_fig"] += called_false

    print(f"organism table: {len(organism_table()):,} names, loaded in {load:.2f} s")
    n_all = sum(s["figures"] for s in stats.values())
    print(f"figure_organisms: {1000 * elapsed / max(n_all, 1):.2f} ms per figure (table loaded)")
    everything = stats["all"]
    for part in ("dev", "test"):
        for key, value in stats[part].items():
            everything[key] += value
    for part in ("dev", "test", "all"):
        s = stats[part]
        n = s["figures"]
        if not n:
            continue
        print(f"\n== {part}: {n} figures")
        print(f"  group-set accuracy        {s['set_right'] / n:6.1%}  ({s['set_right']}/{n})")
        print(f"  top-group accuracy        {s['top_right'] / n:6.1%}  ({s['top_right']}/{n})")
        nv_right = s["nv_tp"] + s["nv_tn"]
        print(
            f"  non-vertebrate decision   {nv_right / n:6.1%}  ({nv_right}/{n}; "
            f"tp {s['nv_tp']}, fp {s['nv_fp']}, fn {s['nv_fn']}, tn {s['nv_tn']})"
        )
        if s["nh_rows"]:
            print(
                f"  non_human false hits found {s['nh_found'] / s['nh_rows']:6.1%}  "
                f"({s['nh_found']}/{s['nh_rows']} rows labelled false/non_human)"
            )
        if s["true_rows"]:
            print(
                f"  true hits called false     {s['true_lost']}/{s['true_rows']} overall, "
                f"{s['true_lost_human_fig']}/{s['true_rows_human_fig']} on human figures"
            )
        if s["nh_rows"]:
            print(
                f"  judge: non_human flagged   {s['judge_nh_found'] / s['nh_rows']:6.1%}  "
                f"({s['judge_nh_found']}/{s['nh_rows']} rows labelled false/non_human)"
            )
        print(
            f"  judge: true rows of vertebrate figures flagged non_human_figure "
            f"{s['judge_true_lost']}/{s['judge_true_vert']}"
        )


if __name__ == "__main__":
    main()
