"""Chart specs, compared with golden copies under ``golden/`` and validated against the
Vega-Lite schema (the build does not validate: see ``build_scripts/charts/vega.py``).

After an intended change, regenerate them (the specs and ``golden/breakdown.svg``) and
review the diff:

    make golden
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import altair as alt
import pytest
from altair.utils.schemapi import debug_mode, validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

from build_scripts.charts import Bar, Chart, Series, Units, bar_chart, line_chart, sparkline
from build_scripts.charts.bar import bar_frame, bar_spec
from build_scripts.charts.line import line_frame, line_spec, sparkline_spec
from build_scripts.charts.style import PALETTE, SHAPES
from build_scripts.charts.vega import SCHEMA, plain
from tests.golden_files import check_text

GOLDEN = Path(__file__).parent / "golden"
# Every test here may compare a spec with its golden copy (rewritten by `make golden`).
pytestmark = pytest.mark.golden


def check_golden(name: str, spec: dict[str, Any]) -> None:
    validate_jsonschema(spec, load_schema())  # raises on the first problem
    path = GOLDEN / f"{name}.json"
    check_text(path, json.dumps(spec, indent=2, ensure_ascii=False) + "\n")


def headline_chart(headline: Series) -> Chart:
    return line_chart(
        "example-headline", "Example measure", [headline], y_title="Example", units=Units("years")
    )


def test_headline_with_bands(headline: Series) -> None:
    chart = headline_chart(headline)
    check_golden("headline", chart.spec)
    area, line, _point = chart.spec["layer"]
    assert area["mark"]["type"] == "area"
    assert area["encoding"]["y"]["field"] == "lower"
    assert area["encoding"]["y2"]["field"] == "upper"
    # periods ordered by start date, not as given
    assert line["encoding"]["x"]["sort"] == ["2014-2016", "2015-2017", "2016-2018", "2017-2019"]
    assert line["encoding"]["y"]["title"] == "Example (years)"
    assert chart.spec["description"] == chart.summary


def test_breakdown_is_not_colour_alone(breakdown: list[Series]) -> None:
    chart = line_chart(
        "example-sex",
        "Example by sex",
        breakdown,
        y_title="Share",
        units=Units("", True),
        legend_title="Sex",
    )
    check_golden("breakdown", chart.spec)
    line, point = chart.spec["layer"]  # no band: none published
    assert point["encoding"]["shape"]["scale"]["range"] == list(SHAPES[:2])
    assert line["encoding"]["strokeDash"]["scale"]["range"] == [[1, 0], [6, 3]]
    assert point["encoding"]["color"]["scale"]["range"] == list(PALETTE[:2])
    assert point["encoding"]["shape"]["legend"]["title"] == "Sex"
    assert line["encoding"]["y"]["title"] == "Share (%)"
    figures = [row["figure"] for row in chart.spec["data"]["values"]]
    assert figures[0] == "61.50%"


def test_bar_chart(bars: list[Bar]) -> None:
    chart = bar_chart(
        "example-areas",
        "Example by area",
        bars,
        period="2019",
        x_title="Share",
        units=Units("", True),
        highlight="Area C",
        reference=Bar("Scotland", 20.0),
    )
    check_golden("bar", chart.spec)
    assert [b.label for b in chart.bars] == ["Area B", "Area C", "Area A"]
    assert chart.spec["data"]["values"][0]["figure"] == "30.0% (27.5% to 32.5%)"


def test_bar_chart_keeps_given_order_and_accepts_pairs() -> None:
    chart = bar_chart(
        "g",
        "By age",
        [("16-24", 3.0), ("25-34", 5.0)],
        period="2019",
        x_title="Rate",
        units=Units(),
        sort="given",
    )
    assert [b.label for b in chart.bars] == ["16-24", "25-34"]
    with pytest.raises(ValueError):
        bar_chart("g", "t", [], period="2019", x_title="x", units=Units(), sort="size")


def test_sparkline(headline: Series) -> None:
    chart = sparkline("example-spark", "Example measure", headline, units=Units("years"))
    check_golden("sparkline", chart.spec)
    assert not chart.interactive
    assert chart.spec["layer"][1]["transform"][0]["filter"]["equal"] == "2017-2019"


def test_many_periods_slant_and_thin_labels() -> None:
    from .conftest import point

    series = Series("x", tuple(point(str(y), float(y)) for y in range(1990, 2024)))
    chart = line_chart("long", "Long", [series], y_title="Count", units=Units())
    axis = chart.spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis["labelAngle"] == -45
    assert axis["labelOverlap"] == "parity"


def test_text_from_data_stays_data() -> None:
    from .conftest import point

    label = '</script><b onload="x">'
    chart = line_chart(
        "x",
        label,
        [Series(label, (point("2019", 1.0),)), Series("b", (point("2019", 2.0),))],
        y_title="y",
        units=Units(),
    )
    assert chart.spec["data"]["values"][0]["series"] == label


def test_a_spec_that_breaks_the_schema_is_caught() -> None:
    """The check the golden specs go through fails on a bad spec (so it can fail)."""
    spec = {"$schema": SCHEMA, "mark": "line", "encoding": {"x": {"field": "a", "type": "time"}}}
    with pytest.raises(Exception, match="time"):
        check_golden("never-written", spec)


def altair_dict(chart: alt.TopLevelLayerSpec) -> dict[str, Any]:
    """What Altair's own serialiser makes of a chart, validated against the schema."""
    return {"$schema": SCHEMA, **chart.to_dict(validate=True)}


def test_plain_writes_what_altair_writes(headline: Series, breakdown: list[Series]) -> None:
    """``plain`` (the build's fast serialiser) gives Altair's own ``to_dict`` on every
    kind of layer: bands, many series, a highlighted bar with interval and reference,
    a sparkline."""
    banded = [headline, Series("Other", tuple(p for p in headline.points[:2]))]
    with debug_mode(False):
        charts = [
            line_spec.__wrapped__(
                line_frame(series, Units("years")),
                periods=sorted({p.period for s in series for p in s.points}),
                y_title="Example",
                units=Units("years"),
                description="d",
                legend_title="Group",
            )
            for series in ([headline], banded, breakdown)
        ]
        bars = [Bar("A", 12.5), Bar("B", 30.0, 27.5, 32.5), Bar("C", 21.0)]
        charts.append(
            bar_spec.__wrapped__(
                bar_frame(bars, Units("", True), 1),
                x_title="Share",
                units=Units("", True),
                description="d",
                decimals=1,
                highlight="C",
                reference=Bar("Scotland", 20.0),
            )
        )
        charts.append(sparkline_spec.__wrapped__(headline.sorted_points(), description="d"))
    for chart in charts:
        assert {"$schema": SCHEMA, **plain(chart)} == altair_dict(chart)


def test_missing_figures_are_null_not_nan(bars: list[Bar]) -> None:
    chart = bar_chart("b", "t", bars, period="2019", x_title="x", units=Units())
    text = json.dumps(chart.spec, allow_nan=False)  # NaN would raise
    assert '"lower": null' in text
