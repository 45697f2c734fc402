"""The rules Table Schema cannot say, for indicator and equality evidence packages:
figures are finite and percentages within 0-100, periods parse to the stored dates and
do not overlap within a series, breakdowns come from the framework's controlled lists,
a published indicator has a headline, and the package leaves the catalogue's properties
to the catalogue (``metadata.py``: their one home is ``framework/``).

Each rule and its message are listed in ``docs/validation.md``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from build_scripts.contract import (
    EVIDENCE_COLUMNS,
    EVIDENCE_KEY_CANDIDATES,
    EVIDENCE_KEY_REQUIRED,
    EVIDENCE_SERIES,
    HEADLINE_GROUP,
    HEADLINE_TYPE,
    IN_DEVELOPMENT,
    INDICATOR_NUMBERS,
    NOT_ASSESSED,
    breakdown_columns,
    breakdown_pairs,
    indicator_columns,
    indicator_key,
    indicator_series,
)
from build_scripts.metadata import CATALOGUED
from build_scripts.periods import Period, PeriodError, parse_period
from build_scripts.problems import Problem
from build_scripts.validate.catalogue import TRUE, Catalogue
from build_scripts.validate.descriptors import LoadedPackage, Table

HINTS: tuple[str | None, ...] = (None, "Academic", *(f"{n} year" for n in range(1, 6)))


@dataclass(frozen=True)
class Dated:
    """A row's period as stored, for the overlap check."""

    line: int
    label: str
    start: date
    end: date


# --- indicator packages ----------------------------------------------------------------


def check_indicator(package: LoadedPackage, cat: Catalogue | None) -> list[Problem]:
    problems = list(_indicator_descriptor(package))
    if package.descriptor is None:
        return problems
    measures = _catalogued_measures(package.folder.name, cat)
    for table in package.tables:
        pairs = _pairs(table)
        row_problems = list(_indicator_rows(package, table, measures, cat))
        problems.extend(row_problems)
        problems.extend(_overlaps(table, indicator_series(pairs), _misdated(row_problems)))
        problems.extend(_headline(package, table, measures, cat, pairs))
    return problems


def _pairs(table: Table) -> int:
    """The breakdown pairs of an indicator table, by its schema's columns."""
    fields = table.schema.get("fields", [])
    return breakdown_pairs([f["name"] for f in fields if isinstance(f, dict) and "name" in f])


def _catalogued_measures(slug: str, cat: Catalogue | None) -> dict[str, Mapping[str, str]] | None:
    """The indicator's measures (``measures.csv``) by name; None without a catalogue."""
    if cat is None:
        return None
    return {e.row.get("measure", ""): e.row for e in cat.measures_of.get(slug, [])}


def _indicator_descriptor(package: LoadedPackage) -> Iterator[Problem]:
    if package.descriptor is None:
        return
    slug = package.folder.name
    at = package.shown
    if package.prop("name") != slug:
        yield Problem(
            at,
            None,
            "name",
            f"the name must be the folder's name, {slug!r}",
            code="name-not-folder",
        )
    resources = package.prop("resources", [])
    if len(resources) != 1:
        message = "an indicator package has exactly one resource"
        yield Problem(at, None, "resources", message, code="resource-count")
    yield from _catalogued_properties(package)
    for table in package.tables:
        pairs = _pairs(table)
        yield from _columns(at, table, indicator_columns(pairs))
        key = indicator_key(pairs)
        if table.schema.get("primaryKey") != list(key):
            yield Problem(
                at,
                None,
                f"resources[{table.index}].schema.primaryKey",
                f"the primary key must be {', '.join(key)}",
                code="wrong-primary-key",
            )


def _catalogued_properties(package: LoadedPackage) -> Iterator[Problem]:
    """An indicator's title, outcomes, measures, criteria, availability and dates live in
    the framework's catalogue only; a copy in its descriptor would be ignored, so it is
    reported rather than left to go stale."""
    descriptor = package.descriptor or {}
    located = [("title", "title", "indicators.csv (title)")] if "title" in descriptor else []
    located += [
        (package.custom(name), name, where)
        for name, where in CATALOGUED.items()
        if package.custom(name) in descriptor
    ]
    resources = package.prop("resources", [])
    for i, resource in enumerate(resources if isinstance(resources, list) else []):
        if isinstance(resource, dict) and "title" in resource:
            located.append((f"resources[{i}].title", "title", "indicators.csv (title)"))
    for column, name, where in located:
        yield Problem(
            package.shown,
            None,
            column,
            f"an indicator's {name} is kept in the framework's catalogue, "
            f"framework/{where}; remove it here (the published package gets it from there)",
            code="catalogue-property",
        )


