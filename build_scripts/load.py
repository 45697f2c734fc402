"""Read ``datapackages/`` into the model (``model.py``).

Validation (``npf validate``) runs first and checks every rule, so this module only
reads: each table through the one typed reader (``tables.py``), no frictionless. Where a
file is still unreadable it raises ``NpfError`` naming the file, the line and the column,
never a bare ``KeyError``.

Each table is typed by the contract's schema of its kind (``contract.py``), the schema the
importers write into every descriptor and the one validation checks cells against, so a
package whose own schema was loosened cannot change the model's types; the package's own
``missingValues`` still say which cells are empty.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from build_scripts.config import Project, default_project
from build_scripts.contract import (
    breakdown_columns,
    breakdown_pairs,
    custom,
    every_framework_table,
    evidence_table,
    indicator_table,
    places_table,
)
from build_scripts.errors import located
from build_scripts.evidence_groups import mark_identical
from build_scripts.model import (
    BreakdownPair,
    BreakdownType,
    Characteristic,
    EvidenceDataset,
    Figure,
    Framework,
    Indicator,
    Measure,
    Outcome,
    Place,
    Revision,
    Source,
    Target,
    Unit,
    indicator_order,
)
from build_scripts.tables import Columns, find_resource, read_columns, read_descriptor

INDICATOR, EVIDENCE, PLACES = "<indicator>", "<evidence>", "<places>"
"""The kinds of table other than the framework's (known by their names)."""


def resource_path(package_dir: Path, descriptor: dict[str, Any], name: str) -> Path:
    """The file of the resource called ``name`` (``<name>.csv`` when it is not listed)."""
    resource = find_resource(descriptor, name)
    path = resource.get("path") if resource else None
    return package_dir / (path if isinstance(path, str) else f"{name}.csv")


@functools.cache
def _contract_schemas() -> dict[str, dict[str, Any]]:
    """The contract's Table Schema of each kind of table."""
    schemas = {t.name: t.schema() for t in every_framework_table()}
    schemas[INDICATOR] = indicator_table(INDICATOR, [], [], [], [], []).schema()
    schemas[EVIDENCE] = evidence_table(EVIDENCE).schema()
    schemas[PLACES] = places_table(PLACES).schema()
    return schemas


class _Table:
    """The typed columns of one table as Python values, with located errors."""

    def __init__(self, table: Columns) -> None:
        self.table, self.path, self.lines = table, table.path, table.lines

    def values(self, column: str) -> list[Any]:
        """The column's cells, ``None`` where missing (or where the table has no such
        column)."""
        return self.table.values.get(column) or [None] * len(self.lines)

    def text(self, column: str) -> list[str]:
        return ["" if v is None else v for v in self.values(column)]

    def optional(self, column: str) -> list[str | None]:
        return self.values(column)

    def required(self, column: str, why: str = "it is required") -> list[Any]:
        values = self.values(column)
        if None in values:
            line = self.lines[values.index(None)]
            raise located(self.path, line, column, f"is empty; {why}")
        return values

    def boolean(self, column: str) -> list[bool]:
        return [v is True for v in self.values(column)]


def _read(
    package_dir: Path,
    descriptor: dict[str, Any],
    name: str,
    kind: str,
    as_text: tuple[str, ...] = (),
) -> _Table:
    """The table ``name`` of a package, typed by the contract's schema of its ``kind``
    with the package's own ``missingValues``."""
    path = resource_path(package_dir, descriptor, name)
    resource = find_resource(descriptor, name) or {}
    schema = _contract_schemas()[kind]
    own = resource.get("schema")
    if isinstance(own, dict) and "missingValues" in own:
        schema = {**schema, "missingValues": own["missingValues"]}
    encoding = str(resource.get("encoding", "utf-8"))
    return _Table(read_columns(path, schema, as_text=as_text, encoding=encoding))


def _read_framework(root: Path, descriptor: dict[str, Any], name: str) -> _Table:
    return _read(root, descriptor, name, name)


def _figures(c: _Table) -> list[Figure]:
    required = c.required
    columns = {
        "measure": required("measure"),
        "period": required("period"),
        "period_start": required("period_start"),
        "period_end": required("period_end"),
        "breakdown_type": required("breakdown_type"),
        "breakdown_group": required("breakdown_group"),
        "value": required("value", "a figure needs a value"),
        "unit": c.text("unit"),
        "source": c.text("source"),
        "cross": _cross(c),
        "lower": c.values("lower"),
        "upper": c.values("upper"),
        "flag": c.optional("flag"),
        "note": c.optional("note"),
    }
    # In the order of Figure's fields (positional: keywords cost a third of the load).
    ordered = [columns[f.name] for f in dataclasses.fields(Figure)]
    return [Figure(*row) for row in zip(*ordered, strict=True)]


