"""Check a corpus of PFOCR pages, or a large hit table, on a Dask cluster.

* `check_pages_bag`: a `dask.bag.Bag` of `PageReport` values, one per page, in path order;
* `check_pages_to_jsonl`: the same checks, each partition's JSONL written on its worker
  (only a summary comes back);
* `keywords_dataframe`: a Dask DataFrame with one row per keyword (the columns of
  `genenorm.frames.keywords_frame`);
* `read_hit_table_dataframe`, `judge_hits_partition` and `check_hit_table_partitions`: a
  hit table (2020 or website format) as a Dask DataFrame, with ``verdict``, ``reasons``,
  ``current_symbol`` and ``hgnc_id`` appended.

Tasks carry only page paths (or table byte ranges) and, when one is given, a `Resolver`,
which pickles to its data directory's path: each worker process loads the lexicon once, on
its first task, and keeps it for later ones.

Dask is an optional dependency (``pip install 'genenorm[dask]'``) imported on first call;
importing this module does not import it. See ``docs/scale.md``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import contextlib
import csv
import glob
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from .exceptions import PageError
from .frames import _frame, _require
from .page_models import Page, PageReport
from .records import HIT_VERDICT_DTYPES

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from .resolver import Resolver

__all__ = [
    "JUDGED_COLUMNS",
    "check_hit_table_partitions",
    "check_pages_bag",
    "check_pages_to_jsonl",
    "judge_hits_meta",
    "judge_hits_partition",
    "keywords_dataframe",
    "read_hit_table_dataframe",
]

#: Anything `open` accepts as a file name.
StrPath = str | os.PathLike[str]

#: Columns `judge_hits_partition` appends to a hit table (as ``genenorm check-hits``
#: does), with their dtypes (`genenorm.records.HIT_VERDICT_DTYPES`).
JUDGED_COLUMNS: Final[Mapping[str, str]] = HIT_VERDICT_DTYPES

#: Pages per partition by default: about 1% of the pages, within these bounds (a page takes
#: a few milliseconds, and Dask wants tasks of 100 ms or more).
_MIN_PAGES_PER_PARTITION = 100
_MAX_PAGES_PER_PARTITION = 1_000


def _require_dask(what: str, module: str) -> None:
    _require("dask", "dask", what)
    _require(module, "dask", what)


def _page_files(paths: StrPath | Iterable[StrPath]) -> list[str]:
    """Every entry `genenorm.check.check_paths` gives a report for, in its order
    (`genenorm.pfocr.page_entries`): each page file, a dangling link or FIFO among them
    (reading it names the problem), and the directory of a directory error (a worker
    walking it again gives the same error record), so that nothing is left out."""
    from .pfocr import page_entries

    return [
        os.fspath(entry) if isinstance(entry, Path) else entry.path or ""
        for entry in page_entries(paths)
    ]


def _partition_count(n: int, npartitions: int | None) -> int:
    if npartitions is not None:
        if npartitions < 1:
            msg = f"npartitions must be at least 1, not {npartitions}"
            raise ValueError(msg)
        return max(1, min(npartitions, n))
    size = min(_MAX_PAGES_PER_PARTITION, max(_MIN_PAGES_PER_PARTITION, math.ceil(n / 100)))
    return max(1, math.ceil(n / size))


def _chunks(files: Sequence[str], npartitions: int | None) -> list[list[str]]:
    """*files* cut into consecutive chunks of nearly equal size."""
    n = _partition_count(len(files), npartitions)
    size, extra = divmod(len(files), n)
    out, start = [], 0
    for i in range(n):
        stop = start + size + (i < extra)
        out.append(list(files[start:stop]))
        start = stop
    return out


def _check_chunk(
    files: Iterable[str], hits: str | None, resolver: Resolver | None
) -> list[PageReport]:
    """Worker side: check some pages with the worker's (cached) resolver.

    The cyclic garbage collector is paused meanwhile: the reports kept for the partition
    hold no cycles, but their many small objects would make it rescan the heap (lexicon
    included) again and again, a quarter of the time.
    """
    from ._gc import gc_paused
    from .check import check_paths

    with gc_paused():
        return list(check_paths(files, hits=hits, resolver=resolver))


def _keywords_chunk(
    files: Sequence[str], hits: str | None = None, resolver: Resolver | None = None
) -> pd.DataFrame:
    """Worker side: the keyword frame of some pages."""
    from ._gc import gc_paused
    from .frames import keywords_frame

    with gc_paused():
        return keywords_frame(_check_chunk(files, hits, resolver))


def check_pages_bag(
    paths: StrPath | Iterable[StrPath],
    *,
    npartitions: int | None = None,
    hits: StrPath | None = None,
    resolver: Resolver | None = None,
) -> db.Bag:
    """A Dask bag of page reports: one per ``*.md`` page under *paths*, in path order.

    Directories are expanded (recursively, sorted) on the client, as
    `genenorm.check.check_paths` does; each partition then checks its pages on a
    worker. A page that cannot be read gives a report with ``errors``, as in
    `check_paths`.

    Args:
        paths: Page files and directories, or one of them.
        npartitions: Number of partitions (default: 100 to 1,000 pages each, about 100
            partitions for 10,000 to 100,000 pages).
        hits: An explicit hit table for every page (see `genenorm.pfocr.read_page`).
        resolver: The resolver to use (default: each worker's default resolver); it is
            shipped as its data directory's path and loaded once per worker.

    Returns:
        A bag of `PageReport` values; ``bag.compute()`` equals
        ``list(check_paths(paths))``. Use ``.map(PageReport.to_dict)`` for plain dicts.

    Raises:
        ModuleNotFoundError: Dask is not installed.
        ValueError: *npartitions* is less than 1.
    """
    _require_dask("check_pages_bag", "dask.bag")
    import dask.bag as db

    files = _page_files(paths)
    chunks = _chunks(files, npartitions)
    bag = db.from_sequence(chunks, npartitions=len(chunks))  # type: ignore[no-untyped-call]
    return cast(
        "db.Bag",
        bag.map_partitions(_check_partition, None if hits is None else os.fspath(hits), resolver),
    )


def _check_partition(
    chunks: Iterable[Sequence[str]], hits: str | None, resolver: Resolver | None
) -> list[PageReport]:
    return [r for files in chunks for r in _check_chunk(files, hits, resolver)]


def check_pages_to_jsonl(
    paths: StrPath | Iterable[StrPath],
    directory: StrPath,
    *,
    npartitions: int | None = None,
    hits: StrPath | None = None,
    resolver: Resolver | None = None,
) -> db.Bag:
    """Check every page under *paths* and write the JSONL of each partition **on its worker**.

    Partition *i* writes ``directory/part-NNNNN.jsonl`` (``NNNNN`` = *i*, five digits): the
    lines ``genenorm check --format jsonl`` writes for its pages, in path order, so the
    parts concatenated in name order are the command's output byte for byte. Only a small
    summary per partition travels back to the client, never the reports. *directory* is
    created if needed and must be reachable at the same path from every worker (a shared
    file system); a part is written under a temporary name and renamed when complete (a
    failed task leaves none), and the parts of an earlier, larger run beyond this run's
    are removed (on the client, before any is written).

    Args:
        paths: Page files and directories, or one of them.
        directory: Where the parts go.
        npartitions: As for `check_pages_bag`.
        hits: A hit table given to the pages whose figure it names, as ``genenorm check
            --hits`` does (read once per partition; a table that names none of the pages is
            not refused here, those pages keep their own tables).
        resolver: As for `check_pages_bag`.

    Returns:
        A lazy bag with one dict per partition: ``part`` (the file written), ``pages``,
        ``failed`` (pages with errors) and ``keywords``.

    Raises:
        ModuleNotFoundError: Dask is not installed.
        ValueError: *npartitions* is less than 1.

    .. versionadded:: 0.1.0
    """
    _require_dask("check_pages_to_jsonl", "dask.bag")
    import dask.bag as db

    chunks = _chunks(_page_files(paths), npartitions)
    out = os.fspath(directory)
    os.makedirs(out, exist_ok=True)
    _remove_stale_parts(out, len(chunks))
    items = list(enumerate(chunks))
    bag = db.from_sequence(items, npartitions=len(items))  # type: ignore[no-untyped-call]
    extra = None if hits is None else os.fspath(hits)
    return cast("db.Bag", bag.map(_write_chunk, out, extra, resolver))


def _remove_stale_parts(directory: str, parts: int) -> None:
    """Remove the ``part-NNNNN.jsonl`` files of an earlier, larger run beyond the *parts*
    this run writes: ``cat part-*.jsonl`` must give this run's output alone."""
    for name in os.listdir(directory):
        stem = name.removeprefix("part-").removesuffix(".jsonl")
        if len(name) == 16 and stem.isdigit() and len(stem) == 5 and int(stem) >= parts:
            os.remove(os.path.join(directory, name))


def _write_chunk(
    item: tuple[int, Sequence[str]], directory: str, hits: str | None, resolver: Resolver | None
) -> dict[str, Any]:
    """Worker side: check some pages and write their JSONL part, line for line as
    ``genenorm check`` writes it (its own per-page steps); a summary of the part."""
    from ._gc import gc_paused
    from .check import check_page
    from .corpus import HitsTable, check_one
    from .pfocr import iter_pages
    from .records import json_text, page_record

    index, files = item
    path = os.path.join(directory, f"part-{index:05d}.jsonl")
    tmp = f"{path}.{os.getpid()}.tmp"
    summary: dict[str, Any] = {"part": path, "pages": 0, "failed": 0, "keywords": 0}
    table = None if hits is None else HitsTable.read(hits)

    def check(page: Page) -> PageReport:
        return check_page(page, resolver=resolver)

    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as out:
            for found in iter_pages(files):
                with gc_paused():
                    done = check_one(found, table, check)
                    report = done.report
                    record = page_record(report, hit_tables=done.hit_tables)
                    out.write(json_text(record))
                    out.write("\n")
                summary["pages"] += 1
                summary["failed"] += bool(report.errors)
                summary["keywords"] += len(report.keywords)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):  # a failed task leaves no half-written part
            os.remove(tmp)
        raise
    return summary


