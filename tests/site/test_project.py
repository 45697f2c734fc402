"""``npf build --project DIR``: data, hand-written pages, configuration, caches and output
all relative to the project folder, so two projects build side by side without sharing
state; the site's name and language come from the project's npf.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_scripts.cli import main
from build_scripts.site import ROOT

SMALL = ROOT / "tests" / "fixtures" / "packages" / "valid"
CONFIG = """\
[site]
name = "{name}"
description = "A test of the generator."

[framework]
name = "{name} Framework"
place = "Testland"

# The fixture's data has council areas: its places are a geography.
[[geography]]
breakdown_type = "council-area"
name = "Council areas"

[licence]
name = "CC-BY-4.0"
title = "Creative Commons Attribution 4.0"
url = "https://creativecommons.org/licenses/by/4.0/"

[paths]
data = "data"
pages = "pages"
maintainers = "guides"
output = "public"
cache = "state/cache"
work = "state/work"
"""


def make_project(folder: Path, name: str) -> Path:
    folder.mkdir()
    (folder / "npf.toml").write_text(CONFIG.format(name=name), encoding="utf-8")
    shutil.copytree(SMALL, folder / "data")
    shutil.copytree(ROOT / "site_src", folder / "pages")
    shutil.copytree(ROOT / "docs", folder / "guides")  # the about page links to them
    return folder


def test_two_projects_build_side_by_side_each_with_its_own_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = make_project(tmp_path / "one", "Project One")
    two = make_project(tmp_path / "two", "Project Two")
    for project in (one, two):
        assert main(["build", "--quiet", "--project", str(project)]) == 0
    for project, name in ((one, "Project One"), (two, "Project Two")):
        index = project / "public" / "index.html"
        title = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser").title
        assert title is not None and title.get_text().endswith(name)
        assert (project / "state" / "cache" / "charts").is_dir()
        assert list((project / "state" / "cache" / "builds").iterdir())
    assert not (one / "site").exists() and not (ROOT / "public").exists()
    capsys.readouterr()
    assert main(["build", "--quiet", "--project", str(one)]) == 0
    assert "site is up to date" in capsys.readouterr().out
    # a change to one project's configuration rebuilds that project only
    config = one / "npf.toml"
    config.write_text(config.read_text().replace("Project One", "Project Uno"))
    assert main(["build", "--quiet", "--project", str(one)]) == 0
    assert main(["build", "--quiet", "--project", str(two)]) == 0
    out = capsys.readouterr().out
    assert out.count("built ") == 1 and "site is up to date" in out
    assert "Project Uno" in (one / "public" / "index.html").read_text(encoding="utf-8")


def test_a_broken_configuration_stops_the_build_before_any_stage(
    no_stages: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p", "P")
    config = project / "npf.toml"
    config.write_text(config.read_text().replace("place =", "plase ="))
    assert main(["build", "--quiet", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "npf.toml:7: [framework] plase: unknown setting 'plase'; did you mean 'place'?" in err
    assert "npf.toml:5: [framework] place: is required" in err
    assert "Traceback" not in err and not (project / "public").exists()


def test_a_geography_the_data_does_not_have_is_a_located_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p", "P")
    config = project / "npf.toml"
    config.write_text(
        config.read_text() + '\n[[geography]]\nbreakdown_type = "region"\nname = "Regions"\n'
    )
    assert main(["build", "--quiet", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "[geography] breakdown_type: 'region' is not a breakdown type of the data" in err
    assert "npf.toml does not fit the data; nothing was built" in err
    assert not (project / "public").exists()


def test_an_unchanged_site_is_answered_without_loading_the_stages(tmp_path: Path) -> None:
    """``npf build`` with nothing changed says so before it imports the stages (pandas,
    Altair, frictionless, openpyxl and the build itself: about a second)."""
    project = make_project(tmp_path / "p", "P")
    assert main(["build", "--quiet", "--project", str(project)]) == 0
    heavy = ("pandas", "altair", "frictionless", "openpyxl", "build_scripts.site")
    script = (
        "import sys\nfrom build_scripts.cli import main\n"
        f"code = main(['build', '--quiet', '--project', {str(project)!r}])\n"
        f"print([m for m in {heavy!r} if m in sys.modules])\nsys.exit(code)\n"
    )
    again = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("site is up to date: no input changed")
    assert again.stdout.rstrip().endswith("[]")
