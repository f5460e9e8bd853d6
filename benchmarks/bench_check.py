"""Benchmark ``genenorm check`` and ``check-hits`` on real pages, as the CLI (prints; not a test).

    python benchmarks/bench_check.py [--pages 5000] [--runs 3] [--table PATH] [--keep DIR]
    python benchmarks/bench_check.py --only current --runs 1      # one shape, one run
    python benchmarks/bench_check.py --keep /tmp/corpus --command \
        "env PYTHONPATH=/path/to/main/checkout:$(python -c 'import site; print(site.getsitepackages()[0])') python -S -m genenorm"

Every figure is the wall time of a fresh ``genenorm`` process, end to end (interpreter start,
import, snapshot load, reading, judging, writing JSONL to a file, shutdown), median of
``--runs``; CPU time and peak RSS come from ``os.wait4`` of that process.

1. **current** shape: the 73 real current-format pages of ``../shared/samples/pfocr-website*/``
   with their ``_data`` hit tables, copied with renamed figure ids (``<figid>-r<k>``, in the
   page text and in the table names) until there are ``--pages`` pages.
2. **inline** shape: old-format pages with ``genes:`` written inline in the front matter, one
   per figure of the 2020 hit table (``--table``; 2,727 figures, 33 hits each on average, so the
   lists have real lengths), with captions and titles copied from the sample pages, copied with
   renamed ids until there are ``--pages`` pages.

   For both shapes it prints pages/s and, for the same files in the same run, the rate of
   merely reading them and parsing their front matter with libyaml (``yaml.CSafeLoader``,
   in this process), and the ratio (goal <= 1.5x).
3. **check-hits** of the whole 2020 table in a fresh process (JSONL and TSV): hits/s.
4. **cold start** of ``genenorm resolve TP53``.

Targets: >= 1,000 pages/s for both shapes, >= 100,000 hits/s, cold start <= 0.15 s, peak RSS
of a corpus run <= 200 MB.
"""

from __future__ import annotations

import argparse
import csv
import functools
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
WEBSITE = [SAMPLES / "pfocr-website", SAMPLES / "pfocr-website-more"]
TABLE = SAMPLES / "pfocr-2020" / "adrd_gene_hits.tsv"

TARGET_PAGES, TARGET_HITS, TARGET_COLD, TARGET_RSS, TARGET_RATIO = 1000, 100_000, 0.15, 200, 1.5


# ----------------------------------------------------------------------------- corpora


def _sample_pages() -> list[Path]:
    return sorted(p for d in WEBSITE for p in (d / "_figures").glob("*.md"))


def build_current(out: Path, n: int) -> Path:
    """*n* current-format pages (the real samples, renamed copies) and their ``_data``; the
    ``_figures`` directory."""
    figures, data = out / "_figures", out / "_data"
    figures.mkdir(parents=True)
    data.mkdir()
    pages = _sample_pages()
    for i in range(n):
        src, k = pages[i % len(pages)], i // len(pages)
        figid = src.stem
        new = figid if k == 0 else f"{figid}-r{k}"
        text = src.read_text(encoding="utf-8")
        (figures / f"{new}.md").write_text(text.replace(figid, new), encoding="utf-8")
        for table in (src.parent.parent / "_data").glob(f"{figid}-*.tsv"):
            suffix = table.name[len(figid) :]
            if suffix in ("-genes.tsv", "-chemicals.tsv", "-diseases.tsv"):
                shutil.copyfile(table, data / f"{new}{suffix}")
    return figures


def _captions() -> list[tuple[str, str]]:
    """(caption, title) of every sample page."""
    out = []
    for p in _sample_pages():
        front = yaml.load(p.read_text(encoding="utf-8").split("---", 2)[1], Loader=yaml.CSafeLoader)
        out.append((str(front.get("caption") or ""), str(front.get("figtitle") or "")))
    return out


def _figures_of(table: Path) -> list[tuple[str, str, list[dict[str, str]]]]:
    """(figid, pmcid, inline gene records) per figure of a 2020 hit table, in file order."""
    figures: dict[str, tuple[str, list[dict[str, str]]]] = {}
    with table.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            figid = row["figid"].removesuffix(".jpg")
            _, genes = figures.setdefault(figid, (row["pmcid"], []))
            genes.append({
                "word": row["word"], "symbol": row["symbol"], "source": row["source"],
                "hgnc_symbol": row["hgnc_symbol"], "entrez": row["entrez"],
            })  # fmt: skip
    return [(f, pmcid, genes) for f, (pmcid, genes) in figures.items()]


