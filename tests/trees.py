"""Folders of files compared byte for byte, for tests that write a data tree twice (an
import and its re-import, a tree read and written back) and expect the same bytes."""

from __future__ import annotations

import filecmp
from pathlib import Path


def differences(a: Path, b: Path) -> list[str]:
    """Every file that is in one tree and not the other, or differs in bytes."""
    compared = filecmp.dircmp(a, b)
    found = [f"only in {a}: {n}" for n in compared.left_only]
    found += [f"only in {b}: {n}" for n in compared.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, compared.common_files, shallow=False)
    found += [f"differs: {a / n}" for n in mismatch + errors]
    for name in compared.common_dirs:
        found += differences(a / name, b / name)
    return found
