"""Children die with the command; SIGTERM stops a command as Ctrl+C does (issue 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_scripts.processes import (
    MAX_WORKERS,
    WORKERS_VARIABLE,
    child_command,
    stop_on_signals,
    workers,
)

PARENT = """
import subprocess, sys, time
from build_scripts.processes import child_command
child = subprocess.Popen(child_command("http.server", "0", "--bind", "127.0.0.1"),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(child.pid, flush=True)
time.sleep(120)
"""


def alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux parent-death signal")
def test_a_child_dies_when_its_parent_is_killed() -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    time.sleep(0.5)  # the child is serving, armed
    assert alive(child)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child)


def test_child_command_runs_the_module_with_its_arguments() -> None:
    done = subprocess.run(
        child_command("json.tool", "--compact"),
        input='{"a": [1, 2]}',
        capture_output=True,
        text=True,
    )
    assert done.stdout == '{"a":[1,2]}\n'


def test_sigterm_raises_keyboard_interrupt_while_it_runs() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt), stop_on_signals():
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)
    assert signal.getsignal(signal.SIGTERM) == before


def test_workers_are_the_cores_or_what_npf_workers_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert workers() == max(1, min(cores or 1, MAX_WORKERS))
    monkeypatch.setenv(WORKERS_VARIABLE, "1")
    assert workers() == 1
    monkeypatch.setenv(WORKERS_VARIABLE, "100")
    assert workers() == MAX_WORKERS
    for unusable in ("0", "-2", "two", ""):
        monkeypatch.setenv(WORKERS_VARIABLE, unusable)
        assert workers() == max(1, min(cores or 1, MAX_WORKERS))