def _columns(at: str, table: Table, columns: tuple[str, ...]) -> Iterator[Problem]:
    fields = [f.get("name") for f in table.schema.get("fields", []) if isinstance(f, dict)]
    if tuple(fields) != columns:
        yield Problem(
            at,
            None,
            f"resources[{table.index}].schema.fields",
            f"the columns must be {', '.join(columns)} (docs/data-format.md)",
            code="wrong-columns",
        )


def _indicator_rows(
    package: LoadedPackage,
    table: Table,
    measures: dict[str, Mapping[str, str]] | None,
    cat: Catalogue | None,
) -> Iterator[Problem]:
    at = table.shown
    sources = {s.get("id") for s in package.prop("sources", []) if isinstance(s, dict)}
    units = cat.units if cat is not None else {}
    pairs = _pairs(table)
    for line, row in zip(table.lines, table.rows, strict=True):
        measure = row.get("measure", "")
        declared = measures.get(measure) if measures is not None else None
        if measures is not None and measure and declared is None:
            yield Problem(
                at,
                line,
                "measure",
                f"unknown measure {measure!r}; use one of {sorted(measures)}, or add it to "
                "the indicator's measures in framework/measures.csv",
                code="unknown-measure",
            )
        unit = row.get("unit", "")
        if cat is not None and unit and unit not in units:
            yield Problem(
                at,
                line,
                "unit",
                f"unknown unit {unit!r}; use one of {sorted(units)} (units.csv)",
                code="unknown-unit",
            )
        elif declared is not None and unit and unit != declared.get("unit"):
            yield Problem(
                at,
                line,
                "unit",
                f"measure {measure!r} is in {declared.get('unit')!r} (measures.csv), not {unit!r}",
                code="wrong-unit",
            )
        source = row.get("source", "")
        if source and source not in sources:
            yield Problem(
                at,
                line,
                "source",
                f"unknown source {source!r}; use an id of the package's sources",
                code="unknown-source",
            )
        yield from _breakdowns(at, line, row, pairs, cat)
        yield from _numbers(at, line, row, units.get(unit, False))
        yield from _period(at, line, row)


def _breakdowns(
    at: str, line: int, row: dict[str, str], pairs: int, cat: Catalogue | None
) -> Iterator[Problem]:
    """Each breakdown pair of a row: both cells or neither, pairs filled in order, a
    type once per row, and (with the catalogue) known types and groups."""
    seen: dict[str, str] = {}
    empty = ""  # the first further pair left empty, while later ones are checked
    for n in range(1, pairs + 1):
        type_col, group_col = breakdown_columns(n)
        if type_col not in row and group_col not in row:
            continue  # a column missing from the table: reported once, as wrong-columns
        kind, group = row.get(type_col) or "", row.get(group_col) or ""
        if n > 1 and bool(kind) != bool(group):
            yield Problem(
                at,
                line,
                group_col if kind else type_col,
                f"give both {type_col} and {group_col}, or neither",
                code="incomplete-breakdown",
            )
            continue
        if not kind:
            empty = empty or (type_col if n > 1 else "")
            continue
        if empty:
            yield Problem(
                at,
                line,
                type_col,
                f"{type_col} is given but {empty} is empty; fill the breakdown pairs in "
                "order, without gaps",
                code="breakdown-gap",
            )
        if kind in seen:
            yield Problem(
                at,
                line,
                type_col,
                f"the breakdown type {kind!r} is already in {seen[kind]}; a figure is broken "
                "down by each type once",
                code="repeated-breakdown-type",
            )
        seen.setdefault(kind, type_col)
        if cat is None:
            continue
        if kind not in cat.breakdown_types:
            yield Problem(
                at,
                line,
                type_col,
                f"unknown breakdown type {kind!r}; use a slug of breakdown-types.csv",
                code="unknown-breakdown-type",
            )
        elif kind in cat.places:
            if group not in cat.places[kind]:
                geography = next(g for g in cat.geographies if g.breakdown_type == kind)
                yield Problem(
                    at,
                    line,
                    group_col,
                    f"{group!r} is not a code of {geography.name} ({geography.places}.csv); "
                    "use the code, not the place's name",
                    code="unknown-place",
                )
        elif kind == HEADLINE_TYPE and group != HEADLINE_GROUP:
            yield Problem(
                at,
                line,
                group_col,
                f"the group of the type 'total' must be 'Total', not {group!r}",
                code="total-group",
            )
        elif (kind, group) not in cat.groups:
            yield Problem(
                at,
                line,
                group_col,
                f"unknown group {group!r} of {kind!r}; "
                "add it to breakdown-groups.csv or correct it",
                code="unknown-group",
            )