def build_inline(out: Path, n: int, table: Path) -> Path:
    """*n* old-format pages with inline ``genes:`` built from the 2020 table; ``_figures``."""
    figures = out / "_figures"
    figures.mkdir(parents=True)
    captions = _captions()
    source = _figures_of(table)
    for i in range(n):
        figid, pmcid, genes = source[i % len(source)]
        k = i // len(source)
        new = figid if k == 0 else f"{figid}-r{k}"
        caption, title = captions[i % len(captions)]
        keywords = list(dict.fromkeys(g["hgnc_symbol"] for g in genes))
        front = {
            "figid": new, "figlink": f"/pmc/articles/{pmcid}/figure/F1/", "number": "F1",
            "caption": caption, "pmcid": pmcid, "papertitle": title,
            "reftext": "A. Author, et al. J Biol. 2019;1:1-10.", "pmc_ranked_result_index": "1",
            "pathway_score": 0.9, "filename": f"{new.split('__', 1)[-1]}.jpg",
            "figtitle": title, "year": "2019", "organisms": "Homo sapiens", "ndex": "",
            "annotations": [], "seo": "CreativeWork",
            "schema-jsonld": {
                "@context": "https://schema.org/",
                "@id": f"https://pfocr.wikipathways.org/figures/{new}.html",
                "@type": "Dataset", "description": caption, "license": "CC0",
                "name": "CreativeWork",
                "creator": {"@type": "Organization", "name": "WikiPathways"},
                "keywords": keywords,
            },
            "genes": genes, "chemicals": [], "diseases": [],
            "figid_alias": f"{pmcid}__F1", "redirect_from": f"/figures/{pmcid}__F1",
            "figtype": "Figure",
        }  # fmt: skip
        text = yaml.dump(front, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)
        (figures / f"{new}.md").write_text(f"---\n{text}---\n", encoding="utf-8")
    return figures


def generate(out: Path, n: int, table: Path | None = None) -> list[Path]:
    """*n* current-format pages under ``out/_figures`` (for ``bench_dask.py``); their paths."""
    return sorted(build_current(out, n).glob("*.md"))


# ----------------------------------------------------------------------------- measuring


def genenorm_command() -> list[str]:
    """The installed ``genenorm`` script next to this Python, else ``python -m genenorm``."""
    script = Path(sys.executable).with_name("genenorm")
    found = script if script.exists() else shutil.which("genenorm")
    return [str(found)] if found else [sys.executable, "-m", "genenorm"]


#: The command measured (``--command``): the installed ``genenorm`` by default.
COMMAND: list[str] = []


