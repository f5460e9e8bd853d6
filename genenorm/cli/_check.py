"""``genenorm check`` and ``genenorm check-hits`` (kept apart from the command's parser so
that ``genenorm resolve`` never imports the YAML reader).

Every input gives one record: a page file, each ``*.md`` entry of a directory, the page on
stdin (``-``), or each line of stdin with ``--input-format jsonl``. A ``--hits`` table is
read once, before any page, and is applied to the pages whose figure id it names (every page
when its rows name no figure); a table that names figures none of the pages has is refused
before anything is written.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING

from .. import report as writers
from .._gc import gc_paused
from ..check import check_hit_rows, check_page
from ..corpus import Checked, HitsTable, check_one
from ..exceptions import PageError
from ..page_models import Page, PageReport
from ..records import HIT_COLUMNS, hit_cells, hit_record_texts, json_text, page_record
from ._progress import Progress

if TYPE_CHECKING:
    pass

__all__ = ["HitsMismatchError", "cmd_check", "cmd_check_hits"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class HitsMismatchError(PageError):
    """A ``--hits`` table whose figure ids match none of the pages checked."""


# --------------------------------------------------------------------------- --hits


# --------------------------------------------------------------------------- pages


def _inputs(args: argparse.Namespace) -> Iterator[Page | PageError]:
    """Every input page (or the error in its place), in argument order."""
    from ..pfocr import iter_pages, read_stream_page, read_stream_pages

    for arg in args.paths:
        if arg != "-":
            yield from iter_pages([arg])
        elif args.input_format == "jsonl":
            yield from read_stream_pages(sys.stdin.buffer, name="<stdin>")
        else:
            try:  # strict UTF-8: invalid bytes are this page's error, never judged as U+FFFD
                yield read_stream_page(sys.stdin.buffer, path="<stdin>")
            except PageError as err:
                yield err


def _matched_first(
    items: Iterator[Page | PageError], hits: HitsTable
) -> Iterator[Page | PageError]:
    """*items*, once some page is one the ``--hits`` table names (pages before it are held
    back, so a table for other figures is refused before anything is written).

    Raises:
        HitsMismatchError: pages were read, and none is one the table names.
    """
    held: list[Page | PageError] = []
    pages = 0
    for item in items:
        held.append(item)
        if isinstance(item, Page):
            pages += 1
            if hits.applies_to(item):
                break
    else:
        if not pages:  # nothing could be read: the inputs' own errors say why
            yield from held
            return
        path = hits.table.path
        msg = (
            f"--hits {path}: its rows are for {hits.describe()}, none of the "
            f"{pages} page{'s' if pages != 1 else ''} checked; give the pages of that table "
            "(or a table for these pages)"
        )
        raise HitsMismatchError(msg, path=path)
    yield from held
    yield from items


def _checked(args: argparse.Namespace) -> Iterator[Checked]:
    """Check every input in argument order (``-`` is stdin)."""
    from .._gc import gc_paused
    from ._common import resolver_and_live_source
    from ._live import LiveRun

    hits = None
    if args.hits:
        hits = HitsTable.read(args.hits)  # once per run; PageError names the table
    resolver, live = resolver_and_live_source(args)
    run = None if live is None else LiveRun(live)  # names failed pages
    check: Callable[[Page], PageReport]
    if run is not None:
        check = run.check_with(resolver)
    else:

        def check(page: Page) -> PageReport:
            return check_page(page, resolver=resolver)

    items = _inputs(args)
    if hits is not None:
        items = _matched_first(items, hits)
    while True:
        with gc_paused():  # as `check_paths`: the collector runs between pages
            item = next(items, None)
            if item is None:
                break
            done = check_one(item, hits, check)
            del item
        yield done
    if run is not None:
        run.finish()


def cmd_check(args: argparse.Namespace, out: IO[str]) -> int:
    """``genenorm check``: verdicts for every keyword of every page."""
    progress = Progress.for_run(args, out)
    counts: collections.Counter[str] = collections.Counter()
    pages = failed = 0

    def counted(checked: Iterator[Checked]) -> Iterator[Checked]:
        nonlocal pages, failed
        for done in checked:
            rep = done.report
            pages += 1
            if rep.errors:
                failed += 1
                for e in rep.errors:
                    progress.message(f"genenorm: {writers.escape_text(e)}")
            if args.verbose:
                shown = writers.escape_text(rep.figid or rep.path)
                progress.message(f"genenorm: {shown}: {writers.escape_text(done.note)}")
            for k in rep.keywords:
                counts[str(k.verdict) if k.verdict else str(k.kind)] += 1
            counts["suggestion"] += len(rep.suggestions)
            progress.step()
            yield done

    def reports(items: Iterable[Checked]) -> Iterator[PageReport]:
        return (done.report for done in items)

    try:
        checked = _checked(args)
        try:  # the --hits table is read, and matched to a page, before anything is written
            first = next(checked, None)
        except PageError as err:
            progress.message(f"genenorm: error: {writers.escape_text(str(err))}")
            return EXIT_USAGE if isinstance(err, HitsMismatchError) else EXIT_FAILED
        items = counted(itertools.chain([] if first is None else [first], checked))
        if args.format == "jsonl":
            for done in items:
                record = page_record(done.report, hit_tables=done.hit_tables)
                out.write(json_text(record))
                out.write("\n")
        elif args.format == "tsv":
            writers.write_tsv(reports(items), out)
        else:
            writers.write_table(reports(items), out)
    finally:
        progress.close()
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(
        f"genenorm: {pages} page{'' if pages == 1 else 's'} ({failed} failed); "
        f"keywords: {summary or 'none'}",
        file=sys.stderr,
    )
    return EXIT_FAILED if failed else EXIT_OK


def cmd_check_hits(args: argparse.Namespace, out: IO[str]) -> int:
    """``genenorm check-hits``: the hit table with verdict columns appended."""
    from ..pfocr import read_hit_rows, read_stream_hit_rows
    from ..resolver import Resolver, default_resolver
    from ._common import UsageError

    live = (args.mygene_url, args.timeout, args.retries, args.fallback, args.cache)
    if args.source not in (None, "snapshot") or any(live):
        msg = (
            "check-hits judges hits against the snapshot; --source mygene and its options "
            "are not supported here"
        )
        raise UsageError(msg)
    try:
        if args.table == "-":
            table = read_stream_hit_rows(sys.stdin.buffer, name="<stdin>")
        else:
            table = read_hit_rows(args.table)
    except PageError as err:
        print(f"genenorm: error: {writers.escape_text(str(err))}", file=sys.stderr)
        return EXIT_FAILED
    resolver = Resolver.from_dir(args.data) if args.data else default_resolver()
    # one figure at a time: its hits made, judged, written and dropped (`check_hit_rows`)
    tally: collections.Counter[str] = collections.Counter()
    columns = table.columns
    if args.format != "jsonl":
        writers.write_tsv_row(out, [*columns, *HIT_COLUMNS])
    # what judging leaves alive (the caches) lives on: frozen, no collection scans it again
    with gc_paused(freeze=True):
        for hits, verdicts in check_hit_rows(table, resolver=resolver):
            raw_rows = [h.raw for h in hits]
            if args.format == "jsonl":
                for text in hit_record_texts(columns, raw_rows, verdicts):
                    out.write(text + "\n")
            else:
                for cells in hit_cells(columns, raw_rows, verdicts):
                    _write_tsv_cells(out, cells)
            tally.update([str(v.verdict) for v in verdicts])
    print(
        f"genenorm: {sum(tally.values())} hits; "
        + ", ".join(f"{n} {k}" for k, n in sorted(tally.items())),
        file=sys.stderr,
    )
    return EXIT_OK


def _write_tsv_cells(out: IO[str], cells: list[str | None]) -> None:
    """`genenorm.report.write_tsv_row` of text cells, as one join when no cell holds a
    character it escapes (escaping is per character, so the row is the same text)."""
    line = "\t".join([c or "" for c in cells])
    bare = line.replace("\t", "")
    if len(bare) == len(line) - len(cells) + 1 and len(writers.escape_text(bare)) == len(bare):
        out.write(line + "\n")
    else:
        writers.write_tsv_row(out, cells)
