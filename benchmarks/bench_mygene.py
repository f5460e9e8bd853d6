"""Benchmark the mygene source against the local MyGene.info-compatible server.

Prints three figures (not a test):

* requests per 1,000 unique terms (goal: 1 ``POST /query``; plus one ``GET /metadata`` per
  source);
* wall time for 10,000 unique terms with no injected latency;
* the same with 50 ms of latency injected into every request;
* faults (``--faults``): how long a request to a server that drips one byte every 0.1 s lasts
  (``timeout=2``, no retries), the peak traced memory while a 1 GB answer is refused at the
  64 MiB cap, and the seconds per page of 20 calls during an outage with ``fallback``.

Run: ``python benchmarks/bench_mygene.py [--terms 10000] [--latency 0.05] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
import tracemalloc

from genenorm.exceptions import BackendUnavailableError
from genenorm.resolver import default_resolver
from genenorm.sources.mygene import MyGeneSource
from genenorm.testing import Fault, MyGeneServer, snapshot_documents


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


def faults(server: MyGeneServer) -> None:
    """Print the deadline, cap and outage figures."""
    resolver = default_resolver()
    server.reset()
    server.inject(Fault.slow_drip(0.1), count=None, path="/v3/metadata")
    source = MyGeneSource(server.url, snapshot=resolver, timeout=2.0, retries=0)
    start = time.perf_counter()
    with contextlib.suppress(BackendUnavailableError):
        source.resolve("TP53")
    print(
        f"slow drip (1 byte / 0.1 s), timeout 2 s: gave up after {time.perf_counter() - start:.2f} s"
    )
    source.close()

    server.reset()
    server.inject(Fault.huge(1_000_000_000, declare_length=False), count=None, path="/v3/metadata")
    source = MyGeneSource(server.url, snapshot=resolver, retries=0)
    tracemalloc.start()
    start = time.perf_counter()
    with contextlib.suppress(BackendUnavailableError):
        source.resolve("TP53")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"1 GB answer (no Content-Length), 64 MiB cap: refused after "
        f"{time.perf_counter() - start:.2f} s, peak traced memory {peak / 2**20:.0f} MiB"
    )
    source.close()

    server.reset()
    server.inject(Fault.error(503), count=None, path="/v3/metadata")
    source = MyGeneSource(server.url, snapshot=resolver, fallback=True)  # retries 3, backoff 0.5
    start = time.perf_counter()
    for _ in range(20):
        source.resolve_many(["TP53", "CDK2"])
    per_page = (time.perf_counter() - start) / 20
    print(
        f"outage, fallback, 20 calls (pages): {per_page:.3f} s a call; "
        f"{server.count('/v3/metadata', 'GET')} GET /metadata in all"
    )
    source.close()
    server.reset()


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--faults", action="store_true", help="only the fault figures")
    args = parser.parse_args()

    default_resolver().resolve("TP53")  # load the snapshot outside the timings
    if args.faults:
        with MyGeneServer() as server:
            faults(server)
        return
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
