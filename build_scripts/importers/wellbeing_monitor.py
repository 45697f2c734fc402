"""Newer figures from the Wellbeing Economy Monitor, for measures the NPF database has.

Only the mappings listed in ``catalogue.toml`` (``[[wem]]``) are read, and each is
checked before it is trusted: the WEM series and the database's headline must share at
least ``MIN_OVERLAP`` periods and agree (within the mapping's tolerance) on at least
two thirds of them. The WEM (March 2022) is the newer release, so its figures replace
the database's for every period it publishes: a comparison of two periods then compares
figures of one release. Where the two disagree by more than the tolerance, the figure is
flagged ``revised`` with the database's figure in its note.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_scripts.contract import HEADLINE_GROUP, HEADLINE_TYPE
from build_scripts.errors import NpfError
from build_scripts.importers.catalogue import WemMapping
from build_scripts.importers.model import Figure, Origin
from build_scripts.importers.npf_database import IndicatorData
from build_scripts.importers.report import Skip
from build_scripts.periods import PeriodError, parse_period
from build_scripts.problems import Problem

WEM_DIR = Path("wellbeing-economy-monitor")
MIN_OVERLAP = 3


@dataclass
class WemResult:
    added: int = 0
    replaced: int = 0  # database figures replaced by the newer release's
    disagreements: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)  # the figures the newer ones replaced


DATABASE = "the NPF indicator database of 12 October 2020"


def revised_note(old: float) -> str:
    """The note of a figure the newer release revised."""
    return f"Revised in the Wellbeing Economy Monitor; {DATABASE} gave {old:g}."


def source_id(mapping: WemMapping) -> str:
    return "wem-" + Path(mapping.file).stem.replace("_", "-")


def source_path(mapping: WemMapping) -> str:
    return f"{WEM_DIR.as_posix()}/{mapping.file}"


def replaced(old: Figure, new: float, path: str, line: int) -> Skip:
    """The report's entry for a figure a newer release replaced."""
    where = old.origin or Origin(path, line)
    detail = (
        f"{old.measure}, {old.period}, {old.breakdown_type} {old.breakdown_group}: "
        f"{old.value:g}, replaced by {new:g} from {path} row {line}"
    )
    return Skip("replaced-by-newer-release", where.path, where.row, detail)


def read_series(path: Path) -> list[tuple[int, str, float]]:
    """``Year,Value`` rows (headers and cells may carry spaces or tabs), with line numbers."""
    rows: list[tuple[int, str, float]] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip().casefold() for h in next(reader)]
            if len(header) != 2 or header[0] != "year" or header[1] not in ("value", "values"):
                problem = Problem(str(path), 1, None, "expected the columns Year,Value")
                raise NpfError(problem.format(), [problem])
            for line, cells in enumerate(reader, start=2):
                year, text = (c.strip() for c in cells)
                try:
                    rows.append((line, year, float(text.rstrip("%"))))
                except ValueError as error:
                    problem = Problem(str(path), line, header[1], f"{text!r} is not a number")
                    raise NpfError(problem.format(), [problem]) from error
    except FileNotFoundError as error:
        raise NpfError(f"{path}: file not found") from error
    return rows


def _label(year: str, mapping: WemMapping) -> str:
    if mapping.period == "three-year-ending":
        end = int(year)
        return f"{end - 3}-{end % 100:02d}"
    return year


def add_wem_figures(
    source: Path, mappings: list[WemMapping], indicators: dict[str, IndicatorData]
) -> WemResult:
    result = WemResult()
    for mapping in mappings:
        path = source / WEM_DIR / mapping.file
        data = indicators[mapping.indicator]
        headline = {
            f.period: f
            for f in data.figures.values()
            if f.measure == mapping.measure and f.breakdown_type == HEADLINE_TYPE
        }
        interval = next((None if f.period.isdigit() else "3 year" for f in headline.values()), None)
        series = read_series(path)
        overlap = [(line, _label(y, mapping), v) for line, y, v in series]
        common = [(line, label, v) for line, label, v in overlap if label in headline]
        differ = [
            (line, label, v)
            for line, label, v in common
            if abs(headline[label].value - v) > mapping.tolerance + 1e-9
        ]
        if len(common) < MIN_OVERLAP or 3 * len(differ) > len(common):
            raise NpfError(
                f"{path}: does not match {mapping.indicator}/{mapping.measure}: "
                f"{len(common)} periods in common, {len(differ)} disagree; remove the "
                "[[wem]] mapping from catalogue.toml or fix it"
            )
        revised = {label for _, label, _ in differ}
        for _, label, v in differ:
            result.disagreements.append(
                f"{mapping.file} {label}: WEM {v:g}, NPF database {headline[label].value:g} "
                "(the WEM's published, flagged revised)"
            )
        for line, label, v in overlap:
            known = headline.get(label)
            if known is not None:
                flag, note = (
                    ("revised", revised_note(known.value)) if label in revised else ("", "")
                )
                data.figures[known.key] = replace(
                    known,
                    value=v,
                    source=source_id(mapping),
                    flag=flag,
                    note=note,
                    origin=Origin(source_path(mapping), line),
                )
                result.replaced += 1
                result.skips.append(replaced(known, v, source_path(mapping), line))
                continue
            try:
                period = parse_period(label, interval)
            except PeriodError as error:
                problem = Problem(str(path), line, "Year", str(error))
                raise NpfError(problem.format(), [problem]) from error
            figure = Figure(
                mapping.measure,
                period.label,
                period.start,
                period.end,
                HEADLINE_TYPE,
                HEADLINE_GROUP,
                v,
                source_id(mapping),
                origin=Origin(source_path(mapping), line),
            )
            data.figures[figure.key] = figure
            result.added += 1
        result.files.append(mapping.file)
    return result
