"""Child processes that never outlive the command, and signals that stop it cleanly.

A command's children (the validator running beside the build, MkDocs) are started by
``child_command``: Linux stops them when the command dies, however it dies (``kill -9``
included). ``stop_on_signals`` turns a polite stop (SIGTERM, SIGHUP) into the same
``KeyboardInterrupt`` as Ctrl+C, so every ``with`` and ``finally`` on the way out runs:
temporary folders are removed, children are stopped and the output is left as it was.
"""

from __future__ import annotations

import ctypes
import os
import runpy
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Self

_PR_SET_PDEATHSIG = 1

WORKERS_VARIABLE = "NPF_WORKERS"
# Charts and pages are rendered by at most this many processes each: more gains little,
# and each holds its own copy of vl-convert's runtime or of what it changes of the model.
MAX_WORKERS = 8
# Seconds a child asked to stop has to clean up before it is killed.
STOP_GRACE = 5.0


def workers() -> int:
    """How many processes may share the independent work of a build (the charts, the
    pages): the cores this process may use, at most ``MAX_WORKERS``, or ``NPF_WORKERS``
    when set to a whole number (1: everything in one process)."""
    said = os.environ.get(WORKERS_VARIABLE, "").strip()
    if said.isdigit() and int(said) > 0:
        return min(int(said), MAX_WORKERS)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


def child_command(module: str, *args: str) -> list[str]:
    """The command that runs ``python -m module args`` as a child that dies with this
    process (this module's ``__main__`` arms it, then runs the module)."""
    return [sys.executable, "-m", __name__, str(os.getpid()), module, *args]


class Child:
    """A child process (``python -m module args``, started by ``child_command``) held by a
    ``with`` block: killed if it is still running when the block ends, however it ends.
    ``output``: keep its standard output and error to read (else they are discarded)."""

    def __init__(self, module: str, *args: str, output: bool = True) -> None:
        pipe = subprocess.PIPE if output else subprocess.DEVNULL
        self.process = subprocess.Popen(child_command(module, *args), stdout=pipe, stderr=pipe)

    def stop(self) -> None:
        """Ask the child to stop (SIGTERM, which a child under ``stop_on_signals``
        turns into ``KeyboardInterrupt``, so that it removes what it was writing and
        stops its own workers); kill it if it has not stopped within ``STOP_GRACE``
        seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.communicate(timeout=STOP_GRACE)
                return
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process.communicate()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies; exit at once if the parent
    (process ``parent``) is already gone. Elsewhere, nothing."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        raise SystemExit(1)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP raise ``KeyboardInterrupt``."""
    previous = {s: signal.signal(s, _interrupt) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _stop_once(signum: int, frame: FrameType | None) -> None:
    for stop in STOPS:
        signal.signal(stop, signal.SIG_IGN)
    raise KeyboardInterrupt(signal.Signals(signum).name)


def stop_once() -> None:
    """For the rest of this process (a child's ``__main__``): the first Ctrl+C, SIGTERM
    or SIGHUP raises ``KeyboardInterrupt`` and the next are ignored, so that the
    cleanup the first starts (stopping a pool, removing a half-written file) is not cut
    short. (A stop from the terminal sends SIGINT to the build and every child, then
    the build stops its children with SIGTERM: ``Child.stop``.)"""
    for stop in STOPS:
        signal.signal(stop, _stop_once)


def _run_child(argv: list[str]) -> None:
    parent, module, *args = argv
    die_with_parent(int(parent))
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    _run_child(sys.argv[1:])