def _numbers(at: str, line: int, row: dict[str, str], percentage: bool) -> Iterator[Problem]:
    values: dict[str, float] = {}
    for column in INDICATOR_NUMBERS:
        text = row.get(column, "").strip()
        if not text:
            continue
        try:
            number = float(text)
        except ValueError:
            continue  # frictionless reports the type error
        if not math.isfinite(number):
            yield Problem(
                at,
                line,
                column,
                f"{text!r} is not a figure; leave out a row without a figure "
                "(or the cell, for lower/upper)",
                code="not-a-figure",
            )
            continue
        values[column] = number
        if percentage and not 0 <= number <= 100:
            yield Problem(
                at,
                line,
                column,
                f"{text} is not a percentage (0 to 100); check the figure and its unit",
                code="not-a-percentage",
            )
    value = values.get("value")
    if value is not None and values.get("lower", value) > value:
        message = "the lower bound is above the value; check the two"
        yield Problem(at, line, "lower", message, code="bounds-order")
    if value is not None and values.get("upper", value) < value:
        message = "the upper bound is below the value; check the two"
        yield Problem(at, line, "upper", message, code="bounds-order")


def _period(at: str, line: int, row: dict[str, str]) -> Iterator[Problem]:
    label = row.get("period", "")
    if not label:
        return
    found = _period_code(label, row.get("period_start", ""), row.get("period_end", ""))
    if found is not None:
        code, column, message = found
        yield Problem(at, line, column, message, code=code)


@functools.lru_cache(maxsize=4096)
def _period_code(label: str, start_text: str, end_text: str) -> tuple[str, str, str] | None:
    """The code, column and message of what is wrong with a period and its dates, or
    ``None``: a function of the three cells alone, so each combination (a table repeats
    them in every series) is read once."""
    start, end = _stored(start_text), _stored(end_text)
    parses: list[Period] = []
    first_error: PeriodError | None = None
    for hint in HINTS:
        try:
            parsed = parse_period(label, hint)
        except PeriodError as error:
            first_error = first_error or error
            continue
        if parsed.start == start and parsed.end == end:
            return None
        parses.append(parsed)
    if not parses:
        return "unreadable-period", "period", f"{first_error}"
    if start is None or end is None:
        return None  # frictionless reports the type error
    readings = "; ".join(sorted({f"{p.start} to {p.end}" for p in parses}))
    column = "period_end" if any(p.start == start for p in parses) else "period_start"
    stored = end if column == "period_end" else start
    return (
        "period-dates",
        column,
        f"{stored} does not fit the period {label!r}, which reads as {readings}; "
        "correct the date or the label",
    )


