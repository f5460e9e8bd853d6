"""Accuracy of the false-hit flag and of confidence (prints figures; not a test).

    python benchmarks/bench_accuracy.py [--split dev|test|all] [--misses N] [--json PATH]

Data (see ``benchmarks/accuracy/README.md``):

1. **Hand labels** of every human hit of the 60 figures in
   ``../shared/samples/pfocr-website-more/`` (``benchmarks/accuracy/labels/<figid>.tsv``),
   split into ``dev`` (40 figures, weights may be fitted on them) and ``test`` (20 figures, never
   fitted on) by ``benchmarks/accuracy/split.tsv``. Two modes:
   *with hits* (the page and its ``_data`` tables: each labelled row's verdict) and
   *page only* (hit tables hidden: each keyword's verdict; a keyword is real when any of its
   labelled rows is real).
2. **Silver labels** of ``../shared/samples/wp2018-silver/hits_dev.tsv`` (a hit is real when
   the pathway's curators list its gene; label noise: see that README), judged as hit tables
   without text, one page per pathway. Its rows are split in two halves by pathway id
   (``fit``/``eval``, a hash of the id) so that a fitted weight never sees the half it is
   measured on.
3. **The 2020 audit** (``benchmarks/accuracy/pfocr2020/labels.tsv``): 480 hits of the 2020 hit
   table ``../shared/samples/pfocr-2020/adrd_gene_hits.tsv`` matched by approved symbol,
   previous symbol or alias, labelled blind from the word, the gene and the figure's other
   words (no text), judged as check-hits judges the table (each figure's rows together). The
   sample holds two strata of 240 drawn at commit d830273: hits then flagged ``false_hit``
   and hits then not flagged (`AUDIT_STRATA`); precision and recall are printed as drawn and
   weighed back to the table (each stratum counting its share of the table's rows). Split
   by figure into ``dev`` and ``test`` halves like the hand labels.

Printed per dataset and split: precision, recall and F1 of the false-hit flag (positive = the
label says false; ``uncertain`` is not a flag), per lexicon source and per reason code; the
share of real hits kept (not flagged); and a calibration table (confidence bins against the
share of real hits in each bin). ``unsure`` labels are left out.

Targets (issue 8): on the test split and silver: flag precision >= 0.90 and recall >= 0.80 with
hits; page-only keyword precision >= 0.90 and recall >= 0.70; silver alias+previous flag F1 >=
0.70 with non-family kept recall >= 0.97; calibration within +-0.1 per bin.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import itertools
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

import attrs

ROOT = Path(__file__).resolve().parents[1]
ACCURACY = ROOT / "benchmarks" / "accuracy"
SHARED = ROOT.parent / "shared" / "samples"
MORE = SHARED / "pfocr-website-more"
SILVER = SHARED / "wp2018-silver" / "hits_dev.tsv"
TABLE_2020 = SHARED / "pfocr-2020" / "adrd_gene_hits.tsv"
AUDIT = ACCURACY / "pfocr2020" / "labels.tsv"
#: The audit of family-word members (``bioentities_symbol``), drawn like `AUDIT` by verdict.
AUDIT_FAMILY = ACCURACY / "pfocr2020" / "family.tsv"
#: A second blind labelling of the family sample, and a third where the first two differ.
AUDIT_FAMILY_SECOND = ACCURACY / "pfocr2020" / "family_second.tsv"
AUDIT_FAMILY_THIRD = ACCURACY / "pfocr2020" / "family_third.tsv"
#: A second labelling of family-expansion hits of the hand-labelled figures, blind to the
#: first and to genenorm, by the written rule (``benchmarks/accuracy/README.md``).
RELABEL = ACCURACY / "relabel" / "family.tsv"
#: A third blind labelling of the family hits on which the first two disagree (both splits).
THIRD = ACCURACY / "relabel" / "family_third.tsv"
#: What each stratum of the audit samples stands for: the 2020 table's rows of that kind
#: with that verdict when the sample was drawn. ``flagged`` and ``kept``: human symbol,
#: previous-symbol and alias rows that commit d830273 judged ``false_hit`` and did not;
#: ``false_hit``, ``uncertain``, ``supported``: family-member rows by commit df7a785's verdict.
AUDIT_STRATA = {
    "flagged": 4770, "kept": 30925,
    "false_hit": 8423, "uncertain": 17842, "supported": 28759,
}  # fmt: skip

sys.path.insert(0, str(ROOT))

from genenorm import HitVerdict, Verdict  # noqa: E402
from genenorm.judging import Checker, default_checker  # noqa: E402
from genenorm.models import GeneHit, Page  # noqa: E402
from genenorm.pfocr import read_hit_table, read_page  # noqa: E402

BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


@dataclass
class Item:
    """One judged, labelled thing: a hit row or a page-only keyword."""

    dataset: str
    split: str
    figid: str
    what: str  # the word -> symbol, for the misses list
    source: str  # lexicon source (symbol / synonym / family / previous / alias)
    real: bool
    verdict: str
    confidence: float | None
    reasons: tuple[str, ...] = ()
    label_reason: str = ""
    matched_as: str = ""
    #: Every reason and support item as (code, detail).
    evidence: tuple[tuple[str, str], ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def flagged(self) -> bool:
        return self.verdict == Verdict.FALSE_HIT


# --------------------------------------------------------------------------- loading


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def splits() -> dict[str, str]:
    return {r["figid"]: r["split"] for r in read_tsv(ACCURACY / "split.tsv")}


@functools.cache
def relabels(path: Path = RELABEL) -> dict[tuple[str, int], dict[str, str]]:
    """A further blind labelling of family-expansion hits (`RELABEL`, `THIRD`), by
    (figid, row)."""
    if not path.exists():
        return {}
    return {(r["figid"], int(r["row"])): r for r in read_tsv(path)}


def settled(first: dict[str, str], *more: dict[str, str]) -> dict[str, str]:
    """The label most of the labellers gave (``unsure`` counts for none), with the reason
    and note of the first labeller who gave it; ``unsure`` on a tie."""
    votes = [r for r in (first, *more) if r["label"] in ("true", "false")]
    count = {label: sum(1 for r in votes if r["label"] == label) for label in ("true", "false")}
    if count["true"] == count["false"]:
        return {**first, "label": "unsure"}
    winner = "true" if count["true"] > count["false"] else "false"
    chosen = next(r for r in votes if r["label"] == winner)
    return {**first, "label": winner, "reason": chosen["reason"], "note": chosen["note"]}


#: Read only the first hand labels (``--first-labels``): the figures as measured before the
#: family members were labelled again.
FIRST_ONLY = False


def labels(figid: str) -> dict[int, dict[str, str]] | None:
    """The hand labels of a figure by row. A family member's label is the majority of the
    first labelling, the second (`RELABEL`) and, where those two differ, a third (`THIRD`),
    on `dev` and `test` figures alike (`FIRST_ONLY`: the first labels alone); see
    ``benchmarks/accuracy/README.md``."""
    path = ACCURACY / "labels" / f"{figid}.tsv"
    if not path.exists():
        return None
    out = {int(r["row"]): r for r in read_tsv(path)}
    if FIRST_ONLY:
        return out
    third = relabels(THIRD)
    for (fig, row), second in relabels().items():
        if fig == figid and row in out:
            more = [second, third[fig, row]] if (fig, row) in third else [second]
            out[row] = settled(out[row], *more)
    return out


def _conf(v: object) -> float | None:
    c = getattr(v, "confidence", None)
    return float(c) if c is not None else None


def _codes(v: object) -> tuple[str, ...]:
    return tuple(str(r.code) for r in getattr(v, "reasons", ()))


class _More(TypedDict):
    matched_as: str
    evidence: tuple[tuple[str, str], ...]


def _more(v: object) -> _More:
    """``matched_as`` and every reason and support item of a verdict."""
    found = (*getattr(v, "reasons", ()), *getattr(v, "support", ()))
    matched = getattr(v, "matched_as", None)
    return {
        "matched_as": str(matched) if matched else "",
        "evidence": tuple((str(r.code), r.detail) for r in found),
    }


def hand_items(wanted: set[str], checker: Checker | None = None) -> tuple[list[Item], list[Item]]:
    """Hit items (page with its tables) and page-only keyword items of the labelled figures,
    judged by *checker* (default: the shipped weights)."""
    check_page = (checker or default_checker()).check_page
    hit_items: list[Item] = []
    kw_items: list[Item] = []
    for figid, split in sorted(splits().items()):
        if split not in wanted:
            continue
        lab = labels(figid)
        if lab is None:
            continue
        path = MORE / "_figures" / f"{figid}.md"
        page = read_page(path)
        report = check_page(page)
        by_symbol: dict[str, list[bool]] = defaultdict(list)
        sources: dict[str, set[str]] = defaultdict(set)
        for h, v in zip(page.gene_hits, report.hits, strict=True):
            row = lab.get(h.row)
            if row is None or row["label"] not in ("true", "false"):
                continue
            real = row["label"] == "true"
            by_symbol[h.symbol].append(real)
            sources[h.symbol].add(h.source)
            hit_items.append(
                Item("hand", split, figid, f"{h.word} -> {h.symbol}", h.source, real,
                     str(v.verdict), _conf(v), _codes(v), row["reason"], **_more(v))
            )  # fmt: skip
        # page only: the same page with every hit table hidden
        bare = attrs.evolve(page, gene_hits=(), chemical_hits=(), disease_hits=(), has_hits=False)
        bare_report = check_page(bare)
        for k in bare_report.keywords:
            reals = by_symbol.get(k.keyword)
            if not reals or k.verdict is None:
                continue
            # a keyword whose hits all expand a family word: the page-only view of members
            from_family = sources[k.keyword] == {"famplex_relations"}
            kw_items.append(
                Item("hand-page-only", split, figid, k.keyword, str(k.status), any(reals),
                     str(k.verdict), _conf(k), _codes(k), **_more(k),
                     extra={"hits": "family"} if from_family else {})
            )  # fmt: skip
    return hit_items, kw_items


def silver_half(wpid: str) -> str:
    return "fit" if hashlib.sha256(wpid.encode()).digest()[0] % 2 == 0 else "eval"


_SILVER_SOURCE = {
    "hgnc_symbol": "ncbigene_symbol",
    "hgnc_alias_symbol": "alias",
    "hgnc_prev_symbol": "previous",
    "bioentities_symbol": "famplex_relations",
}


def silver_items(checker: Checker | None = None) -> list[Item]:
    """Silver items, judged by *checker* (default: the shipped weights)."""
    check_page = (checker or default_checker()).check_page
    rows = read_tsv(SILVER)
    by_fig: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_fig[r["wpid"]].append(r)
    out: list[Item] = []
    for wpid, fig_rows in by_fig.items():
        hits = tuple(
            GeneHit(word=r["symbol"], match=r["symbol"], symbol=r["approved_symbol_2018"],
                    source=r["source"], gene_id=r["entrez"], organism_id="9606",
                    figid=wpid, row=i + 1)
            for i, r in enumerate(fig_rows)
        )  # fmt: skip
        page = Page(figid=wpid, gene_hits=hits, has_hits=True)
        report = check_page(page)
        for r, v in zip(fig_rows, report.hits, strict=True):
            out.append(
                Item("silver", silver_half(wpid), wpid, f"{r['symbol']} -> {r['approved_symbol_2018']}",
                     _SILVER_SOURCE[r["source"]], r["in_wp"] == "True", str(v.verdict), _conf(v),
                     _codes(v), **_more(v))
            )  # fmt: skip
    return out


def audit_items(checker: Checker | None = None) -> list[Item]:
    """The 2020 audits' labelled rows (``unsure`` left out), each judged with its figure's
    other rows of the 2020 table, as ``check-hits`` judges them (text-less pages). The
    item's ``extra["stratum"]`` says which stratum it was drawn from."""
    check_page = (checker or default_checker()).check_page
    rows = [
        r for r in (*_read_if(AUDIT), *audit_family_labels())
        if r["label"] in ("true", "false")
    ]  # fmt: skip
    wanted = {r["figid"] for r in rows}
    by_fig: dict[str, list[GeneHit]] = defaultdict(list)
    for h in read_hit_table(TABLE_2020).hits:
        if h.figid in wanted:
            by_fig[h.figid].append(h)
    verdicts: dict[tuple[str, str, str, str], HitVerdict] = {}
    for figid, hits in by_fig.items():
        report = check_page(Page(figid=figid, gene_hits=tuple(hits), has_hits=True))
        for h, v in zip(hits, report.hits, strict=True):
            # the label names the gene by its current symbol, as check-hits prints it
            verdicts.setdefault((figid, h.word, h.match, v.current_symbol or h.symbol), v)
    out: list[Item] = []
    for r in rows:
        v = verdicts[(r["figid"], r["word"], r["match"], r["hgnc_symbol"])]
        out.append(
            Item("audit2020", r["split"], r["figid"], f"{r['word']} -> {r['hgnc_symbol']}",
                 _SILVER_SOURCE[r["source"]], r["label"] == "true", str(v.verdict),
                 _conf(v), _codes(v), r["reason"], **_more(v),
                 extra={"stratum": r["stratum"]})
        )  # fmt: skip
    return out


