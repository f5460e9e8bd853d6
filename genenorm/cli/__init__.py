"""The ``genenorm`` command line.

Commands::

    genenorm resolve TERM... | -          resolve terms (``-``: one term a line on stdin)
    genenorm check PATH... | -            check PFOCR figure pages (files, directories, stdin;
                                          --input-format jsonl: one page object a line)
    genenorm check-hits FILE.tsv | -      judge every row of a hit table, keeping its columns
    genenorm export gmt PATH... | -       one gene set per figure (its supported genes), as GMT
    genenorm demo [--format F]            check the reference figure shipped with genenorm
    genenorm data info                    provenance of the data in use (checksums verified)
    genenorm data build --hgnc F --out D  build a data directory from an HGNC download
    genenorm cache info | clear           the optional on-disk MyGene.info response cache
    genenorm serve [--host H --port P]    the HTTP JSON API and curator page (genenorm[server])
    genenorm schema                       the JSON Schema of the JSONL records

Data goes to stdout (TSV with a header by default, ``--format jsonl`` for machines);
diagnostics go to stderr.

Exit codes:
    0  success
    1  some input failed (an unreadable page or hit table, or a directory holding no page:
       "no input found"; other pages were still processed), or ``--strict`` and a term did not resolve to exactly one current gene
    2  usage error (bad option, missing argument, options that do not go together)
    3  the data or the live source is unavailable (corrupted snapshot, MyGene.info down)
    70 internal error: a bug in genenorm (one line on stderr; ``--debug`` adds the traceback)
    130 interrupted (Ctrl-C): what was already written is flushed, no traceback
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from typing import IO

from .. import _errors, _process
from ..exceptions import BackendUnavailableError, GenenormError, SnapshotError
from ..records import RESOLVE_COLUMNS, json_text, resolution_record, resolution_row
from ..report import escape_text, write_tsv_row
from ._common import (
    HelpFormatter,
    Subcommand,
    UsageError,
    add_source_options,
    make_source,
    read_stdin_lines,
    resolver_and_live_source,
    source_options,
)
from ._jobs import job_count

__all__ = [
    "EXIT_DATA", "EXIT_FAILED", "EXIT_INTERNAL", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE",
    "RESOLVE_COLUMNS", "UsageError", "main", "make_source", "resolution_row",
    "resolver_and_live_source", "source_options",
]  # fmt: skip

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_DATA = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C
EXIT_INTERNAL = _errors.EXIT_INTERNAL  # 70: a bug in genenorm

# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``genenorm`` command (each command's options are added on
    its first use: see `Subcommand`)."""
    parser = argparse.ArgumentParser(
        prog="genenorm",
        description="Check gene keywords of pathway figures against HGNC.",
        epilog="Exit codes: 0 ok, 1 some input failed or --strict unmet, 2 usage, 3 data/source unavailable, 70 internal error (a bug).",
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action=_process.LazyVersion)
    parser.add_argument(
        "--debug", action="store_true", help="on an internal error, print the traceback"
    )
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=Subcommand
    )
    sub.add_parser("resolve", help="resolve gene terms against HGNC", fill=_resolve_arguments)
    sub.add_parser("check", help="check PFOCR figure pages", fill=_check_arguments)

    from ._demo import add_demo_parser

    add_demo_parser(sub, add_source_options)

    sub.add_parser(
        "check-hits", help="judge every row of a PFOCR hit table",
        description="Judge every row of a hit table against the snapshot (offline; the "
        "mygene source is not used here) and write the rows with verdict columns appended.",
        fill=_check_hits_arguments,
    )  # fmt: skip
    sub.add_parser(
        "schema", help="print the JSON Schema of the JSONL records",
        description="Print the JSON Schema (draft 2020-12) of every JSONL record genenorm "
        "writes (check, check-hits, resolve).",
    )  # fmt: skip
    sub.add_parser("data", help="the data snapshot: provenance and building", fill=_data_arguments)

    from ..server._cli import add_serve_parser

    add_serve_parser(sub, add_source_options)

    from ._export import add_export_parser

    add_export_parser(sub, add_source_options)

    sub.add_parser(
        "cache", help="the on-disk MyGene.info cache (mygene --cache)", fill=_cache_arguments
    )
    return parser


