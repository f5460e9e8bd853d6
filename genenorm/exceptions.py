"""Every exception genenorm raises on purpose.

All inherit from `GenenormError`; each leaf also inherits the builtin it refines, so
``except ValueError`` keeps working for callers who do not know genenorm.
"""

from __future__ import annotations

__all__ = [
    "BackendUnavailableError",
    "ConfigurationError",
    "GenenormError",
    "NoInputError",
    "PageError",
    "SnapshotError",
    "UnknownSymbolError",
    "WorkerDiedError",
]


class GenenormError(Exception):
    """Base class of every genenorm error."""


class ConfigurationError(GenenormError, ValueError):
    """An option or setting has a value genenorm cannot use (a malformed ``--mygene-url`` or
    ``$GENENORM_MYGENE_URL``, a timeout out of range, an unknown source name, ...).

    .. versionadded:: 0.1.0
    """


class SnapshotError(GenenormError, ValueError):
    """A data snapshot is missing, truncated, corrupted or of an unknown format.

    The message names the offending file.
    """

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        #: The file that could not be read, when one is known.
        self.path = path


class UnknownSymbolError(GenenormError, LookupError):
    """A strict lookup found no single current HGNC gene for a term."""

    def __init__(self, message: str, *, query: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        #: The term that was looked up.
        self.query = query
        #: Approved symbols of the candidates, best first (empty when nothing matched).
        self.candidates = candidates


class PageError(GenenormError, ValueError):
    """A PFOCR page or hit table cannot be read (malformed YAML, missing columns, ...).

    The message names the file and, where the parser reports it, the line.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        #: The file that could not be read, when one is known.
        self.path = path
        #: 1-based line number, when the parser reports one.
        self.line = line


class NoInputError(PageError):
    """A path given as input holds no page at all (a directory without ``*.md`` files).

    ``path`` is the directory; a corpus run reports it as that input's error record.

    .. versionadded:: 0.1.0
    """


class BackendUnavailableError(GenenormError, ConnectionError):
    """A live source (MyGene.info) kept failing after all retries.

    ``affected`` says how many input terms could not be resolved because of it.
    """

    def __init__(self, message: str, *, affected: int) -> None:
        super().__init__(message)
        #: Number of input terms left unresolved by the failure.
        self.affected = affected


class WorkerDiedError(GenenormError, RuntimeError):
    """A worker process of a ``--jobs`` run ended without its result (killed, out of
    memory): the run's output is incomplete."""
