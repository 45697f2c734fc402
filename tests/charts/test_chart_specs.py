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


def _value_scale(chart: Chart) -> dict[str, Any]:
    line = next(layer for layer in chart.spec["layer"] if layer["mark"]["type"] == "line")
    return dict(line["encoding"]["y"]["scale"])


def _footer(chart: Chart) -> list[str]:
    return list(chart.spec.get("title", {}).get("text", []))


NOT_ZERO = "The value axis does not start at zero."


def test_shares_start_at_zero(breakdown: list[Series]) -> None:
    """Issue 10: a percentage's axis starts at zero, whatever its figures (61-62%)."""
    chart = line_chart("s", "Share", breakdown, y_title="Share", units=Units("", True))
    assert _value_scale(chart) == {"zero": True}
    assert NOT_ZERO not in _footer(chart)


def test_an_axis_that_does_not_start_at_zero_says_so(headline: Series) -> None:
    """Years of life (59-62) run over their own rounded range, and the chart's footer
    says the axis does not start at zero; the range holds every figure and bound."""
    chart = headline_chart(headline)
    scale = _value_scale(chart)
    assert scale["zero"] is False and scale["nice"] is False
    low, high = scale["domain"]
    bounds = [b for p in headline.points for b in (p.value, p.lower, p.upper) if b is not None]
    assert 0 < low < min(bounds) and max(bounds) < high
    assert NOT_ZERO in _footer(chart)


def test_figures_near_zero_start_the_axis_at_zero() -> None:
    from .conftest import point

    series = Series("x", (point("2018", 3.0), point("2019", 80.0)))
    chart = line_chart("z", "Count", [series], y_title="Count", units=Units("jobs"))
    assert _value_scale(chart) == {"zero": True}
    assert NOT_ZERO not in _footer(chart)


def test_source_and_periods_are_inside_the_chart(headline: Series, bars: list[Bar]) -> None:
    """Issue 10: the chart's own image names its periods and source (a screenshot
    keeps them): a footer of the Vega-Lite spec, under the chart."""
    line = line_chart(
        "l", "t", [headline], y_title="y", units=Units("years"), source="Example Survey 2020"
    )
    assert line.spec["title"]["orient"] == "bottom"
    assert _footer(line)[0] == "2014-2016 to 2017-2019."
    assert "Source: Example Survey 2020." in _footer(line)
    bar = bar_chart(
        "b", "t", bars, period="2019", x_title="x", units=Units(), source="Example Survey"
    )
    assert _footer(bar) == ["2019.", "Source: Example Survey."]
    # a long source is wrapped to the chart's width, not cut off
    long = line_chart("w", "t", [headline], y_title="y", units=Units("years"), source="Word " * 30)
    lines = _footer(long)
    assert all(len(text) <= 62 for text in lines)
    assert " ".join(lines).count("Word") == 30


def test_bar_figures_never_cross_the_reference_line() -> None:
    """Issue 10: the figures of a bar chart are written in a column right of the plot
    (the mark's x is the plot's width), so a bar that ends just short of the reference
    line (19.0 against 20.0) cannot put its label over it. Checked on the spec and on
    the positions Vega lays the marks out at."""
    import vl_convert

    from build_scripts.charts.render import VL_VERSION

    bars = [Bar("A", 19.0), Bar("B", 21.0), Bar("C", 12.5, 10.0, 19.9)]
    chart = bar_chart(
        "b",
        "t",
        bars,
        period="2019",
        x_title="Share",
        units=Units("", True),
        sort="given",
        reference=Bar("Scotland", 20.0),
    )
    labels = next(
        layer
        for layer in chart.spec["layer"]
        if layer.get("mark", {}).get("type") == "text" and "y" in layer["encoding"]
    )
    assert labels["mark"]["x"] == "width" and "x" not in labels["encoding"]
    scene = vl_convert.vegalite_to_scenegraph(chart.spec, vl_version=VL_VERSION)
    marks = _marks(scene)
    (rule,) = [i for m in marks if m["marktype"] == "rule" for i in m["items"] if "x2" not in i]
    texts = [m for m in marks if m["marktype"] == "text"]
    reference = [i for m in texts for i in m["items"] if str(i["text"]).startswith("Scotland")]
    figures = [i for m in texts for i in m["items"] if i not in reference]
    assert len(figures) == 3 and len(reference) == 1
    assert all(i["x"] + labels["mark"]["dx"] > rule["x"] for i in figures)
    assert reference[0]["y"] < 0  # the reference's own label is above the bars


def _marks(scene: Any) -> list[dict[str, Any]]:
    """Every mark of a Vega scenegraph that a layer of the spec drew (not axes)."""
    found: list[dict[str, Any]] = []
    if isinstance(scene, dict):
        if scene.get("role") == "mark" and scene.get("marktype") != "group":
            found.append(scene)
        for value in scene.values():
            found += _marks(value)
    elif isinstance(scene, list):
        for value in scene:
            found += _marks(value)
    return found
