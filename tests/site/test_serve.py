"""``npf serve`` end to end: the site served, built again when a figure changes, and
served on, as it was, when a change breaks the data (the error located, once)."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import IO

from tests.site.test_project import make_project

WAIT = 300  # seconds: a cold build of the small project on a loaded machine


def _ctrl_c_as_at_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Command:
    """A running ``npf serve``, its standard output and error read line by line, in the
    order they were written."""

    def __init__(self, *args: str, cwd: Path) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "build_scripts", *args],
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,  # one stream: the lines in the order written
            text=True,
            # Ctrl+C as at a terminal, even when the tests run where SIGINT is ignored
            # (a background job of a shell without job control), which a child inherits.
            preexec_fn=_ctrl_c_as_at_a_terminal,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def expect(self, pattern: str) -> re.Match[str]:
        """The first line from now on that matches ``pattern``."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                assert self.process.poll() is None, "\n".join(self.seen)
                continue
            self.seen.append(line)
            if found := re.search(pattern, line):
                return found
        raise AssertionError(f"no line matched {pattern!r}:\n" + "\n".join(self.seen))


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return str(response.read().decode("utf-8"))


def test_npf_serve_builds_a_changed_figure_and_serves_on_through_a_broken_one(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "served", "Served Project")
    figures = project / "data" / "indicators" / "green-space" / "green-space.csv"
    serving = Command("serve", "--project", str(project), "--port", "0", "--quiet", cwd=tmp_path)
    try:
        address = serving.expect(r"serving .* at (http://127\.0\.0\.1:\d+/)").group(1)
        page = address + "indicators/green-space.html"
        assert "66.1%" in _get(page)

        text = figures.read_text(encoding="utf-8")
        figures.write_text(text.replace(",Total,,,66.1,", ",Total,,,67.4,"), encoding="utf-8")
        serving.expect(r"^built \d+ pages")
        changed = _get(page)
        assert "67.4%" in changed and "66.1%" not in changed

        figures.write_text(text.replace(",Total,,,66.1,", ",Total,,,sixty,"), encoding="utf-8")
        serving.expect(r"green-space\.csv:\d+: value")  # located: file, row, column
        serving.expect(r"^error: ")
        serving.expect(r"still being served")
        assert _get(page) == changed, "a failed build changed the site being served"
    finally:
        serving.process.send_signal(signal.SIGINT)
        try:
            serving.process.wait(timeout=60)
        finally:
            if serving.process.poll() is None:
                serving.process.kill()
    assert serving.process.returncode == 0
