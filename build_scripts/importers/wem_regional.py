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
``%``; a blank or ``NA`` value is not a figure. pandas reads the file as text and melts
a wide one into the long shape (one row per council and year), keeping each figure's line
and column. Council names are matched with ``Councils.code_of``; an unknown name, a row
with more or fewer cells than the header, a value that is not a number and a year that is
not one stop the import, naming file, row and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from build_scripts.contract import HEADLINE_TYPE
from build_scripts.errors import NpfError, located
from build_scripts.importers.catalogue import COUNCIL_AREA, WemMapping
from build_scripts.importers.councils import Councils
from build_scripts.importers.model import Figure, Origin
from build_scripts.importers.npf_database import IndicatorData
from build_scripts.importers.report import Skip
from build_scripts.importers.wellbeing_monitor import (
    MIN_OVERLAP,
    WEM_DIR,
    WemResult,
    replaced,
    revised_note,
    source_id,
    source_path,
)
from build_scripts.periods import PeriodError, parse_period

YEAR = re.compile(r"\d{4}")
NOT_A_FIGURE = {"", "na"}
SCOTLAND = ""  # the code given to a file's Scotland row
_RAGGED = "\0ragged "  # marks a row with more cells than the header (see ``_table``)


@dataclass(frozen=True)
class CouncilFigure:
    """One figure of a regional file; ``code`` is the GSS code, or ``SCOTLAND``."""

    line: int
    column: str
    code: str
    year: str
    value: float


def _table(path: Path) -> pd.DataFrame:
    """Every record of the file as text, indexed by its line (the header is line 1) with
    columns by position. A short row is padded with NaN and a blank line is all NaN; a
    long row becomes one ``_RAGGED`` marker with its count of cells (or one blank cell,
    when all of them are blank), so that every record keeps its line."""

    def ragged(cells: list[str]) -> list[str]:
        return [f"{_RAGGED}{len(cells)}" if any(c.strip() for c in cells) else ""]

    try:
        table = pd.read_csv(
            path,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            encoding="utf-8-sig",
            engine="python",
            on_bad_lines=ragged,
        )
    except FileNotFoundError as error:
        raise NpfError(f"{path}: file not found") from error
    except pd.errors.EmptyDataError as error:
        raise located(path, 1, None, "the file is empty") from error
    table.index = table.index + 1
    return table


def _value(path: Path, line: int, column: str, text: str, divide_by: int) -> float:
    try:
        number = Decimal(text.removesuffix("%").strip())
    except InvalidOperation as error:
        raise located(path, line, column, f"{text!r} is not a number") from error
    return float(number / divide_by)


def read_regional(
    path: Path,
    councils: Councils,
    scotland: tuple[str, ...] = ("Scotland",),
    divide_by: int = 1,
    skips: list[Skip] | None = None,
    shown: str = "",
) -> list[CouncilFigure]:
    """Every figure of a long or wide regional file, council names turned into codes:
    read as text with pandas, melted to one row per (council, year), in file order.
    The cells with no figure and the exact repeats are added to ``skips`` (the file
    named as ``shown``)."""
    skips = [] if skips is None else skips
    shown = shown or str(path)
    table = _table(path)
    header = [h.strip() for h in table.iloc[0].fillna("")]
    wide = len(header) >= 2 and all(YEAR.fullmatch(h) for h in header[1:])
    long = len(header) == 3 and header[1].casefold() == "year"
    if not (wide or long):
        raise located(path, 1, None, "expected NAME,Year,<value> or NAME then one column per year")
    body = table.iloc[1:]
    blank = body.fillna("").map(str.strip).eq("").all(axis="columns")
    body = body[~blank]
    _check_widths(path, body, header)
    names = body[0].str.split().str.join(" ")
    codes = names.map(_coder(councils, scotland))
    if codes.isna().any():
        line = int(codes.isna().idxmax())
        raise located(path, line, header[0], f"unknown council area {names[line]!r}")
    if long:
        years = body[1].str.strip()
        bad = ~years.str.fullmatch(YEAR.pattern)
        if bad.any():
            line = int(bad.idxmax())
            raise located(path, line, header[1], f"{years[line]!r} is not a year")
        frame = pd.DataFrame(
            {"line": body.index, "code": codes, "column": header[2], "year": years, "text": body[2]}
        )
    else:
        frame = (
            body.drop(columns=0)
            .assign(line=body.index, code=codes)
            .melt(id_vars=["line", "code"], var_name="position", value_name="text")
            .sort_values(["line", "position"], kind="stable")  # file order: row, then column
        )
        frame["column"] = frame["year"] = frame["position"].map(dict(enumerate(header)))
    blank = frame["text"].str.strip().str.casefold().isin(NOT_A_FIGURE)
    skips += [
        Skip("no-figure", shown, int(line), f"{code or 'Scotland'} {year}", str(column))
        for line, column, code, year in zip(
            frame["line"][blank],
            frame["column"][blank],
            frame["code"][blank],
            frame["year"][blank],
            strict=True,
        )
    ]
    frame = frame[~blank]
    values = [
        _value(path, line, column, text, divide_by)
        for line, column, text in zip(frame["line"], frame["column"], frame["text"], strict=True)
    ]
    figures = frame.assign(value=pd.Series(values, index=frame.index, dtype="float64"))
    return _once(path, figures[["line", "column", "code", "year", "value"]], skips, shown)


