"""The project's configuration (npf.toml): read into a typed Project, every problem
reported together with its line and setting, documented in docs/configuration.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts import config, messages
from build_scripts.config import CONFIG_FILE, SETTINGS, load_project, read_project
from build_scripts.errors import NpfError
from build_scripts.problems import Problem
from build_scripts.reference import render
from build_scripts.validate.codes import CODES

REPO = Path(__file__).parent.parent

MINIMAL = """\
[site]
name = "Wellbeing of Testland"

[framework]
name = "Testland Outcomes Framework"
outcome = "Goal"
outcomes = "Goals"
place = "Testland"

[[geography]]
breakdown_type = "region"
name = "Regions"

[licence]
name = "CC-BY-4.0"
title = "Creative Commons Attribution 4.0"
url = "https://creativecommons.org/licenses/by/4.0/"
"""


def problems_of(tmp_path: Path, text: str) -> list[Problem]:
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(NpfError) as raised:
        load_project(tmp_path)
    return raised.value.problems


def test_the_repository_is_the_npf_project() -> None:
    project = load_project(REPO)
    assert project.name == "Scotland's National Performance Framework"
    assert project.place == "Scotland"
    assert project.nouns.outcome == "National Outcome"
    assert project.nouns.indicators == "National Indicators"
    assert [g.breakdown_type for g in project.geographies] == ["council-area"]
    assert project.licence.name == "OGL-UK-3.0"
    assert project.property_prefix == "npf"
    assert project.paths.data == REPO / "datapackages"
    assert project.paths.cache == REPO / ".cache"


def test_defaults_fill_what_a_project_leaves_out(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text(MINIMAL, encoding="utf-8")
    project = load_project(tmp_path)
    assert project.nouns.outcome == "Goal" and project.nouns.indicator == "Indicator"
    assert project.language == "en"
    assert project.geography("region") is not None and project.geography("sex") is None
    assert project.paths.output == tmp_path.resolve() / "site"
    assert project.paths.work == tmp_path.resolve() / "build"
    assert project.licence.attribution == ""


def test_every_problem_is_reported_together_with_its_line(tmp_path: Path) -> None:
    text = MINIMAL.replace('place = "Testland"', 'plac = "Testland"')
    text = text.replace("[site]\n", '[site]\nlanguage = "gd"\n')
    text = text.replace('breakdown_type = "region"', 'breakdown_type = "Region Name"')
    text = text.replace('name = "CC-BY-4.0"', "name = 4")
    text += '\n[colours]\nprimary = "indigo"\n'
    found = {(p.row, p.column, p.code) for p in problems_of(tmp_path, text)}
    assert found == {
        (2, "[site] language", "config-choice"),
        (9, "[framework] plac", "config-unknown"),
        (5, "[framework] place", "config-missing"),  # the section's line: the key is absent
        (12, "[geography] breakdown_type", "config-pattern"),
        (16, "[licence] name", "config-type"),
        (20, "[colours]", "config-unknown"),
    }


def test_messages_say_what_to_do(tmp_path: Path) -> None:
    text = MINIMAL.replace("place =", "plac =")
    (problem,) = [p for p in problems_of(tmp_path, text) if p.code == "config-unknown"]
    assert problem.format().endswith(
        "npf.toml:8: [framework] plac: unknown setting 'plac'; did you mean 'place'?"
    )


def test_the_nth_geography_is_located(tmp_path: Path) -> None:
    text = MINIMAL + '\n[[geography]]\nbreakdown_type = "health-board"\n'
    (problem,) = problems_of(tmp_path, text)
    assert (problem.row, problem.column, problem.code) == (19, "[geography] name", "config-missing")


def test_a_boundary_file_must_exist(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        'name = "Regions"', 'name = "Regions"\nboundaries = "maps/regions.geojson"'
    )
    (problem,) = problems_of(tmp_path, text)
    assert problem.code == "config-file" and problem.row == 13
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "regions.geojson").write_text("{}")
    assert load_project(tmp_path).geographies[0].boundaries == tmp_path / "maps/regions.geojson"


def test_a_file_that_is_not_toml_names_its_line(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path, '[site]\nname = "x"\nname = \n')
    assert problem.code == "config-syntax" and problem.row == 3


def test_no_configuration_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(NpfError, match="no project configuration here; pass --project"):
        load_project(tmp_path)


def test_a_geography_must_be_a_breakdown_type_of_the_data(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text(MINIMAL, encoding="utf-8")
    project = read_project(tmp_path / CONFIG_FILE)
    assert project.check_breakdown_types({"region", "sex"}) == []
    (problem,) = project.check_breakdown_types({"sex"})
    assert problem.code == "config-unknown-breakdown" and "'region'" in problem.message


def test_a_framework_with_targets_names_them(tmp_path: Path) -> None:
    (tmp_path / CONFIG_FILE).write_text(MINIMAL, encoding="utf-8")
    project = read_project(tmp_path / CONFIG_FILE)
    assert (project.nouns.target, project.nouns.targets) == ("", "")
    assert project.check_levels(has_targets=False) == []
    (problem,) = project.check_levels(has_targets=True)
    assert (problem.column, problem.code) == ("[framework] target", "config-target-nouns")
    assert problem.path == str(tmp_path / CONFIG_FILE) and "targets.csv" in problem.message
    named = MINIMAL.replace(
        'place = "Testland"', 'place = "Testland"\ntarget = "Target"\ntargets = "Targets"'
    )
    (tmp_path / CONFIG_FILE).write_text(named, encoding="utf-8")
    project = read_project(tmp_path / CONFIG_FILE)
    assert (project.nouns.target, project.nouns.targets) == ("Target", "Targets")
    assert project.check_levels(has_targets=True) == []
    # Named without targets in the data: unused, not a problem (docs/configuration.md).
    assert project.check_levels(has_targets=False) == []


def test_a_level_is_named_once_and_in_the_plural(tmp_path: Path) -> None:
    text = MINIMAL.replace('place = "Testland"', 'place = "Testland"\ntarget = "Target"')
    (found,) = problems_of(tmp_path, text)
    assert (found.row, found.column, found.code) == (9, "[framework] target", "config-target-nouns")
    assert "'targets' is not" in found.message


def test_every_setting_and_code_is_documented() -> None:
    doc = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert render(doc) == doc, (
        "run .venv/bin/python -m build_scripts.reference docs/configuration.md"
    )
    for setting in SETTINGS:
        assert f" {setting.key}` |" in doc
    source = (REPO / "build_scripts" / "config.py").read_text(encoding="utf-8")
    used = set(re.findall(r'"(config-[a-z-]+)"', source))
    assert used == {code for code in CODES if code.startswith("config-")}
    assert "validation.md#problem-codes" in doc


def test_the_languages_are_the_catalogues_of_messages(tmp_path: Path) -> None:
    assert messages.languages() == config.LANGUAGES
    assert "en" in config.LANGUAGES
    text = MINIMAL.replace("[site]\n", '[site]\nlanguage = "xx"\n')
    (found,) = problems_of(tmp_path, text)
    assert (found.row, found.column, found.code) == (2, "[site] language", "config-choice")
    assert "'xx' is not one of " + ", ".join(repr(c) for c in messages.languages()) in found.message


def test_the_site_url_is_optional_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(config.SITE_URL_VARIABLE, raising=False)
    (tmp_path / CONFIG_FILE).write_text(MINIMAL, encoding="utf-8")
    assert load_project(tmp_path).publishing.site_url == ""
    assert load_project(tmp_path).publishing.absolute("x.html") == ""
    good = MINIMAL.replace("[site]\n", '[site]\nurl = "https://example.org/npf/"\n')
    (tmp_path / CONFIG_FILE).write_text(good, encoding="utf-8")
    publishing = load_project(tmp_path).publishing
    assert publishing.absolute("indicators/x.html") == "https://example.org/npf/indicators/x.html"
    for bad in ("example.org/", "https://example.org/npf", "ftp://example.org/", "/npf/"):
        text = MINIMAL.replace("[site]\n", f'[site]\nurl = "{bad}"\n')
        (problem,) = problems_of(tmp_path, text)
        assert (problem.row, problem.column, problem.code) == (2, "[site] url", "config-pattern")


def test_the_site_url_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / CONFIG_FILE).write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setenv(config.SITE_URL_VARIABLE, "https://deployed.example/")
    assert load_project(tmp_path).publishing.site_url == "https://deployed.example/"
    monkeypatch.setenv(config.SITE_URL_VARIABLE, "not a url")
    (problem,) = problems_of(tmp_path, MINIMAL)
    assert problem.column == "[site] url" and config.SITE_URL_VARIABLE in problem.message


def test_a_deployment_names_the_publisher_and_contact_the_file_leaves_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(config.SITE_URL_VARIABLE, raising=False)
    monkeypatch.setenv(config.SITE_PUBLISHER_VARIABLE, "example-owner")
    monkeypatch.setenv(config.SITE_CONTACT_VARIABLE, "https://github.com/example-owner/npf/issues")
    (tmp_path / CONFIG_FILE).write_text(MINIMAL, encoding="utf-8")
    publishing = load_project(tmp_path).publishing
    assert publishing.site_publisher == "example-owner"
    assert publishing.contact_url == "https://github.com/example-owner/npf/issues"
    # What the file says wins over the deployment's fallback.
    named = MINIMAL.replace(
        "[site]\n", '[site]\npublisher = "The Testland team"\ncontact = "team@test.example"\n'
    )
    (tmp_path / CONFIG_FILE).write_text(named, encoding="utf-8")
    publishing = load_project(tmp_path).publishing
    assert (publishing.site_publisher, publishing.contact) == (
        "The Testland team",
        "team@test.example",
    )
    # A fallback is checked as the setting is, and the problem names where it came from.
    monkeypatch.setenv(config.SITE_CONTACT_VARIABLE, "javascript:alert(1)")
    (problem,) = problems_of(tmp_path, MINIMAL)
    assert (problem.column, problem.code) == ("[site] contact", "config-pattern")
    assert config.SITE_CONTACT_VARIABLE in problem.message


def test_publisher_and_contact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.SITE_URL_VARIABLE, raising=False)
    text = (
        MINIMAL.replace(
            "[site]\n", '[site]\npublisher = "The Testland team"\ncontact = "team@test.example"\n'
        )
        + '\n[publisher]\nname = "Testland Statistics"\nurl = "https://stats.test.example/"\n'
        + 'contact = "https://stats.test.example/contact"\n'
    )
    (tmp_path / CONFIG_FILE).write_text(text, encoding="utf-8")
    publishing = load_project(tmp_path).publishing
    assert publishing.site_publisher == "The Testland team"
    assert publishing.contact_url == "mailto:team@test.example"
    assert publishing.statistics_by == "Testland Statistics"
    assert publishing.statistics_url == "https://stats.test.example/"
    assert publishing.statistics_contact_url == "https://stats.test.example/contact"
    (problem,) = problems_of(tmp_path, text.replace("team@test.example", "not an address"))
    assert problem.column == "[site] contact"
    (problem,) = problems_of(tmp_path, text.replace("https://stats.test.example/contact", "x y"))
    assert problem.column == "[publisher] contact"
    # the repository's own: the figures are the Scottish Government's, with its NPF
    # team's published address; who publishes this site is for its maintainers to say
    own = load_project(REPO).publishing
    assert own.statistics_by == "Scottish Government" and own.contact == ""
    assert own.statistics_contact_url == "mailto:nationalperformance@gov.scot"