def _cross(c: _Table) -> list[tuple[BreakdownPair, ...]]:
    """Each row's further breakdowns (pairs 2, 3, ...), ``()`` where it has none."""
    pairs = breakdown_pairs(list(c.table.values))
    columns = [
        (types, c.text(group))
        for types, group in (
            (c.optional(t), g) for t, g in (breakdown_columns(n) for n in range(2, pairs + 1))
        )
        if any(t is not None for t in types)
    ]
    if not columns:
        return [()] * len(c.lines)
    return [
        tuple((t, g) for t, g in row if t is not None)
        for row in zip(*(zip(types, groups, strict=True) for types, groups in columns), strict=True)
    ]


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
    if not resource_path(root, descriptor, "sources").is_file():
        return {}
    c = _read_framework(root, descriptor, "sources")
    ids = c.required("id")
    return {
        i: Source(id=i, title=t, path=p, publisher=pub, published=when, url=u)
        for i, t, p, pub, when, u in zip(
            ids,
            c.text("title"),
            c.text("path"),
            c.text("publisher"),
            c.text("published"),
            c.text("url"),
            strict=True,
        )
    }


def read_catalogue(data_dir: Path) -> dict[str, Indicator]:
    """Every indicator's metadata from the framework's catalogue (its one home), its
    targets among it, without its package's figures, description and sources."""
    root = Path(data_dir) / "framework"
    descriptor = read_descriptor(root / "datapackage.json")
    indicators = _catalogue(root, descriptor, _framework_sources(root, descriptor))
    _targets(root, descriptor, _outcomes(root, descriptor, indicators), indicators)
    return indicators


def _catalogue(
    root: Path, descriptor: dict[str, Any], sources: dict[str, Source]
) -> dict[str, Indicator]:
    measures: dict[str, list[Measure]] = {}
    c = _read_framework(root, descriptor, "measures")
    for indicator, *fields in zip(
        c.required("indicator"),
        c.required("measure"),
        c.text("title"),
        c.text("description"),
        c.text("unit"),
        c.text("direction"),
        c.boolean("headline"),
        c.values("decimals"),
        strict=True,
    ):
        measures.setdefault(indicator, []).append(Measure(*fields))
    outcomes: dict[str, list[str]] = {}
    c = _read_framework(root, descriptor, "indicator-outcomes")
    for indicator, outcome in zip(c.required("indicator"), c.required("outcome"), strict=True):
        outcomes.setdefault(indicator, []).append(outcome)
    c = _read_framework(root, descriptor, "indicators")
    rows = zip(
        c.required("slug"),
        c.required("title"),
        c.values("criteria"),
        c.text("availability"),
        c.boolean("confirmed"),
        c.text("source"),
        c.text("last_updated"),
        c.text("next_update"),
        c.text("criteria_origin"),
        c.text("criteria_source"),
        c.text("criteria_note"),
        c.text("retired_in"),
        c.text("code"),
        strict=True,
    )
    indicators: dict[str, Indicator] = {}
    for slug, title, criteria, availability, confirmed, *more in rows:
        source, last_updated, next_update, origin, criteria_source, note, retired_in, code = more
        indicators[slug] = Indicator(
            slug=slug,
            title=title,
            description="",
            outcomes=outcomes.get(slug, []),
            measures=measures.get(slug, []),
            criteria=criteria if isinstance(criteria, dict) else {},
            availability=availability or "published",
            confirmed=confirmed,
            source=source,
            last_updated=last_updated,
            next_update=next_update,
            criteria_origin=origin,
            criteria_source=sources.get(criteria_source),
            criteria_note=note,
            retired_in=retired_in,
            code=code,
        )
    return indicators


def _add_indicator_package(
    indicator: Indicator, package_dir: Path, known: dict[str, Source]
) -> None:
    """Fill an indicator from its own package: description, sources, figures (the rest
    of its metadata is the catalogue's, read by ``read_catalogue``)."""
    descriptor = read_descriptor(package_dir / "datapackage.json")
    indicator.description = str(descriptor.get("description", ""))
    sources = _descriptor_sources(descriptor, known)
    if sources:
        indicator.sources = sources
    indicator.figures = _figures(_read(package_dir, descriptor, indicator.slug, INDICATOR))