def run_cli(args: list[str], stdout: Path | None = None) -> dict[str, float]:
    """Run ``genenorm ARGS`` (stdout to a file or discarded); wall, cpu seconds, RSS MB.

    The child runs in the temporary directory (so ``python -m genenorm`` never picks up a
    source tree) and may write bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped: an
    installed package has its ``.pyc`` files).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    sink = stdout.open("wb") if stdout is not None else open(os.devnull, "wb")  # noqa: SIM115
    with sink:
        t = time.perf_counter()
        proc = subprocess.Popen(
            [*(COMMAND or genenorm_command()), *args],
            stdout=sink,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tempfile.gettempdir(),
        )
        assert proc.stderr is not None  # noqa: S101
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"genenorm {' '.join(args)} exited {proc.returncode}: {err.decode()}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "rc": proc.returncode,
    }


def median_run(runs: int, fn: Callable[[], dict[str, float]]) -> dict[str, float]:
    """Median of every figure over *runs* calls (peak RSS: the maximum)."""
    results = [fn() for _ in range(runs)]
    out = {k: statistics.median(r[k] for r in results) for k in results[0]}
    out["rss"] = max(r["rss"] for r in results)
    out["wall_min"] = min(r["wall"] for r in results)
    return out


def libyaml_parse(paths: Iterable[Path]) -> float:
    """Seconds to read every page and parse its front matter with libyaml (this process)."""
    t = time.perf_counter()
    for p in paths:
        text = p.read_bytes().decode("utf-8")
        yaml.load(text[4 : text.index("\n---", 3)], Loader=yaml.CSafeLoader)
    return time.perf_counter() - t


def mark(ok: bool) -> str:
    return "meets target" if ok else "MISSES target"


def bench_shape(name: str, figures: Path, runs: int, tmp: Path, jobs: list[str]) -> None:
    pages = sorted(figures.glob("*.md"))
    n = len(pages)
    output = tmp / f"{name}.jsonl"
    args = ["check", "--no-progress", "--format", "jsonl", *jobs, str(figures)]
    r = median_run(runs, lambda: run_cli(args, output))
    parse = statistics.median(libyaml_parse(pages) for _ in range(runs))
    rate, parse_rate = n / r["wall"], n / parse
    print(
        f"{name:>8}: {n:,} pages in {r['wall']:.2f} s (min {r['wall_min']:.2f}, CPU {r['cpu']:.2f} s)"
        f" = {rate:,.0f} pages/s [{mark(rate >= TARGET_PAGES)}: >= {TARGET_PAGES:,}];"
        f" peak RSS {r['rss']:.0f} MB [{mark(r['rss'] <= TARGET_RSS)}: <= {TARGET_RSS}]"
    )
    print(
        f"{'':>8}  libyaml-only read + parse of the same pages: {parse:.2f} s = {parse_rate:,.0f}"
        f" pages/s; genenorm costs {parse_rate / rate:.2f}x the parse"
        f" [{mark(parse_rate / rate <= TARGET_RATIO)}: <= {TARGET_RATIO}x]"
        f"; JSONL {output.stat().st_size / 1e6:.1f} MB"
    )


def main() -> None:
    """Build the corpora, run every measurement, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=5000, help="pages per shape")
    parser.add_argument("--runs", type=int, default=3, help="processes per figure (median)")
    parser.add_argument("--table", type=Path, default=TABLE, help="the 2020 hit table")
    parser.add_argument("--keep", type=Path, help="build the corpora here and keep them")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["current", "inline", "check-hits", "resolve"],
        default=["current", "inline", "check-hits", "resolve"],
    )
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N",
        help="run check and check-hits with --jobs N (worker processes; CPU is then the "
        "sum over the processes)",
    )  # fmt: skip
    parser.add_argument(
        "--command",
        help="the command to measure instead of the installed genenorm, e.g."
        " 'env PYTHONPATH=/path/to/other/checkout python -m genenorm' (compare two versions)",
    )
    args = parser.parse_args()
    args.table = args.table.resolve()
    if args.command:
        COMMAND[:] = shlex.split(args.command)
    if not args.table.exists():
        parser.error(f"{args.table} not found; pass --table PATH")
    import genenorm

    print(
        f"genenorm {genenorm.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    print(f"command: {' '.join(COMMAND or genenorm_command())}; median of {args.runs} run(s)")
    jobs = ["--jobs", str(args.jobs)] if args.jobs != 1 else []
    tmp = Path(tempfile.mkdtemp(prefix="bench_check-"))
    corpus = args.keep if args.keep is not None else tmp
    try:
        shapes: tuple[tuple[str, Callable[[Path], Path]], ...] = (
            ("current", lambda d: build_current(d, args.pages)),
            ("inline", lambda d: build_inline(d, args.pages, args.table)),
        )
        for shape, build in shapes:
            if shape not in args.only:
                continue
            where = corpus / shape
            figures = where / "_figures"
            if not figures.is_dir():
                t = time.perf_counter()
                build(where)
                print(f"built {shape} corpus under {where} in {time.perf_counter() - t:.1f} s")
            bench_shape(shape, figures, args.runs, tmp, jobs)
        if "check-hits" in args.only:
            rows = sum(1 for _ in args.table.open(encoding="utf-8")) - 1
            for fmt in ("jsonl", "tsv"):
                cli = ["check-hits", "--format", fmt, *jobs, str(args.table)]
                r = median_run(args.runs, functools.partial(run_cli, cli, tmp / f"hits.{fmt}"))
                rate = rows / r["wall"]
                print(
                    f"check-hits ({fmt}): {rows:,} hits in {r['wall']:.2f} s (min {r['wall_min']:.2f},"
                    f" CPU {r['cpu']:.2f} s) = {rate:,.0f} hits/s [{mark(rate >= TARGET_HITS)}:"
                    f" >= {TARGET_HITS:,}]; peak RSS {r['rss']:.0f} MB"
                )
        if "resolve" in args.only:
            r = median_run(max(args.runs, 5), lambda: run_cli(["resolve", "TP53"]))
            print(
                f"cold start `genenorm resolve TP53`: {r['wall']:.3f} s (min {r['wall_min']:.3f})"
                f" [{mark(r['wall'] <= TARGET_COLD)}: <= {TARGET_COLD}]; peak RSS {r['rss']:.0f} MB"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