def keywords_dataframe(
    paths: StrPath | Iterable[StrPath],
    *,
    npartitions: int | None = None,
    hits: StrPath | None = None,
    resolver: Resolver | None = None,
) -> dd.DataFrame:
    """A Dask DataFrame with one row per keyword of every page under *paths*.

    Partitions are built with `dask.dataframe.from_map`: each checks its pages and
    returns `genenorm.frames.keywords_frame` of them, so the columns and dtypes are
    `genenorm.frames.KEYWORD_COLUMNS`. Every partition's index starts at 0
    (divisions are unknown); pages that cannot be read give no rows.

    Args:
        paths: Page files and directories, or one of them.
        npartitions: As for `check_pages_bag`.
        hits: As for `check_pages_bag`.
        resolver: As for `check_pages_bag`.

    Returns:
        A lazy frame; ``.compute()`` equals ``keywords_frame(check_paths(paths))`` up to
        the index.

    Raises:
        ModuleNotFoundError: Dask or pandas is not installed.
        ValueError: *npartitions* is less than 1.
    """
    _require_dask("keywords_dataframe", "dask.dataframe")
    import dask.dataframe as dd

    from .frames import keywords_frame

    chunks = _chunks(_page_files(paths), npartitions)
    kwargs: dict[str, Any] = {}
    if hits is not None:
        kwargs["hits"] = os.fspath(hits)
    if resolver is not None:
        kwargs["resolver"] = resolver
    return cast(
        "dd.DataFrame",
        dd.from_map(  # type: ignore[no-untyped-call]
            _keywords_chunk,
            chunks,
            meta=keywords_frame([]),
            label="genenorm-keywords",
            enforce_metadata=False,
            **kwargs,
        ),
    )


