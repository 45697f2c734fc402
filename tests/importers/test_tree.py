"""The reader of the contract's packages (``importers/tree.py``): a data tree read into
the importers' model is written again byte for byte by the one writer, and what the
model cannot carry stops the read instead of being lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build_scripts.config import default_project
from build_scripts.errors import NpfError
from build_scripts.importers import import_source
from build_scripts.importers.tree import read_tree
from build_scripts.importers.writer import write_imported
from tests.synthetic import REVISED_VERSION, REVISION, Size, plant_revision, write_packages
from tests.trees import differences

FIXTURES = Path(__file__).parent.parent / "fixtures" / "source-data"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tree") / "datapackages"
    import_source(FIXTURES, out)
    return out


def test_a_tree_read_and_written_again_is_the_same_bytes(tree: Path, tmp_path: Path) -> None:
    imported = read_tree(tree, default_project())
    write_imported(imported, tmp_path / "again", default_project())
    assert differences(tree, tmp_path / "again") == []
    # figures keep where they were read
    hle = next(p for p in imported.packages if p.slug == "healthy-life-expectancy")
    first = hle.figures[0]
    assert first.origin is not None and first.origin.row == 2
    assert first.origin.path == "indicators/healthy-life-expectancy/healthy-life-expectancy.csv"


def test_the_committed_data_reads_and_writes_back_byte_for_byte(tmp_path: Path) -> None:
    data = ROOT / "datapackages"
    imported = read_tree(data, default_project())
    assert len(imported.packages) == 81 and len(imported.evidence) == 313
    write_imported(imported, tmp_path / "again", default_project())
    assert differences(data, tmp_path / "again") == []


def test_a_tree_with_levels_and_a_revision_reads_and_writes_back(tmp_path: Path) -> None:
    """A synthetic framework with codes, targets and indicator-targets, then revised
    (``plant_revision``: a rename, merges, a split, a retirement, an outcome merged into
    another whose targets move to it with the orders they had), is written again byte
    for byte, and the model holds what it read."""
    data = tmp_path / "datapackages"
    write_packages(data, Size(12, outcomes=3, targets=True))
    plant_revision(data)
    imported = read_tree(data, default_project())
    assert imported.has_codes and imported.has_targets and imported.is_revised
    assert [r.change for r in imported.revisions] == [r[1] for r in REVISION]
    assert {o.slug for o in imported.outcomes if o.retired_in} == {"outcome-3"}
    assert {i.slug for i in imported.indicators if i.retired_in == REVISED_VERSION} == {
        "indicator-2",
        "indicator-3",
        "indicator-5",
        "indicator-9",
    }
    moved = [t for t in imported.targets if t.slug.startswith("target-3-")]
    assert moved and {t.outcome for t in moved} == {"outcome-1"}
    assert ("indicator-4", "target-1-2") in imported.indicator_targets
    write_imported(imported, tmp_path / "again", default_project())
    assert differences(data, tmp_path / "again") == []


def test_sources_and_producers_are_told_apart(tree: Path) -> None:
    imported = read_tree(tree, default_project())
    gap = next(p for p in imported.packages if p.slug == "pay-gap")
    assert [s.id for s in gap.sources] == ["wem-genderpaygap-sco", "wem-gpaygap-reg"]
    assert gap.producers and not gap.producers[0].url  # named in the descriptor only
    assert {f.source for f in gap.figures} == {s.id for s in gap.sources}


def test_a_property_the_model_cannot_carry_stops_the_read(tree: Path, tmp_path: Path) -> None:
    copy = tmp_path / "datapackages"
    shutil.copytree(tree, copy)
    path = copy / "indicators" / "pay-gap" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["npf:custom"] = "kept by hand"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(NpfError, match="npf:custom: a property the importers' model"):
        read_tree(copy, default_project())


def test_a_column_the_model_cannot_carry_stops_the_read(tree: Path, tmp_path: Path) -> None:
    copy = tmp_path / "datapackages"
    shutil.copytree(tree, copy)
    path = copy / "framework" / "units.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text(
        "\n".join([lines[0] + ",extra", *(line + ",x" for line in lines[1:])]) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(NpfError, match=r"units.csv:1: the columns .* are not those the writer"):
        read_tree(copy, default_project())


def test_a_folder_without_a_framework_is_not_a_tree(tmp_path: Path) -> None:
    with pytest.raises(NpfError, match="no data tree here"):
        read_tree(tmp_path, default_project())


def test_a_broken_figure_names_its_file_row_and_column(tree: Path, tmp_path: Path) -> None:
    copy = tmp_path / "datapackages"
    shutil.copytree(tree, copy)
    path = copy / "indicators" / "pay-gap" / "pay-gap.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    cells = lines[1].split(",")
    cells[lines[0].split(",").index("value")] = "lots"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(NpfError, match=r"pay-gap.csv:2: value: 'lots' is not a number"):
        read_tree(copy, default_project())