def _resolve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("terms", nargs="+", metavar="TERM", help="terms to resolve; '-' reads stdin")
    p.add_argument(
        "--format",
        choices=("tsv", "jsonl"),
        default="tsv",
        help="output format (default: %(default)s)",
    )
    p.add_argument(
        "--strict", action="store_true",
        help="exit 1 when any term does not resolve to exactly one current gene",
    )  # fmt: skip
    add_source_options(p)


def _check_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="pages, directories, or '-' (stdin)")
    p.add_argument(
        "--hits", metavar="FILE",
        help="a genes hit table for the page(s), read once; refused when no page's figure id "
        "matches its rows",
    )  # fmt: skip
    p.add_argument(
        "--input-format", choices=("page", "jsonl"), default="page",
        help="what '-' reads: one page (Markdown with YAML front matter, the default) or JSON "
        "lines, one page object a line with the front matter's fields",
    )  # fmt: skip
    p.add_argument(
        "--format",
        choices=("jsonl", "tsv", "table"),
        default="jsonl",
        help="output format (default: %(default)s)",
    )
    p.add_argument(
        "-v", "--verbose", action="store_true",
        help="say on stderr which hit tables each page used",
    )  # fmt: skip
    p.add_argument("--no-progress", action="store_true", help="never draw a progress bar")
    _jobs_argument(p)
    add_source_options(p)


def _jobs_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-j", "--jobs", type=job_count, default=1, metavar="N",
        help="judge in N worker processes (0: one per CPU; never more than the CPUs; "
        "default 1); the output is the same, in the same order",
    )  # fmt: skip


def _check_hits_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "table", metavar="FILE",
        help="a hit table (website -genes.tsv or 2020 format); '-' reads stdin",
    )  # fmt: skip
    p.add_argument(
        "--format",
        choices=("tsv", "jsonl"),
        default="tsv",
        help="output format (default: %(default)s)",
    )
    p.add_argument(
        "--data", metavar="DIR", help="data directory to use instead of the embedded snapshot"
    )
    p.add_argument("--no-progress", action="store_true", help="never draw a progress line")
    _jobs_argument(p)
    for option in ("--source", "--mygene-url", "--timeout", "--retries"):  # refused, unlisted
        p.add_argument(option, help=argparse.SUPPRESS)
    for option in ("--fallback", "--cache"):
        p.add_argument(option, action="store_true", help=argparse.SUPPRESS)


def _data_arguments(data: argparse.ArgumentParser) -> None:
    dsub = data.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    p = dsub.add_parser(
        "info", help="print the provenance of the data in use, after verifying its checksums"
    )
    p.add_argument("--data", metavar="DIR", help="data directory (default: the one in use)")
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output format (default: %(default)s)",
    )
    p = dsub.add_parser("build", help="build a data directory from an HGNC download")
    p.add_argument(
        "--hgnc", required=True, metavar="FILE", help="hgnc_complete_set.txt or a custom TSV"
    )
    p.add_argument("--withdrawn", metavar="FILE", help="HGNC withdrawn.txt")
    p.add_argument("--out", required=True, metavar="DIR", help="directory to write")
    p.add_argument("--release", default="", help="release label, e.g. 2026-11-01")


def _cache_arguments(cache: argparse.ArgumentParser) -> None:
    csub = cache.add_subparsers(dest="cache_command", required=True, metavar="ACTION")
    for action, text in (
        ("clear", "delete the cache"),
        ("info", "where the cache is, what it holds"),
    ):
        p = csub.add_parser(action, help=text)
        p.add_argument(
            "--path", metavar="FILE",
            help="cache file (default: $XDG_CACHE_HOME/genenorm/mygene.sqlite3)",
        )  # fmt: skip


# --------------------------------------------------------------------------- commands


def cmd_resolve(args: argparse.Namespace, out: IO[str]) -> int:
    """``genenorm resolve``."""
    terms: list[str] = []
    for t in args.terms:
        if t == "-":
            terms.extend(read_stdin_lines())
        else:  # bytes that are not UTF-8 replaced, as on stdin (the output is UTF-8)
            terms.append(os.fsencode(t).decode("utf-8", errors="replace"))
    source = make_source(args)
    results = source.resolve_many(terms)
    if args.format == "jsonl":
        for r in results:
            out.write(json_text(resolution_record(r)))
            out.write("\n")
    else:
        write_tsv_row(out, RESOLVE_COLUMNS)
        for r in results:
            write_tsv_row(out, resolution_row(r))
    unresolved = sum(1 for r in results if r.symbol is None)
    print(
        f"genenorm: {len(results)} terms, {len(results) - unresolved} to one gene, {unresolved} not",
        file=sys.stderr,
    )
    return EXIT_FAILED if args.strict and unresolved else EXIT_OK


