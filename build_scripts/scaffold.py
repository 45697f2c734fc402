"""``npf new-indicator``: a new indicator, "in development", that validates at once.

It adds the indicator to the framework's catalogue (``indicators.csv``,
``indicator-outcomes.csv``, ``indicator-targets.csv`` in a framework with targets,
``measures.csv``: rows appended, every other byte kept) and
writes its package: a descriptor and a CSV of the contract's columns with no row. No
figure is made up: the maintainer adds them with ``npf import-xlsx`` (or an importer)
once they are published. All or nothing: the framework and the package are written and
validated in a temporary folder first, and put in place only when ``npf validate`` finds
no problem; an existing slug is never overwritten.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_scripts.config import Project, default_project
from build_scripts.contract import (
    IN_DEVELOPMENT,
    SCHEMA_URL,
    SLUG,
    criteria_problems,
    indicator_table,
)
from build_scripts.errors import NpfError
from build_scripts.importers.write import write_csv, write_json
from build_scripts.messages import message, phrase
from build_scripts.output import replace_dir
from build_scripts.problems import Problem
from build_scripts.validate import validate_path
from build_scripts.validate.descriptors import DESCRIPTOR, load_package
from build_scripts.xlsx.layout import FRAMEWORK, INDICATORS, read_csv


@dataclass(frozen=True)
class Source:
    """Who publishes the indicator's figures: the one source of its package."""

    id: str
    title: str
    publisher: str = ""
    url: str = ""

    def descriptor(self) -> dict[str, str]:
        out = {"id": self.id, "title": self.title}
        out |= {k: v for k, v in (("publisher", self.publisher), ("url", self.url)) if v}
        return out


@dataclass(frozen=True)
class NewIndicator:
    """What ``npf new-indicator`` is told: nothing here is a figure."""

    slug: str
    title: str
    outcomes: tuple[str, ...]
    measure: str
    measure_title: str
    unit: str
    direction: str
    decimals: int = 1
    description: str = ""
    criteria: dict[str, Any] | None = None
    criteria_note: str = ""
    source: Source | None = None
    confirmed: bool = False
    # In a framework with targets: the ones it sits under (one at least), and its code
    # where the framework numbers its indicators.
    targets: tuple[str, ...] = ()
    code: str = ""


@dataclass(frozen=True)
class Scaffolded:
    slug: str
    folder: Path

    def summary(self) -> str:
        return phrase(message("scaffold.written", slug=self.slug, folder=str(self.folder)))


def _say(key: str, **values: object) -> str:
    return phrase(message(key, **values))


def new_indicator(data: Path, new: NewIndicator, project: Project | None = None) -> Scaffolded:
    """Add ``new`` to the data packages in ``data``; raise ``NpfError`` (nothing
    written) when the slug exists, a name is unknown, or the result does not validate."""
    project = project or default_project()
    folder = data / INDICATORS / new.slug
    _check(data, new, folder, project)
    with tempfile.TemporaryDirectory(prefix="npf-new-") as tmp:
        root = Path(tmp).resolve()
        shutil.copytree(data / FRAMEWORK, root / FRAMEWORK)
        _catalogue(root / FRAMEWORK, new)
        _package(root / INDICATORS / new.slug, new, project)
        report = validate_path(root / INDICATORS / new.slug, project=project)
        if not report.valid:
            problems = [
                Problem(p.path.replace(str(root), str(data), 1), p.row, p.column, p.message, p.code)
                for p in report.problems
            ]
            raise NpfError(_say("scaffold.invalid", slug=new.slug), problems)
        with replace_dir(folder) as fresh:
            shutil.copytree(root / INDICATORS / new.slug, fresh, dirs_exist_ok=True)
        try:
            with replace_dir(data / FRAMEWORK) as fresh:
                shutil.copytree(root / FRAMEWORK, fresh, dirs_exist_ok=True)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
    return Scaffolded(new.slug, folder)