# --------------------------------------------------------------------------- hit tables


def read_hit_table_dataframe(
    path: StrPath | Sequence[StrPath], *, blocksize: str | int | None = "64MB"
) -> dd.DataFrame:
    """Read a hit table (or several, or a glob) as a Dask DataFrame of text columns.

    Every column is a ``string`` column holding the file's exact text (``NA`` stays
    ``"NA"``, quotes are not special), as `genenorm.pfocr.read_hit_table` reads it.

    Args:
        path: A 2020 or website gene hit table, a list of them or a glob pattern.
        blocksize: Bytes per partition (``None``: one partition per file).

    Returns:
        A lazy frame with the file's columns.

    Raises:
        ModuleNotFoundError: Dask is not installed.
        PageError: no file matches, a file cannot be read, its header is not UTF-8, or the
            files' columns differ; when the frame is computed, a row that is not UTF-8 or
            has another number of fields than the header (naming file and line, as
            ``genenorm check-hits`` refuses it).
    """
    _require_dask("read_hit_table_dataframe", "dask.dataframe")
    import dask.dataframe as dd

    source: str | list[str] = (
        os.fspath(path) if isinstance(path, str | os.PathLike) else [os.fspath(p) for p in path]
    )
    from dask.delayed import delayed
    from dask.utils import parse_bytes

    if blocksize is None:
        size = 1 << 62  # one partition per file
    else:
        size = parse_bytes(blocksize) if isinstance(blocksize, str) else int(blocksize)
    files = sorted(glob.glob(source)) if isinstance(source, str) else source
    if not files:
        raise PageError(f"{source}: no hit table (no file matches)", path=str(source))
    parts: list[Any] = []
    header: list[str] | None = None
    for file in files:
        head, ranges = _figure_ranges(file, size)
        if header is None:
            header = head
        elif head != header:
            msg = f"{file}: its columns differ from those of {files[0]}"
            raise PageError(msg, path=file)
        parts.extend(
            delayed(_read_range)(file, head, start, end, line) for start, end, line in ranges
        )
    meta = _text_frame(header or [])
    return cast("dd.DataFrame", dd.from_delayed(parts, meta=meta, verify_meta=False))


