"""Each indicator's charts (and the equality evidence charts) kept under a key of what
planning them reads (``charts.kept``): read back when nothing they read changed,
planned again when their package, the framework or the project did, and the check mode
that catches a key missing an input."""

from __future__ import annotations

import dataclasses
import pickle
import shutil
from pathlib import Path

import pytest

from build_scripts.charts.kept import PlanCache, plan_base, same_charts
from build_scripts.charts.model import Chart
from build_scripts.charts.plan import plan_charts
from build_scripts.config import Project, default_project
from build_scripts.errors import NpfError
from build_scripts.load import load_framework
from tests.charts.test_spec_cache import FIXTURE, _as_text


def _plan(
    data: Path, folder: Path, project: Project | None = None, *, check: bool = False
) -> tuple[list[Chart], PlanCache]:
    project = project or default_project()
    kept = PlanCache(folder, data, plan_base(project), check=check)
    return plan_charts(load_framework(data, project), project, kept=kept), kept


def _kept(data: Path) -> int:
    """How many entries a plan keeps: one per indicator, one for the evidence charts."""
    return len(load_framework(data).indicators) + 1


def _copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    return data


def test_kept_charts_are_the_charts_planned(tmp_path: Path) -> None:
    plain = plan_charts(load_framework(FIXTURE))
    cold, first = _plan(FIXTURE, tmp_path / "plans")
    warm, again = _plan(FIXTURE, tmp_path / "plans")
    assert (first.hits, again.hits) == (0, _kept(FIXTURE))
    assert len(plain) >= 5
    assert _as_text(cold) == _as_text(plain)
    assert _as_text(warm) == _as_text(plain)
    assert same_charts(warm, plain)


def test_a_changed_package_is_planned_again_and_the_others_kept(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _plan(data, tmp_path / "plans")
    package = sorted((data / "indicators").iterdir())[0]
    csv = next(package.glob("*.csv"))
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    csv.write_text("".join(lines[:-1]), encoding="utf-8")  # its last figure gone
    charts, again = _plan(data, tmp_path / "plans")
    assert again.hits == _kept(data) - 1
    assert _as_text(charts) == _as_text(plan_charts(load_framework(data)))
    evidence = next((data / "equality-evidence").rglob("*.csv"))
    lines = evidence.read_text(encoding="utf-8").splitlines(keepends=True)
    evidence.write_text("".join(lines[:-1]), encoding="utf-8")
    charts, again = _plan(data, tmp_path / "plans")
    assert again.hits == _kept(data) - 1  # the indicators, not the evidence
    assert _as_text(charts) == _as_text(plan_charts(load_framework(data)))


def test_the_framework_and_the_project_are_in_every_key(tmp_path: Path) -> None:
    data = _copy(tmp_path)
    _plan(data, tmp_path / "plans")
    project = default_project()
    other = dataclasses.replace(project, place=project.place + " and beyond")
    charts, kept = _plan(data, tmp_path / "plans", other)
    assert kept.hits == 0
    assert any("and beyond" in repr(c.series) for c in charts)
    units = data / "framework" / "units.csv"
    units.write_text(units.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _plan(data, tmp_path / "plans")[1].hits == 0


def test_a_spoilt_file_is_planned_again(tmp_path: Path) -> None:
    planned, _ = _plan(FIXTURE, tmp_path / "plans")
    for path in (tmp_path / "plans").rglob("*.pickle"):
        path.write_bytes(b"not a pickle")
    charts, kept = _plan(FIXTURE, tmp_path / "plans")
    assert kept.hits == 0
    assert same_charts(charts, planned)
    assert _plan(FIXTURE, tmp_path / "plans")[1].hits == _kept(FIXTURE)


def test_the_check_mode_refuses_stale_charts(tmp_path: Path) -> None:
    _plan(FIXTURE, tmp_path / "plans")
    checked, kept = _plan(FIXTURE, tmp_path / "plans", check=True)
    assert kept.hits == _kept(FIXTURE)  # planned, and the same
    # a key that missed an input: the kept charts say another title
    path = max((tmp_path / "plans").rglob("*.pickle"), key=lambda p: p.stat().st_size)
    charts = pickle.loads(path.read_bytes())
    stale = [dataclasses.replace(charts[0], title=charts[0].title + " (old)"), *charts[1:]]
    path.write_bytes(pickle.dumps(stale))
    assert not same_charts(_plan(FIXTURE, tmp_path / "plans")[0], checked)  # taken, unchecked
    with pytest.raises(NpfError, match="differ from the charts planned again"):
        _plan(FIXTURE, tmp_path / "plans", check=True)
