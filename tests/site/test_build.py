"""The whole build: deterministic, all-or-nothing, with a summary."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from build_scripts.charts.kept import CHECK as CHECK_CHARTS
from build_scripts.cli import main
from build_scripts.errors import NpfError
from build_scripts.pages.keys import CHECK
from build_scripts.site import BuildResult, build
from tests.site.conftest import (
    DATA,
    DEPLOYED_BY,
    PINNED_EPOCH,
    SITE_URL,
    own_state,
    project_folder,
)


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
        build(broken, previous, progress=False, project=own_state(tmp_path))
    assert error.value.problems, "the error carries located problems"
    assert any(p.column == "value" for p in error.value.problems)
    assert tree_hashes(previous) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


def test_cli_build_with_bad_data_exits_1_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = break_one_value(tmp_path / "data")
    project = str(project_folder(tmp_path / "project"))
    out = str(tmp_path / "out")
    code = main(["build", "--quiet", "--project", project, "--data", str(broken), "--out", out])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert ": value:" in err
    assert not (tmp_path / "out").exists()


def test_two_builds_give_identical_bytes(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From empty caches of its own: charts, workbooks and zips made again, not reused;
    built as the session's site was (deployed: its publisher and contact)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    for variable, value in DEPLOYED_BY.items():
        monkeypatch.setenv(variable, value)
    again = tmp_path / "again"
    state = own_state(tmp_path, SITE_URL)  # as the session's site was built
    build(DATA, again, progress=False, project=state)
    assert (state.paths.cache / "charts").is_dir() and (state.paths.cache / "downloads").is_dir()
    first, second = tree_hashes(site), tree_hashes(again)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def change_one_headline(data: Path) -> str:
    """Add 0.1 to the latest headline figure of the first indicator that has one (a
    test input in a copy, never published); return the indicator's slug."""
    for csv_path in sorted((data / "indicators").glob("*/*.csv")):
        with csv_path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        headline = [r for r in rows if r["breakdown_type"] == "total" and r["value"]]
        if headline:
            latest = max(headline, key=lambda r: r["period_start"])
            latest["value"] = repr(round(float(latest["value"]) + 0.1, 6))
            with csv_path.open("w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
                writer.writeheader()
                writer.writerows(rows)
            return csv_path.parent.name
    raise AssertionError("no indicator with a headline figure")


def test_rebuild_keeps_unchanged_pages_and_matches_a_full_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After one figure changes, the rebuild takes the pages whose inputs did not
    change from the page cache and the charts of the indicators that did not change
    from the chart cache (not rendered or planned, not checked: the check modes are
    off), and MkDocs renders only the pages whose text changed and keeps the rest; the
    site is byte for byte what a full build from empty caches writes. A failed rebuild
    after that leaves it as it was."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    monkeypatch.setenv(CHECK, "0")
    monkeypatch.setenv(CHECK_CHARTS, "0")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "site"
    state = own_state(tmp_path)
    first = build(data, out, progress=False, project=state)
    assert first.pages_kept == 0
    assert first.pages_cached == 0
    assert first.plans_kept == 0
    slug = change_one_headline(data)
    again = build(data, out, progress=False, project=state)
    assert 0 < again.pages - again.pages_kept < again.pages // 2
    assert f"({again.pages_kept} unchanged, kept)" in again.summary()
    # every indicator page but the changed one, and every evidence page
    assert again.pages_cached >= len(list((data / "indicators").iterdir())) - 1
    assert again.plans_kept >= len(list((data / "indicators").iterdir())) - 1
    full = tmp_path / "full"
    fresh_state = own_state(tmp_path / "fresh")
    assert build(data, full, progress=False, project=fresh_state).pages_kept == 0
    rebuilt, fresh = tree_hashes(out), tree_hashes(full)
    assert sorted(rebuilt) == sorted(fresh)
    assert [name for name in fresh if rebuilt[name] != fresh[name]] == []
    assert f"indicators/{slug}.html" in rebuilt

    broken = break_one_value(tmp_path / "other")
    with pytest.raises(NpfError):
        build(broken, out, progress=False, project=state)
    assert tree_hashes(out) == rebuilt
