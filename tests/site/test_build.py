"""The whole build: deterministic, all-or-nothing, with a summary."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.errors import NpfError
from build_scripts.site import BuildResult, build
from tests.site.conftest import DATA, PINNED_EPOCH


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def break_one_value(data: Path) -> Path:
    """A copy of the data with one figure that is not a number."""
    broken = data.parent / "broken"
    shutil.copytree(DATA, broken)
    for csv_path in sorted((broken / "indicators").glob("*/*.csv")):
        lines = csv_path.read_text(encoding="utf-8").splitlines()
        if len(lines) > 1:
            header = lines[0].split(",")
            cells = lines[1].split(",")
            cells[header.index("value")] = "not-a-number"
            lines[1] = ",".join(cells)
            csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return broken
    raise AssertionError("no indicator with data")


def test_summary_counts_pages_and_charts(site_build: tuple[Path, BuildResult]) -> None:
    _, result = site_build
    assert result.pages > 100
    assert result.charts > 80
    assert "pages" in result.summary() and "charts" in result.summary()


def test_failed_build_leaves_previous_site(site: Path, tmp_path: Path) -> None:
    previous = tmp_path / "site"
    shutil.copytree(site, previous)
    before = tree_hashes(previous)
    broken = break_one_value(tmp_path / "data")
    with pytest.raises(NpfError) as error:
        build(broken, previous, progress=False)
    assert error.value.problems, "the error carries located problems"
    assert any(p.column == "value" for p in error.value.problems)
    assert tree_hashes(previous) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


def test_cli_build_with_bad_data_exits_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = break_one_value(tmp_path / "data")
    code = main(["build", "--quiet", "--data", str(broken), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert ": value:" in err
    assert not (tmp_path / "out").exists()


def test_two_builds_give_identical_bytes(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    again = tmp_path / "again"
    build(DATA, again, progress=False)
    first, second = tree_hashes(site), tree_hashes(again)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []
