"""A framework revision recorded in the data survives ``npf import`` (``importers.revision``):
the fixture sources imported, then revised as docs/revisions.md says (an indicator
renamed, two merged into a new one, one retired, an outcome merged into another), then
imported again: the data is byte for byte as the revision left it, and validates as
it did."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from build_scripts.importers import run_import
from build_scripts.importers.revision import carry_revision, recorded_revision
from build_scripts.load import load_framework
from build_scripts.scaffold import NewIndicator, new_indicator
from build_scripts.validate import validate_path
from tests.levels import write_levels
from tests.synthetic import REVISED_VERSION, plant_revision, rename_indicator
from tests.xlsx.helpers import tree

FIXTURES = Path(__file__).parent.parent / "fixtures" / "source-data"
REVISION = (
    ("indicator", "rename", "economic-growth", "growth", "The name the framework now uses."),
    ("indicator", "add", "", "children-thriving", "One indicator of how children fare."),
    ("indicator", "merge", "childrens-voices", "children-thriving", "Measured together now."),
    ("indicator", "merge", "healthy-start", "children-thriving", "Measured together now."),
    ("indicator", "retire", "waste-generated", "", "No longer measured."),
    ("outcome", "merge", "culture", "communities", "The outcomes were combined."),
)
"""A made-up revision of the fixture's framework: no real one is published."""
NEW = NewIndicator(
    slug="children-thriving",
    title="Children thriving",
    outcomes=("children-and-young-people",),
    measure="children",
    measure_title="Children thriving",
    unit="percent",
    direction="higher is better",
)


def revise(data: Path) -> None:
    """``REVISION`` made in ``data`` as a maintainer would, by docs/revisions.md."""
    rename_indicator(data, "economic-growth", "growth")
    new_indicator(data, NEW)
    plant_revision(data, REVISION)


def problems(data: Path) -> set[tuple[str, str]]:
    """What validation finds, by file name and code. The fixture's extract of the
    sources leaves one indicator without its headline rows (no-headline-row): a
    revision must add nothing to that."""
    return {(Path(p.path).name, p.code) for p in validate_path(data).problems}


EXTRACT = {("loneliness.csv", "no-headline-row")}


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path_factory.mktemp("revised") / "datapackages"
    run_import(FIXTURES, out)
    assert problems(out) == EXTRACT
    revise(out)
    assert problems(out) == EXTRACT
    return out, tree(out)


def test_importing_again_keeps_the_revision_byte_for_byte(
    revised: tuple[Path, dict[str, bytes]],
) -> None:
    out, before = revised
    summary = run_import(FIXTURES, out)
    assert tree(out) == before
    assert any("revision recorded in the data" in note for note in summary.notes)
    framework = load_framework(out)
    assert framework.version == REVISED_VERSION
    assert "growth" in framework.indicators and "economic-growth" not in framework.indicators
    assert framework.renamed("indicator") == {"economic-growth": "growth"}
    assert framework.indicators["waste-generated"].retired_in == REVISED_VERSION
    replaced = framework.replacement("indicator", "healthy-start")
    assert replaced is not None and replaced.slugs == ("children-thriving",)
    assert "children-thriving" in framework.current_indicators
    culture = next(o for o in framework.outcomes if o.slug == "culture")
    assert culture.retired_in == REVISED_VERSION
    assert problems(out) == EXTRACT
    # the NPF's outcome descriptions stay required, as the import wrote them
    outcomes = _fields(out, "outcomes")
    assert outcomes["description"]["constraints"] == {"required": True}
    assert list(outcomes)[-1] == "retired_in"


def _fields(data: Path, table: str) -> dict[str, dict[str, Any]]:
    descriptor = json.loads((data / "framework" / "datapackage.json").read_text("utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == table)
    return {f["name"]: f for f in resource["schema"]["fields"]}


LEVELS_REVISION = (
    ("indicator", "rename", "green-space", "green-and-blue-space", "A clearer name."),
    ("indicator", "retire", "biodiversity", "", "No longer measured."),
)
"""A made-up revision of the fixture with codes and targets (``tests/levels.py``)."""


def test_a_revision_of_a_framework_with_codes_and_targets_is_carried(tmp_path: Path) -> None:
    """What an import writes for a framework with codes and targets (the fixture as its
    sources have it), after the revision of the data it replaces is carried, is that
    data byte for byte: the ``code`` columns stay in the schemas, ``retired_in`` joins
    them, and the renamed indicator is renamed in ``indicator-targets`` too."""
    data = write_levels(tmp_path / "data")
    rename_indicator(data, "green-space", "green-and-blue-space")
    plant_revision(data, LEVELS_REVISION)
    assert validate_path(data).problems == []
    work = write_levels(tmp_path / "work")
    assert carry_revision(data, work)
    assert tree(work) == tree(data)
    for table in ("outcomes", "indicators"):
        fields = list(_fields(work, table))
        assert fields[1] == "code" and fields[-1] == "retired_in", table
    assert validate_path(work).problems == []
    framework = load_framework(work)
    assert framework.indicators["green-and-blue-space"].code == "1.2.2"
    assert framework.indicators["biodiversity"].retired_in == REVISED_VERSION
    assert carry_revision(data, work)  # carried again over itself, nothing changes
    assert tree(work) == tree(data)


def test_an_import_without_a_revision_writes_what_it_always_wrote(tmp_path: Path) -> None:
    """Nothing to carry: the data written is the sources' alone, as before."""
    out = tmp_path / "datapackages"
    run_import(FIXTURES, out)
    assert recorded_revision(out) is None
    first = tree(out)
    assert not carry_revision(out, out)
    run_import(FIXTURES, out)
    assert tree(out) == first
    descriptor = json.loads((out / "framework" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] == "1.0.0"
    assert "revisions" not in {r["name"] for r in descriptor["resources"]}


def test_an_imported_row_is_the_sources_and_the_revision_stays(
    revised: tuple[Path, dict[str, bytes]],
) -> None:
    """What the revision does not record (a title changed by hand) is written from the
    sources again, as it always was; the revision itself stays."""
    out, before = revised
    path = out / "framework" / "indicators.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    title = next(r["title"] for r in rows if r["slug"] == "growth")
    text = path.read_text(encoding="utf-8").replace(f",{title},", ",A title by hand,", 1)
    path.write_text(text, encoding="utf-8")
    run_import(FIXTURES, out)
    assert tree(out) == before
