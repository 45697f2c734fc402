"""A revision of the framework recorded in the data (docs/revisions.md), carried through
``npf import``.

The sources the NPF's importer reads describe the framework of 2018 (version ``1.0.0``)
and no revision of it. A maintainer who publishes a revision edits the framework package
the import wrote: its ``version``, ``revisions.csv``, ``retired_in``, renamed slugs, new
outcomes and indicators and where the indicators now sit. Before this module, importing
again wrote the 2018 framework over all of it.

``carry_revision`` reads the revision from the data being replaced and makes it again in
what the import has just written (before the import's output is swapped in, so the
import stays all or nothing):

- ``version``, ``revisions.csv`` and what the schemas gain with them (the contract's
  ``retired_in`` field added to the outcomes' and indicators' schemas as the import
  wrote them, codes and required columns kept; the ``revisions`` resource), as the
  revision left them;
- renames (followed to the last name): a package and slug the sources still name by its
  old slug is written under its new one, in the package and the framework's tables;
- ``retired_in`` of every outcome and indicator, as it was;
- what the revision added: every row of a framework table whose primary key the import
  did not write (new outcomes, indicators, measures, groups, sources), and the package of
  every indicator the sources do not have, as they were;
- the placements (``indicator-outcomes.csv``) as they were: they are the revised
  framework's, which the sources do not know.

The rest is written from the sources as ever: an imported row's other columns (a title
the maintainer changed with the revision) and the figures of every package the sources
have. A revision that needs more than this (a renamed indicator's new title, say)
belongs in the importer's catalogue (``catalogue.toml``) and is not carried. With no
``revisions`` resource in the data there is nothing to carry, and the import writes
exactly what it wrote before.
"""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_scripts.contract import RETIRED_IN, REVISED_TABLES, revisions_table
from build_scripts.errors import NpfError
from build_scripts.importers.write import write_csv, write_json

FRAMEWORK = "framework"
INDICATORS = "indicators"
DESCRIPTOR = "datapackage.json"
PLACEMENTS = "indicator-outcomes"
REVISION_KEPT = (
    "the framework's revision recorded in the data (version, revisions.csv, retired_in, "
    "renames, what it added, the placements) was kept: docs/revisions.md"
)
SLUG_COLUMNS = {
    "indicator": (
        ("indicators", "slug"),
        ("measures", "indicator"),
        (PLACEMENTS, "indicator"),
        ("indicator-targets", "indicator"),
    ),
    "outcome": (("outcomes", "slug"), (PLACEMENTS, "outcome"), ("targets", "outcome")),
}
"""Where each level's slug is written in the framework's tables (the last of each only
in a framework with targets)."""


@dataclass(frozen=True)
class Recorded:
    """The revised framework package of the data being replaced."""

    folder: Path  # its framework package
    descriptor: dict[str, Any]
    renamed: dict[str, dict[str, str]]  # level -> old slug -> the slug it has now


def recorded_revision(data: Path) -> Recorded | None:
    """The revision recorded in the data folder ``data``; ``None`` when it has none (no
    framework package, or one without a ``revisions`` resource)."""
    folder = data / FRAMEWORK
    try:
        descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        return None
    paths = {r.get("name"): r.get("path") for r in resources if isinstance(r, dict)}
    if "revisions" not in paths:
        return None
    rows = _rows(folder / str(paths["revisions"]))[1]
    renamed: dict[str, dict[str, str]] = {}
    for level in SLUG_COLUMNS:
        moves = {
            r["old_slug"]: r["new_slug"]
            for r in rows
            if r.get("level") == level and r.get("change") == "rename"
        }
        renamed[level] = {old: _last(new, moves) for old, new in moves.items()}
    return Recorded(folder, descriptor, renamed)


def _last(slug: str, moves: dict[str, str]) -> str:
    seen = {slug}
    while slug in moves and moves[slug] not in seen:  # validation refuses loops
        slug = moves[slug]
        seen.add(slug)
    return slug


