"""The figures of one Open SDG data file, as the importers' ``Figure``s.

Each record becomes one figure, or one line of the report saying why not: no figure
(a blank value, or the text of a file with no data yet), not a number, a period that
cannot be read. A measure is one combination of ``Series``, ``Units``, ``Unit measure``
and ``Unit multiplier``; a figure's breakdowns are its non-empty breakdown columns, in
the file's order, the geographic ones made into one place (``open_sdg_places.py``);
``Observation status`` and ``COMMENT_OBS`` give its flag and note. Figures repeated
exactly are kept once; figures that disagree for one series and period are all left
out, never chosen between.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from build_scripts.contract import HEADLINE_GROUP, HEADLINE_TYPE
from build_scripts.importers.model import BreakdownPair, Figure, Origin
from build_scripts.importers.open_sdg_data import (
    COMMENT,
    MEASURE_ROLES,
    MULTIPLIER,
    SERIES,
    STATUS,
    UNIT_MEASURE,
    UNITS,
    VALUE,
    YEAR,
    Table,
    flag_and_note,
)
from build_scripts.importers.open_sdg_places import Geography, Layer, Places
from build_scripts.importers.report import Skip
from build_scripts.periods import Period, PeriodError, parse_period

MeasureKey = tuple[str, ...]
"""A measure's Series, Units, Unit measure and Unit multiplier (empty where absent),
then the values of the columns folded into measures (``read_figures``)."""
NO_FIGURE = {"", "na"}
"""Values that say there is no figure: blank, or ``NA`` (not available, as Canada's
repositories write it); any other text that is no number is ``not-a-number``."""
MULTIPLIERS = {"": "", "units": "", "unit": "", "ones": ""}
"""Unit multipliers that leave figures as they are; any other is named in the unit."""


@dataclass
class FileFigures:
    """What one data file gave: its figures by measure, the measures in order of first
    appearance, the rows left out, and each breakdown column's type (slug and name)."""

    figures: list[tuple[MeasureKey, Figure]] = field(default_factory=list)
    measures: list[MeasureKey] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    types: dict[str, str] = field(default_factory=dict)  # slug -> name as published
    spans: dict[MeasureKey, str] = field(default_factory=dict)
    """The measures split by the length of their periods (``by_span``): each one's last
    key part, a length in words (``quarters``), named in its title."""


def unit_text(key: MeasureKey, fallback: str) -> str:
    """What a measure's figures are counted in: its ``Units``, else its ``Unit measure``,
    else the metadata's ``computation_units``; a multiplier other than one is named
    (``Number (thousands)``)."""
    units, measure, multiplier = key[1:4]
    text = units or measure or fallback
    scale = MULTIPLIERS.get(multiplier.casefold(), multiplier.casefold())
    return f"{text} ({scale})" if scale and text else text or scale


def read_figures(
    table: Table,
    geography: Geography,
    places: Places,
    type_of: Callable[[str], str],
    source: str,
    place: tuple[str, ...],
    readings: Mapping[str, str] | None = None,
    layers: Sequence[Layer] = (),
    known: dict[tuple[str, str], str] | None = None,
) -> FileFigures:
    """Every record of ``table`` as a figure or a skip (see ``_read``).

    A breakdown column with a value on every record is no breakdown of a total: the file
    has no figure without it (``Seasonally adjusted or not``, ``Age`` in a file of two age
    groups, ``Activity (default)``). Its values tell measures apart, as ``Series`` does.
    Geographic columns are folded so only when that leaves the file with no headline
    figure (figures for England, Wales, Scotland and Northern Ireland and none for the
    whole): each place's series is then a measure of its own, named with the place."""
    args = (table, places, type_of, source, place, readings or {}, layers, known or {})
    value = table.column(VALUE)
    with_value = [
        cells for _, cells in table.records if table.cell(cells, value).casefold() not in NO_FIGURE
    ]
    filled = [
        i for i in table.breakdowns if with_value and all(table.cell(c, i) for c in with_value)
    ]
    plain = [i for i in filled if i not in geography.columns]
    found = _read(*args, _without(geography, plain), plain)
    if filled != plain and not any(f.is_headline for _, f in found.figures):
        found = _read(*args, _without(geography, filled), filled)
    return found


def _without(geography: Geography, folded: list[int]) -> Geography:
    columns = [i for i in geography.columns if i not in folded]
    return Geography(geography.code, columns, geography.codes)


