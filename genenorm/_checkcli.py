"""``genenorm check`` and ``genenorm check-hits`` (kept apart from ``cli`` so that
``genenorm resolve`` never imports the YAML reader)."""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from . import report as writers
from .check import check_hit_table, check_page, check_paths
from .exceptions import PageError
from .models import PageReport

if TYPE_CHECKING:
    from .resolver import Resolver, Source

__all__ = ["cmd_check", "cmd_check_hits"]

EXIT_OK, EXIT_FAILED = 0, 1


class _Progress:
    """A one-line progress counter on stderr, drawn only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.n = 0
        self.start = time.monotonic()
        self.last = 0.0

    def step(self) -> None:
        self.n += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last >= 0.1:
            self.last = now
            rate = self.n / max(now - self.start, 1e-9)
            sys.stderr.write(f"\rgenenorm: {self.n} pages checked ({rate:,.0f}/s)")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.n:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()


def _reports(args: argparse.Namespace) -> Iterator[PageReport]:
    """Check every input in argument order (``-`` is the page on stdin)."""
    from ._livecheck import LiveRun
    from .cli import resolver_and_live_source

    resolver, live = resolver_and_live_source(args)
    run = None if live is None else LiveRun(resolver, live, args.hits)  # names failed pages
    for arg in args.paths:
        if arg == "-":
            yield _stdin_report(args, resolver, live)
        elif run is not None:
            yield from run.reports(arg)
        else:
            yield from check_paths([arg], hits=args.hits, resolver=resolver, source=live)
    if run is not None:
        run.finish()


def _stdin_report(args: argparse.Namespace, resolver: Resolver, live: Source | None) -> PageReport:
    from .pfocr import read_hits, read_stream_page

    try:  # strict UTF-8: invalid bytes are this page's error, never judged as U+FFFD
        page = read_stream_page(sys.stdin.buffer, path="<stdin>")
        if args.hits:
            import attrs

            page = attrs.evolve(page, gene_hits=read_hits(args.hits), has_hits=True)
        return check_page(page, resolver=resolver, source=live)
    except PageError as err:
        return PageReport(figid="", path="<stdin>", errors=(str(err),))


def cmd_check(args: argparse.Namespace, out: IO[str]) -> int:
    """``genenorm check``: verdicts for every keyword of every page."""
    progress = _Progress(not args.no_progress)
    counts: collections.Counter[str] = collections.Counter()
    pages = failed = 0

    def counted() -> Iterator[PageReport]:
        nonlocal pages, failed
        for rep in _reports(args):
            pages += 1
            if rep.errors:
                failed += 1
                for e in rep.errors:
                    print(f"genenorm: {writers.escape_text(e)}", file=sys.stderr)
            for k in rep.keywords:
                counts[str(k.verdict) if k.verdict else str(k.kind)] += 1
            counts["suggestion"] += len(rep.suggestions)
            progress.step()
            yield rep

    try:
        if args.format == "jsonl":
            writers.write_jsonl(counted(), out)
        elif args.format == "tsv":
            writers.write_tsv(counted(), out)
        else:
            writers.write_table(counted(), out)
    finally:
        progress.close()
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(
        f"genenorm: {pages} pages ({failed} failed); keywords: {summary or 'none'}", file=sys.stderr
    )
    return EXIT_FAILED if failed else EXIT_OK


def cmd_check_hits(args: argparse.Namespace, out: IO[str]) -> int:
    """``genenorm check-hits``: the hit table with verdict columns appended."""
    from .cli import _UsageError
    from .pfocr import read_hit_table
    from .resolver import Resolver, default_resolver

    if args.source != "snapshot" or args.mygene_url or args.fallback or args.cache:
        msg = "check-hits judges hits against the snapshot; --source mygene and its options are not supported here"
        raise _UsageError(msg)
    try:
        table = read_hit_table(args.table)
    except PageError as err:
        print(f"genenorm: error: {err}", file=sys.stderr)
        return EXIT_FAILED
    resolver = Resolver.from_dir(args.data) if args.data else default_resolver()
    verdicts = check_hit_table(table, resolver=resolver)
    columns = [*table.columns, *writers.HIT_COLUMNS]
    rows = writers.hit_rows(table.columns, [h.raw for h in table.hits], verdicts)
    if args.format == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    else:
        writers.write_tsv_row(out, columns)
        for row in rows:
            writers.write_tsv_row(out, (row.get(c) for c in columns))
    tally = collections.Counter(str(v.verdict) for v in verdicts)
    print(
        f"genenorm: {len(verdicts)} hits; "
        + ", ".join(f"{n} {k}" for k, n in sorted(tally.items())),
        file=sys.stderr,
    )
    return EXIT_OK
