"""What the ``genenorm`` subcommands share: the source options, the source and resolver they
choose, the usage error, and stdin lines. Imported by every command module, importing none."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..resolver import Resolver, Source

__all__ = [
    "HelpFormatter", "Subcommand", "UsageError", "add_source_options", "make_source", "read_stdin_lines",
    "resolver_and_live_source", "source_options",
]  # fmt: skip


def terminal_columns() -> int:
    """``shutil.get_terminal_size().columns``, without importing `shutil` (3-6 ms: argparse
    imports it for every formatter it makes, and it makes one for every option added):
    ``$COLUMNS`` when a positive number, else the width of the terminal on stdout, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80
    return size.columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, as wide as argparse makes it (`terminal_columns` less 2)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


class Subcommand(argparse.ArgumentParser):
    """The parser of one subcommand, whose arguments are added on its first use.

    ``sub.add_parser(name, help=..., fill=add_arguments)`` (with ``parser_class=Subcommand``
    given to ``add_subparsers``) makes the parser at once, so that the command is listed with
    its help, but calls ``add_arguments(parser)`` only when the command is parsed or its
    usage or help is written: a run of one command neither builds the other commands' options
    nor imports the modules that define them. Parsing, usage, help and errors are those of a
    parser built whole.
    """

    def __init__(
        self, *args: Any, fill: Callable[[argparse.ArgumentParser], None] | None = None, **kw: Any
    ) -> None:
        kw.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kw)
        self._fill = fill

    def _filled(self) -> None:
        fill, self._fill = self._fill, None
        if fill is not None:
            fill(self)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._filled()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._filled()
        return super().format_usage()

    def format_help(self) -> str:
        self._filled()
        return super().format_help()


class UsageError(Exception):
    """A usage error found after parsing (options that do not go together): exit 2."""


def read_stdin_lines() -> Iterator[str]:
    """Lines of stdin as UTF-8 (undecodable bytes replaced), line breaks removed."""
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    if stream is None:  # pragma: no cover - replaced stdin without a buffer
        for line in sys.stdin:
            yield line.rstrip("\r\n")
        return
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def add_source_options(p: argparse.ArgumentParser) -> None:
    from ..sources._options import retries_arg, timeout_arg, url_arg

    p.add_argument(
        "--data", metavar="DIR", help="data directory to use instead of the embedded snapshot"
    )
    p.add_argument(
        "--source", choices=("snapshot", "mygene"), default="snapshot",
        help="where gene facts come from (default: snapshot, offline)",
    )  # fmt: skip
    p.add_argument(
        "--mygene-url", metavar="URL", type=url_arg,
        help="MyGene.info base URL (default: $GENENORM_MYGENE_URL or the public service)",
    )  # fmt: skip
    p.add_argument(
        "--timeout", type=timeout_arg, default=None, help="mygene: seconds per whole request"
    )
    p.add_argument("--retries", type=retries_arg, default=None, help="mygene: retries per batch")
    p.add_argument(
        "--fallback", action="store_true",
        help="mygene: resolve terms of failed batches from the snapshot instead of failing",
    )  # fmt: skip
    p.add_argument("--cache", action="store_true", help="mygene: use the on-disk response cache")


def source_options(args: argparse.Namespace) -> dict[str, Any]:
    """The mygene source's options from ``--timeout``/``--retries``/``--fallback``/``--cache``.

    Raises:
        UsageError: one of them (or ``--mygene-url``) without ``--source mygene``.
    """
    options: dict[str, Any] = {}
    if args.source == "mygene":
        for name in ("timeout", "retries"):
            if getattr(args, name) is not None:
                options[name] = getattr(args, name)
        if args.fallback:
            options["fallback"] = True
        if args.cache:
            options["cache"] = True
    elif (
        args.mygene_url
        or args.fallback
        or args.cache
        or args.timeout is not None
        or args.retries is not None
    ):  # `--retries 0` is given too
        msg = "--mygene-url, --timeout, --retries, --fallback and --cache need --source mygene"
        raise UsageError(msg)
    return options


def make_source(args: argparse.Namespace) -> Source:
    """The source chosen by ``--source``/``--data``/``--mygene-url`` and friends."""
    from ..sources import get_source

    options = source_options(args)
    return get_source(args.source, data_dir=args.data, mygene_url=args.mygene_url, **options)


def resolver_and_live_source(args: argparse.Namespace) -> tuple[Resolver, Source | None]:
    """The snapshot resolver the judge reads, and the live source that resolves keywords
    (``None`` for ``--source snapshot``), from the source options."""
    from ..resolver import Resolver, default_resolver

    source = make_source(args)
    if args.source == "snapshot":
        return (source if isinstance(source, Resolver) else default_resolver()), None
    return (Resolver.from_dir(args.data) if args.data else default_resolver()), source