def _check(data: Path, new: NewIndicator, folder: Path, project: Project) -> None:
    for name, value in (("slug", new.slug), ("measure", new.measure)):
        if not re.fullmatch(SLUG, value):
            raise NpfError(_say("scaffold.not_a_slug", name=name, value=value))
    if folder.exists():
        raise NpfError(_say("scaffold.exists", slug=new.slug, folder=str(folder)))
    framework = load_package(data / FRAMEWORK, project.property_prefix)

    def column(table: str, name: str) -> list[str]:
        found = framework.table(table)
        return [r.get(name, "") for r in found.rows] if found is not None else []

    if framework.descriptor is None or framework.table("indicators") is None:
        raise NpfError(_say("scaffold.no_framework", folder=str(data / FRAMEWORK)))
    if new.slug in column("indicators", "slug"):
        raise NpfError(_say("scaffold.catalogued", slug=new.slug))
    outcomes = column("outcomes", "slug")
    for outcome in new.outcomes:
        if outcome not in outcomes:
            raise NpfError(_say("scaffold.unknown", what="outcome", value=outcome, known=outcomes))
    targets = column("targets", "slug")
    for target in new.targets:
        if target not in targets:
            raise NpfError(_say("scaffold.unknown", what="target", value=target, known=targets))
    indicators = framework.table("indicators")
    if new.code and indicators is not None and "code" not in indicators.header:
        raise NpfError(_say("scaffold.no_codes"))
    units = column("units", "unit")
    if new.unit not in units:
        raise NpfError(_say("scaffold.unknown", what="unit", value=new.unit, known=units))
    if new.criteria is not None:
        for problem in criteria_problems(new.criteria):
            raise NpfError(_say("scaffold.criteria", problem=problem.message))


def _append(path: Path, row: dict[str, str]) -> None:
    """Add ``row`` at the end of the CSV ``path``, written as the file is written; every
    byte before it kept."""
    existing = read_csv(path)
    out = io.StringIO(newline="")
    writer = csv.writer(
        out,
        lineterminator=existing.newline,
        quoting=csv.QUOTE_ALL if existing.quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerow([row.get(name, "") for name in existing.header])
    raw = existing.raw.decode("utf-8")
    if raw and not raw.endswith("\n"):
        raw += existing.newline
    path.write_text(raw + out.getvalue(), encoding="utf-8", newline="")


def _catalogue(framework: Path, new: NewIndicator) -> None:
    published = new.criteria is not None
    _append(
        framework / "indicators.csv",
        {
            "slug": new.slug,
            "code": new.code,
            "title": new.title,
            "availability": IN_DEVELOPMENT,
            "confirmed": "true" if new.confirmed else "false",
            "source": new.source.publisher or new.source.title if new.source else "",
            "criteria": json.dumps(new.criteria if published else {}),
            "criteria_origin": "published" if published else "",
            "criteria_note": new.criteria_note,
        },
    )
    for outcome in new.outcomes:
        _append(framework / "indicator-outcomes.csv", {"indicator": new.slug, "outcome": outcome})
    for target in new.targets:
        _append(framework / "indicator-targets.csv", {"indicator": new.slug, "target": target})
    _append(
        framework / "measures.csv",
        {
            "indicator": new.slug,
            "measure": new.measure,
            "title": new.measure_title,
            "description": new.description,
            "unit": new.unit,
            "direction": new.direction,
            "headline": "true",
            "decimals": str(new.decimals),
        },
    )


def _package(folder: Path, new: NewIndicator, project: Project) -> None:
    sources = [new.source] if new.source else []
    table = indicator_table(new.slug, [new.measure], [], [], [new.unit], [s.id for s in sources])
    write_csv(folder / table.path, table.fieldnames, [])
    descriptor: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "name": new.slug,
        "description": _say("scaffold.description"),
        "licenses": [project.licence.descriptor()],
        "sources": [s.descriptor() for s in sources],
        "version": "1.0.0",
        "resources": [table.resource()],
    }
    write_json(folder / DESCRIPTOR, descriptor)
