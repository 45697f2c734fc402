"""Where commands write: refused before any work when unsafe, locked, swapped whole,
readable by everyone (issue 8)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.errors import NpfError
from build_scripts.output import (
    ROOT,
    SITE_MARKER,
    check_output,
    clean_stale,
    is_data_tree,
    is_site,
    locked,
    replace_dir,
)


def check(out: Path, data: Path) -> Path:
    return check_output(out, inputs={"data folder": data}, made_here=is_site, what="a site")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "project" / "data"
    (folder / "framework").mkdir(parents=True)
    (folder / "framework" / "datapackage.json").write_text("{}")
    return folder


@pytest.mark.parametrize(
    ("out", "reason"),
    [
        ("data", "is the data folder"),
        ("data/indicators", "lies inside the data folder"),
        (".", "holds the data folder"),
        ("..", "holds the data folder"),
    ],
)
def test_the_data_folder_is_never_an_output(data: Path, out: str, reason: str) -> None:
    with pytest.raises(NpfError, match=reason) as error:
        check(data.parent / out, data)
    assert "nothing was changed" in error.value.message


def test_the_project_and_git_work_trees_are_never_outputs(data: Path, tmp_path: Path) -> None:
    for out, reason in [
        (ROOT, "holds the data folder|the project"),
        (ROOT / "docs", "is the project's own docs"),
        (ROOT / "build_scripts" / "site", "lies inside the project's own build_scripts"),
        (ROOT.parent, "holds"),
    ]:
        with pytest.raises(NpfError, match=reason):
            check(out, data)
    clone = tmp_path / "elsewhere" / "clone"
    (clone / ".git").mkdir(parents=True)
    with pytest.raises(NpfError, match="is the root of a git work tree"):
        check(clone, data)
    with pytest.raises(NpfError, match="holds the root of a git work tree"):
        check(clone.parent, data)


def test_only_a_site_or_an_empty_folder_is_replaced(data: Path, tmp_path: Path) -> None:
    assert check(tmp_path / "new" / "site", data) == (tmp_path / "new" / "site").resolve()
    empty = tmp_path / "empty"
    empty.mkdir()
    assert check(empty, data) == empty.resolve()
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "thesis.txt").write_text("years of work")
    with pytest.raises(NpfError, match="holds files that were not made as a site"):
        check(notes, data)
    (notes / SITE_MARKER).write_text("")
    assert check(notes, data) == notes.resolve()
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(NpfError, match="is not a folder"):
        check(a_file, data)


def test_an_unwritable_place_fails_early_with_the_reason(data: Path, tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(NpfError, match="is not writable"):
        check(a_file / "site", data)
    with pytest.raises(NpfError, match="is not writable"):
        check(Path("/proc/npf-site"), data)


def test_a_data_tree_is_what_the_importer_writes(tmp_path: Path) -> None:
    (tmp_path / "framework").mkdir()
    (tmp_path / "indicators").mkdir()
    assert is_data_tree(tmp_path)
    (tmp_path / "README.md").write_text("mine")
    assert not is_data_tree(tmp_path)


def test_replace_dir_swaps_whole_and_readable(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("old")
    old_umask = os.umask(0o077)
    try:
        with replace_dir(target) as work:
            (work / "sub").mkdir()
            (work / "sub" / "new.html").write_text("new")
            assert stat.S_IMODE(work.stat().st_mode) == 0o700
    finally:
        os.umask(old_umask)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == [
        "sub",
        "sub/new.html",
    ]
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in [target, *target.rglob("*")]}
    assert modes == {"site": 0o755, "sub": 0o755, "new.html": 0o644}
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_replace_dir_leaves_the_target_on_failure_or_interrupt(tmp_path: Path) -> None:
    target = tmp_path / "site"
    target.mkdir()
    (target / "index.html").write_text("published")
    for error in (RuntimeError("stage failed"), KeyboardInterrupt()):
        with pytest.raises(type(error)), replace_dir(target) as work:
            (work / "index.html").write_text("half")
            raise error
        assert (target / "index.html").read_text() == "published"
        assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_clean_stale_removes_only_what_an_interrupted_command_left(tmp_path: Path) -> None:
    target = tmp_path / "site"
    left = [tmp_path / ".site.new-abc123", tmp_path / ".site.new-old-42"]
    for folder in left:
        (folder / "charts").mkdir(parents=True)
    kept = [tmp_path / ".site.backup", tmp_path / "site.new-x", tmp_path / ".other.new-1"]
    for folder in kept:
        folder.mkdir()
    assert clean_stale(target) == sorted(left)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in kept)


def test_a_second_command_on_the_same_output_stops_with_the_holder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    with locked(target):
        code = (
            "import sys; from pathlib import Path; from build_scripts.output import locked\n"
            "from build_scripts.errors import NpfError\n"
            "try:\n"
            f"    with locked(Path({str(target)!r})): pass\n"
            "except NpfError as e:\n"
            "    print(e.message); sys.exit(1)\n"
        )
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert run.returncode == 1
        assert f"being written by another npf command (process {os.getpid()})" in run.stdout
    with locked(target):  # free again, and the lock file goes with the holder
        pass
    assert list(tmp_path.iterdir()) == []
