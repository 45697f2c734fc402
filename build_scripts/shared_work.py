"""Independent pieces of work shared among forked processes, with a bound on memory.

``run(count, work, workers)`` calls ``work(0)`` ... ``work(count - 1)``, in this process
when there are few, else in forked workers, which inherit ``work`` and what it reads:
nothing crosses between the processes but a shared count of the pieces taken. Each
worker takes the next piece not taken until none is left, so the pieces in order of
cost, largest first, keep every worker busy to the end. Each piece must leave its
result on disk, whole or not at all (as ``downloads.cached_file`` does), since the
pieces may be done in any order by any process.

Memory: at most ``workers`` processes, each doing one piece at a time. Stopping: a
worker dies with the process that forked it (``processes.die_with_parent``) and leaves
Ctrl+C to it; when that process stops (Ctrl+C, SIGTERM, a failure), each worker is sent
SIGTERM and ends by ``SystemExit``, so the ``finally`` of the piece it is in removes its
temporary file before it goes.

(``multiprocessing.Pool`` was tried first: after ``close`` and ``join``, leaving its
``with`` block hung for good now and then on Python 3.11, waiting for a queue's lock.)
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

from build_scripts.processes import STOP_GRACE, die_with_parent

# Sharing is worth forking for this many pieces a worker or more (a fork costs little,
# but a piece such as one package's downloads can cost as little as 20 ms).
MIN_PIECES_PER_WORKER = 4


class WorkerFailed(Exception):
    """A worker ended without doing all its pieces (its error went to standard error);
    the pieces not done are still to do."""


def shares(count: int, workers: int) -> int:
    """How many processes ``count`` pieces are shared among: 1 (this process alone)
    when there are fewer than ``MIN_PIECES_PER_WORKER`` a worker or forking is not
    available, else ``workers``."""
    if workers <= 1 or count < MIN_PIECES_PER_WORKER * workers:
        return 1
    return workers if "fork" in multiprocessing.get_all_start_methods() else 1


def run(count: int, work: Callable[[int], None], workers: int) -> None:
    """``work(n)`` for each ``n`` below ``count``, by ``shares(count, workers)``
    processes. An error in this process is raised as it is; a worker that fails raises
    ``WorkerFailed`` here once every worker has ended."""
    processes = shares(count, workers)
    if processes == 1:
        for number in range(count):
            work(number)
        return
    context = multiprocessing.get_context("fork")
    parent = os.getpid()
    taken = context.Value("q", 0)  # how many pieces the workers have taken
    started: list[BaseProcess] = []
    try:
        for _ in range(processes):
            started.append(context.Process(target=_take, args=(work, count, taken, parent)))
            started[-1].start()
        for worker in started:
            worker.join()
    finally:
        _stop(started)
    failed = [w.exitcode for w in started if w.exitcode != 0]
    if failed:
        raise WorkerFailed(f"{len(failed)} of {processes} workers failed ({failed})")


def _stop(workers: list[BaseProcess]) -> None:
    """Each worker still running asked to stop (SIGTERM), then killed if it has not
    within ``STOP_GRACE`` seconds; every one waited for."""
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    for worker in workers:
        worker.join(STOP_GRACE)
        if worker.is_alive():
            worker.kill()
            worker.join()


def _take(work: Callable[[int], None], count: int, taken: Any, parent: int) -> None:
    """Worker: the next piece not taken, until none is left."""
    _worker_start(parent)
    while True:
        with taken.get_lock():
            number = taken.value
            taken.value = number + 1
        if number >= count:
            return
        work(number)


def _exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _worker_start(parent: int) -> None:
    """A worker dies with the process that forked it and leaves Ctrl+C to it, which
    stops the workers with SIGTERM: that ends a worker by ``SystemExit``, so the piece
    it is in runs its ``finally`` (removing a half-written file) and it ends without a
    traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit)
    signal.signal(signal.SIGHUP, _exit)
    die_with_parent(parent)
