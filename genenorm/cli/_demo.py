"""``genenorm demo``: check the reference figure shipped inside the package.

The page (PFOCR figure ``PMC11987792__cancers-17-01167-g005``) and its genes and chemicals
hit tables live under ``genenorm/examples/`` in the PFOCR website layout (``_figures/`` and
``_data/``), so the demo works from an installed wheel, without a clone of the repository.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["DEMO_FIGID", "add_demo_parser", "cmd_demo", "demo_page"]

#: The figure checked by ``genenorm demo``.
DEMO_FIGID = "PMC11987792__cancers-17-01167-g005"


def demo_page() -> Path:
    """The installed reference page (its ``_data/`` tables sit next to ``_figures/``)."""
    from importlib import resources  # 9 ms: not for every command

    return Path(str(resources.files("genenorm") / "examples" / "_figures" / f"{DEMO_FIGID}.md"))


def add_demo_parser(
    sub: Any, add_source_options: Callable[[argparse.ArgumentParser], None]
) -> None:
    """Add ``genenorm demo`` to the subcommands *sub* (its options on first use)."""

    def add_arguments(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--format",
            choices=("jsonl", "tsv", "table"),
            default="table",
            help="output format (default: %(default)s)",
        )
        add_source_options(p)

    sub.add_parser(
        "demo",
        help="check the reference figure shipped with genenorm",
        description=f"Check the PFOCR figure {DEMO_FIGID}, shipped inside the package with "
        "its hit tables, exactly as `genenorm check PAGE` would.",
        fill=add_arguments,
    )


def cmd_demo(args: argparse.Namespace, out: IO[str]) -> int:
    """``genenorm demo``: `cmd_check` on the shipped reference page."""
    from ._check import cmd_check

    args.paths = [str(demo_page())]
    args.hits = None
    args.no_progress = True
    args.verbose = False
    args.input_format = "page"
    return int(cmd_check(args, out))