def _read_if(path: Path) -> list[dict[str, str]]:
    return read_tsv(path) if path.exists() else []


def audit_family_labels() -> list[dict[str, str]]:
    """The audit's family sample, each member's label the majority of the first labelling,
    the second (`AUDIT_FAMILY_SECOND`) and, where those differ, a third
    (`AUDIT_FAMILY_THIRD`), as for the hand labels (`settled`); the first labels alone with
    `FIRST_ONLY`."""
    rows = _read_if(AUDIT_FAMILY)
    if FIRST_ONLY:
        return rows
    second = {r["id"]: r for r in _read_if(AUDIT_FAMILY_SECOND)}
    third = {r["id"]: r for r in _read_if(AUDIT_FAMILY_THIRD)}
    out = []
    for r in rows:
        more = [x[r["id"]] for x in (second, third) if r["id"] in x]
        out.append(settled(r, *more) if more else r)
    return out


def _stratum_sizes(items: Sequence[Item]) -> dict[str, int]:
    """How many audit items each stratum holds."""
    sizes: dict[str, int] = defaultdict(int)
    for i in items:
        sizes[i.extra["stratum"]] += 1
    return sizes


def stratum_weights(items: Sequence[Item]) -> dict[str, float]:
    """What an audit item of each stratum counts so that the items stand for the 2020 table:
    the stratum's rows in the table (`AUDIT_STRATA`) over its items here, scaled so that an
    item counts 1 on average."""
    sizes = _stratum_sizes(items)
    raw = {k: AUDIT_STRATA[k] / n for k, n in sizes.items()}
    mean = sum(raw[k] * n for k, n in sizes.items()) / (sum(sizes.values()) or 1)
    return {k: v / mean if mean else 0.0 for k, v in raw.items()}