def _coder(councils: Councils, scotland: tuple[str, ...]) -> Callable[[str], str | None]:
    scotland_keys = {s.casefold() for s in scotland}

    def code(name: str) -> str | None:
        return SCOTLAND if name.casefold() in scotland_keys else councils.code_of(name)

    return code


def _check_widths(path: Path, body: pd.DataFrame, header: list[str]) -> None:
    """A row with fewer or more cells than the header stops the import at its line."""
    first = body[0].fillna("")
    long_rows = first.str.startswith(_RAGGED)
    short_rows = body.isna().any(axis="columns") & ~long_rows
    for line in body.index[long_rows | short_rows][:1]:
        cells = (
            int(first[line].removeprefix(_RAGGED))
            if long_rows[line]
            else int(body.loc[line].notna().sum())
        )
        raise located(path, int(line), None, f"{cells} cells, the header has {len(header)}")


def _once(path: Path, figures: pd.DataFrame, skips: list[Skip], shown: str) -> list[CouncilFigure]:
    """Exact repeats kept once (each added to ``skips``); two different figures for one
    council and year fail."""
    repeat = figures.duplicated(["code", "year", "value"])
    skips += [
        Skip("repeated-figure", shown, int(line), f"{code or 'Scotland'} {year}: {value:g}")
        for line, code, year, value in figures[repeat][
            ["line", "code", "year", "value"]
        ].itertuples(index=False, name=None)
    ]
    kept = figures[~repeat]
    clash = kept.duplicated(["code", "year"])
    if clash.any():
        f = kept[clash].iloc[0]
        first = kept[(kept["code"] == f["code"]) & (kept["year"] == f["year"])].iloc[0]
        raise located(
            path,
            int(f["line"]),
            str(f["column"]),
            f"{f['value']:g} for {f['code'] or 'Scotland'} {f['year']}, but row "
            f"{int(first['line'])} has {first['value']:g}",
        )
    return [
        CouncilFigure(int(line), str(column), str(code), str(year), float(value))
        for line, column, code, year, value in kept.itertuples(index=False, name=None)
    ]


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
        shown = source_path(mapping)
        series = read_regional(
            path, councils, mapping.scotland, mapping.divide_by, result.skips, shown
        )
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
                # a check only: the headline comes from the Scotland series
                detail = f"Scotland {f.year}: {f.value:g}"
                result.skips.append(Skip("check-only", shown, f.line, detail, f.column))
                continue
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
                    old,
                    value=f.value,
                    source=source_id(mapping),
                    flag=flag,
                    note=note,
                    origin=Origin(shown, f.line),
                )
                result.replaced += 1
                result.skips.append(replaced(old, f.value, shown, f.line))
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
                origin=Origin(shown, f.line),
            )
            data.figures[figure.key] = figure
            result.added += 1
        result.files.append(mapping.file)
    return result
