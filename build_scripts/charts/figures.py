"""The figures a chart draws, as a small CSV to download beside it ("download what you
see"): one row per point or bar, with its period, group, value, bounds, unit and
source, from the chart's own ``series`` or ``bars``; and the CSV's CSVW metadata file,
which goes beside it with the licence and attribution (``notes``). The column names are
the data contract's, not words of a language."""

from __future__ import annotations

import csv
import io

from build_scripts.charts.model import Chart
from build_scripts.notes import Notes, table_metadata

COLUMNS = ("period", "group", "value", "lower", "upper", "unit", "source")
NUMBERS = frozenset({"value", "lower", "upper"})


def _number(value: float | None) -> str:
    return "" if value is None else repr(value)


def chart_csv(chart: Chart) -> bytes:
    """The CSV of ``chart``'s figures (UTF-8, ``\\n`` line ends): lines by series then
    period, bars in the chart's order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for series in chart.series:
        for p in series.sorted_points():
            writer.writerow(
                (
                    p.period,
                    series.label,
                    _number(p.value),
                    _number(p.lower),
                    _number(p.upper),
                    chart.unit,
                    chart.source,
                )
            )
    for bar in chart.bars:
        writer.writerow(
            (
                chart.period,
                bar.label,
                _number(bar.value),
                _number(bar.lower),
                _number(bar.upper),
                chart.unit,
                chart.source,
            )
        )
    return out.getvalue().encode("utf-8")


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