def weighed_prf(items: Sequence[Item]) -> str:
    """Flag precision and recall of audit items weighed back to the 2020 table
    (`stratum_weights`)."""
    sizes = _stratum_sizes(items)
    weight = stratum_weights(items)
    tp = fp = fn = 0.0
    for i in items:
        w = weight[i.extra["stratum"]]
        if i.flagged and not i.real:
            tp += w
        elif i.flagged:
            fp += w
        elif not i.real:
            fn += w
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    strata = ", ".join(f"{n} {k}" for k, n in sorted(sizes.items()))
    return f"  {'weighed to the 2020 table':<34} P={p:5.3f} R={r:5.3f} (strata: {strata})"


# --------------------------------------------------------------------------- figures


def prf(items: Sequence[Item]) -> tuple[int, float, float, float, float]:
    """n, precision, recall and F1 of the false-hit flag, and the share of real items kept."""
    tp = sum(1 for i in items if i.flagged and not i.real)
    fp = sum(1 for i in items if i.flagged and i.real)
    fn = sum(1 for i in items if not i.flagged and not i.real)
    real = sum(1 for i in items if i.real)
    kept = sum(1 for i in items if i.real and not i.flagged)
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    f = 2 * p * r / (p + r) if tp else 0.0
    return len(items), p, r, f, (kept / real if real else float("nan"))