@functools.lru_cache(maxsize=4096)
def _stored(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _misdated(problems: list[Problem]) -> set[int]:
    """Rows whose period is already reported: left out of the overlap check."""
    columns = {"period", "period_start", "period_end"}
    return {p.row for p in problems if p.row is not None and p.column in columns}


def _overlaps(
    table: Table, series_columns: tuple[str, ...], skip: set[int] | None = None
) -> Iterator[Problem]:
    """Two periods of one series overlap when their dates intersect, unless both are
    windows of the same length, longer than a year, starting on the same day of the year
    in different years (rolling averages: 2004-07, 2005-08). The same label twice is a
    duplicate, left to the primary key. Rows in ``skip`` (a period already reported as
    wrong) are left out."""
    series: dict[tuple[str, ...], list[Dated]] = {}
    for line, row in zip(table.lines, table.rows, strict=True):
        if skip and line in skip:
            continue
        start, end = _stored(row.get("period_start", "")), _stored(row.get("period_end", ""))
        if start is None or end is None or end < start:
            continue
        key = tuple(row.get(c, "") for c in series_columns)
        series.setdefault(key, []).append(Dated(line, row.get("period", ""), start, end))
    for periods in series.values():
        periods.sort(key=lambda d: (d.start, d.end, d.line))
        for i, a in enumerate(periods):
            for b in periods[i + 1 :]:
                if b.start > a.end:
                    break
                if a.label == b.label or _rolling(a, b):
                    continue
                later = max(a, b, key=lambda d: d.line)
                other = a if later is b else b
                yield Problem(
                    table.shown,
                    later.line,
                    "period",
                    f"{later.label!r} ({later.start} to {later.end}) overlaps {other.label!r} "
                    f"(row {other.line}) in the same series; keep one, or give them "
                    "different breakdowns",
                    code="overlapping-periods",
                )


def _rolling(a: Dated, b: Dated) -> bool:
    length = (a.end - a.start).days
    return (
        abs(length - (b.end - b.start).days) <= 2
        and length > 370
        and (a.start.month, a.start.day) == (b.start.month, b.start.day)
        and a.start.year != b.start.year
    )


def _headline(
    package: LoadedPackage,
    table: Table,
    measures: dict[str, Mapping[str, str]] | None,
    cat: Catalogue | None,
    pairs: int,
) -> Iterator[Problem]:
    """A published indicator has rows of its headline measure's headline; the catalogue
    says which measure that is (``headline-count`` checks there is one)."""
    entry = cat.indicators.get(package.folder.name) if cat is not None else None
    if entry is None or measures is None or entry.row.get("availability") == IN_DEVELOPMENT:
        return
    criteria = cat.criteria(package.folder.name) if cat is not None else None
    if isinstance(criteria, dict) and criteria.get("method") == NOT_ASSESSED:
        return  # no status is judged, so no headline series is needed to judge it
    headline = next((n for n, m in measures.items() if m.get("headline") in TRUE), None)
    if headline is None:
        return
    further = [breakdown_columns(n)[0] for n in range(2, pairs + 1)]
    for row in table.rows:
        if (
            row.get("measure") == headline
            and row.get("breakdown_type") == HEADLINE_TYPE
            and not any(row.get(c) for c in further)
        ):
            return
    yield Problem(
        table.shown,
        None,
        "breakdown_type",
        f"no headline row: the headline measure {headline!r} needs rows with breakdown_type "
        "'total' and breakdown_group 'Total' (or set its availability to 'in development' "
        "in framework/indicators.csv)",
        code="no-headline-row",
    )


# --- equality evidence packages --------------------------------------------------------


def check_evidence(package: LoadedPackage, cat: Catalogue | None) -> list[Problem]:
    problems: list[Problem] = []
    if package.descriptor is None:
        return problems
    at = package.shown
    if package.prop("name") != package.folder.name:
        problems.append(
            Problem(
                at,
                None,
                "name",
                f"the name must be the folder's name, {package.folder.name!r}",
                code="name-not-folder",
            )
        )
    characteristic = package.own("characteristic")
    known = cat.characteristics if cat is not None else set()
    if known and (not isinstance(characteristic, str) or characteristic not in known):
        problems.append(
            Problem(
                at,
                None,
                package.custom("characteristic"),
                f"unknown characteristic {characteristic!r}; use a slug of characteristics.csv",
                code="unknown-characteristic",
            )
        )
    for table in package.tables:
        problems.extend(_columns(at, table, EVIDENCE_COLUMNS))
        problems.extend(_evidence_key(at, table))
        row_problems: list[Problem] = []
        for line, row in zip(table.lines, table.rows, strict=True):
            row_problems.extend(_numbers(table.shown, line, row, percentage=False))
            row_problems.extend(_period(table.shown, line, row))
        problems.extend(row_problems)
        problems.extend(_overlaps(table, EVIDENCE_SERIES, _misdated(row_problems)))
    return problems


def _evidence_key(at: str, table: Table) -> Iterator[Problem]:
    """The key is ``EVIDENCE_KEY_CANDIDATES`` in order, less optional columns (blank on
    every row); the required ones are never blank, so always in it."""
    key = table.schema.get("primaryKey")
    if (
        isinstance(key, list)
        and key == [c for c in EVIDENCE_KEY_CANDIDATES if c in key]
        and all(c in key for c in EVIDENCE_KEY_REQUIRED)
    ):
        return
    yield Problem(
        at,
        None,
        f"resources[{table.index}].schema.primaryKey",
        f"the primary key must be {', '.join(EVIDENCE_KEY_CANDIDATES)} in this order, less "
        f"any column blank on every row; {', '.join(EVIDENCE_KEY_REQUIRED)} are never blank",
        code="wrong-primary-key",
    )