def load_evidence(package_dir: Path, known: dict[str, Source], prefix: str) -> EvidenceDataset:
    descriptor = read_descriptor(package_dir / "datapackage.json")
    slug = str(descriptor.get("name") or package_dir.name)
    # Rows keep their text as written (dates too); only ``value`` is a number.
    c = _read(package_dir, descriptor, slug, EVIDENCE, as_text=("date",))
    names = list(c.table.values)
    columns = [c.text(name) if name != "value" else c.values(name) for name in names]
    rows = [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]
    if "value" in names:
        for row in rows:
            if row["value"] is None:
                row["value"] = ""
    return EvidenceDataset(
        slug=slug,
        title=str(descriptor.get("title") or slug),
        description=str(descriptor.get("description", "")),
        characteristic=str(descriptor.get(custom("characteristic", prefix), "")),
        policy_area=str(descriptor.get(custom("policy_area", prefix), "")),
        last_updated=str(descriptor.get(custom("last_updated", prefix), "") or ""),
        rows=rows,
        sources=_descriptor_sources(descriptor, known),
    )


def _outcomes(
    root: Path, descriptor: dict[str, Any], indicators: dict[str, Indicator]
) -> list[Outcome]:
    c = _read_framework(root, descriptor, "outcomes")
    outcomes = [
        Outcome(slug, name, statement, description, order, retired_in=retired_in, code=code)
        for slug, name, statement, description, order, retired_in, code in zip(
            c.required("slug"),
            c.required("name"),
            c.text("statement"),
            c.text("description"),
            c.required("order"),
            c.text("retired_in"),
            c.text("code"),
            strict=True,
        )
    ]
    by_slug = {o.slug: o for o in outcomes}
    for indicator in indicators.values():
        for slug in indicator.outcomes:
            outcome = by_slug.get(slug)
            # A current outcome lists its current indicators; a retired one, all it had.
            if outcome is not None and (outcome.retired_in or not indicator.retired_in):
                outcome.indicators.append(indicator.slug)
    for outcome in outcomes:
        outcome.indicators.sort(key=lambda s: indicator_order(indicators[s]))
    return sorted(outcomes, key=lambda o: (o.order, o.slug))


def _targets(
    root: Path,
    descriptor: dict[str, Any],
    outcomes: list[Outcome],
    indicators: dict[str, Indicator],
) -> dict[str, Target]:
    """The framework's targets (none when it has no such resource), in order, each with
    its indicators; each outcome and indicator given its targets' slugs."""
    if find_resource(descriptor, "targets") is None:
        return {}
    c = _read_framework(root, descriptor, "targets")
    found = [
        Target(*fields)
        for fields in zip(
            c.required("slug"),
            c.required("outcome"),
            c.text("code"),
            c.required("title"),
            c.text("description"),
            c.required("order"),
            strict=True,
        )
    ]
    rank = {o.slug: n for n, o in enumerate(outcomes)}
    found.sort(key=lambda t: (rank.get(t.outcome, len(rank)), t.order, t.slug))
    targets = {t.slug: t for t in found}
    by_slug = {o.slug: o for o in outcomes}
    for target in found:
        if target.outcome in by_slug:
            by_slug[target.outcome].targets.append(target.slug)
    if find_resource(descriptor, "indicator-targets") is not None:
        c = _read_framework(root, descriptor, "indicator-targets")
        for slug, target in zip(c.required("indicator"), c.required("target"), strict=True):
            indicator = indicators.get(slug)
            if indicator is not None and target in targets:
                indicator.targets.append(target)
    position = {slug: n for n, slug in enumerate(targets)}
    for indicator in indicators.values():
        indicator.targets.sort(key=position.__getitem__)
        for slug in indicator.targets:
            outcome = by_slug.get(targets[slug].outcome)
            # As outcomes list theirs: a current outcome's target its current indicators.
            if outcome is None or outcome.retired_in or not indicator.retired_in:
                targets[slug].indicators.append(indicator.slug)
    for target in found:
        target.indicators.sort(key=lambda s: indicator_order(indicators[s]))
    return targets