def line(name: str, items: Sequence[Item]) -> str:
    n, p, r, f, kept = prf(items)
    false = sum(1 for i in items if not i.real)
    unc = sum(1 for i in items if i.verdict == Verdict.UNCERTAIN)
    supported = [i for i in items if i.verdict == Verdict.SUPPORTED]
    sup_real = sum(1 for i in supported if i.real) / len(supported) if supported else float("nan")
    return (
        f"  {name:<34} n={n:5d} false={false:5d}  P={p:5.3f} R={r:5.3f} F1={f:5.3f}"
        f"  kept-real={kept:5.3f}  uncertain={unc / n if n else 0:5.3f}  supported-real={sup_real:5.3f}"
    )


#: Resamples of `interval`, and the share of them left out at each end (a 90 % interval).
RESAMPLES = 1000
TAIL = 0.05


def interval(items: Sequence[Item]) -> str:
    """Flag precision and recall with a 90 % interval from resampling whole figures (with
    replacement, a fixed seed): how far the figures could move on another sample of figures
    like these. Figures, not items, are the unit: items of one figure are not independent."""
    by_figure = list(_group(items, lambda i: i.figid).values())
    if len(by_figure) < 2:
        return "  (one figure: no interval)"
    rng = random.Random(0)
    ps: list[float] = []
    rs: list[float] = []
    for _ in range(RESAMPLES):
        sample = [i for g in rng.choices(by_figure, k=len(by_figure)) for i in g]
        _n, p, r, _f, _kept = prf(sample)
        if p == p:  # not NaN
            ps.append(p)
        if r == r:
            rs.append(r)

    def span(values: list[float]) -> str:
        if not values:
            return "n/a"
        values.sort()
        lo = values[int(TAIL * (len(values) - 1))]
        hi = values[int((1 - TAIL) * (len(values) - 1))]
        return f"[{lo:.3f}, {hi:.3f}]"

    return f"  90% interval over figures ({len(by_figure)}): P {span(ps)}  R {span(rs)}"


