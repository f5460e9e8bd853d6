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
import io
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, NamedTuple

from .. import report as writers
from .._gc import gc_paused
from ..check import check_figures, check_hit_rows, check_page, in_file_order, warm_up
from ..corpus import Checked, HitsTable, check_one
from ..exceptions import PageError, WorkerDiedError
from ..judging.checker import figure_groups
from ..page_models import Page, PageReport
from ..records import (
    HIT_COLUMNS,
    KEYWORD_COLUMNS,
    hit_cells,
    hit_line_texts,
    hit_record_texts,
    json_text,
    keyword_rows,
    page_record,
)
from ._jobs import jobs_wanted, ordered_in_workers
from ._progress import Progress

if TYPE_CHECKING:
    from ..page_models import GeneHit, HitVerdict
    from ..pfocr import HitRows
    from ..resolver import Resolver

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
    try:
        jobs = _page_jobs(args, progress)
        outputs: Iterator[_PageOut]
        if jobs > 1:
            outputs = _pages_in_workers(args, jobs)
        else:
            checked = _checked(args)
            try:  # the --hits table is read, and matched to a page, before anything is written
                first = next(checked, None)
            except PageError as err:
                progress.message(f"genenorm: error: {writers.escape_text(str(err))}")
                return EXIT_USAGE if isinstance(err, HitsMismatchError) else EXIT_FAILED
            items = itertools.chain([] if first is None else [first], checked)
            outputs = (_page_out(done, args.format) for done in items)
        if args.format == "tsv":
            writers.write_tsv_row(out, KEYWORD_COLUMNS)
        try:
            pages, failed = _write_pages(args, outputs, out, progress, counts)
        except WorkerDiedError as err:
            return _incomplete(progress, str(err))
    finally:
        progress.close()
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(
        f"genenorm: {pages} page{'' if pages == 1 else 's'} ({failed} failed); "
        f"keywords: {summary or 'none'}",
        file=sys.stderr,
    )
    return EXIT_FAILED if failed else EXIT_OK


def _incomplete(progress: Progress, what: str) -> int:
    """Say that a worker process died (*what*) and the output is incomplete; the exit
    status."""
    progress.message(f"genenorm: error: {writers.escape_text(what)}; the output is incomplete")
    return EXIT_FAILED


def _write_pages(
    args: argparse.Namespace,
    outputs: Iterable[_PageOut],
    out: IO[str],
    progress: Progress,
    counts: collections.Counter[str],
) -> tuple[int, int]:
    """Write each page's text and say what `cmd_check` says of it; count its keywords by
    verdict into *counts*. Returns how many pages there were, and how many failed."""
    pages = failed = 0
    for done in outputs:
        pages += 1
        if done.errors:
            failed += 1
            for e in done.errors:
                progress.message(f"genenorm: {writers.escape_text(e)}")
        if args.verbose and done.note:  # a failed page said its error above
            shown = writers.escape_text(done.shown)
            progress.message(f"genenorm: {shown}: {writers.escape_text(done.note)}")
        counts.update(done.counts)
        progress.step()
        out.write(done.text)
    return pages, failed


class _PageOut(NamedTuple):
    """What `cmd_check` needs of one checked input: its output text and what to say."""

    text: str
    errors: tuple[str, ...]
    #: The figure id, else the path (``-v``).
    shown: str
    #: Which hit tables the page used (``-v``).
    note: str
    #: Its keywords by verdict (or kind), and its suggestions.
    counts: dict[str, int]


def _page_out(done: Checked, fmt: str) -> _PageOut:
    """One checked input as `cmd_check` writes it in *fmt*."""
    rep = done.report
    if fmt == "jsonl":
        text = json_text(page_record(rep, hit_tables=done.hit_tables)) + "\n"
    elif fmt == "tsv":
        text = "".join(map(writers.tsv_line, keyword_rows(rep)))
    else:
        buffer = io.StringIO()
        writers.write_table_page(rep, buffer)
        text = buffer.getvalue()
    counts: collections.Counter[str] = collections.Counter()
    for k in rep.keywords:
        counts[str(k.verdict) if k.verdict else str(k.kind)] += 1
    counts["suggestion"] += len(rep.suggestions)
    return _PageOut(text, tuple(rep.errors), rep.figid or rep.path, done.note, dict(counts))


