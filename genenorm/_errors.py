"""How the command line reports an error it did not expect (a bug in genenorm).

User errors (`GenenormError` subclasses, and `OSError` for a file that cannot be read or
written) are reported by ``cli.main`` with their own exit codes; everything else reaches
`report_internal_error`.
"""

from __future__ import annotations

from typing import IO

__all__ = ["EXIT_INTERNAL", "report_internal_error"]

#: Exit status of an internal error: a bug in genenorm, not a problem with the input
#: (70 is ``EX_SOFTWARE`` of BSD's sysexits.h).
EXIT_INTERNAL = 70


def report_internal_error(err: BaseException, *, debug: bool, stream: IO[str]) -> int:
    """Report *err* as a bug on *stream* and return `EXIT_INTERNAL`.

    Without *debug*, one line: the exception's type and message, and how to see more.
    With *debug*, that line followed by the full traceback.
    """
    from .report import escape_text

    kind = type(err).__qualname__
    detail = escape_text(str(err)).strip()
    line = f"genenorm: internal error (a bug in genenorm, please report it): {kind}"
    if detail:
        line += f": {detail}"
    if not debug:
        line += " (run with --debug for the traceback)"
    stream.write(line + "\n")
    if debug:
        import traceback  # 3 ms: only for a traceback

        stream.write("".join(traceback.format_exception(err)))
    stream.flush()
    return EXIT_INTERNAL
