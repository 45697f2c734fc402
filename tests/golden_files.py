"""Golden copies of generated output: compared with what the code makes now, rewritten by
``make golden`` (which sets ``UPDATE_GOLDEN=1`` and runs the tests marked ``golden``).

A difference fails with a unified diff of the golden copy against the new output, so a
reviewer reads what changed rather than two blobs."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

UPDATE = "make golden"
MAX_DIFF_LINES = 120


def updating() -> bool:
    """Whether this run rewrites the golden copies instead of checking them."""
    return bool(os.environ.get("UPDATE_GOLDEN"))


def diff(expected: str, got: str, name: str) -> str:
    """A unified diff of ``expected`` (the golden copy) against ``got``, cut short."""
    lines = list(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            got.splitlines(keepends=True),
            fromfile=f"{name} (golden)",
            tofile=f"{name} (built now)",
            n=2,
        )
    )
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... and {len(lines) - MAX_DIFF_LINES} lines more\n"]
    return "".join(lines)


def check_text(path: Path, got: str) -> None:
    """``got`` equals the golden copy at ``path`` (rewritten first when updating)."""
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8", newline="")
    if not path.is_file():
        pytest.fail(f"no golden copy {path}: run `{UPDATE}` and review it")
    expected = path.read_bytes().decode("utf-8")
    if got != expected:
        pytest.fail(
            f"the output differs from its golden copy {path}; if the change is intended, "
            f"run `{UPDATE}` and review `git diff`:\n{diff(expected, got, path.name)}",
            pytrace=False,
        )


def check_tree(folder: Path, files: dict[str, str]) -> None:
    """Every file of ``files`` (path under ``folder`` to text) equals its golden copy, and
    ``folder`` holds no other. Updating rewrites the folder to exactly ``files``. All the
    differences are reported at once."""
    if updating():
        for old in (p for p in folder.rglob("*") if p.is_file()):
            if old.relative_to(folder).as_posix() not in files:
                old.unlink()
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8", newline="")
    kept = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    problems = [f"new, no golden copy: {name}" for name in sorted(files.keys() - kept)]
    problems += [f"golden copy of nothing built: {name}" for name in sorted(kept - files.keys())]
    for name in sorted(files.keys() & kept):
        expected = (folder / name).read_bytes().decode("utf-8")
        if files[name] != expected:
            problems.append(diff(expected, files[name], name))
    if problems:
        pytest.fail(
            f"the output differs from its golden copies in {folder}; if the change is "
            f"intended, run `{UPDATE}` and review `git diff`:\n" + "\n".join(problems),
            pytrace=False,
        )
