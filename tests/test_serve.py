"""``npf serve`` watching its inputs (``build_scripts.serve``): what counts as a change,
when a change is built, and that the generator's own code is never built again in the
running process. The command itself is tested end to end in ``tests/site/test_serve.py``."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from build_scripts import serve, stamp
from build_scripts.config import Project, load_project
from build_scripts.site import ROOT

TICK = 0.02  # seconds between two looks, in these tests


def test_a_snapshot_changes_with_a_file_written_added_or_removed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    one = tmp_path / "a" / "one.csv"
    one.write_text("x\n1\n", encoding="utf-8")
    first = serve.snapshot([tmp_path / "a", tmp_path / "missing"])
    assert [name for name, _, _ in first] == [str(one)]
    assert serve.snapshot([tmp_path / "a"]) == first
    one.write_text("x\n12\n", encoding="utf-8")
    assert serve.snapshot([tmp_path / "a"]) != first
    written = serve.snapshot([tmp_path / "a"])
    (tmp_path / "a" / "two.csv").write_text("x\n", encoding="utf-8")
    assert serve.snapshot([tmp_path / "a"]) != written
    (tmp_path / "a" / "two.csv").unlink()
    assert serve.snapshot([tmp_path / "a"]) == written


def test_what_is_watched_is_the_data_and_the_project_never_the_generator(
    tmp_path: Path,
) -> None:
    project = load_project(ROOT)
    watched = serve.watched(tmp_path / "data", project)
    assert watched[0] == tmp_path / "data"
    assert project.paths.pages in watched
    assert ROOT / "npf.toml" in watched
    assert not set(watched) & set(stamp.GENERATOR_INPUTS)


class Watching:
    """``serve.watch`` in a thread, over a project whose data is ``data``, with a
    rebuild that records when it is called."""

    def __init__(self, data: Path, project: Project, code: Path, interval: float = TICK) -> None:
        self.interval = interval
        self.rebuilds = 0
        self.said: list[str] = []
        self.stop = threading.Event()
        self.project = project
        self.code = code
        self.thread = threading.Thread(
            target=serve.watch,
            args=(data, project, self.rebuild),
            kwargs={"say": self.said.append, "interval": interval, "stop": self.stop},
            daemon=True,
        )

    def rebuild(self) -> Project:
        self.rebuilds += 1
        return self.project

    def settle(self, rounds: int = 10) -> None:
        time.sleep(rounds * self.interval)

    def built(self, times: int) -> int:
        """The rebuilds once ``times`` have happened (or 10 s have passed) and the
        watcher has had time for any more: a loaded machine may be slow to run it."""
        deadline = time.monotonic() + 10
        while self.rebuilds < times and time.monotonic() < deadline:
            time.sleep(self.interval)
        self.settle()
        return self.rebuilds


def _watching(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interval: float) -> Watching:
    data = tmp_path / "data"
    (data / "indicators").mkdir(parents=True)
    (data / "indicators" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "index.md").write_text("# Home\n", encoding="utf-8")
    code = tmp_path / "build_scripts"
    code.mkdir()
    (code / "site.py").write_text("# code\n", encoding="utf-8")
    monkeypatch.setattr(serve, "GENERATOR_INPUTS", (code,))
    project = load_project(ROOT)
    project = replace(project, paths=replace(project.paths, pages=pages))
    w = Watching(data, project, code, interval)
    w.thread.start()
    w.settle(3)
    return w


@pytest.fixture
def watching(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Watching]:
    w = _watching(tmp_path, monkeypatch, TICK)
    yield w
    w.stop.set()
    w.thread.join(timeout=5)
    assert not w.thread.is_alive()


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()  # a later modification time, however coarse the clock
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_nothing_changed_builds_nothing(watching: Watching) -> None:
    watching.settle()
    assert watching.rebuilds == 0
    assert watching.said == []


def test_a_change_to_the_data_or_a_page_is_built_once(watching: Watching, tmp_path: Path) -> None:
    _write(tmp_path / "data" / "indicators" / "a.csv", "x\n2\n")
    assert watching.built(1) == 1
    _write(tmp_path / "pages" / "index.md", "# Home, again\n")
    assert watching.built(2) == 2


def test_a_change_still_being_written_is_built_when_it_settles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    watching = _watching(tmp_path, monkeypatch, interval=0.25)
    for n in range(8):  # a file written four times a look: not built half-way
        _write(tmp_path / "data" / "indicators" / f"b{n}.csv", "x\n")
        time.sleep(0.06)
    assert watching.built(1) == 1
    watching.stop.set()


def test_a_change_to_the_generator_is_said_and_never_built_here(
    watching: Watching, tmp_path: Path
) -> None:
    _write(watching.code / "site.py", "# new code\n")
    watching.settle()
    _write(tmp_path / "data" / "indicators" / "a.csv", "x\n3\n")
    watching.settle()
    assert watching.rebuilds == 0
    assert watching.said == [serve.CODE_CHANGED]


def test_a_change_made_during_the_first_build_is_built(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text("x\n1\n", encoding="utf-8")
    before = serve.snapshot([data])  # taken as the first build began
    _write(data / "a.csv", "x\n2\n")  # changed while it ran
    project = load_project(ROOT)
    w = Watching(data, project, tmp_path)
    stop = w.stop
    done = threading.Thread(
        target=serve.watch,
        args=(data, project, w.rebuild),
        kwargs={"since": before, "say": w.said.append, "interval": TICK, "stop": stop},
        daemon=True,
    )
    done.start()
    assert w.built(1) == 1
    stop.set()
    done.join(timeout=5)
