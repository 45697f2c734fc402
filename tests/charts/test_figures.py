"""The CSV of a chart's figures (charts/figures.py): what the chart draws, row by row."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from build_scripts.charts.bar import bar_chart
from build_scripts.charts.figures import COLUMNS, chart_csv, chart_csv_metadata
from build_scripts.charts.line import line_chart
from build_scripts.charts.model import Bar, Series, SeriesPoint, Units
from build_scripts.notes import Notes


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_a_line_charts_csv_holds_every_point_with_unit_and_source() -> None:
    series = [
        Series(
            "Female",
            (
                SeriesPoint("2019", date(2019, 1, 1), 62.5, 61.0, 64.0),
                SeriesPoint("2018", date(2018, 1, 1), 61.8),
            ),
        ),
        Series("Male", (SeriesPoint("2018", date(2018, 1, 1), 60.1),)),
    ]
    chart = line_chart(
        "x--m--sex",
        "Healthy life expectancy",
        series,
        y_title="Years",
        units=Units("years"),
        source="NPF database",
    )
    data = chart_csv(chart)
    assert data.decode().splitlines()[0] == ",".join(COLUMNS)
    rows = _rows(data)
    assert [(r["period"], r["group"], r["value"]) for r in rows] == [
        ("2018", "Female", "61.8"),
        ("2019", "Female", "62.5"),
        ("2018", "Male", "60.1"),
    ]
    assert rows[1]["lower"] == "61.0" and rows[1]["upper"] == "64.0" and rows[0]["lower"] == ""
    assert {r["unit"] for r in rows} == {"years"} and {r["source"] for r in rows} == {
        "NPF database"
    }


def test_a_bar_charts_csv_holds_its_period() -> None:
    chart = bar_chart(
        "x--m--council-area",
        "T",
        [Bar("Glasgow, City of", 12.0), Bar("Fife", 10.5)],
        period="2019/20",
        x_title="T",
        units=Units("%", is_percentage=True),
    )
    rows = _rows(chart_csv(chart))
    assert [(r["period"], r["group"], r["value"], r["unit"]) for r in rows] == [
        ("2019/20", "Glasgow, City of", "12.0", "%"),
        ("2019/20", "Fife", "10.5", "%"),
    ]


def test_text_is_kept_from_formulas_and_numbers_stay_numbers() -> None:
    """A text cell beginning with = + - @ tab or CR is written after a ' (what Excel and
    LibreOffice show as text); negative figures are numbers, written as they are."""
    hostile = ['=HYPERLINK("https://example.com","x")', "+1", "-2+3", "@SUM(1)", "\tx", "\rx"]
    bars = [Bar(label, -1.5 * n) for n, label in enumerate(hostile, start=1)]
    chart = bar_chart(
        "x--m--sex",
        "T",
        bars,
        period="2019",
        x_title="T",
        units=Units("%", is_percentage=True),
        source="=cmd|' /C calc'!A0",
    )
    rows = _rows(chart_csv(chart))
    assert [r["group"] for r in rows] == ["'" + h for h in hostile]
    assert [r["value"] for r in rows] == ["-1.5", "-3.0", "-4.5", "-6.0", "-7.5", "-9.0"]
    assert {r["source"] for r in rows} == {"'=cmd|' /C calc'!A0"}
    assert {r["period"] for r in rows} == {"2019"} and {r["unit"] for r in rows} == {"%"}


def test_a_charts_csv_metadata_names_its_licence_source_and_columns() -> None:
    chart = line_chart(
        "x--m--sex",
        "Healthy life expectancy",
        [Series("Female", (SeriesPoint("2018", date(2018, 1, 1), 61.8),))],
        y_title="Years",
        units=Units("years"),
        source="NPF database",
    )
    notes = Notes(
        site="A site",
        site_url="https://example.org/",
        publisher="A Government",
        licence="A Licence",
        licence_url="https://example.org/licence",
        attribution="Contains A's figures.",
    )
    about = json.loads(chart_csv_metadata(chart, "x--m--sex.csv", notes))
    assert about["@context"] == "http://www.w3.org/ns/csvw"
    assert about["url"] == "x--m--sex.csv"
    assert about["dc:title"] == "Healthy life expectancy"
    assert about["dc:description"] == chart.summary
    assert about["dc:license"] == {"@id": "https://example.org/licence"}
    assert about["dc:publisher"] == "A Government"
    assert about["dc:source"] == ["NPF database"]
    assert "Attribution: Contains A's figures." in about["notes"]
    columns = about["tableSchema"]["columns"]
    header = chart_csv(chart).decode().splitlines()[0].split(",")
    assert [c["name"] for c in columns] == header == list(COLUMNS)
    types = {c["name"]: c["datatype"] for c in columns}
    assert types["value"] == types["lower"] == types["upper"] == "number"
    assert types["period"] == types["group"] == types["source"] == "string"
