"""The figures a chart draws, as a small CSV to download beside it ("download what you
see"): one row per point or bar, with its period, group, value, bounds, unit and
source, from the chart's own ``series`` or ``bars``; and the CSV's CSVW metadata file,
which goes beside it with the licence and attribution (``notes``). The column names are
the data contract's, not words of a language.

It is meant for spreadsheets: a text cell beginning with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return is written after a ``'`` so that a spreadsheet shows it as text
rather than running it (the selection CSV of ``choice.js`` does the same); numbers stay
numbers. Validation already refuses such text in the data, so this guards what it
cannot see."""

from __future__ import annotations

import csv
import io

from build_scripts.charts.model import Chart
from build_scripts.notes import Notes, table_metadata

COLUMNS = ("period", "group", "value", "lower", "upper", "unit", "source")
NUMBERS = frozenset({"value", "lower", "upper"})


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def _text(value: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula."""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def chart_csv(chart: Chart) -> bytes:
    """The CSV of ``chart``'s figures (UTF-8, ``\\n`` line ends): lines by series then
    period, bars in the chart's order."""
    rows: list[tuple[str, ...]] = []
    for series in chart.series:
        for p in series.sorted_points():
            rows.append((p.period, series.label, *_figures(p.value, p.lower, p.upper)))
    for bar in chart.bars:
        rows.append((chart.period, bar.label, *_figures(bar.value, bar.lower, bar.upper)))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    # Minimal quoting leaves a lone carriage return unquoted, which a reader takes for a
    # line end: a row holding one is quoted whole (as importers.write.write_csv does).
    quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for period, group, value, lower, upper in rows:
        cells = (_text(period), _text(group), value, lower, upper)
        row = (*cells, _text(chart.unit), _text(chart.source))
        (quoted if any("\r" in c for c in row) else writer).writerow(row)
    return out.getvalue().encode("utf-8")


def _figures(value: float | None, lower: float | None, upper: float | None) -> tuple[str, ...]:
    return (_number(value), _number(lower), _number(upper))


def chart_csv_metadata(chart: Chart, csv_name: str, notes: Notes) -> bytes:
    """The CSVW metadata of ``chart``'s CSV (``csv_name``, the file name beside which it
    goes): the chart's title and summary, the licence, publisher and attribution of
    ``notes``, its source and its columns with their datatypes."""
    described = {
        "title": chart.title,
        "description": chart.summary,
        "sources": [{"title": chart.source}] if chart.source else [],
    }
    fields = [{"name": c, "type": "number" if c in NUMBERS else "string"} for c in COLUMNS]
    return table_metadata(notes, csv_name, described, fields)
