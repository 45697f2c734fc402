"""Council-area figures from the Wellbeing Economy Monitor's ``regional/`` files.

A regional file is used only where ``catalogue.toml`` maps it (``[[wem]]`` with
``breakdown = "council-area"``), and only after a check: its Scotland row against the
database's headline and its council figures against the database's own council-area
breakdown must share at least ``MIN_OVERLAP`` periods and agree (within the mapping's
tolerance) on at least two thirds of them. Council rows are added only for (council,
period) pairs the database lacks; where both have a figure and they differ, the
database's stays and the disagreement is reported. The Scotland row is used for the
check only, never written.

The files come long (``NAME,Year,Value``, the value column under any name) or wide (a
name column, then one column per year); headers may carry spaces; values may end in
``%``; a blank or ``NA`` value is not a figure. Council names are matched with
``Councils.code_of``; an unknown name stops the import, naming file, row and column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from build_scripts.contract import HEADLINE_TYPE
from build_scripts.errors import NpfError, located
from build_scripts.importers.catalogue import COUNCIL_AREA, WemMapping
from build_scripts.importers.councils import Councils
from build_scripts.importers.npf_database import Figure, IndicatorData
from build_scripts.importers.wellbeing_monitor import (
    MIN_OVERLAP,
    WEM_DIR,
    WemResult,
    revised_note,
    source_id,
)
from build_scripts.periods import PeriodError, parse_period

YEAR = re.compile(r"\d{4}")
NOT_A_FIGURE = {"", "na"}
SCOTLAND = ""  # the code given to a file's Scotland row


@dataclass(frozen=True)
class CouncilFigure:
    """One figure of a regional file; ``code`` is the GSS code, or ``SCOTLAND``."""

    line: int
    column: str
    code: str
    year: str
    value: float


def _value(path: Path, line: int, column: str, text: str, divide_by: int) -> float | None:
    text = text.strip()
    if text.casefold() in NOT_A_FIGURE:
        return None
    try:
        number = Decimal(text.removesuffix("%").strip())
    except InvalidOperation as error:
        raise located(path, line, column, f"{text!r} is not a number") from error
    return float(number / divide_by)


def read_regional(
    path: Path, councils: Councils, scotland: tuple[str, ...] = ("Scotland",), divide_by: int = 1
) -> list[CouncilFigure]:
    """Every figure of a long or wide regional file, council names turned into codes."""
    scotland_keys = {s.casefold() for s in scotland}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            table = list(csv.reader(f))
    except FileNotFoundError as error:
        raise NpfError(f"{path}: file not found") from error
    if not table:
        raise located(path, 1, None, "the file is empty")
    header = [h.strip() for h in table[0]]
    wide = len(header) >= 2 and all(YEAR.fullmatch(h) for h in header[1:])
    long = len(header) == 3 and header[1].casefold() == "year"
    if not (wide or long):
        raise located(path, 1, None, "expected NAME,Year,<value> or NAME then one column per year")
    out: list[CouncilFigure] = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise located(path, line, None, f"{len(cells)} cells, the header has {len(header)}")
        name = " ".join(cells[0].split())
        if name.casefold() in scotland_keys:
            code: str | None = SCOTLAND
        else:
            code = councils.code_of(name)
        if code is None:
            raise located(path, line, header[0], f"unknown council area {name!r}")
        if long:
            year = cells[1].strip()
            if not YEAR.fullmatch(year):
                raise located(path, line, header[1], f"{year!r} is not a year")
            pairs = [(header[2], year, cells[2])]
        else:
            pairs = [(h, h, c) for h, c in zip(header[1:], cells[1:], strict=True)]
        for column, year, text in pairs:
            value = _value(path, line, column, text, divide_by)
            if value is not None:
                out.append(CouncilFigure(line, column, code, year, value))
    return _once(path, out)


def _once(path: Path, figures: list[CouncilFigure]) -> list[CouncilFigure]:
    """Exact repeats kept once; two different figures for one council and year fail."""
    seen: dict[tuple[str, str], CouncilFigure] = {}
    for f in figures:
        first = seen.setdefault((f.code, f.year), f)
        if first.value != f.value:
            raise located(
                path,
                f.line,
                f.column,
                f"{f.value:g} for {f.code or 'Scotland'} {f.year}, but row {first.line} "
                f"has {first.value:g}",
            )
    return list(seen.values())


def add_wem_council_figures(
    source: Path,
    mappings: list[WemMapping],
    indicators: dict[str, IndicatorData],
    councils: Councils,
) -> WemResult:
    """Add the council-area figures of every mapped regional file the database lacks."""
    result = WemResult()
    for mapping in mappings:
        path = source / WEM_DIR / mapping.file
        data = indicators[mapping.indicator]
        mine = [f for f in data.figures.values() if f.measure == mapping.measure]
        headline = {f.period: f.value for f in mine if f.breakdown_type == HEADLINE_TYPE}
        known = {
            (f.breakdown_group, f.period): f.value for f in mine if f.breakdown_type == COUNCIL_AREA
        }
        known.update({(SCOTLAND, label): value for label, value in headline.items()})
        series = read_regional(path, councils, mapping.scotland, mapping.divide_by)
        common = [f for f in series if (f.code, f.year) in known]
        differ = [
            f for f in common if abs(known[(f.code, f.year)] - f.value) > mapping.tolerance + 1e-9
        ]
        if len(common) < MIN_OVERLAP or 3 * len(differ) > len(common):
            raise NpfError(
                f"{path}: does not match {mapping.indicator}/{mapping.measure}: "
                f"{len(common)} figures in common with the database (Scotland and council "
                f"areas), {len(differ)} disagree; remove the [[wem]] mapping from "
                "catalogue.toml or fix it"
            )
        revised = {(f.code, f.year) for f in differ}
        for f in differ:
            if f.code != SCOTLAND:
                result.disagreements.append(
                    f"{mapping.file} {f.code} {f.year}: WEM {f.value:g}, NPF database "
                    f"{known[(f.code, f.year)]:g} (the WEM's published, flagged revised)"
                )
        by_key = {
            (f.breakdown_group, f.period): f for f in mine if f.breakdown_type == COUNCIL_AREA
        }
        for f in series:
            if f.code == SCOTLAND:
                continue  # a check only: the headline comes from the Scotland series
            old = by_key.get((f.code, f.year))
            if old is not None:
                # The newer release replaces the database's figure (one release per
                # comparison); a real difference is flagged as a revision.
                flag, note = (
                    ("revised", revised_note(old.value))
                    if (f.code, f.year) in revised
                    else ("", "")
                )
                data.figures[old.key] = replace(
                    old, value=f.value, source=source_id(mapping), flag=flag, note=note
                )
                result.replaced += 1
                continue
            try:
                period = parse_period(f.year, None)
            except PeriodError as error:
                raise located(path, f.line, f.column, str(error)) from error
            figure = Figure(
                mapping.measure,
                period.label,
                period.start,
                period.end,
                COUNCIL_AREA,
                f.code,
                f.value,
                source_id(mapping),
            )
            data.figures[figure.key] = figure
            result.added += 1
        result.files.append(mapping.file)
    return result
