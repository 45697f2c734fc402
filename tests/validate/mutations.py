"""Small, named edits to a copy of the valid fixture tree, one per bad input."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

VALID = Path(__file__).parents[1] / "fixtures" / "packages" / "valid"

PA = "indicators/physical-activity/physical-activity.csv"
PA_JSON = "indicators/physical-activity/datapackage.json"
HLE = "indicators/healthy-life-expectancy/healthy-life-expectancy.csv"
GS = "indicators/green-space/green-space.csv"
GS_JSON = "indicators/green-space/datapackage.json"
EV_JSON = "equality-evidence/employment-rate-by-sex/datapackage.json"
INDICATORS = "framework/indicators.csv"
OUTCOME_LINKS = "framework/indicator-outcomes.csv"


def copy_valid(tmp_path: Path) -> Path:
    root = tmp_path / "datapackages"
    shutil.copytree(VALID, root)
    return root


def tree_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def read_rows(root: Path, rel: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((root / rel).read_text(encoding="utf-8"), newline="")))


def write_rows(root: Path, rel: str, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (root / rel).write_text(out.getvalue(), encoding="utf-8")


def set_cell(rel: str, line: int, column: str, value: str) -> Callable[[Path], None]:
    """Set the cell of ``column`` on ``line`` (the header is line 1)."""

    def mutate(root: Path) -> None:
        rows = read_rows(root, rel)
        rows[line - 1][rows[0].index(column)] = value
        write_rows(root, rel, rows)

    return mutate


def set_column(rel: str, column: str, value: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root, rel)
        i = rows[0].index(column)
        for row in rows[1:]:
            if row[i] or column == "value":
                row[i] = value
        write_rows(root, rel, rows)

    return mutate


def append_row(rel: str, **cells: str) -> Callable[[Path], None]:
    """Append a copy of the file's first data row with ``cells`` changed."""

    def mutate(root: Path) -> None:
        rows = read_rows(root, rel)
        new = list(rows[1])
        for column, value in cells.items():
            new[rows[0].index(column)] = value
        write_rows(root, rel, [*rows, new])

    return mutate


def drop_lines(rel: str, *lines: int) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root, rel)
        write_rows(root, rel, [r for n, r in enumerate(rows, start=1) if n not in lines])

    return mutate


def drop_column(rel: str, column: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root, rel)
        i = rows[0].index(column)
        write_rows(root, rel, [r[:i] + r[i + 1 :] for r in rows])

    return mutate


def add_column(rel: str, column: str, value: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        rows = read_rows(root, rel)
        write_rows(root, rel, [rows[0] + [column]] + [[*r, value] for r in rows[1:]])

    return mutate


def replace_bytes(rel: str, old: bytes, new: bytes) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        data = (root / rel).read_bytes()
        assert old in data, f"{old!r} not in {rel}"
        (root / rel).write_bytes(data.replace(old, new, 1))

    return mutate


def write_bytes(rel: str, data: bytes) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / rel).write_bytes(data)

    return mutate


def edit_json(rel: str, edit: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        data = json.loads((root / rel).read_text(encoding="utf-8"))
        edit(data)
        (root / rel).write_text(json.dumps(data, indent=2), encoding="utf-8")

    return mutate


def set_resource_path(value: str) -> Callable[[Path], None]:
    def edit(d: dict[str, Any]) -> None:
        d["resources"][0]["path"] = value

    return edit_json(PA_JSON, edit)


def set_criteria(rel_line: int, slug_json: str, criteria: dict[str, Any]) -> Callable[[Path], None]:
    """Change an indicator's criteria in the catalogue, their one home (``slug_json`` names
    the package whose published copy would carry them)."""
    del slug_json
    return set_cell(INDICATORS, rel_line, "criteria", json.dumps(criteria))


def remove(rel: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        target = root / rel
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()

    return mutate


def uncatalogued_package(root: Path) -> None:
    """A copy of physical-activity under a new name that the catalogue does not list."""
    old, new = root / "indicators" / "physical-activity", root / "indicators" / "walking"
    shutil.copytree(old, new)
    (new / "physical-activity.csv").rename(new / "walking.csv")
    data = json.loads((new / "datapackage.json").read_text(encoding="utf-8"))
    data["name"] = data["resources"][0]["name"] = "walking"
    data["resources"][0]["path"] = "walking.csv"
    (new / "datapackage.json").write_text(json.dumps(data, indent=2), encoding="utf-8")


def many_errors(root: Path) -> None:
    for rel in (PA, HLE, GS):
        set_column(rel, "value", "NaN")(root)
        set_column(rel, "unit", "percentage")(root)


def all_of(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        for m in mutations:
            m(root)

    return mutate
