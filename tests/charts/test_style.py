"""Shared chart style: long value axis titles are broken into lines that fit the plot."""

from __future__ import annotations

from datetime import date

from build_scripts.charts import Series, SeriesPoint, Units, line_chart
from build_scripts.charts.style import AXIS_CHARACTERS


def y_axis_title(title: str) -> object:
    points = tuple(SeriesPoint(str(y), date(y, 1, 1), float(y - 2000)) for y in (2018, 2019))
    chart = line_chart("c", title, [Series("Scotland", points)], y_title=title, units=Units("%"))
    layers = chart.spec["layer"]
    return next(layer["encoding"]["y"]["title"] for layer in layers if "y" in layer["encoding"])


def test_a_short_axis_title_stays_one_line() -> None:
    assert y_axis_title("Adults") == "Adults (%)"


def test_a_long_axis_title_is_broken_into_lines_that_fit() -> None:
    title = "Children in combined material deprivation and low income after housing costs"
    lines = y_axis_title(title)
    assert isinstance(lines, list) and len(lines) > 1
    assert all(len(line) <= AXIS_CHARACTERS for line in lines)
    assert " ".join(lines) == f"{title} (%)"