def _read(
    table: Table,
    places: Places,
    type_of: Callable[[str], str],
    source: str,
    place: tuple[str, ...],
    readings: Mapping[str, str],
    layers: Sequence[Layer],
    known: dict[tuple[str, str], str],
    geography: Geography,
    folded: list[int],
) -> FileFigures:
    """Every record of ``table`` as a figure or a skip. ``type_of`` gives a breakdown
    column's type slug; ``source`` is the id rows cite; ``place`` is the project's own
    place: a figure whose only breakdown is that place is a headline figure.
    ``readings``: how to read periods that ``parse_period`` cannot (the project's
    ``open-sdg.toml``), by label: the figure's period is then the reading, and its note
    says how it was published.

    ``place``: the names of the places whose figures are the headline's, the project's
    own (``United Kingdom``) and the one the indicator's metadata says it covers
    (``Great Britain``): a figure whose only breakdown is one of them is a headline
    figure, unless the file has a figure with no breakdown for that series and period.
    ``folded``: the columns whose values are part of the measure, not breakdowns."""
    candidates: list[tuple[MeasureKey, Figure, str]] = []
    out = FileFigures()
    columns = {role: table.column(role) for role in (YEAR, VALUE, STATUS, COMMENT)}
    measure_columns = [table.column(r) for r in MEASURE_ROLES]
    geo = set(geography.columns)
    found: dict[tuple[MeasureKey, str, tuple[BreakdownPair, ...]], list[Figure]] = {}
    for line, cells in table.records:
        period_text = table.cell(cells, columns[YEAR])
        text = table.cell(cells, columns[VALUE])
        where = f"{period_text or 'no period'}"
        if text.casefold() in NO_FIGURE:
            detail = f"{where}: {text}" if text else where
            out.skips.append(Skip("no-figure", table.shown, line, detail, "Value"))
            continue
        value = _number(text)
        if value is None:
            out.skips.append(Skip("not-a-number", table.shown, line, f"{where}: {text}", "Value"))
            continue
        try:
            period = _period(period_text, readings)
        except PeriodError as error:
            out.skips.append(Skip("unreadable-period", table.shown, line, str(error), "Year"))
            continue
        key: MeasureKey = (
            *(table.cell(cells, i) for i in measure_columns),
            *(table.cell(cells, i) for i in folded),
        )
        deepest = geography.deepest(table, cells)
        kind = type_of(table.header[deepest]) if deepest is not None else ""
        code = geography.code_of(table, cells, list(layers), known, kind)
        if deepest is not None and not code:
            name = table.cell(cells, deepest)
            detail = f"{where}: {table.header[deepest]} {name!r}"
            out.skips.append(Skip("no-place-code", table.shown, line, detail, "GeoCode"))
            continue
        pairs = _pairs(table, cells, code, deepest, geo, places, type_of, folded)
        for index in table.breakdowns:
            if table.cell(cells, index) and index not in folded:
                out.types.setdefault(type_of(table.header[index]), table.header[index])
        flag, note = flag_and_note(
            table.cell(cells, columns[STATUS]), table.cell(cells, columns[COMMENT])
        )
        if period.label != period_text:
            read = f"Published as {period_text}."
            note = f"{note} {read}".strip()
        first = pairs[0] if pairs else (HEADLINE_TYPE, HEADLINE_GROUP)
        figure = Figure(
            measure="",
            period=period.label,
            start=period.start,
            end=period.end,
            breakdown_type=first[0],
            breakdown_group=first[1],
            value=value,
            source=source,
            flag=flag,
            note=note,
            further=tuple(pairs[1:]),
            origin=Origin(table.shown, line),
        )
        if key not in out.measures:
            out.measures.append(key)
        named = _place_name(pairs, place, code, table, cells, geography)
        if named:
            candidates.append((key, figure, named))
            continue
        found.setdefault((key, figure.period, figure.breakdowns), []).append(figure)
    headline = {(k, p) for k, p, pairs in found if pairs == ((HEADLINE_TYPE, HEADLINE_GROUP),)}
    for key, figure, named in candidates:
        if (key, figure.period) not in headline:
            note = figure.note if named == place[0] else f"For {named}. {figure.note}".strip()
            figure = replace(
                figure,
                breakdown_type=HEADLINE_TYPE,
                breakdown_group=HEADLINE_GROUP,
                note=note,
            )
        found.setdefault((key, figure.period, figure.breakdowns), []).append(figure)
    _once(found, out)
    return by_span(out)


