"""Read ``datapackages/`` into the model (``model.py``).

Validation (``npf validate``) runs first and checks every rule, so this module only
reads: plain ``csv`` and ``json``, no frictionless, so a full load takes well under a
second. Where a file is still unreadable it raises ``NpfError`` naming the file, the row
and the column, never a bare ``KeyError``.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path
from typing import Any

from build_scripts.errors import located
from build_scripts.model import (
    BreakdownType,
    Characteristic,
    CouncilArea,
    EvidenceDataset,
    Figure,
    Framework,
    Indicator,
    Measure,
    Outcome,
    Source,
    Unit,
)

TRUE = frozenset({"true", "True", "TRUE", "yes", "Yes", "1"})
FALSE = frozenset({"false", "False", "FALSE", "no", "No", "0", ""})

Row = dict[str, str]


def read_descriptor(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise located(path, None, None, "file not found; run `npf import` or check the folder")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise located(path, error.lineno, None, f"not valid JSON: {error.msg}") from error
    if not isinstance(data, dict):
        raise located(path, None, None, "a data package descriptor must be a JSON object")
    return data


def read_rows(path: Path) -> list[Row]:
    """Every row of a CSV as a dict of stripped-of-nothing strings (the header is row 1)."""
    if not path.is_file():
        raise located(path, None, None, "file not found; is the descriptor's `path` right?")
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def resource_path(package_dir: Path, descriptor: dict[str, Any], name: str) -> Path:
    """The file of the resource called ``name`` (``<name>.csv`` when it is not listed)."""
    for resource in descriptor.get("resources", []):
        if isinstance(resource, dict) and resource.get("name") == name:
            path = resource.get("path")
            if isinstance(path, str):
                return package_dir / path
    return package_dir / f"{name}.csv"


class _Cells:
    """Typed access to the cells of one CSV row, with located errors."""

    def __init__(self, path: Path, line: int, row: Row) -> None:
        self.path, self.line, self.row = path, line, row

    def text(self, column: str) -> str:
        value = self.row.get(column)
        return "" if value is None else value

    def optional(self, column: str) -> str | None:
        return self.text(column) or None

    def required(self, column: str) -> str:
        value = self.text(column)
        if not value:
            raise located(self.path, self.line, column, "is empty; it is required")
        return value

    def boolean(self, column: str) -> bool:
        value = self.text(column)
        if value in TRUE:
            return True
        if value in FALSE:
            return False
        raise located(self.path, self.line, column, f"{value!r} is not true or false")

    def integer(self, column: str) -> int:
        try:
            return int(self.required(column))
        except ValueError as error:
            message = f"{self.text(column)!r} is not a whole number"
            raise located(self.path, self.line, column, message) from error

    def number(self, column: str) -> float | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return float(value)
        except ValueError as error:
            raise located(self.path, self.line, column, f"{value!r} is not a number") from error

    def day(self, column: str) -> date:
        value = self.required(column)
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            message = f"{value!r} is not a date (YYYY-MM-DD)"
            raise located(self.path, self.line, column, message) from error

    def json_object(self, column: str) -> dict[str, Any]:
        value = self.text(column)
        if not value:
            return {}
        try:
            data = json.loads(value)
        except json.JSONDecodeError as error:
            message = f"is not a JSON object: {error.msg}"
            raise located(self.path, self.line, column, message) from error
        if not isinstance(data, dict):
            raise located(self.path, self.line, column, "must be a JSON object")
        return data


def _cells(path: Path) -> list[_Cells]:
    return [_Cells(path, line, row) for line, row in enumerate(read_rows(path), start=2)]


def _resource(package_dir: Path, descriptor: dict[str, Any], name: str) -> list[_Cells]:
    return _cells(resource_path(package_dir, descriptor, name))


def read_figures(path: Path) -> list[Figure]:
    """The tidy rows of one indicator CSV."""
    figures = []
    for c in _cells(path):
        value = c.number("value")
        if value is None:
            raise located(path, c.line, "value", "is empty; a figure needs a value")
        figures.append(
            Figure(
                measure=c.required("measure"),
                period=c.required("period"),
                period_start=c.day("period_start"),
                period_end=c.day("period_end"),
                breakdown_type=c.required("breakdown_type"),
                breakdown_group=c.required("breakdown_group"),
                value=value,
                unit=c.text("unit"),
                source=c.text("source"),
                breakdown_type_2=c.optional("breakdown_type_2"),
                breakdown_group_2=c.optional("breakdown_group_2"),
                lower=c.number("lower"),
                upper=c.number("upper"),
                flag=c.optional("flag"),
                note=c.optional("note"),
            )
        )
    return figures


def _measure_from_json(item: dict[str, Any]) -> Measure:
    return Measure(
        name=str(item.get("name", "")),
        title=str(item.get("title", "")),
        description=str(item.get("description", "")),
        unit=str(item.get("unit", "")),
        direction=str(item.get("direction", "")),
        headline=bool(item.get("headline", False)),
        decimals=item["decimals"] if isinstance(item.get("decimals"), int) else None,
    )


def _descriptor_sources(descriptor: dict[str, Any], known: dict[str, Source]) -> list[Source]:
    """The package's ``sources``, completed (publisher) from the framework's list."""
    sources = []
    for item in descriptor.get("sources", []):
        if not isinstance(item, dict):
            continue
        source_id = str(item.get("id", ""))
        base = known.get(source_id)
        sources.append(
            Source(
                id=source_id,
                title=str(item.get("title") or (base.title if base else "")),
                path=str(item.get("path") or (base.path if base else "")),
                publisher=str(item.get("publisher") or (base.publisher if base else "")),
                published=str(item.get("published") or (base.published if base else "")),
                url=str(item.get("url") or (base.url if base else "")),
            )
        )
    return sources


def _framework_sources(root: Path, descriptor: dict[str, Any]) -> dict[str, Source]:
    path = resource_path(root, descriptor, "sources")
    if not path.is_file():
        return {}
    return {
        c.required("id"): Source(
            id=c.required("id"),
            title=c.text("title"),
            path=c.text("path"),
            publisher=c.text("publisher"),
            published=c.text("published"),
            url=c.text("url"),
        )
        for c in _cells(path)
    }


def _catalogue(
    root: Path, descriptor: dict[str, Any], sources: dict[str, Source]
) -> dict[str, Indicator]:
    measures: dict[str, list[Measure]] = {}
    for c in _resource(root, descriptor, "measures"):
        measures.setdefault(c.required("indicator"), []).append(
            Measure(
                name=c.required("measure"),
                title=c.text("title"),
                description=c.text("description"),
                unit=c.text("unit"),
                direction=c.text("direction"),
                headline=c.boolean("headline"),
                decimals=c.integer("decimals") if c.text("decimals") else None,
            )
        )
    outcomes: dict[str, list[str]] = {}
    for c in _resource(root, descriptor, "indicator-outcomes"):
        outcomes.setdefault(c.required("indicator"), []).append(c.required("outcome"))
    indicators: dict[str, Indicator] = {}
    for c in _resource(root, descriptor, "indicators"):
        slug = c.required("slug")
        indicators[slug] = Indicator(
            slug=slug,
            title=c.required("title"),
            description="",
            outcomes=outcomes.get(slug, []),
            measures=measures.get(slug, []),
            criteria=c.json_object("criteria"),
            availability=c.text("availability") or "published",
            confirmed=c.boolean("confirmed"),
            source=c.text("source"),
            last_updated=c.text("last_updated"),
            next_update=c.text("next_update"),
            criteria_origin=c.text("criteria_origin"),
            criteria_source=sources.get(c.text("criteria_source")),
            criteria_note=c.text("criteria_note"),
        )
    return indicators


def _add_indicator_package(
    indicator: Indicator, package_dir: Path, known: dict[str, Source]
) -> None:
    """Fill an indicator from its own package: description, sources, figures."""
    descriptor = read_descriptor(package_dir / "datapackage.json")
    indicator.description = str(descriptor.get("description", ""))
    if not indicator.measures:
        indicator.measures = [
            _measure_from_json(m) for m in descriptor.get("npf:measures", []) if isinstance(m, dict)
        ]
    sources = _descriptor_sources(descriptor, known)
    if sources:
        indicator.sources = sources
    if not indicator.next_update:
        indicator.next_update = str(descriptor.get("npf:next_update", "") or "")
    if not indicator.last_updated:
        indicator.last_updated = str(descriptor.get("npf:last_updated", "") or "")
    indicator.figures = read_figures(resource_path(package_dir, descriptor, indicator.slug))


def _evidence_value(text: str) -> Any:
    try:
        return float(text)
    except ValueError:
        return text


def load_evidence(package_dir: Path, known: dict[str, Source]) -> EvidenceDataset:
    descriptor = read_descriptor(package_dir / "datapackage.json")
    slug = str(descriptor.get("name") or package_dir.name)
    rows: list[dict[str, Any]] = []
    for row in read_rows(resource_path(package_dir, descriptor, slug)):
        rows.append({k: _evidence_value(v) if k == "value" and v else v for k, v in row.items()})
    return EvidenceDataset(
        slug=slug,
        title=str(descriptor.get("title") or slug),
        description=str(descriptor.get("description", "")),
        characteristic=str(descriptor.get("npf:characteristic", "")),
        policy_area=str(descriptor.get("npf:policy_area", "")),
        last_updated=str(descriptor.get("npf:last_updated", "") or ""),
        rows=rows,
        sources=_descriptor_sources(descriptor, known),
    )


def _outcomes(
    root: Path, descriptor: dict[str, Any], indicators: dict[str, Indicator]
) -> list[Outcome]:
    outcomes = [
        Outcome(
            slug=c.required("slug"),
            name=c.required("name"),
            statement=c.text("statement"),
            description=c.text("description"),
            order=c.integer("order"),
        )
        for c in _resource(root, descriptor, "outcomes")
    ]
    by_slug = {o.slug: o for o in outcomes}
    for indicator in indicators.values():
        for slug in indicator.outcomes:
            if slug in by_slug:
                by_slug[slug].indicators.append(indicator.slug)
    for outcome in outcomes:
        outcome.indicators.sort(key=lambda s: (indicators[s].title.casefold(), s))
    return sorted(outcomes, key=lambda o: (o.order, o.slug))


def load_framework(data_dir: Path) -> Framework:
    """Read the framework, every indicator package and every equality evidence package."""
    data_dir = Path(data_dir)
    root = data_dir / "framework"
    descriptor = read_descriptor(root / "datapackage.json")
    known_sources = _framework_sources(root, descriptor)
    indicators = _catalogue(root, descriptor, known_sources)
    for slug, indicator in indicators.items():
        package_dir = data_dir / "indicators" / slug
        if (package_dir / "datapackage.json").is_file():
            _add_indicator_package(indicator, package_dir, known_sources)

    groups = _resource(root, descriptor, "breakdown-groups")
    group_labels = {
        (c.required("breakdown_type"), c.required("group")): c.text("label") for c in groups
    }
    group_order = {
        (c.required("breakdown_type"), c.required("group")): c.integer("order") for c in groups
    }
    evidence_root = data_dir / "equality-evidence"
    evidence_dirs = sorted(evidence_root.iterdir()) if evidence_root.is_dir() else []
    return Framework(
        purpose=str(descriptor.get("npf:purpose", "")),
        outcomes=_outcomes(root, descriptor, indicators),
        indicators=indicators,
        units={
            c.required("unit"): Unit(
                c.required("unit"),
                c.text("label"),
                c.boolean("is_percentage"),
                c.text("change_label"),
            )
            for c in _resource(root, descriptor, "units")
        },
        breakdown_types={
            c.required("slug"): BreakdownType(
                c.required("slug"), c.text("name"), c.optional("characteristic")
            )
            for c in _resource(root, descriptor, "breakdown-types")
        },
        group_labels=group_labels,
        group_order=group_order,
        characteristics={
            c.required("slug"): Characteristic(c.required("slug"), c.text("name"))
            for c in _resource(root, descriptor, "characteristics")
        },
        council_areas={
            c.required("code"): CouncilArea(c.required("code"), c.text("name"), c.required("slug"))
            for c in _resource(root, descriptor, "council-areas")
        },
        evidence=[
            load_evidence(d, known_sources)
            for d in evidence_dirs
            if (d / "datapackage.json").is_file()
        ],
    )
