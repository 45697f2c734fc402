"""A data packages tree whose framework has levels (docs/data-format.md, "Levels"): the
valid fixture (``tests/fixtures/packages/valid``) with codes on its outcomes and
indicators, and targets between them, as the Sustainable Development Goals number them
(goal ``1``, target ``1.2``, indicator ``1.2.1``). The targets' words are made up.

Health (``1``) has two targets, environment (``2``) two; ``green-space``, under both
outcomes, sits under a target of each.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

from build_scripts.contract import framework_tables
from build_scripts.importers.write import write_csv

VALID = Path(__file__).resolve().parent / "fixtures" / "packages" / "valid"
OUTCOME_CODES = {"health": "1", "environment": "2"}
TARGETS = (
    # slug, outcome, code, title, description, order
    ("long-lives", "health", "1.1", "By 2030, people live longer in good health", "", 1),
    (
        "active-lives",
        "health",
        "1.2",
        "By 2030, more people of every age are active",
        "Activity of every kind, at work and at leisure.",
        2,
    ),
    ("green-places", "environment", "2.1", "Everyone lives near green or blue space", "", 1),
    ("nature", "environment", "2.2", "Nature recovers in every region", "", 2),
)
INDICATOR_TARGETS = (
    ("healthy-life-expectancy", "long-lives"),
    ("physical-activity", "active-lives"),
    ("green-space", "active-lives"),
    ("green-space", "green-places"),
    ("biodiversity", "nature"),
)
INDICATOR_CODES = {
    "healthy-life-expectancy": "1.1.1",
    "physical-activity": "1.2.1",
    "green-space": "1.2.2",
    "biodiversity": "2.2.1",
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_levels(target: Path) -> Path:
    """Copy the valid fixture to ``target`` and give its framework codes and targets, as
    the contract's optional tables and columns (``framework_tables(codes=True,
    targets=True)``); return ``target``."""
    shutil.copytree(VALID, target)
    folder = target / "framework"
    tables = {t.name: t for t in framework_tables(codes=True, targets=True)}
    codes = {"outcomes": OUTCOME_CODES, "indicators": INDICATOR_CODES}
    for name, by_slug in codes.items():
        rows = [{**r, "code": by_slug.get(r["slug"], "")} for r in _rows(folder / f"{name}.csv")]
        write_csv(folder / f"{name}.csv", tables[name].fieldnames, rows)
    columns = tables["targets"].fieldnames
    write_csv(
        folder / "targets.csv",
        columns,
        [dict(zip(columns, (str(v) for v in t), strict=True)) for t in TARGETS],
    )
    write_csv(
        folder / "indicator-targets.csv",
        ["indicator", "target"],
        [{"indicator": i, "target": t} for i, t in INDICATOR_TARGETS],
    )
    path = folder / "datapackage.json"
    descriptor: dict[str, Any] = json.loads(path.read_text("utf-8"))
    resources: list[dict[str, Any]] = []
    for resource in descriptor["resources"]:
        name = resource["name"]
        resources.append(tables[name].resource() if name in codes else resource)
        if name == "indicator-outcomes":
            resources += [tables["targets"].resource(), tables["indicator-targets"].resource()]
    descriptor["resources"] = resources
    path.write_text(json.dumps(descriptor, indent=2) + "\n", "utf-8")
    return target