def by_span(out: FileFigures) -> FileFigures:
    """A measure one of whose series has periods of different lengths that overlap
    (``2011-2012`` and ``2012-Q1`` in one file, 3-a-1) is one measure for each length:
    one series cannot hold both, and nothing says which to keep."""
    split = {key for key in out.measures if _overlapping_spans(out, key)}
    if not split:
        return out
    figures: list[tuple[MeasureKey, Figure]] = []
    measures: list[MeasureKey] = []
    for key, figure in out.figures:
        if key in split:
            words = span_words(_months(figure))
            key = (*key, words)
            out.spans[key] = words
        figures.append((key, figure))
        if key not in measures:
            measures.append(key)
    out.figures, out.measures = figures, measures
    return out


def _months(figure: Figure) -> int:
    return (figure.end.year - figure.start.year) * 12 + figure.end.month - figure.start.month + 1


def _overlapping_spans(out: FileFigures, key: MeasureKey) -> bool:
    series: dict[tuple[BreakdownPair, ...], list[Figure]] = {}
    for k, figure in out.figures:
        if k == key:
            series.setdefault(figure.breakdowns, []).append(figure)
    for figures in series.values():
        figures.sort(key=lambda f: (f.start, f.end))
        for i, first in enumerate(figures):
            for later in figures[i + 1 :]:
                if later.start > first.end:
                    break
                if _months(later) != _months(first):
                    return True
    return False


def span_words(months: int) -> str:
    """A period's length in words: ``months``, ``quarters``, ``years``, ``2-year
    periods``, ``6-month periods``."""
    named = {1: "months", 3: "quarters", 12: "years"}
    if months in named:
        return named[months]
    return f"{months // 12}-year periods" if months % 12 == 0 else f"{months}-month periods"


def _period(label: str, readings: Mapping[str, str]) -> Period:
    """The period as published, or the project's reading of it where it gives one (the
    figure's note then says how it was published)."""
    return parse_period(readings.get(label, label))


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", "")) if text.count(",") else float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _pairs(
    table: Table,
    cells: list[str],
    code: str,
    deepest: int | None,
    geo: set[int],
    places: Places,
    type_of: Callable[[str], str],
    folded: list[int],
) -> list[BreakdownPair]:
    """A record's breakdowns in the file's order, its geographic columns as one place
    (``code``, at the level of its ``deepest`` geographic column)."""
    pairs: list[BreakdownPair] = []
    for index in table.breakdowns:
        value = table.cell(cells, index)
        if not value or index in folded:
            continue
        if index in geo and code:
            if index == deepest:
                kind = type_of(table.header[index])
                places.add(kind, table.header[index], code, value)
                pairs.append((kind, code))
            continue
        pairs.append((type_of(table.header[index]), value))
    return pairs


def _place_name(
    pairs: list[BreakdownPair],
    place: tuple[str, ...],
    code: str,
    table: Table,
    cells: list[str],
    geography: Geography,
) -> str:
    """Which of the headline's places (``place``) a figure's one breakdown is, as the
    data names it; ``""`` where it is none of them."""
    if len(pairs) != 1 or not code or code != pairs[0][1]:
        return ""
    wanted = {p.casefold(): p for p in place if p}
    names = [table.cell(cells, i).casefold() for i in geography.columns]
    return next((wanted[n] for n in names if n in wanted), "")


def _once(
    found: dict[tuple[MeasureKey, str, tuple[BreakdownPair, ...]], list[Figure]],
    out: FileFigures,
) -> None:
    """Each series and period once: exact repeats reported, disagreements all left out."""
    for (key, period, _), figures in found.items():
        first = figures[0]
        if all(f.value == first.value for f in figures):
            out.figures.append((key, first))
            for repeat in figures[1:]:
                where = repeat.origin or Origin("", 0)
                detail = (
                    f"{period}: {repeat.value:g}, as row {first.origin.row if first.origin else ''}"
                )
                out.skips.append(Skip("repeated-figure", where.path, where.row, detail))
            continue
        values = ", ".join(f"{f.value:g}" for f in figures)
        for f in figures:
            where = f.origin or Origin("", 0)
            detail = f"{period}: {len(figures)} rows give {values}"
            out.skips.append(Skip("conflicting-figures", where.path, where.row, detail, "Value"))


def with_measure(figure: Figure, name: str) -> Figure:
    return replace(figure, measure=name)


__all__ = ["MULTIPLIER", "SERIES", "UNITS", "UNIT_MEASURE", "FileFigures", "read_figures"]