def _groups(
    root: Path, descriptor: dict[str, Any]
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], int]]:
    """The label and the order of each breakdown group, by (type, group)."""
    c = _read_framework(root, descriptor, "breakdown-groups")
    keys = list(zip(c.required("breakdown_type"), c.required("group"), strict=True))
    labels = dict(zip(keys, c.text("label"), strict=True))
    order = dict(zip(keys, c.required("order"), strict=True))
    return labels, order


def _revisions(root: Path, descriptor: dict[str, Any]) -> list[Revision]:
    """The framework's ``revisions`` (none when it has no such resource)."""
    if find_resource(descriptor, "revisions") is None:
        return []
    c = _read_framework(root, descriptor, "revisions")
    return [
        Revision(*fields)
        for fields in zip(
            c.required("from_version"),
            c.required("to_version"),
            c.required("level"),
            c.required("change"),
            c.text("old_slug"),
            c.text("new_slug"),
            c.text("note"),
            strict=True,
        )
    ]


def group_names(data_dir: Path, places: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The name of each breakdown group by (type, group), as the framework package gives
    it: each place's name (``places``: breakdown type and the resource that lists its
    places), else the group's label (``breakdown-groups``). What ``Framework.group_label``
    says, read without loading the indicators (for the CSV downloads)."""
    root = data_dir / "framework"
    descriptor = read_descriptor(root / "datapackage.json")
    names, _ = _groups(root, descriptor)
    for kind, resource in places:
        if find_resource(descriptor, resource) is None:
            continue
        table = _read(root, descriptor, resource, PLACES)
        for code, name in zip(table.required("code"), table.text("name"), strict=True):
            names[(kind, code)] = name
    return names


def load_framework(data_dir: Path, project: Project | None = None) -> Framework:
    """Read the framework, every indicator package and every equality evidence package,
    with the configuration of ``project`` (by default the repository's own): the prefix of
    the custom properties, the geographies."""
    project = project or default_project()
    prefix = project.property_prefix
    data_dir = Path(data_dir)
    root = data_dir / "framework"
    descriptor = read_descriptor(root / "datapackage.json")
    known_sources = _framework_sources(root, descriptor)
    indicators = _catalogue(root, descriptor, known_sources)
    for slug, indicator in indicators.items():
        package_dir = data_dir / "indicators" / slug
        if (package_dir / "datapackage.json").is_file():
            _add_indicator_package(indicator, package_dir, known_sources)
    group_labels, group_order = _groups(root, descriptor)
    units = _read_framework(root, descriptor, "units")
    types = _read_framework(root, descriptor, "breakdown-types")
    characteristics = _read_framework(root, descriptor, "characteristics")
    present = set(types.required("slug"))  # a geography the data lacks: the build says so
    areas = {
        g.breakdown_type: _read(root, descriptor, g.places, PLACES)
        for g in project.geographies
        if g.breakdown_type in present
    }
    evidence_root = data_dir / "equality-evidence"
    evidence_dirs = sorted(evidence_root.iterdir()) if evidence_root.is_dir() else []
    evidence = [
        load_evidence(d, known_sources, prefix)
        for d in evidence_dirs
        if (d / "datapackage.json").is_file()
    ]
    mark_identical(evidence)
    outcomes = _outcomes(root, descriptor, indicators)
    targets = _targets(root, descriptor, outcomes, indicators)
    return Framework(
        purpose=str(descriptor.get(custom("purpose", prefix), "")),
        outcomes=outcomes,
        indicators=indicators,
        units={
            unit: Unit(unit, label, is_percentage, change_label)
            for unit, label, is_percentage, change_label in zip(
                units.required("unit"),
                units.text("label"),
                units.boolean("is_percentage"),
                units.text("change_label"),
                strict=True,
            )
        },
        breakdown_types={
            slug: BreakdownType(slug, name, characteristic)
            for slug, name, characteristic in zip(
                types.required("slug"),
                types.text("name"),
                types.optional("characteristic"),
                strict=True,
            )
        },
        group_labels=group_labels,
        group_order=group_order,
        characteristics={
            slug: Characteristic(slug, name)
            for slug, name in zip(
                characteristics.required("slug"), characteristics.text("name"), strict=True
            )
        },
        places={
            kind: {
                code: Place(code, name, slug, kind)
                for code, name, slug in zip(
                    t.required("code"), t.text("name"), t.required("slug"), strict=True
                )
            }
            for kind, t in areas.items()
        },
        evidence=evidence,
        version=str(descriptor.get("version", "")),
        revisions=_revisions(root, descriptor),
        targets=targets,
    )