def cmd_data(args: argparse.Namespace, out: IO[str]) -> int:
    """``genenorm data info`` / ``genenorm data build``."""
    from ..lexicon import snapshot_info

    if args.data_command == "build":
        from .._build import build_user_snapshot

        path = build_user_snapshot(
            args.hgnc, args.out, withdrawn=args.withdrawn, version=args.release
        )
        info = snapshot_info(path)
        print(f"genenorm: wrote {path} ({info['release']})", file=sys.stderr)
        return EXIT_OK
    info = snapshot_info(args.data)
    from .._verify import verify_data_dir

    verify_data_dir(info["data_dir"])  # SnapshotError (exit 3) naming a corrupted file
    if args.format == "json":
        out.write(json.dumps(info, indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    out.write(f"data directory: {info['data_dir']}\nrelease: {info['release']}\n")
    for s in info["sources"]:
        out.write(f"\n{s['name']}\n")
        for key in ("version", "date", "licence", "url", "sha256", "rows"):
            if s.get(key) not in (None, ""):
                out.write(f"  {key}: {s[key]}\n")
    return EXIT_OK


def cmd_cache(args: argparse.Namespace, out: IO[str]) -> int:
    """``genenorm cache clear`` / ``genenorm cache info``."""
    from ..sources.mygene import cache_info, clear_cache

    if args.cache_command == "clear":
        path = cache_info(args.path)["path"]
        removed = clear_cache(args.path)
        print(f"genenorm: removed {removed} cached terms ({path})", file=sys.stderr)
        return EXIT_OK
    info = cache_info(args.path)
    if info["error"]:
        print(
            f"genenorm: warning: {info['error']}; `genenorm cache clear` deletes it",
            file=sys.stderr,
        )
    out.write(f"cache: {info['path']}\nexists: {info['exists']}\nbytes: {info['bytes']}\n")
    out.write(f"entries: {info['entries']}\n")
    for build, n in info["builds"].items():
        out.write(f"  MyGene.info {build}: {n}\n")
    return EXIT_OK


def cmd_schema(out: IO[str]) -> int:
    """``genenorm schema``: the JSON Schema of the JSONL records (`records.json_schema`)."""
    from ..records import json_schema

    out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


@_process.one_shot
def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``genenorm`` command; return its exit code."""
    try:  # Ctrl-C while the parser is built (it imports the subcommands' modules): no traceback
        parser = build_parser()
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help/--version
        return int(exc.code or 0)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    out = sys.stdout
    try:
        if args.command == "resolve":
            return cmd_resolve(args, out)
        if args.command == "data":
            return cmd_data(args, out)
        if args.command == "cache":
            return cmd_cache(args, out)
        if args.command == "schema":
            return cmd_schema(out)
        if args.command == "export":
            from ._export import cmd_export

            return cmd_export(args, out)
        if args.command == "serve":
            from ..server._cli import cmd_serve

            return cmd_serve(args)
        from . import _check

        if args.command == "demo":
            from ._demo import cmd_demo

            return cmd_demo(args, out)
        if args.command == "check":
            return int(_check.cmd_check(args, out))
        return int(_check.cmd_check_hits(args, out))
    except UsageError as err:
        print(f"genenorm: error: {escape_text(str(err))}", file=sys.stderr)
        return EXIT_USAGE
    except (SnapshotError, BackendUnavailableError) as err:
        print(f"genenorm: error: {escape_text(str(err))}", file=sys.stderr)
        return EXIT_DATA
    except KeyboardInterrupt:  # Ctrl-C: keep what was written, no traceback
        with contextlib.suppress(OSError, ValueError):
            out.flush()
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `genenorm ... | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except (GenenormError, OSError) as err:  # a user error, or a file that cannot be used
        print(f"genenorm: error: {escape_text(str(err))}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as err:  # anything else is a bug in genenorm
        return _errors.report_internal_error(err, debug=args.debug, stream=sys.stderr)
