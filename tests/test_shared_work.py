"""Pieces of work shared among forked workers: each done once, by a worker when there
are many, in this process when there are few; a failing worker is reported."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from build_scripts import shared_work


def noting(folder: Path, fail: int | None = None) -> Callable[[int], None]:
    def work(number: int) -> None:
        if number == fail:
            raise ValueError(f"piece {number}")
        (folder / f"{number}.{os.getpid()}").write_text("", encoding="utf-8")

    return work


def done(folder: Path) -> dict[int, set[int]]:
    """The processes that did each piece, by piece."""
    found: dict[int, set[int]] = {}
    for path in folder.iterdir():
        number, pid = path.name.split(".")
        found.setdefault(int(number), set()).add(int(pid))
    return found


def test_few_pieces_stay_in_this_process_and_many_are_shared() -> None:
    least = shared_work.MIN_PIECES_PER_WORKER
    assert shared_work.shares(1, 8) == 1
    assert shared_work.shares(least * 2 - 1, 2) == 1
    assert shared_work.shares(least * 2, 2) == 2
    assert shared_work.shares(10_000, 1) == 1


def test_many_pieces_are_each_done_once_by_a_worker(tmp_path: Path) -> None:
    shared_work.run(40, noting(tmp_path), workers=3)
    made = done(tmp_path)
    assert sorted(made) == list(range(40))
    assert all(len(pids) == 1 for pids in made.values())
    pids = set().union(*made.values())
    assert pids and os.getpid() not in pids


def test_few_pieces_are_done_here(tmp_path: Path) -> None:
    shared_work.run(3, noting(tmp_path), workers=4)
    assert done(tmp_path) == {n: {os.getpid()} for n in range(3)}


def test_a_failing_worker_is_reported_once_the_others_are_done(tmp_path: Path) -> None:
    with pytest.raises(shared_work.WorkerFailed, match="1 of 2 workers"):
        shared_work.run(20, noting(tmp_path, fail=1), workers=2)
    made = done(tmp_path)
    assert set(made) == set(range(20)) - {1}  # the other worker did the rest


def test_an_error_in_this_process_is_raised_as_it_is(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="piece 1"):
        shared_work.run(3, noting(tmp_path, fail=1), workers=2)