def _page_jobs(args: argparse.Namespace, progress: Progress) -> int:
    """How many processes ``check`` judges in: ``--jobs``, but one for stdin, a ``--hits``
    table or a live source (said on stderr)."""
    jobs = jobs_wanted(args)
    if jobs <= 1:
        return 1
    why = (
        "stdin ('-')" if "-" in args.paths
        else "--hits" if args.hits
        else "--source mygene" if args.source not in (None, "snapshot")
        else None
    )  # fmt: skip
    if why is None:
        return jobs
    progress.message(f"genenorm: --jobs: checking in one process with {why}")
    return 1


#: `genenorm check --jobs`: pages per worker task.
SPAN_PAGES = 16


class _PagesJob(NamedTuple):
    """What a `check --jobs` worker inherits."""

    resolver: Resolver
    fmt: str


def _pages_in_workers(args: argparse.Namespace, jobs: int) -> Iterator[_PageOut]:
    """`cmd_check`'s inputs (files and directories) read, judged and formatted in *jobs*
    worker processes, in input order; an entry that cannot be listed is reported here."""
    from ..pfocr import page_entries
    from ._common import resolver_and_live_source

    resolver, _live = resolver_and_live_source(args)
    warm_up(resolver)  # the workers inherit the loaded tables
    spans: list[list[str | _PageOut]] = []
    span: list[str | _PageOut] = []
    for entry in page_entries(args.paths):
        if isinstance(entry, PageError):
            span.append(_page_out(check_one(entry, None, _no_page), args.format))
        else:
            span.append(os.fspath(entry))
        if len(span) >= SPAN_PAGES:
            spans.append(span)
            span = []
    if span:
        spans.append(span)
    job = _PagesJob(resolver, args.format)
    for outputs in ordered_in_workers(_check_pages_span, job, spans, jobs):
        yield from outputs


def _no_page(page: Page) -> PageReport:  # an unreadable input is never checked
    raise AssertionError(page)


def _check_pages_span(job: _PagesJob, span: list[str | _PageOut]) -> list[_PageOut]:
    """Pages read, judged and formatted (in a worker); entries made already pass through."""
    from ..pfocr import read_page

    resolver, fmt = job
    out = []
    for entry in span:
        if isinstance(entry, str):
            with gc_paused():  # as `check_paths`: the collector runs between pages
                item: Page | PageError
                try:
                    item = read_page(entry)
                except PageError as err:
                    item = err
                done = check_one(item, None, lambda p: check_page(p, resolver=resolver))
                entry = _page_out(done, fmt)
        out.append(entry)
    return out


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
    tally: collections.Counter[str] = collections.Counter()
    columns = table.columns
    if args.format != "jsonl":
        writers.write_tsv_row(out, [*columns, *HIT_COLUMNS])
    jobs = jobs_wanted(args)
    progress = Progress.for_hits(args, out, len(table.rows))
    # what judging leaves alive (the caches) lives on: frozen, no collection scans it again
    try:
        with gc_paused(freeze=True):
            if jobs > 1:
                _check_hits_in_workers(table, resolver, args.format, jobs, out, tally, progress)
            else:
                # one figure at a time: its hits made, judged, written and dropped
                for hits, verdicts in check_hit_rows(table, resolver=resolver):
                    out.writelines(_hit_lines(table, args.format, hits, verdicts))
                    tally.update([str(v.verdict) for v in verdicts])
                    progress.step(len(verdicts))
    except WorkerDiedError as err:
        return _incomplete(progress, f"{args.table}: {err}")
    finally:
        progress.close()
    print(
        f"genenorm: {sum(tally.values())} hits; "
        + ", ".join(f"{n} {k}" for k, n in sorted(tally.items())),
        file=sys.stderr,
    )
    return EXIT_OK