def calibration(items: Sequence[Item]) -> list[str]:
    """Confidence bins against the share of their items that is real. The gap's 90 % interval
    resamples whole figures (as `interval` does): items of one figure are not independent,
    and a bin of 30 items from 15 figures moves by 0.1 on another sample of figures. A resample
    in which the bin is empty gives it no gap: the interval is over the resamples that fill
    the bin."""
    scored = [i for i in items if i.confidence is not None]
    if not scored:
        return ["  (no confidence in the output)"]
    by_figure = list(_group(scored, lambda i: i.figid).values())
    rng = random.Random(0)
    samples = [
        [i for g in rng.choices(by_figure, k=len(by_figure)) for i in g] for _ in range(RESAMPLES)
    ] if len(by_figure) > 1 else []  # fmt: skip
    out = ["  bin          n   mean-conf  share-real  gap     gap 90% over figures"]
    worst = 0.0
    beyond = 0
    for lo, hi in itertools.pairwise(BINS):
        b = [i for i in scored if lo <= (i.confidence or 0.0) < hi]
        if not b:
            continue
        mean = sum(i.confidence or 0.0 for i in b) / len(b)
        share = sum(1 for i in b if i.real) / len(b)
        gap = share - mean
        gaps = sorted(g for sample in samples if (g := _gap(sample, lo, hi)) is not None)
        span = ""
        if gaps:
            g_lo = gaps[int(TAIL * (len(gaps) - 1))]
            g_hi = gaps[int((1 - TAIL) * (len(gaps) - 1))]
            span = f"[{g_lo:+.3f}, {g_hi:+.3f}]"
        if len(b) >= 20:
            worst = max(worst, abs(gap))
            if gaps and (g_lo > 0.1 or g_hi < -0.1):
                beyond += 1
        out.append(
            f"  [{lo:.1f},{min(hi, 1):.1f}) {len(b):5d}   {mean:8.3f}  {share:9.3f}  {gap:+.3f}"
            f"  {span}"
        )
    out.append(f"  worst gap over bins with n>=20: {worst:.3f}")
    if samples:
        out.append(f"  bins with n>=20 whose whole 90% interval lies beyond +-0.1: {beyond}")
    out.append(
        "  if every confidence were exact, every bin with n>=20 within +-0.1 in "
        f"{calibrated_pass_rate([i.confidence or 0.0 for i in scored]):.0%} of samples"
    )
    return out


def worst_bin_gap(confidences: Sequence[float], real: Sequence[bool]) -> float:
    """The largest |share real - mean confidence| over the `BINS` holding at least 20 items
    (0.0 when none does): the figure the calibration target reads."""
    bins: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for c, r in zip(confidences, real, strict=True):
        k = min(int(c * 10), 9)
        b = bins[k]
        b[0] += 1
        b[1] += r
        b[2] += c
    return max((abs(b[1] - b[2]) / b[0] for b in bins.values() if b[0] >= 20), default=0.0)


def calibrated_pass_rate(confidences: Sequence[float], draws: int = RESAMPLES) -> float:
    """How often a judge whose every confidence is exact (each item real with probability
    its confidence, independently) meets "every bin with n >= 20 within +-0.1" on items with
    these *confidences*: the target's own noise at this sample's size. Items of one figure
    are not independent, so the real chance is lower still. Fixed seed."""
    if not confidences:
        return 1.0
    rng = random.Random(0)
    met = 0
    for _ in range(draws):
        real = [rng.random() < c for c in confidences]
        met += worst_bin_gap(confidences, real) <= 0.1
    return met / draws


def _gap(items: Sequence[Item], lo: float, hi: float) -> float | None:
    """Share real minus mean confidence of the *items* in the bin [lo, hi) (None if empty)."""
    b = [i for i in items if lo <= (i.confidence or 0.0) < hi]
    if not b:
        return None
    return sum(1 for i in b if i.real) / len(b) - sum(i.confidence or 0.0 for i in b) / len(b)


