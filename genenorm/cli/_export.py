"""``genenorm export gmt``: one gene set per figure, as GMT (kept apart from ``cli``)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..export import GeneSet

__all__ = ["add_export_parser", "cmd_export"]

EXIT_OK, EXIT_FAILED = 0, 1


def add_export_parser(
    sub: Any, add_source_options: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add ``genenorm export gmt`` to the command's subparsers (its options on first use)."""

    def add_arguments(export: argparse.ArgumentParser) -> None:
        from ..export import GeneIds

        esub = export.add_subparsers(dest="export_command", required=True, metavar="FORMAT")
        p = esub.add_parser("gmt", help="one gene set per figure: its supported genes, as GMT")
        p.add_argument(
            "paths", nargs="+", metavar="PATH", help="pages, directories, or '-' (stdin)"
        )
        p.add_argument(
            "--include-uncertain", action="store_true",
            help="also take genes judged uncertain (default: supported only)",
        )  # fmt: skip
        p.add_argument(
            "--ids", choices=[str(i) for i in GeneIds], default=str(GeneIds.SYMBOL),
            help="write genes as HGNC symbols (default), NCBI Gene IDs or HGNC IDs",
        )  # fmt: skip
        p.add_argument(
            "--keep-empty", action="store_true",
            help="also write figures without genes (default: skipped and counted on stderr)",
        )  # fmt: skip
        p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
        add_source_options(p)

    sub.add_parser(
        "export", help="export what the checks found (gene sets as GMT)", fill=add_arguments
    )


def _sets(args: argparse.Namespace) -> Iterator[GeneSet]:
    """One gene set per input page, in argument order (``-`` is the page on stdin)."""
    from ..exceptions import PageError
    from ..export import GeneSet, gene_sets, page_gene_set
    from ..pfocr import read_stream_page
    from ._common import resolver_and_live_source

    resolver, live = resolver_and_live_source(args)
    options: dict[str, Any] = {
        "include_uncertain": args.include_uncertain, "ids": args.ids,
        "resolver": resolver, "source": live,
    }  # fmt: skip
    for arg in args.paths:
        if arg != "-":
            yield from gene_sets([arg], **options)
            continue
        try:
            page = read_stream_page(sys.stdin.buffer, path="<stdin>")
        except PageError as err:
            yield GeneSet(name="", description="", path="<stdin>", errors=(str(err),), read=False)
        else:
            yield page_gene_set(page, **options)


def cmd_export(args: argparse.Namespace, out: IO[str]) -> int:
    """``genenorm export gmt``: GMT lines on stdout (or ``-o FILE``), counts on stderr."""
    from ..export import write_gmt
    from ..report import escape_text

    missing = 0
    names: set[str] = set()
    duplicates: list[str] = []

    def noted() -> Iterator[GeneSet]:
        nonlocal missing
        for s in _sets(args):
            for e in s.errors:
                print(f"genenorm: {escape_text(e)}", file=sys.stderr)
            missing += len(s.missing_ids)
            if s.read:
                if s.name in names:
                    duplicates.append(s.name)
                names.add(s.name)
            yield s

    if args.output is not None:
        target = _output_target(args.output)  # before any page is checked
        with _atomic(target) if target is not None else _through(args.output) as stream:
            summary = write_gmt(noted(), stream, keep_empty=args.keep_empty)
    else:
        summary = write_gmt(noted(), out, keep_empty=args.keep_empty)
    empty = "written" if args.keep_empty else "skipped"
    line = (
        f"genenorm: {summary.figures} figures ({summary.failed} failed); "
        f"{summary.written} gene sets written; {summary.empty} without genes {empty}"
    )
    if missing:
        line += f"; {missing} genes without an {args.ids} id left out"
    print(line, file=sys.stderr)
    if duplicates:
        shown = ", ".join(dict.fromkeys(duplicates[:5]))  # names are escaped (`_one_line`)
        print(f"genenorm: warning: figure ids given more than once: {shown}", file=sys.stderr)
    return EXIT_FAILED if summary.failed else EXIT_OK


def _output_target(path: str) -> str | None:
    """The regular file ``-o`` replaces when complete (a symbolic link's target), or
    ``None`` for a FIFO, a device or another special file, which is written through.

    Raises:
        UsageError: *path* is empty or a directory.
    """
    from ..report import escape_text
    from ._common import UsageError

    if not path:
        raise UsageError("-o: an empty file name (leave -o out to write to stdout)")
    real = os.path.realpath(path)
    if os.path.isdir(real):
        raise UsageError(f"-o {escape_text(path)}: is a directory")
    if os.path.exists(real) and not os.path.isfile(real):
        return None
    return real


@contextlib.contextmanager
def _through(path: str) -> Iterator[IO[str]]:
    """A text stream written straight into *path* (a FIFO, ``/dev/stdout``...)."""
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        yield stream


@contextlib.contextmanager
def _atomic(path: str) -> Iterator[IO[str]]:
    """A text stream to a temporary file beside *path*, renamed to *path* on success."""
    folder = os.path.dirname(os.path.abspath(path))
    import tempfile  # 7 ms: not for every command

    fd, tmp = tempfile.mkstemp(prefix=".genenorm-", suffix=".gmt", dir=folder)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would create it, not mkstemp's 0600
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