def _hit_lines(
    table: HitRows, fmt: str, hits: Sequence[GeneHit], verdicts: Sequence[HitVerdict]
) -> list[str]:
    """The output lines of judged hits: each row's columns and its verdict's. In TSV, a row
    the table kept as its line (`genenorm.records.hit_line_texts`) is that line and the judged
    cells when nothing in it is escaped, instead of its cells split and joined again."""
    columns = table.columns
    if fmt == "jsonl":
        raw_rows = [h.raw for h in hits]
        return [text + "\n" for text in hit_record_texts(columns, raw_rows, verdicts)]
    width = len(columns) + len(HIT_COLUMNS)
    texts = hit_line_texts(columns, [table.rows[h.row - 1] for h in hits], verdicts)
    lines = []
    for h, v, text in zip(hits, verdicts, texts, strict=True):
        if text is not None:
            bare = text.replace("\t", "")
            if len(bare) == len(text) - width + 1 and not writers.needs_escape(bare):
                lines.append(text + "\n")
                continue
        lines.extend(_tsv_line(cells) for cells in hit_cells(columns, [h.raw], [v]))
    return lines


#: `genenorm check-hits --jobs`: about this many rows (whole figures) per worker task.
SPAN_ROWS = 2000


def _check_hits_in_workers(
    table: HitRows,
    resolver: Resolver,
    fmt: str,
    jobs: int,
    out: IO[str],
    tally: collections.Counter[str],
    progress: Progress,
) -> None:
    """`cmd_check_hits`'s rows judged and formatted in *jobs* worker processes, written here
    in file order (the same bytes as in one process)."""
    groups = figure_groups(table.figids())
    spans: list[tuple[int, int]] = []
    start = rows = 0
    for i, group in enumerate(groups):
        rows += len(group)
        if rows >= SPAN_ROWS:
            spans.append((start, i + 1))
            start, rows = i + 1, 0
    if start < len(groups):
        spans.append((start, len(groups)))
    warm_up(resolver)  # the workers inherit the loaded tables
    state = _HitsJob(table, groups, resolver, fmt)
    done = ordered_in_workers(_judge_hits_span, state, spans, jobs)
    for lines, verdicts in in_file_order(run for judged in done for run in judged):
        out.writelines(lines)
        tally.update(verdicts)
        progress.step(len(lines))


class _HitsJob(NamedTuple):
    """What a `check-hits --jobs` worker inherits."""

    table: HitRows
    groups: list[Sequence[int]]
    resolver: Resolver
    fmt: str


def _judge_hits_span(
    job: _HitsJob, span: tuple[int, int]
) -> list[tuple[Sequence[int], tuple[list[str], list[str]]]]:
    """Figures ``span[0]:span[1]`` of the table judged and formatted (in a worker): each
    figure's rows with its output lines and their verdicts (for the tally)."""
    table, groups, resolver, fmt = job
    part = groups[span[0] : span[1]]
    figures = [table.hits(g) for g in part]
    judged = []
    with gc_paused():
        for group, hits, verdicts in zip(
            part, figures, check_figures(figures, resolver=resolver), strict=True
        ):
            lines = _hit_lines(table, fmt, hits, verdicts)
            judged.append((group, (lines, [str(v.verdict) for v in verdicts])))
    return judged


def _tsv_line(cells: list[str | None]) -> str:
    """`genenorm.report.write_tsv_row`'s line of text cells, as one join when no cell holds a
    character it escapes (escaping is per character, so the row is the same text)."""
    line = "\t".join([c or "" for c in cells])
    bare = line.replace("\t", "")
    if len(bare) == len(line) - len(cells) + 1 and not writers.needs_escape(bare):
        return line + "\n"
    return writers.tsv_line(cells)
