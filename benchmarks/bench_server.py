"""Load benchmark of ``genenorm serve`` on 127.0.0.1 (prints figures; not a test).

    python benchmarks/bench_server.py [--requests 5000] [--hits-requests 1000]
                                      [--concurrency 1 8 32] [--workers 1]

Starts ``genenorm serve`` on a free port of 127.0.0.1, then for each endpoint and concurrency
sends a bounded number of requests over keep-alive connections (a small asyncio HTTP/1.1
client, so that the client costs little of the shared CPU) and stops by itself:

* ``POST /v1/resolve`` with 100 terms (keywords of the sample pages, some mangled);
* ``POST /v1/check`` of the reference page with its hit table;
* ``POST /v1/check-hits`` with a 500-row website genes table (rows of the sample tables).

For each it prints requests/s and p50/p99 latency, then the in-process rate of the same
library calls (no HTTP), the resident memory of every worker process, and the latency of
``/healthz`` while a 200-page check runs (does a long batch block the event loop?).

Targets: p99 <= 50 ms for a 100-term resolve and <= 100 ms for one page at concurrency 8 on
one worker; page checks over HTTP at >= 50 % of the in-process rate.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "data" / "pfocr-website"
REFERENCE = "PMC11987792__cancers-17-01167-g005"
HOST = "127.0.0.1"


# --------------------------------------------------------------------------- payloads


def payloads(seed: int = 20261202) -> dict[str, tuple[str, bytes]]:
    """The three request bodies: (content type, body) by name."""
    import yaml

    rng = random.Random(seed)
    keywords: list[str] = []
    for p in sorted((SAMPLES / "_figures").glob("*.md")):
        front = yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1])
        keywords += front.get("schema-jsonld", {}).get("keywords", [])
    mangle: list[Callable[[str], str]] = [
        str.lower,
        str.upper,
        lambda s: s + "-1",
        lambda s: s.replace("-", " "),
        str,
    ]
    terms = [rng.choice(mangle)(rng.choice(keywords)) for _ in range(100)]
    page = (SAMPLES / "_figures" / f"{REFERENCE}.md").read_text("utf-8")
    hits = (SAMPLES / "_data" / f"{REFERENCE}-genes.tsv").read_text("utf-8")
    header, rows = None, []
    for t in sorted((SAMPLES / "_data").glob("*-genes.tsv")):
        lines = t.read_text("utf-8").splitlines()
        header = header or lines[0]
        if lines[0] == header:
            rows += lines[1:]
    table = "\n".join([header or "", *(rng.choice(rows) for _ in range(500))]) + "\n"
    return {
        "resolve": ("application/json", json.dumps({"terms": terms}).encode()),
        "check": (
            "application/json",
            json.dumps({"pages": [{"text": page, "hits": hits}]}).encode(),
        ),
        "check-50": (
            "application/json",
            json.dumps({"pages": [{"text": page, "hits": hits}] * 50}).encode(),
        ),
        "check-hits": ("text/tab-separated-values", table.encode()),
        "_page": ("", page.encode()),
        "_hits": ("", hits.encode()),
        "_table": ("", table.encode()),
    }


# --------------------------------------------------------------------------- client


def request_bytes(path: str, content_type: str, body: bytes) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
    )
    return head.encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, float]:
    """Status and the server's own compute time (``Server-Timing``, ms; 0 when absent)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length, compute = 0, 0.0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        name = name.lower()
        if name == "content-length":
            length = int(value)
        elif name == "server-timing":
            compute = float(value.split("dur=")[1])
    await reader.readexactly(length)
    return status, compute


async def load(
    port: int, raw: bytes, total: int, concurrency: int
) -> tuple[list[float], dict[int, int], float, float]:
    """Send *total* requests over *concurrency* connections.

    Returns latencies, statuses, seconds and the mean compute time the server reported (ms).
    """
    remaining = total
    computes: list[float] = []
    latencies: list[float] = []
    statuses: dict[int, int] = {}

    async def connection() -> None:
        nonlocal remaining
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while remaining > 0:
                remaining -= 1
                t0 = time.perf_counter()
                writer.write(raw)
                await writer.drain()
                status, compute = await read_response(reader)
                latencies.append(time.perf_counter() - t0)
                computes.append(compute)
                statuses[status] = statuses.get(status, 0) + 1
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    seconds = time.perf_counter() - start
    return latencies, statuses, seconds, sum(computes) / max(len(computes), 1)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# --------------------------------------------------------------------------- server


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "genenorm", "serve", "--port", str(port), "--workers", str(workers),
         "--log-level", "warning", "--max-pages", "1000"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as r:
                if r.status == 200 and (workers == 1 or len(worker_pids(proc.pid)) >= workers):
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("genenorm serve did not start")


