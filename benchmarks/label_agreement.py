"""How far two labellers agree on the hand labels' family-expansion hits (prints; not a test).

    python benchmarks/label_agreement.py

``benchmarks/accuracy/relabel/family.tsv`` holds a second labelling of family-expansion hits
of the hand-labelled figures, made blind to the first labels and to genenorm's verdicts by
the written family rule of ``benchmarks/accuracy/README.md``: a random sample of 100 hits of
the ``dev`` figures and 100 of the ``test`` figures (drawn together, shuffled, the split not
shown), and afterwards every other family hit of the ``dev`` figures and, later, of the
``test`` figures. For each split it prints
how often the two agree, Cohen's kappa, each labeller's share of real members, and the
disagreements by the second labeller's reason; then which side a third blind labelling of the
disagreements (``family_third.tsv``) takes. The majority of the three is the label
(`bench_accuracy.labels`).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_accuracy import ACCURACY, RELABEL, THIRD, read_tsv, relabels


def first_labels() -> dict[tuple[str, int], dict[str, str]]:
    """The first hand labels of every labelled figure, by (figid, row)."""
    out: dict[tuple[str, int], dict[str, str]] = {}
    for path in sorted((ACCURACY / "labels").glob("*.tsv")):
        for r in read_tsv(path):
            out[path.stem, int(r["row"])] = r
    return out


def agreement(pairs: list[tuple[str, str]]) -> tuple[float, float, float, float]:
    """Observed agreement, Cohen's kappa and each labeller's real share over (first, second)
    label pairs (``true``/``false`` only)."""
    n = len(pairs)
    po = sum(1 for a, b in pairs if a == b) / n
    first = sum(1 for a, _ in pairs if a == "true") / n
    second = sum(1 for _, b in pairs if b == "true") / n
    pe = first * second + (1 - first) * (1 - second)
    kappa = (po - pe) / (1 - pe) if pe < 1 else 1.0
    return po, kappa, first, second


def main() -> int:
    if not RELABEL.exists():
        print(f"no second labelling at {RELABEL}")
        return 1
    first = first_labels()
    rows = read_tsv(RELABEL)
    print(f"second labelling of family-expansion hits: {len(rows)} rows ({RELABEL.name})")
    for split in ("dev", "test"):
        for part in ("sample", "rest", "all"):
            mine = [
                r for r in rows
                if r["split"] == split and (part == "all" or r["part"] == part)
            ]  # fmt: skip
            pairs = [
                (first[r["figid"], int(r["row"])]["label"], r["label"]) for r in mine
            ]  # fmt: skip
            pairs = [(a, b) for a, b in pairs if a in ("true", "false") and b in ("true", "false")]
            if not pairs:
                continue
            po, kappa, p1, p2 = agreement(pairs)
            flips = Counter(
                (first[r["figid"], int(r["row"])]["label"], r["label"], r["reason"])
                for r in mine
                if first[r["figid"], int(r["row"])]["label"] != r["label"]
            )
            print(
                f"  {split:<4} {part:<6} n={len(pairs):4d}  agree={po:.3f}  kappa={kappa:.3f}"
                f"  real share: first {p1:.2f}, second {p2:.2f}"
            )
            for (a, b, reason), n in flips.most_common():
                print(f"         {a} -> {b} ({reason}): {n}")
    third, second = relabels(THIRD), relabels(RELABEL)
    for split in ("dev", "test"):
        sides: Counter[str] = Counter()
        for key, r in third.items():
            if second[key]["split"] != split:
                continue
            a, b, c = first[key]["label"], second[key]["label"], r["label"]
            sides["with the first" if c == a else "with the second" if c == b else "neither"] += 1
        if sides:
            print(
                f"third labelling of the {sum(sides.values())} {split} hits on which the two"
                f" differ ({THIRD.name}): " + ", ".join(f"{k} {n}" for k, n in sides.most_common())
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