def carry_revision(data: Path, work: Path) -> bool:
    """Make the revision recorded in ``data`` (the data being replaced) again in
    ``work`` (what the import wrote); whether there was one."""
    recorded = recorded_revision(data)
    if recorded is None:
        return False
    for old, new in recorded.renamed["indicator"].items():
        _rename_package(work / INDICATORS, old, new)
    for level, renames in recorded.renamed.items():
        for table, column in SLUG_COLUMNS[level]:
            _edit(work / FRAMEWORK / f"{table}.csv", column, renames)
    framework = work / FRAMEWORK
    descriptor = json.loads((framework / DESCRIPTOR).read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        _keep_rows(recorded, framework, resource)
    _keep_packages(data / INDICATORS, work / INDICATORS)
    revisions = revisions_table()
    shutil.copyfile(recorded.folder / revisions.path, framework / revisions.path)
    descriptor["resources"] = revised_resources(descriptor["resources"])
    descriptor["version"] = recorded.descriptor.get("version", descriptor.get("version"))
    write_json(framework / DESCRIPTOR, descriptor)
    return True


def revised_resources(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The framework's resources as written, with what a revised framework adds: the
    contract's ``retired_in`` field last in the schemas of outcomes and indicators, and
    the ``revisions`` resource last. Every other field stays as the import wrote it (a
    ``code``, a description the framework requires); where they are there already (an
    import that read the revision with the rest), nothing changes."""
    out = []
    for resource in resources:
        if resource.get("name") in REVISED_TABLES:
            fields = resource["schema"]["fields"]
            if not any(f.get("name") == RETIRED_IN.name for f in fields):
                schema = {**resource["schema"], "fields": [*fields, RETIRED_IN.field()]}
                resource = {**resource, "schema": schema}
        out.append(resource)
    revisions = revisions_table()
    if not any(r.get("name") == revisions.name for r in out):
        out.append(revisions.resource())
    return out


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            return list(reader.fieldnames or []), list(reader)
    except OSError as error:
        raise NpfError(
            f"{path}: cannot be read to carry the framework's revision through the import "
            f"({error.strerror}); restore it from git"
        ) from None


def _edit(path: Path, column: str, renames: dict[str, str]) -> None:
    """The slugs of ``column`` renamed, where any is (and the table is there)."""
    if not path.is_file():
        return
    fields, rows = _rows(path)
    if not any(r.get(column) in renames for r in rows):
        return
    for row in rows:
        row[column] = renames.get(row[column], row[column])
    write_csv(path, fields, rows)


def _rename_package(indicators: Path, old: str, new: str) -> None:
    """The package the import wrote under an old slug, moved to its new one: folder,
    CSV, and the descriptor's name and resource."""
    folder = indicators / old
    if not folder.is_dir() or (indicators / new).exists():
        return
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor["name"] = new
    for resource in descriptor.get("resources", []):
        if resource.get("name") == old:
            resource["name"] = new
        if resource.get("path") == f"{old}.csv":
            (folder / f"{old}.csv").rename(folder / f"{new}.csv")
            resource["path"] = f"{new}.csv"
    write_json(folder / DESCRIPTOR, descriptor)
    folder.rename(indicators / new)


def _keep_rows(recorded: Recorded, framework: Path, resource: dict[str, Any]) -> None:
    """One table of the framework as the revision left it: the placements whole; in
    the others, the rows whose key the import did not write, and ``retired_in``."""
    name, path = str(resource.get("name")), framework / str(resource.get("path"))
    before = recorded.folder / str(resource.get("path"))
    if not before.is_file():
        return
    old_rows = _rows(before)[1]
    fields, rows = _rows(path)
    if name in REVISED_TABLES:  # the revised schema has retired_in (empty: current)
        fields = [*(f for f in fields if f != RETIRED_IN.name), RETIRED_IN.name]
        retired = {r.get("slug", ""): r.get(RETIRED_IN.name) or "" for r in old_rows}
        for row in rows:
            row[RETIRED_IN.name] = retired.get(row.get("slug", ""), "")
    if name == PLACEMENTS:
        rows = []
    key = resource.get("schema", {}).get("primaryKey") or fields
    key = [key] if isinstance(key, str) else key
    written = {tuple(r.get(k, "") for k in key) for r in rows}
    kept = [r for r in old_rows if tuple(r.get(k, "") for k in key) not in written]
    if kept or name in REVISED_TABLES or name == PLACEMENTS:
        rows += [{f: r.get(f) or "" for f in fields} for r in kept]
        write_csv(path, fields, rows)


def _keep_packages(before: Path, after: Path) -> None:
    """The package of every indicator the import did not write, as it was."""
    if not before.is_dir():
        return
    for folder in sorted(before.iterdir()):
        if folder.is_dir() and not (after / folder.name).exists():
            shutil.copytree(folder, after / folder.name)
