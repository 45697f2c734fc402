"""The GitHub Actions workflows: they parse, run on the events they say, hold the
permissions Pages needs, pin actions to major versions, and name only make targets and
``npf`` commands that exist (``actionlint`` is not a dependency; this is the check)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_scripts import config
from build_scripts.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
ACTIONS = GITHUB / "actions"
MAKE = re.compile(r"\bmake ((?:[a-z][\w-]*[ \t]*)+)")
NPF = re.compile(r"\bnpf ([a-z][\w-]*)")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """``on:`` (which YAML 1.1 reads as the key ``True``)."""
    found = workflow.get("on", workflow.get(True))
    return found if isinstance(found, dict) else {name: None for name in found}


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def every_file() -> list[Path]:
    return sorted([*WORKFLOWS.glob("*.yml"), *ACTIONS.glob("*/action.yml")])


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][\w-]*):", text, re.M))


def npf_commands() -> set[str]:
    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return set(sub.choices or {})


def runs(path: Path) -> str:
    data = load(path)
    found = (
        [s.get("run", "") for s in data.get("runs", {}).get("steps", [])] if "runs" in data else []
    )
    found += [s.get("run", "") for s in steps(data)] if "jobs" in data else []
    return "\n".join(found)


def test_the_three_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS.glob("*.yml")} == {
        "pull-request.yml",
        "deploy.yml",
        "link-check.yml",
    }


@pytest.mark.parametrize("path", every_file(), ids=lambda p: p.relative_to(GITHUB).as_posix())
def test_only_make_targets_and_npf_commands_that_exist(path: Path) -> None:
    text = runs(path)
    named = {t for group in MAKE.findall(text) for t in group.split()}
    assert named - make_targets() == set()
    assert set(NPF.findall(text)) - npf_commands() == set()


@pytest.mark.parametrize("path", every_file(), ids=lambda p: p.relative_to(GITHUB).as_posix())
def test_actions_are_pinned_to_a_major_version_or_local(path: Path) -> None:
    data = load(path)
    used = [
        s["uses"] for s in (data["runs"]["steps"] if "runs" in data else steps(data)) if "uses" in s
    ]
    for action in used:
        if action.startswith("./"):
            assert (ROOT / action / "action.yml").is_file(), action
        else:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", action), action


def test_pull_requests_run_the_readmes_commands_and_summarise_data_changes() -> None:
    workflow = load(WORKFLOWS / "pull-request.yml")
    assert "pull_request" in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    all_steps = steps(workflow)
    checkout = next(s for s in all_steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    commands = [s.get("run", "") for s in all_steps]
    assert "make test" in commands and "make site" in commands
    diff = next(s for s in all_steps if "npf diff" in s.get("run", ""))
    assert "--format markdown" in diff["run"] and '>> "$GITHUB_STEP_SUMMARY"' in diff["run"]
    assert "origin/" in diff["run"] and "HEAD" in diff["run"]
    # only when the data changed: the condition reads a step that compares datapackages/
    check = next(s for s in all_steps if s.get("id") == "data")
    assert "datapackages/" in check["run"] and "data.outputs.changed" in diff["if"]


def test_deploy_publishes_main_with_the_pages_actions() -> None:
    workflow = load(WORKFLOWS / "deploy.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    used = [s.get("uses", "").split("@")[0] for s in build["steps"]]
    assert used.index("actions/configure-pages") < used.index("actions/upload-pages-artifact")
    (site,) = [s for s in build["steps"] if "make site" in s.get("run", "")]
    # The site is built for the address Pages gives, and names who publishes it (the
    # repository's owner) and a contact that works (its issues page) where npf.toml
    # names none: the variables config.py reads.
    assert set(site["env"]) == {
        config.SITE_URL_VARIABLE,
        *config.DEPLOYMENT_FALLBACKS.values(),
    }
    assert "github.repository_owner" in site["env"][config.SITE_PUBLISHER_VARIABLE]
    assert site["env"][config.SITE_CONTACT_VARIABLE].endswith("/issues")
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_the_link_check_runs_weekly_and_on_demand() -> None:
    workflow = load(WORKFLOWS / "link-check.yml")
    on = triggers(workflow)
    assert "workflow_dispatch" in on
    (cron,) = [c["cron"] for c in on["schedule"]]
    assert len(cron.split()) == 5 and cron.split()[2:4] == ["*", "*"]  # one weekday a week
    text = runs(WORKFLOWS / "link-check.yml")
    assert "make site" in text
    assert "npf links --site site" in text and "npf links --check" in text
    assert text.count('>> "$GITHUB_STEP_SUMMARY"') == 2


def test_caches_are_keyed_by_the_lock_file_then_code_then_data() -> None:
    action = load(ACTIONS / "setup" / "action.yml")
    caches = [s for s in action["runs"]["steps"] if s.get("uses", "").startswith("actions/cache@")]
    by_path = {c["with"]["path"]: c["with"] for c in caches}
    assert "hashFiles('requirements.txt')" in by_path["/tmp/pip-cache"]["key"]
    assert "hashFiles('package-lock.json')" in by_path["/tmp/npm-cache"]["key"]
    build = by_path[".cache"]
    key = build["key"]
    assert key.index("build_scripts/**") < key.index("datapackages/**")
    restore = build["restore-keys"].splitlines()
    # a data-only change: the first fallback is the same code with any data
    assert restore[0] == key[: key.rindex("${{ hashFiles('datapackages/**') }}")]
    assert all("datapackages" not in r for r in restore)
    # every workflow sets up through the one action
    for path in WORKFLOWS.glob("*.yml"):
        assert "./.github/actions/setup" in {s.get("uses") for s in steps(load(path))}, path
