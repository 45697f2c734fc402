"""Read the NPF database (12 October 2020) into tidy figures, one list per indicator.

Every quirk of the file is handled here, on purpose and loudly; the decisions are
explained in ``docs/importing.md``. Nothing is guessed: a name, breakdown type, council
or period the catalogue does not account for stops the import with the file, the row
and the column.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_scripts.contract import HEADLINE_GROUP, HEADLINE_TYPE, SUSPECT
from build_scripts.errors import NpfError
from build_scripts.importers.catalogue import (
    Catalogue,
    IndicatorEntry,
    MeasureEntry,
    normalise_title,
)
from build_scripts.importers.councils import SCOTLAND, Councils
from build_scripts.importers.model import Figure, Origin
from build_scripts.importers.report import Skip
from build_scripts.periods import PeriodError, parse_period
from build_scripts.problems import Problem

__all__ = ["DatabaseResult", "Figure", "IndicatorData", "read_database"]

DATABASE_FILE = Path("npf-database-2020") / "npf-database.csv"
SOURCE_ID = "npf-database-2020"
COLUMNS = ("Indicator", "Measure", "Breakdown", "graphTitle", "Source", "DateCode", "Figure")


@dataclass
class IndicatorData:
    """What the database holds for one indicator."""

    figures: dict[tuple[str, str, str, str], Figure] = field(default_factory=dict)
    producers: list[str] = field(default_factory=list)  # the Source column, first-seen order
    titles: dict[str, list[str]] = field(default_factory=dict)  # measure -> graphTitles
    last_updated: str = ""
    rows: int = 0


@dataclass
class DatabaseResult:
    indicators: dict[str, IndicatorData]
    groups: dict[tuple[str, str], int]  # (type, group) -> first-seen order
    rows_read: int = 0
    empty_figures: int = 0
    repeats: int = 0  # rows that repeat a figure already read (the headline on each chart)
    unnamed: int = 0  # rows with an empty Indicator: incomplete, left out
    resolved: list[str] = field(default_factory=list)  # disagreements settled by the catalogue
    skips: list[Skip] = field(default_factory=list)  # every row left out, with why


def _problem(path: Path, row: int, column: str, message: str) -> NpfError:
    problem = Problem(str(path), row, column, message)
    return NpfError(problem.format(), [problem])


def read_database(source: Path, catalogue: Catalogue, councils: Councils) -> DatabaseResult:
    path = source / DATABASE_FILE
    try:
        with path.open(encoding="utf-8", newline="") as f:
            records = list(csv.DictReader(f))
    except FileNotFoundError as error:
        raise NpfError(f"{path}: file not found; is --source the source-data folder?") from error
    if records and (missing := [c for c in COLUMNS if c not in records[0]]):
        raise _problem(path, 1, missing[0], "column missing from the header")
    return _Reader(path, catalogue, councils).read(records)


class _Reader:
    def __init__(self, path: Path, catalogue: Catalogue, councils: Councils) -> None:
        self.path = path
        self.catalogue = catalogue
        self.councils = councils
        self.by_name = {n: e for e in catalogue.indicators for n in e.db_names}
        self.types = catalogue.type_by_name()
        self.result = DatabaseResult(
            indicators={e.slug: IndicatorData() for e in catalogue.indicators}, groups={}
        )

    def fail(self, row: int, column: str, message: str) -> NpfError:
        return _problem(self.path, row, column, message)

    def skip(self, reason: str, row: int, detail: str = "", column: str = "") -> None:
        self.result.skips.append(Skip(reason, DATABASE_FILE.as_posix(), row, detail, column))

    def read(self, records: list[dict[str, str]]) -> DatabaseResult:
        for index, record in enumerate(records):
            row = index + 2  # the header is row 1
            self.result.rows_read += 1
            if not record["Indicator"].strip():
                # An incomplete row: nothing says whose figure it is. (The five such rows
                # of the 2020 database repeat the 2019 figures of another breakdown
                # exactly; see docs/importing.md.) Left out, never guessed.
                self.result.unnamed += 1
                self.skip("no-indicator", row, f"{record['Breakdown']}, {record['DateCode']}")
                continue
            entry = self._indicator(record, row)
            self._add(entry, record, row)
        self._check_titles()
        return self.result

    def _indicator(self, record: dict[str, str], row: int) -> IndicatorEntry:
        name = record["Indicator"].strip()
        entry = self.by_name.get(name)
        if entry is None:
            raise self.fail(
                row,
                "Indicator",
                f"{name!r} is not in the catalogue; add it to the db_names "
                "of its indicator in build_scripts/importers/catalogue.toml",
            )
        return entry

    def _measure(self, entry: IndicatorEntry, record: dict[str, str], row: int) -> MeasureEntry:
        name = record["Indicator"].strip()
        title = normalise_title(record["graphTitle"])
        group = " ".join(record["Breakdown"].split())
        scored: list[tuple[int, MeasureEntry]] = []
        for m in entry.measures:
            if m.names and name and name not in m.names:
                continue
            if m.intervals and record.get("intervalType", "").strip() not in m.intervals:
                continue
            match = max((len(t) for t in m.titles if title.startswith(t)), default=-1)
            if m.titles and match < 0:
                continue
            scored.append((match, m))
        if scored:
            best = max(s for s, _ in scored)
            scored = [(s, m) for s, m in scored if s == best]
        if len(scored) > 1:
            scored = [(s, m) for s, m in scored if m.group == group] or scored
        if len(scored) != 1:
            found = "no measure" if not scored else "more than one measure"
            raise self.fail(
                row,
                "graphTitle",
                f"matches {found} of indicator {entry.slug!r}; give its "
                "measures names, titles or group in catalogue.toml",
            )
        return scored[0][1]

    def _breakdown(
        self, entry: IndicatorEntry, measure: MeasureEntry, record: dict[str, str], row: int
    ) -> tuple[str, str]:
        type_name = " ".join(record["Measure"].split())
        group = " ".join(record["Breakdown"].split())
        btype = self.types.get(type_name)
        if btype is None:
            raise self.fail(
                row,
                "Measure",
                f"breakdown type {type_name!r} is not in catalogue.toml; add "
                "it to the names of a [[breakdown_type]]",
            )
        headline = (
            group == HEADLINE_GROUP
            or (entry.headline_group and group == entry.headline_group)
            or (measure.group and group == measure.group)
            or (btype.slug == "council-area" and group == SCOTLAND)
        )
        if headline:
            return HEADLINE_TYPE, HEADLINE_GROUP
        slug = btype.slug
        if slug == HEADLINE_TYPE:
            if not entry.total_type:
                raise self.fail(
                    row,
                    "Breakdown",
                    f"a Total row with the group {group!r}; set headline_group "
                    f"or total_type for {entry.slug!r} in catalogue.toml",
                )
            slug = entry.total_type
        if slug == "council-area":
            code = self.councils.code_of(group)
            if code is None:
                raise self.fail(row, "Breakdown", f"{group!r} is not a council area we know")
            return slug, code
        group = self.catalogue.group_aliases.get(slug, {}).get(group, group)
        declared = self.catalogue.breakdown_type(slug)
        if group in declared.refile:
            # Filed under the wrong type in the source (household types under Gender).
            return declared.refile[group], group
        if declared.groups and group not in declared.groups:
            raise self.fail(
                row,
                "Breakdown",
                f"{group!r} is not a group of the breakdown type {slug!r}; add it to its "
                "groups, or to its refile table if the source files it under the wrong "
                "type, in catalogue.toml",
            )
        return slug, group

    def _add(self, entry: IndicatorEntry, record: dict[str, str], row: int) -> None:
        if entry.in_development:
            raise self.fail(row, "Indicator", f"{entry.slug!r} has figures but no measures")
        data = self.result.indicators[entry.slug]
        measure = self._measure(entry, record, row)
        btype, group = self._breakdown(entry, measure, record, row)
        producer = " ".join(record["Source"].split())
        if producer and producer not in data.producers:
            data.producers.append(producer)
        titles = data.titles.setdefault(measure.name, [])
        title = " ".join(record["graphTitle"].split())
        if title not in titles and normalise_title(title) not in measure.wrong_titles:
            titles.append(title)
        data.last_updated = max(data.last_updated, record.get("LastUpdated", "").strip())
        text = record["Figure"].strip()
        if not text:
            self.result.empty_figures += 1
            self.skip(
                "no-figure", row, f"{entry.slug}: {measure.name}, {record['DateCode']}", "Figure"
            )
            return
        try:
            value = float(text)
        except ValueError as error:
            raise self.fail(row, "Figure", f"{text!r} is not a number") from error
        interval = entry.interval or record.get("intervalType", "").strip() or None
        if interval == "none":
            interval = None
        try:
            period = parse_period(record["DateCode"].strip(), interval)
        except PeriodError as error:
            raise self.fail(row, "DateCode", str(error)) from error
        self.result.groups.setdefault((btype, group), len(self.result.groups))
        figure = Figure(
            measure.name,
            period.label,
            period.start,
            period.end,
            btype,
            group,
            value,
            SOURCE_ID,
            origin=Origin(DATABASE_FILE.as_posix(), row),
        )
        suspect = entry.suspects.get(figure.key)
        if suspect is not None and suspect[0] == value:
            figure = replace(figure, flag=SUSPECT, note=suspect[1])
        excluded = entry.exclusions.get(figure.key)
        what = f"{entry.slug}: {measure.name}, {period.label}, {btype} {group}"
        if excluded is not None and excluded == value:
            self.result.resolved.append(f"{what}: left out the impossible figure {value:g}")
            self.skip("excluded-by-catalogue", row, f"{what}: {value:g}", "Figure")
            return
        known = data.figures.get(figure.key)
        if known is None:
            data.figures[figure.key] = figure
            data.rows += 1
        elif known.value == value:
            self.result.repeats += 1
            self.skip("repeated-figure", row, f"{what}: {value:g}")
        elif figure.key in entry.disagreements:
            keep = entry.disagreements[figure.key]
            if keep not in (known.value, value):
                raise self.fail(row, "Figure", f"{entry.slug}: keep {keep} is neither figure")
            kept, dropped = (known, figure) if known.value == keep else (figure, known)
            data.figures[figure.key] = kept
            self.result.resolved.append(f"{what}: {known.value} and {value}; kept {keep}")
            origin = dropped.origin or Origin(DATABASE_FILE.as_posix(), row)
            self.result.skips.append(
                Skip(
                    "disagreement-resolved",
                    origin.path,
                    origin.row,
                    f"{what}: {dropped.value:g}, the catalogue keeps {keep:g}",
                    "Figure",
                )
            )
        else:
            what = "headline (Total) rows" if figure.is_headline else "rows"
            raise self.fail(
                row,
                "Figure",
                f"{entry.slug}: two {what} for {measure.name}, {period.label}, "
                f"{btype} {group} disagree ({known.value} and {value}); fix the source",
            )

    def _check_titles(self) -> None:
        """A measure's graphTitles must be one title, give or take a truncation."""
        for entry in self.catalogue.indicators:
            for measure in entry.measures:
                if measure.titles:
                    continue
                titles = [
                    normalise_title(t)
                    for t in self.result.indicators[entry.slug].titles.get(measure.name, [])
                ]
                for a in titles:
                    for b in titles:
                        if not (a.startswith(b) or b.startswith(a)):
                            raise NpfError(
                                f"{self.path}: {entry.slug}: the rows carry two different "
                                f"graphTitles ({a!r} and {b!r}); declare them as measures, "
                                "or list both as the measure's titles, in catalogue.toml"
                            )
