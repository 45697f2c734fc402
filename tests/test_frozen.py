"""Embeds frozen to a release (``frozen``): made from the release's recorded data, not
today's; a second build takes them from the cache's list without loading or rendering
anything; their links lead to the latest figures while there are any; and a release whose
data cannot be read stops the build with the release named."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from build_scripts import frozen, messages, urls
from build_scripts.charts.plan import plan_charts
from build_scripts.config import Project, load_project
from build_scripts.errors import NpfError
from build_scripts.frozen import Now, freeze_embeds
from build_scripts.load import load_framework
from build_scripts.model import Framework
from build_scripts.release import Release, load_releases, record_release
from tests.releasing import CHANGED, add_figure, make_project

HEADLINE = f"{CHANGED}--measure-1--total"


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A project with release 2026.1 recorded, and a figure added since."""
    project = load_project(make_project(tmp_path_factory.mktemp("frozen") / "project"))
    record_release("2026.1", project.paths.data, project, when="2026-01-15")
    add_figure(project.paths.data, CHANGED)
    return project


def today(project: Project) -> tuple[Framework, list[Any]]:
    framework = load_framework(project.paths.data, project)
    return framework, plan_charts(framework, project)


def freeze(project: Project) -> tuple[tuple[Release, ...], dict[str, Path]]:
    framework, charts = today(project)
    with messages.use(messages.catalogue(project.language)):
        return freeze_embeds(
            load_releases(project.paths.release_records), framework, charts, project
        )


def periods(path: Path) -> list[str]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return [row.find("td").get_text() for row in page.select("details table tbody tr")]


def test_the_release_figures_not_today(released: Project) -> None:
    (release,), files = freeze(released)
    page = files[urls.embed_release("2026.1", HEADLINE)]
    framework, _ = today(released)
    now = sorted(f.period for f in framework.indicators[CHANGED].series("measure-1"))
    assert periods(page) == now[:-1]  # all but the figure added since the release
    assert release.embeds[HEADLINE].title == "Measure 1 of indicator 3"
    assert release.embeds[HEADLINE].height > 200
    # every chart frozen has its page and its image among the files
    for chart in release.embeds:
        assert urls.embed_release("2026.1", chart) in files
    images = [name for name in files if name.startswith("charts/releases/")]
    assert images and all(files[name].read_text().startswith("<svg") for name in images)


def test_a_warm_build_loads_and_renders_nothing(
    released: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = freeze(released)

    def refused(*args: object, **kwargs: object) -> Any:
        raise AssertionError("a warm build read a release's data or rendered a chart")

    monkeypatch.setattr(frozen, "load_framework", refused)
    monkeypatch.setattr(frozen, "render_all", refused)
    monkeypatch.setattr(frozen.release, "unzipped", refused)
    second = freeze(released)
    assert second == first
    assert {k: v.read_bytes() for k, v in second[1].items()} == {
        k: v.read_bytes() for k, v in first[1].items()
    }


def test_the_links_lead_to_the_latest_figures_while_there_are_any() -> None:
    now = Now(frozenset({"a--m--total"}), frozenset({"a", "b"}))
    assert now.latest("a--m--total", "a") == urls.embed("a--m--total")
    assert now.latest("a--m--sex", "a") == urls.indicator("a")  # no such chart today
    assert now.latest("c--m--total", "c") == urls.RELEASES  # no such indicator today
    assert now.indicator("b") == urls.indicator("b")
    assert Now(now.embeds, frozenset({"a"})).digest() != now.digest()


def test_a_release_whose_data_cannot_be_read_is_named(released: Project, tmp_path: Path) -> None:
    (release,) = load_releases(released.paths.release_records)
    broken = tmp_path / "data.zip"
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("framework/datapackage.json", "{not json")
    framework, charts = today(released)
    moved = Release(release.version, "2026-01-16", None, None, {}, tmp_path)
    with pytest.raises(NpfError) as raised, messages.use(messages.catalogue("en")):
        freeze_embeds((moved,), framework, charts, released)
    assert raised.value.message.startswith(
        f"release 2026.1: its data ({broken}) cannot be read to freeze its charts"
    )