def worker_pids(pid: int) -> list[int]:
    """The server's worker processes (itself when it has no children)."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        children += [int(c) for c in task.read_text().split()]
    # uvicorn --workers N: a supervisor whose workers are processes running the app.
    workers = [
        c
        for c in children
        if "spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")
    ]
    return workers or [pid]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --------------------------------------------------------------------------- in-process


def in_process_work(bodies: dict[str, tuple[str, bytes]]) -> dict[str, Callable[[], object]]:
    """The library calls behind each request, without HTTP (one call = one request's work).

    Like the server, the loaded tables are then moved out of the collector's sight
    (gc.freeze), so that comparing rates measures only what HTTP adds.
    """
    import attrs

    from genenorm.check import check_hit_table, check_page
    from genenorm.pfocr import read_hit_table_text, read_page_text
    from genenorm.report import hit_rows
    from genenorm.resolver import default_resolver

    resolver = default_resolver()
    terms = json.loads(bodies["resolve"][1])["terms"]
    page_text, hits_text = bodies["_page"][1].decode(), bodies["_hits"][1].decode()
    table_text = bodies["_table"][1].decode()

    def check() -> None:
        page = read_page_text(page_text, path="p")
        page = attrs.evolve(page, gene_hits=read_hit_table_text(hits_text).hits, has_hits=True)
        check_page(page, resolver=resolver).to_dict()

    def check_hits() -> None:  # judged, and the rows written as check-hits writes them
        table = read_hit_table_text(table_text)
        list(hit_rows(table.columns, [h.raw for h in table.hits], check_hit_table(table)))

    work: dict[str, Callable[[], object]] = {
        "resolve": lambda: [r.to_dict() for r in resolver.resolve_many(terms)],
        "check": check,
        "check-50": check,  # per page
        "check-hits": check_hits,
    }
    for fn in work.values():
        fn()
    gc.collect()
    gc.freeze()
    return work


def rate(fn: Callable[[], object], seconds: float = 1.5) -> tuple[float, float]:
    """Calls per second of *fn* over about *seconds*: per wall-clock and per CPU second."""
    n, start, cpu = 0, time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        fn()
        n += 1
    return n / (time.perf_counter() - start), n / max(time.process_time() - cpu, 1e-9)


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) used so far by *pids*, all their threads included."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


async def healthz_during_batch(
    port: int, page: bytes, n_pages: int = 200
) -> tuple[float, float, list[float]]:
    """Seconds of a *n_pages*-page check, and /healthz p50/p99 latencies meanwhile."""
    body = json.dumps({"pages": [{"text": page.decode()}] * n_pages}).encode()
    raw = request_bytes("/v1/check", "application/json", body)
    probe = f"GET /healthz HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode()
    latencies: list[float] = []
    done = asyncio.Event()

    async def batch() -> float:
        reader, writer = await asyncio.open_connection(HOST, port)
        t0 = time.perf_counter()
        writer.write(raw)
        await read_response(reader)
        writer.close()
        done.set()
        return time.perf_counter() - t0

    async def probes() -> None:
        reader, writer = await asyncio.open_connection(HOST, port)
        await asyncio.sleep(0.05)
        while not done.is_set():
            t0 = time.perf_counter()
            writer.write(probe)
            await read_response(reader)
            latencies.append(time.perf_counter() - t0)
            await asyncio.sleep(0.01)
        writer.close()

    seconds, _ = await asyncio.gather(batch(), probes())
    return seconds, percentile(latencies, 0.5), latencies


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--requests", type=int, default=5000, help="requests per run (resolve, check)"
    )
    parser.add_argument(
        "--hits-requests", type=int, default=1000, help="requests per run (check-hits)"
    )
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    bodies = payloads()
    port = free_port()
    t0 = time.perf_counter()
    server = start_server(port, args.workers)
    print(
        f"genenorm serve on {HOST}:{port}, {args.workers} worker(s), ready in {time.perf_counter() - t0:.1f} s"
    )
    load1, load5, _ = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} CPU(s), shared by client and server; load average "
        f"{load1:.1f} (1 min), {load5:.1f} (5 min) at start\n"
    )
    paths = {
        "resolve": "/v1/resolve",
        "check": "/v1/check",
        "check-50": "/v1/check",
        "check-hits": "/v1/check-hits",
    }
    labels = {
        "resolve": "resolve, 100 terms",
        "check": "check, reference page + hits",
        "check-50": "check, 50 such pages/request",
        "check-hits": "check-hits, 500-row table",
    }
    best: dict[str, float] = {}
    local: dict[str, list[tuple[float, float]]] = {}
    server_cpu: dict[str, float] = {}
    workers = worker_pids(server.pid)
    work = in_process_work(bodies)
    try:
        print(
            f"{'endpoint':<30} {'conc':>4} {'requests':>8} {'req/s':>8} {'p50 ms':>7} "
            f"{'p99 ms':>7} {'compute':>8} {'CPU ms':>7}  statuses"
        )
        for name, path in paths.items():
            content_type, body = bodies[name]
            raw = request_bytes(path, content_type, body)
            total = args.hits_requests if name == "check-hits" else args.requests
            if name == "check-50":
                total = max(args.requests // 50, 20)
            asyncio.run(load(port, raw, min(total, 50), 1))  # warm the connection and caches
            # The machine is shared: measure the in-process rate right before and after the
            # HTTP runs of each endpoint, so that both see the same load.
            local[name] = [rate(work[name])]
            for c in args.concurrency:
                cpu0 = cpu_seconds(workers)
                latencies, statuses, seconds, compute = asyncio.run(load(port, raw, total, c))
                cpu_ms = (cpu_seconds(workers) - cpu0) / len(latencies) * 1000
                if c == args.concurrency[0]:
                    server_cpu[name] = cpu_ms
                per_s = len(latencies) / seconds
                best[name] = max(best.get(name, 0.0), per_s)
                print(
                    f"{labels[name]:<30} {c:>4} {len(latencies):>8} {per_s:>8.0f} "
                    f"{percentile(latencies, 0.5) * 1000:>7.1f} "
                    f"{percentile(latencies, 0.99) * 1000:>7.1f} {compute:>8.2f} {cpu_ms:>7.2f}  "
                    f"{statuses}"
                )
            local[name].append(rate(work[name]))
        print("\nmemory (resident), per worker process:")
        for pid in worker_pids(server.pid):
            print(f"  pid {pid}: {rss_mb(pid):.0f} MB")
        seconds, p50, lat = asyncio.run(healthz_during_batch(port, bodies["_page"][1]))
        print(
            f"\n/healthz while a 200-page check runs ({seconds:.2f} s): {len(lat)} probes, "
            f"p50 {p50 * 1000:.1f} ms, max {max(lat, default=0) * 1000:.1f} ms"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    best["check-50"] *= 50  # pages/s
    server_cpu["check-50"] /= 50  # per page
    print("\nin-process (the same library calls, one thread, no HTTP) vs over HTTP:")
    print(
        f"  {'':<30} {'in-process/s':>12} {'HTTP/s':>7} {'ratio':>6}   "
        f"{'CPU ms in-process':>17} {'CPU ms server':>13} {'ratio':>6}"
    )
    for name in paths:
        wall = sum(r[0] for r in local[name]) / len(local[name])
        per_cpu = sum(r[1] for r in local[name]) / len(local[name])
        local_ms = 1000 / per_cpu
        print(
            f"  {labels[name]:<30} {wall:>12.0f} {best[name]:>7.0f} {best[name] / wall:>6.0%}   "
            f"{local_ms:>17.2f} {server_cpu[name]:>13.2f} {local_ms / server_cpu[name]:>6.0%}"
        )
    print(
        "  (check-50 per page; in-process measured before and after each endpoint's runs; "
        "compute: mean ms the server spent in genenorm per request, from Server-Timing; "
        "CPU ms: server CPU time per request at the first concurrency, all threads - what a "
        "dedicated core would give, whatever else runs on the machine)"
    )
    print(
        "\ntargets: resolve p99 <= 50 ms and page p99 <= 100 ms at concurrency 8 (1 worker); "
        "page checks over HTTP >= 50 % of in-process"
    )


if __name__ == "__main__":
    main()
