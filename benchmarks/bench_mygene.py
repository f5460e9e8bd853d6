"""Benchmark the mygene source against the local MyGene.info-compatible server.

Prints three figures (not a test):

* requests per 1,000 unique terms (goal: 1 ``POST /query``; plus one ``GET /metadata`` per
  source);
* wall time for 10,000 unique terms with no injected latency;
* the same with 50 ms of latency injected into every request.

Run: ``python benchmarks/bench_mygene.py [--terms 10000] [--latency 0.05] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import statistics
import time

from genenorm.resolver import default_resolver
from genenorm.sources.mygene import MyGeneSource
from genenorm.testing import MyGeneServer, snapshot_documents


def vocabulary(n: int) -> list[str]:
    """*n* unique terms: symbols, lower-cased symbols, aliases and some unknown terms."""
    docs = [d for d in snapshot_documents() if d.get("HGNC")]
    terms: list[str] = []
    for i, doc in enumerate(docs):
        symbol = doc["symbol"]
        terms.append(symbol.lower() if i % 5 == 1 else symbol)
        alias = doc.get("alias")
        if i % 3 == 0 and alias:
            terms.append(alias if isinstance(alias, str) else alias[0])
        if i % 50 == 0:
            terms.append(f"NOTAGENE{i}")
    unique = list(dict.fromkeys(terms))
    if len(unique) < n:
        msg = f"only {len(unique)} unique terms available"
        raise SystemExit(msg)
    return unique[:n]


def run(server: MyGeneServer, terms: list[str], latency: float = 0.0) -> tuple[float, int, int]:
    """Resolve *terms* with a fresh source; return (seconds, POSTs, GETs)."""
    server.reset()
    server.latency = latency
    source = MyGeneSource(server.url, snapshot=default_resolver())
    start = time.perf_counter()
    results = source.resolve_many(terms)
    elapsed = time.perf_counter() - start
    source.close()
    if len(results) != len(terms):  # pragma: no cover - would be a bug
        msg = "lost terms"
        raise SystemExit(msg)
    return elapsed, server.count("/v3/query"), server.count("/v3/metadata", "GET")


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    default_resolver().resolve("TP53")  # load the snapshot outside the timings
    terms = vocabulary(args.terms)
    with MyGeneServer() as server:
        _, posts, gets = run(server, terms[:1000])
        print(f"requests per 1,000 unique terms: {posts} POST /query + {gets} GET /metadata")

        for latency in (0.0, args.latency):
            times = []
            for _ in range(args.repeat):
                elapsed, posts, gets = run(server, terms, latency)
                times.append(elapsed)
            print(
                f"{len(terms):,} unique terms, {latency * 1000:.0f} ms injected latency: "
                f"median {statistics.median(times):.2f} s (min {min(times):.2f} s) over "
                f"{args.repeat} runs; {posts} POST /query + {gets} GET /metadata each"
            )


if __name__ == "__main__":
    main()