def _figure_ranges(path: str, size: int) -> tuple[list[str], list[tuple[int, int, int]]]:
    """The header of a hit table and byte ranges of about *size* bytes that end between
    figures (the hits of one figure are each other's evidence: a partition keeps them
    together), each with the file line it starts on.

    Raises:
        PageError: the file cannot be read, or its header is not UTF-8.
    """
    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below, and errors named here
    except OSError as err:
        raise PageError(f"{path}: cannot read file: {err.strerror or err}", path=path) from None
    with f:
        first = f.readline()
        try:
            header = first.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n").split("\t")
        except UnicodeDecodeError:
            raise PageError(f"{path}:1: header is not valid UTF-8", path=path, line=1) from None
        column = header.index("figid") if "figid" in header else None
        ranges: list[tuple[int, int, int]] = []
        start = pos = len(first)
        line = first_line = 2
        last_fig: bytes | None = None
        for raw in f:
            fig = raw.split(b"\t", column + 1)[column] if column is not None else None
            if pos - start >= size and fig != last_fig:
                ranges.append((start, pos, first_line))
                start, first_line = pos, line
            last_fig = fig
            pos += len(raw)
            line += 1
        if pos > start or not ranges:
            ranges.append((start, pos, first_line))
    return header, ranges


def _text_frame(header: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({c: pd.Series([], dtype="string") for c in header})


def _read_range(
    path: str, header: Sequence[str], start: int, end: int, first_line: int = 2
) -> pd.DataFrame:
    """Rows of a hit table between two byte offsets, every column as text.

    Raises:
        PageError: a row is not UTF-8, or is refused as `genenorm.pfocr.read_hit_rows`
            refuses it (another number of fields than the header, all fields empty, a
            carriage return inside a field, a field over `MAX_FIELD_CHARS`), naming the file
            and line.
    """
    import io

    import pandas as pd

    from .pfocr import MAX_FIELD_CHARS, _checked_rows, _field_errors

    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    try:
        chunk = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = first_line + data.count(b"\n", 0, err.start)
        raise PageError(f"{path}:{line}: not valid UTF-8", path=path, line=line) from None
    if not chunk.strip():
        return _text_frame(header)
    # the rows checked as `genenorm check-hits` checks them (the same errors and lines)
    text = chunk.replace("\r\n", "\n") if "\r" in chunk else chunk
    rows = text.split("\n")
    if "\r" in text or max(map(len, rows)) > MAX_FIELD_CHARS:
        _field_errors(path, header, [r.split("\t") if r else [] for r in rows], first_line)
    _checked_rows(path, len(header), rows, first_line)
    frame = pd.read_csv(
        io.StringIO(chunk), sep="\t", header=None, names=list(header), dtype="string",
        na_filter=False, quoting=csv.QUOTE_NONE,
    )  # fmt: skip
    return frame


def _cell(value: object) -> str:
    """A hit-table cell as the text a TSV would hold (missing → ``NA``)."""
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "NA"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id column read as float because of missing values
    try:
        import pandas as pd

        if value is pd.NA:
            return "NA"
    except ImportError:  # pragma: no cover - callers hold a pandas frame
        pass
    return str(value)


def _texts(values: list[Any]) -> list[str]:
    if all(type(v) is str for v in values):
        return values
    return [_cell(v) for v in values]


def judge_hits_partition(frame: pd.DataFrame, *, resolver: Resolver | None = None) -> pd.DataFrame:
    """Judge every row of a hit-table frame; the same frame with verdict columns appended.

    Use it per partition,
    ``ddf.map_partitions(judge_hits_partition, meta=judge_hits_meta(ddf))``
    (`check_hit_table_partitions` does exactly that), or on a whole pandas frame. Rows are
    judged one by one, as by `genenorm.check.check_hit_table`, so the result does not depend
    on how the table is partitioned.

    Args:
        frame: Rows of a 2020 or website gene hit table, with at least the columns of its
            format (see `genenorm.pfocr.read_hit_table`); text columns are best
            (`read_hit_table_dataframe`), but missing values count as ``NA`` and
            whole floats as integers.
        resolver: The resolver to use (default: the process's default resolver).

    Returns:
        *frame*'s columns and index, then `JUDGED_COLUMNS`: ``verdict`` (category of
        `Verdict`), ``reasons`` (comma-joined codes), ``current_symbol`` and ``hgnc_id``
        (``string``). Columns of those names already in *frame* are replaced.

    Raises:
        ModuleNotFoundError: pandas is not installed.
        PageError: *frame*'s columns match no hit-table format.
    """
    _require("pandas", "pandas", "judge_hits_partition")
    import pandas as pd

    from ._gc import gc_paused
    from .check import check_hits
    from .pfocr import _hit_table

    header = tuple(str(c) for c in frame.columns)
    with gc_paused():
        columns = [_texts(frame[c].tolist()) for c in frame.columns]
        rows = [list(row) for row in zip(*columns, strict=True)] if columns else []
        table = _hit_table("hit-table partition", header, rows)
        verdicts = check_hits(table.hits, resolver=resolver)
    data: dict[str, list[Any]] = {
        "verdict": [str(v.verdict) for v in verdicts],
        "reasons": [",".join(str(r.code) for r in v.reasons) for v in verdicts],
        "current_symbol": [v.current_symbol for v in verdicts],
        "hgnc_id": [v.hgnc_id for v in verdicts],
        "confidence": [v.confidence for v in verdicts],
        "support": [",".join(str(r.code) for r in v.support) for v in verdicts],
    }
    judged = _frame(JUDGED_COLUMNS, data, "judge_hits_partition")
    judged.index = frame.index
    kept = frame.drop(columns=[c for c in JUDGED_COLUMNS if c in frame.columns])
    return pd.concat([kept, judged], axis=1)


def judge_hits_meta(frame: pd.DataFrame | dd.DataFrame) -> pd.DataFrame:
    """The empty frame `judge_hits_partition` returns for *frame* (Dask's ``meta``).

    Raises:
        PageError: *frame*'s columns match no hit-table format.
    """
    _require("pandas", "pandas", "judge_hits_meta")
    import pandas as pd

    empty = frame.iloc[:0] if isinstance(frame, pd.DataFrame) else cast("pd.DataFrame", frame._meta)
    return judge_hits_partition(empty)


def check_hit_table_partitions(
    frame: dd.DataFrame, *, resolver: Resolver | None = None
) -> dd.DataFrame:
    """Judge every row of a Dask hit-table frame, partition by partition.

    Args:
        frame: A frame of a 2020 or website hit table, e.g. from
            `read_hit_table_dataframe`.
        resolver: As for `judge_hits_partition`; shipped as its data directory.

    Returns:
        ``frame.map_partitions(judge_hits_partition, meta=judge_hits_meta(frame))``.

    Raises:
        ModuleNotFoundError: Dask is not installed.
        PageError: *frame*'s columns match no hit-table format (raised at once, not when
            computing).

    Examples:
        >>> from genenorm.scale import check_hit_table_partitions, read_hit_table_dataframe
        >>> table = "tests/data/pfocr-website/_data/PMC11987792__cancers-17-01167-g005-genes.tsv"
        >>> judged = check_hit_table_partitions(read_hit_table_dataframe(table))
        >>> row = judged.compute(scheduler="synchronous").iloc[0]
        >>> row["word"], row["verdict"], row["reasons"]
        ('out', 'false_hit', 'english_word,unrelated_to_figure,little_studied_gene')
    """
    _require_dask("check_hit_table_partitions", "dask.dataframe")
    meta = judge_hits_meta(frame)
    if resolver is None:
        judged = frame.map_partitions(judge_hits_partition, meta=meta)  # type: ignore[no-untyped-call]
    else:
        judged = frame.map_partitions(  # type: ignore[no-untyped-call]
            judge_hits_partition, resolver=resolver, meta=meta
        )
    return cast("dd.DataFrame", judged)
