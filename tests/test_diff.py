"""``npf diff``: crafted pairs of synthetic data for each kind of change, each kind of
input (folder, git revision, release zip) and each output format."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import pytest

from build_scripts import urls
from build_scripts.cli import main
from build_scripts.config import CONFIG_FILE, Project, load_project
from build_scripts.diff import diff, read_side
from build_scripts.diff.compare import Changes, Named, Renamed
from build_scripts.diff.report import JSON_FORMAT, as_data, as_markdown, as_text, render
from build_scripts.diff.sides import open_side
from build_scripts.downloads import collect_downloads
from build_scripts.errors import NpfError
from build_scripts.importers.write import write_csv
from tests.golden_files import check_text
from tests.synthetic import REVISED_VERSION, Size, plant_revision, rename_indicator, write_packages

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden" / "diff"
SIZE = Size(indicators=4, outcomes=2, areas=3)


def project_in(root: Path) -> Project:
    """The repository's project in a folder of its own (``npf diff --project root``): its
    ``npf.toml`` with every folder under ``root`` (hermetic caches and scratch)."""
    root.mkdir(parents=True, exist_ok=True)
    text = (ROOT / CONFIG_FILE).read_text(encoding="utf-8")
    text = re.sub(r'(boundaries = ")(?!/)', rf"\g<1>{ROOT}/", text)
    paths = f'[paths]\ndata = "datapackages"\npages = "{ROOT / "site_src"}"\n'
    paths += 'output = "site"\ncache = ".cache"\nwork = "build"\n'
    (root / CONFIG_FILE).write_text(re.sub(r"\[paths\].*", paths, text, flags=re.S))
    return load_project(root)


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic") / "datapackages"
    write_packages(folder, SIZE)
    return folder


@pytest.fixture
def pair(tmp_path: Path, original: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(original, old)
    shutil.copytree(original, new)
    return old, new


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def edit_rows(path: Path, edit: Callable[[list[dict[str, str]]], object]) -> None:
    """Rewrite a CSV with ``edit(rows)`` applied (it changes the list in place)."""
    fields, rows = read_rows(path)
    edit(rows)
    write_csv(path, fields, rows)


def figures_csv(data: Path, slug: str) -> Path:
    return data / "indicators" / slug / f"{slug}.csv"


def compare(old: Path, new: Path, tmp_path: Path) -> Changes:
    return diff(str(old), str(new), project_in(tmp_path))


def headline(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    return [
        r
        for r in rows
        if r["measure"] == "measure-1"
        and r["breakdown_type"] == "total"
        and not r.get("breakdown_type_2")
    ]


def test_identical_data_has_no_changes(pair: tuple[Path, Path], tmp_path: Path) -> None:
    changes = compare(*pair, tmp_path)
    assert changes.empty
    assert as_text(changes).splitlines()[1] == f"No changes between {pair[0]} and {pair[1]}."
    assert as_data(changes)["changed"] is False


def test_an_indicator_and_an_outcome_added_and_removed(tmp_path: Path) -> None:
    small, large = tmp_path / "small", tmp_path / "large"
    write_packages(small, replace(SIZE, indicators=3))
    write_packages(large, replace(SIZE, outcomes=3))
    changes = compare(small, large, tmp_path)
    assert [(n.slug, n.title) for n in changes.indicators_added] == [("indicator-4", "Indicator 4")]
    assert [n.slug for n in changes.outcomes_added] == ["outcome-3"]
    assert changes.indicators_removed == changes.outcomes_removed == []
    back = compare(large, small, tmp_path)
    assert [n.slug for n in back.indicators_removed] == ["indicator-4"]
    assert [n.slug for n in back.outcomes_removed] == ["outcome-3"]
    # the added indicator's figures are not listed again as new periods or figures
    assert all(p.indicator != "indicator-4" for p in changes.new_periods)
    assert all(f.indicator != "indicator-4" for f in changes.figures)
    assert "1 indicator added" in as_text(changes)


# A revision of the synthetic framework of ``SIZE`` (level, change, old, new, note).
REVISION = (
    ("indicator", "rename", "indicator-3", "indicator-3b", "A clearer name."),
    ("indicator", "merge", "indicator-1", "indicator-2", "One indicator of the same thing."),
    ("indicator", "retire", "indicator-4", "", "No longer measured."),
    ("outcome", "merge", "outcome-2", "outcome-1", "The outcomes were combined."),
)


def revise(data: Path) -> None:
    """``REVISION`` made in the data under ``data``."""
    rename_indicator(data, "indicator-3", "indicator-3b")
    plant_revision(data, REVISION)


def test_what_a_revision_retired_and_renamed_is_not_removed(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """Retired outcomes and indicators are listed apart from removed ones, with how and
    what replaced them; a renamed indicator is neither removed nor added, and its
    figures are compared across the rename."""
    old, new = pair
    revise(new)
    edit_rows(
        figures_csv(new, "indicator-3b"),
        lambda rows: rows[0].update(value=str(float(rows[0]["value"]) + 1)),
    )
    changes = compare(old, new, tmp_path)
    assert changes.indicators_added == changes.indicators_removed == []
    assert changes.outcomes_added == changes.outcomes_removed == []
    retired = [(r.slug, r.change, r.replaced_by, r.version) for r in changes.indicators_retired]
    assert retired == [
        ("indicator-1", "merge", (Named("indicator-2", "Indicator 2"),), REVISED_VERSION),
        ("indicator-4", "retire", (), REVISED_VERSION),
    ]
    assert changes.indicators_retired[0].note == "One indicator of the same thing."
    (outcome,) = changes.outcomes_retired
    assert (outcome.slug, outcome.change, outcome.replaced_by) == (
        "outcome-2",
        "merge",
        (Named("outcome-1", "Outcome 1"),),
    )
    assert changes.indicators_renamed == [
        Renamed("indicator-3", "indicator-3b", "Indicator 3", REVISED_VERSION, "A clearer name.")
    ]
    # the renamed indicator's figures are compared under its new slug
    (revised,) = changes.revised
    assert revised.indicator == "indicator-3b" and revised.new == revised.old + 1
    assert changes.new_periods == changes.removed_periods == changes.figures == []

    text = as_text(changes)
    assert "2 indicators retired, 1 outcome retired, 1 indicator renamed" in text
    assert (
        "indicator-1: Indicator 1, merged in the 2.0.0 revision; replaced by "
        "indicator-2 (Indicator 2). One indicator of the same thing."
    ) in text
    assert "indicator-4: Indicator 4, retired in the 2.0.0 revision; replaced by nothing." in text
    assert "indicator-3 → indicator-3b: Indicator 3, renamed in the 2.0.0 revision." in text
    markdown = as_markdown(changes)
    assert "### Indicators retired by a revision of the framework (2)" in markdown
    assert "### Outcomes retired by a revision of the framework (1)" in markdown
    assert "| outcome-2 | Outcome 2 | 2.0.0 | merged | outcome-1 (Outcome 1) |" in markdown
    assert "### Indicators renamed (1)" in markdown
    data = as_data(changes)
    assert data["indicators"]["retired"][0] == {
        "slug": "indicator-1",
        "title": "Indicator 1",
        "version": REVISED_VERSION,
        "change": "merge",
        "replaced_by": [{"slug": "indicator-2", "title": "Indicator 2"}],
        "note": "One indicator of the same thing.",
    }
    assert data["indicators"]["renamed"] == [
        {
            "old": "indicator-3",
            "new": "indicator-3b",
            "title": "Indicator 3",
            "version": REVISED_VERSION,
            "note": "A clearer name.",
        }
    ]
    assert [o["slug"] for o in data["outcomes"]["retired"]] == ["outcome-2"]
    assert data["indicators"]["removed"] == data["outcomes"]["removed"] == []


def test_what_was_retired_before_is_not_retired_again(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    """Both sides revised: nothing is retired or renamed between them, and a figure
    added since is reported as ever."""
    old, new = pair
    revise(old)
    revise(new)
    assert compare(old, new, tmp_path).empty
    edit_rows(figures_csv(new, "indicator-3b"), lambda rows: rows.pop())
    changes = compare(old, new, tmp_path)
    assert changes.indicators_retired == changes.indicators_renamed == []
    assert [(f.indicator, f.removed) for f in changes.figures] == [("indicator-3b", 1)]


def same(row: dict[str, str], measure: str, period: str) -> bool:
    return (row["measure"], row["period"]) == (measure, period)


def test_a_new_period(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    _, rows = read_rows(figures_csv(new, "indicator-1"))
    latest = max(headline(rows), key=lambda r: r["period_start"])
    edit_rows(
        figures_csv(old, "indicator-1"),
        lambda rows: rows.__setitem__(
            slice(None), [r for r in rows if not same(r, "measure-1", latest["period"])]
        ),
    )
    changes = compare(old, new, tmp_path)
    assert [(p.indicator, p.measure, p.periods) for p in changes.new_periods] == [
        ("indicator-1", "measure-1", (latest["period"],))
    ]
    assert changes.removed_periods == [] and changes.revised == []
    added = sum(1 for r in rows if same(r, "measure-1", latest["period"]))
    assert [(f.indicator, f.added, f.removed) for f in changes.figures] == [
        ("indicator-1", added, 0)
    ]
    assert f"indicator-1, measure-1: {latest['period']}" in as_text(changes)


def test_a_revised_figure_with_its_relative_change(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    _, rows = read_rows(figures_csv(new, "indicator-3"))
    target = next(r for r in rows if r["breakdown_type"] == "sex" and not r["breakdown_type_2"])
    before = float(target["value"])
    after = round(before * 1.1, 1)

    def revise(rows: list[dict[str, str]]) -> None:
        for r in rows:
            if all(
                r[k] == target[k]
                for k in ("measure", "period", "breakdown_type", "breakdown_group")
            ):
                r["value"] = str(after)

    edit_rows(figures_csv(new, "indicator-3"), revise)
    changes = compare(old, new, tmp_path)
    assert len(changes.revised) == 1
    r = changes.revised[0]
    assert (r.indicator, r.measure, r.period) == (
        "indicator-3",
        target["measure"],
        target["period"],
    )
    assert r.breakdowns == (("sex", target["breakdown_group"]),) and r.area == ""
    assert (r.old, r.new) == (before, after)
    assert r.relative == pytest.approx((after - before) / before)
    assert r.labels == (f"Sex: {target['breakdown_group']}",)
    data = as_data(changes)["revised"][0]
    assert data["breakdowns"] == [{"type": "sex", "group": target["breakdown_group"]}]
    assert (data["old"], data["new"], data["area"]) == (before, after, None)
    assert changes.new_periods == changes.figures == changes.statuses == []


def test_a_revised_figure_of_a_place_names_the_place(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = pair
    slug = next(
        s
        for s in ("indicator-1", "indicator-2", "indicator-3")
        if any(r["breakdown_type"] == "council-area" for r in read_rows(figures_csv(new, s))[1])
    )

    def revise(rows: list[dict[str, str]]) -> None:
        place = next(
            r for r in rows if r["breakdown_type"] == "council-area" and not r["breakdown_type_2"]
        )
        place["value"] = str(float(place["value"]) + 1)

    edit_rows(figures_csv(new, slug), revise)
    changes = compare(old, new, tmp_path)
    (r,) = changes.revised
    assert r.breakdowns == () and r.area.startswith("S129")
    assert r.area_name.startswith("Area ")
    line = as_text(changes).split("Revised figures\n")[1].splitlines()[0]
    assert f", Total, {r.area_name}: " in line


def flatten(rows: list[dict[str, str]]) -> None:
    """The latest headline figure made the same as the one before it."""
    series = sorted(headline(rows), key=lambda r: r["period_start"])
    last, before = series[-1], series[-2]
    for key in ("value", "lower", "upper"):
        if key in last:
            last[key] = before[key]


def test_a_changed_status_says_from_what_to_what_and_the_criterion(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = pair
    project = project_in(tmp_path)
    with ExitStack() as stack:
        first = read_side(open_side(str(old), project, stack), project)
    slug = next(
        s for s, a in sorted(first.assessments.items()) if a.status in ("Improving", "Worsening")
    )

    edit_rows(figures_csv(new, slug), flatten)
    changes = compare(old, new, tmp_path)
    (status,) = changes.statuses
    assert status.indicator == slug
    assert status.old == str(first.assessments[slug].status)
    assert status.new == "Maintaining"
    assert status.criterion == first.assessments[slug].criterion
    text = as_text(changes)
    assert f"{slug} (" in text and f"{status.old} → Maintaining" in text
    assert as_data(changes)["statuses"][0]["new"] == "Maintaining"


def test_changed_metadata(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair

    def retitle(rows: list[dict[str, str]]) -> None:
        rows[0]["title"] = "A better title"

    edit_rows(new / "framework" / "indicators.csv", retitle)
    descriptor = new / "indicators" / "indicator-3" / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["description"] = "Described anew."
    descriptor.write_text(json.dumps(data, indent=2), encoding="utf-8")
    changes = compare(old, new, tmp_path)
    found = {(m.kind, m.subject, m.property, m.new) for m in changes.metadata}
    assert found == {
        ("indicator", "indicator-1", "title", "A better title"),
        ("indicator", "indicator-3", "description", "Described anew."),
    }
    old_title = next(m.old for m in changes.metadata if m.property == "title")
    assert old_title == "Indicator 1"
    assert "indicator-1, title: Indicator 1 → A better title" in as_text(changes)


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def test_git_revisions_are_read_without_touching_the_working_tree(
    tmp_path: Path, original: Path
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(original, repo / "datapackages")
    (repo / ".gitignore").write_text("/.cache/\n/build/\n/npf.toml\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    edit_rows(
        repo / "datapackages" / "framework" / "indicators.csv",
        lambda rows: rows[1].update(title="Retitled"),
    )
    git(repo, "commit", "-q", "-am", "second")
    edit_rows(
        repo / "datapackages" / "framework" / "indicators.csv",
        lambda rows: rows[1].update(title="Uncommitted"),
    )
    project = project_in(repo)
    changes = diff("HEAD~1", "HEAD", project)
    assert [(m.subject, m.old, m.new) for m in changes.metadata] == [
        ("indicator-2", "Indicator 2", "Retitled")
    ]
    # the working tree against a revision
    changes = diff("HEAD", str(repo / "datapackages"), project)
    assert [m.new for m in changes.metadata] == ["Uncommitted"]
    assert not list((repo / "build").iterdir())  # scratch folders removed
    status = subprocess.run(
        ["git", "-C", str(repo), "status", "--porcelain"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert status.stdout.split() == ["M", "datapackages/framework/indicators.csv"]


def release_zip(data: Path, tmp_path: Path) -> Path:
    """``data/all.zip`` as the build writes it."""
    downloads = collect_downloads(data, tmp_path / "zips-cache", "npf")
    made = next(d.source for d in downloads if d.name == urls.ALL_ZIP)
    assert made is not None
    target = tmp_path / "all.zip"
    shutil.copyfile(made, target)
    return target


def test_a_release_zip_against_a_folder(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair
    zipped = release_zip(old, tmp_path)
    assert compare(zipped, old, tmp_path).empty
    edit_rows(new / "framework" / "indicators.csv", lambda rows: rows[0].update(title="Zipped"))
    changes = diff(str(zipped), str(new), project_in(tmp_path))
    assert [(m.subject, m.new) for m in changes.metadata] == [("indicator-1", "Zipped")]


def test_the_command_line_gives_what_the_api_gives(
    pair: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = pair
    edit_rows(new / "framework" / "indicators.csv", lambda rows: rows[0].update(title="Renamed"))
    project = project_in(tmp_path)
    changes = diff(str(old), str(new), project)
    for form in ("text", "markdown", "json"):
        assert main(["diff", str(old), str(new), "--format", form, "--project", str(tmp_path)]) == 0
        assert capsys.readouterr().out == render(changes, form)
    assert json.loads(render(changes, "json"))["format"] == JSON_FORMAT
    assert main(["diff", str(old), str(new), "--exit-code", "--project", str(tmp_path)]) == 1
    assert main(["diff", str(old), str(old), "--exit-code", "--project", str(tmp_path)]) == 0


@pytest.mark.parametrize(
    ("argument", "said"),
    [
        ("no-such-folder", "no-such-folder: no such folder, zip or git revision"),
        ("not-a-zip.txt", "not-a-zip.txt: neither a folder nor a zip"),
        ("empty", "empty: no data packages here"),
    ],
)
def test_bad_input_is_one_located_error_and_exit_1(
    argument: str,
    said: str,
    pair: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "not-a-zip.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    git(tmp_path, "init", "-q")
    monkeypatch.chdir(tmp_path)
    project_in(tmp_path)
    assert main(["diff", argument, str(pair[1]), "--project", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {said}") and "Traceback" not in err


def test_an_invalid_package_is_reported_with_its_file_row_and_column(
    pair: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = pair
    edit_rows(figures_csv(new, "indicator-1"), lambda rows: rows[0].update(value="lots"))
    project_in(tmp_path)
    assert main(["diff", str(old), str(new), "--project", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "indicator-1.csv:2: value:" in err
    assert f"error: {new}: the data packages are not valid" in err


def test_long_lists_are_cut_with_a_count(pair: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = pair

    def revise_all(rows: list[dict[str, str]]) -> None:
        for r in rows:
            r["value"] = str(round(float(r["value"]) + 0.1, 2))

    edit_rows(figures_csv(new, "indicator-3"), revise_all)
    changes = compare(old, new, tmp_path)
    count = len(changes.revised)
    assert count > 12
    markdown = as_markdown(changes, limit=10)
    table = markdown.split("### Revised figures")[1]
    assert sum(1 for line in table.splitlines() if line.startswith("| indicator-3")) == 10
    assert f"… and {count - 10} more" in table
    assert f"### Revised figures ({count})" in markdown
    assert len(as_data(changes)["revised"]) == count  # JSON is never cut


# The revision in the golden pair: the added indicator takes in one, an outcome another.
GOLDEN_REVISION = (
    ("indicator", "add", "", "indicator-4", "A new indicator."),
    ("indicator", "merge", "indicator-2", "indicator-4", "Two | measures *of* one thing."),
    ("outcome", "merge", "outcome-2", "outcome-1", "The outcomes were combined."),
)


@pytest.mark.golden
def test_markdown_summary_golden(tmp_path: Path, original: Path) -> None:
    """Every kind of change at once, as the pull-request job summary shows it."""
    old, new = tmp_path / "old", tmp_path / "new"
    write_packages(old, replace(SIZE, indicators=3))
    write_packages(new, SIZE)

    def revise(rows: list[dict[str, str]]) -> None:
        rows[3]["value"] = str(round(float(rows[3]["value"]) * 1.05, 1))
        last = max(headline(rows), key=lambda r: r["period_start"])["period"]
        rows[:] = [r for r in rows if not same(r, "measure-1", last)]

    edit_rows(figures_csv(old, "indicator-1"), revise)
    edit_rows(figures_csv(new, "indicator-3"), flatten)
    edit_rows(
        new / "framework" / "indicators.csv", lambda rows: rows[1].update(title="A | piped *title*")
    )
    plant_revision(new, GOLDEN_REVISION)
    changes = diff(str(old), str(new), project_in(tmp_path))
    text = as_markdown(replace(changes, old="main", new="HEAD"))
    check_text(GOLDEN / "summary.md", text)


def test_an_invalid_revision_is_named_by_revision_and_can_be_only_loaded(
    tmp_path: Path, original: Path
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(original, repo / "datapackages")
    descriptor = repo / "datapackages" / "indicators" / "indicator-1" / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["title"] = "A title the catalogue should hold"  # refused by today's rules
    descriptor.write_text(json.dumps(data, indent=2), encoding="utf-8")
    (repo / ".gitignore").write_text("/.cache/\n/build/\n/npf.toml\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "old rules")
    project = project_in(repo)
    with pytest.raises(NpfError) as error:
        diff("HEAD", str(original), project)
    assert error.value.message == "HEAD: the data packages are not valid"
    paths = {p.path for p in error.value.problems}
    assert paths == {"HEAD:datapackages/indicators/indicator-1/datapackage.json"}
    assert diff("HEAD", str(original), project, validate=False).empty