def report(title: str, items: Sequence[Item], *, per: bool = True) -> None:
    print(f"\n== {title}")
    print(line("all", items))
    print(interval(items))
    if per:
        for source, group in sorted(_group(items, lambda i: i.source).items()):
            print(line(f"source {source}", group))
        flagged = [i for i in items if i.flagged]
        for code, group in sorted(_group_multi(flagged, lambda i: i.reasons).items()):
            wrong = sum(1 for i in group if i.real)
            print(f"  reason {code:<27} flags={len(group):5d} of which real={wrong:4d}")
    for ln in calibration(items):
        print(ln)


def _group(items: Iterable[Item], key: object) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        out[key(i)].append(i)  # type: ignore[operator]
    return out


def _group_multi(items: Iterable[Item], key: object) -> dict[str, list[Item]]:
    out: dict[str, list[Item]] = defaultdict(list)
    for i in items:
        for k in key(i) or ("(none)",):  # type: ignore[operator]
            out[k].append(i)
    return out


def misses(items: Sequence[Item], n: int) -> None:
    if n <= 0:
        return
    fn = [i for i in items if not i.real and not i.flagged]
    fp = [i for i in items if i.real and i.flagged]
    print(f"\n-- missed false hits ({len(fn)}), first {n}:")
    for i in fn[:n]:
        print(f"   {i.figid[:28]:<28} {i.what:<32} {i.verdict:<10} {i.label_reason} {i.reasons}")
    print(f"-- real hits flagged ({len(fp)}), first {n}:")
    for i in fp[:n]:
        print(f"   {i.figid[:28]:<28} {i.what:<32} {i.label_reason} {i.reasons}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--misses", type=int, default=0, help="list N misses per dataset")
    ap.add_argument("--no-silver", action="store_true")
    ap.add_argument("--no-audit", action="store_true", help="leave out the 2020 audit")
    ap.add_argument("--json", type=Path, help="also write every judged item as JSON lines")
    ap.add_argument(
        "--first-labels", action="store_true",
        help="the first hand labels only (no second and third labelling of family members)",
    )  # fmt: skip
    args = ap.parse_args(argv)
    global FIRST_ONLY
    FIRST_ONLY = args.first_labels
    wanted = {"dev", "test"} if args.split == "all" else {args.split}
    t0 = time.perf_counter()
    hits, kws = hand_items(wanted)
    silver = [] if args.no_silver else silver_items()
    audit = [] if args.no_audit else [i for i in audit_items() if i.split in wanted]
    dt = time.perf_counter() - t0
    for split in sorted(wanted):
        h = [i for i in hits if i.split == split]
        k = [i for i in kws if i.split == split]
        figs = len({i.figid for i in h})
        report(f"hand labels, {split} split ({figs} figures), hits with their pages", h)
        misses(h, args.misses)
        report(f"hand labels, {split} split, page only (keywords, hit tables hidden)", k)
        misses(k, args.misses)
    for split in sorted(wanted):
        for part, fam in (("", False), (", family members", True)):
            a = [i for i in audit if i.split == split and (i.source == "famplex_relations") == fam]
            if not a:
                continue
            figs = len({i.figid for i in a})
            report(f"2020 audit{part}, {split} half ({figs} figures), hit table only", a)
            print(weighed_prf(a))
            misses(a, args.misses)
    for half in ("fit", "eval"):
        s = [i for i in silver if i.split == half]
        if not s:
            continue
        report(f"silver wp2018 dev, {half} half ({len({i.figid for i in s})} pathways)", s)
        ap_ = [i for i in s if i.source in ("alias", "previous")]
        nonfam = [i for i in s if i.source != "famplex_relations"]
        print(line("alias+previous", ap_))
        print(line("non-family (kept-real target)", nonfam))
        misses(ap_, args.misses)
    if silver:
        ap_ = [i for i in silver if i.source in ("alias", "previous")]
        nonfam = [i for i in silver if i.source != "famplex_relations"]
        print("\n== silver wp2018 dev, both halves")
        print(line("all", silver))
        print(line("alias+previous", ap_))
        print(line("non-family (kept-real target)", nonfam))
    print(
        f"\n(judged {len(hits)} hand-labelled hits, {len(kws)} keywords, {len(silver)} silver hits, {len(audit)} audit hits in {dt:.1f} s)"
    )
    if args.json:
        with args.json.open("w", encoding="utf-8") as f:
            for i in (*hits, *kws, *silver, *audit):
                f.write(json.dumps(i.__dict__, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
