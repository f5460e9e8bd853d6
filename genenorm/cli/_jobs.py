"""``--jobs N``: a corpus judged in worker processes, its records written in input order.

A command splits its input into *spans* (a run of figures of a hit table), and each span's
output text is made by a worker process: judged and formatted there, so that only text and
counts come back (sending the verdict objects back cost about 40 % of the work in the Dask
measurements of issue 13). The parent writes the texts in span order, so the output is the
same bytes as a run in one process: figures are judged independently, and what a worker
caches (by subject, never by figure) changes no verdict.

Workers are forked from the parent after it loaded the snapshot, so they share its tables
(copy on write) and start judging at once. Where ``fork`` is not available (Windows), or
with one job, everything runs in this process. A worker that dies (killed, out of memory)
ends the run with an error instead of a hang (`concurrent.futures` notices a broken pool).
"""

from __future__ import annotations

import argparse
import collections
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from ..exceptions import WorkerDiedError

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["available_cpus", "job_count", "jobs_wanted", "ordered_in_workers"]

#: Spans in flight per worker process in `ordered_in_workers`: enough that no worker waits
#: for the next while the parent writes, few enough that finished results do not pile up.
AHEAD = 4

S = TypeVar("S")
R = TypeVar("R")
T = TypeVar("T")


def available_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def job_count(text: str) -> int:
    """``--jobs`` as argparse reads it: a whole number, 0 for one job per available CPU."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (one per CPU) or more: {text!r}")
    return n or available_cpus()


def jobs_wanted(args: argparse.Namespace) -> int:
    """How many processes to judge in: ``--jobs``, at most one per available CPU (judging
    is CPU-bound: more processes only cost forks and memory), 1 where workers cannot be
    forked."""
    import multiprocessing  # here: the parser imports this module, `resolve` never forks

    jobs = min(int(getattr(args, "jobs", 1) or 1), available_cpus())
    if jobs > 1 and "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return jobs


class _Worker:
    """What a worker process runs: *work* on the state it inherited by forking."""

    #: The state `start` was given, in a worker (a list, so that any state, ``None`` too,
    #: tells a started worker from one that is not).
    started: ClassVar[list[Any]] = []

    @classmethod
    def start(cls, state: object) -> None:
        cls.started[:] = [state]

    @classmethod
    def run(cls, work: Callable[[T, S], R], span: S) -> R:
        if not cls.started:
            raise RuntimeError("a worker ran before it was started")
        state: T = cls.started[0]
        return work(state, span)


def ordered_in_workers(
    work: Callable[[T, S], R], state: T, spans: Iterable[S], jobs: int
) -> Iterator[R]:
    """``work(state, span)`` for each span, in *jobs* forked worker processes, the results in
    span order (as soon as the ones before them are in).

    *state* reaches the workers by forking, never pickled; *work* must be a module-level
    function and the spans and results picklable. With *jobs* 1, everything runs here.

    Raises:
        WorkerDiedError: a worker process died.
    """
    spans = list(spans)
    jobs = min(jobs, len(spans))  # no idle workers: a fork costs more than a small span
    if jobs <= 1:
        for span in spans:
            yield work(state, span)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    todo = iter(spans)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_Worker.start, initargs=(state,)
    ) as pool:
        # At most `AHEAD` spans a worker in flight: the results wait here in span order, and
        # a corpus's whole output (hundreds of MB) must not (`ordered_in_workers`'s caller
        # writes each result before asking for the next).
        ahead: collections.deque[Future[R]] = collections.deque(
            pool.submit(_Worker.run, work, span) for span in itertools.islice(todo, AHEAD * jobs)
        )
        try:
            while ahead:
                try:
                    result = ahead.popleft().result()
                except BrokenProcessPool as err:
                    raise WorkerDiedError(f"a worker process died ({err})") from None
                for span in itertools.islice(todo, 1):
                    ahead.append(pool.submit(_Worker.run, work, span))
                yield result
                del result
        finally:
            for future in ahead:
                future.cancel()
