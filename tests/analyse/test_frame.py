"""The frame's results for a whole framework equal what the per-indicator functions find
from each indicator's figures: headline points, changes and breakdown groups."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from build_scripts.analyse.findings import (
    ChangeSummary,
    GroupFigure,
    GroupLatest,
    change_summary,
    group_latest,
)
from build_scripts.analyse.frame import analyse_frame, figures_frame
from build_scripts.analyse.indicators import (
    BREAK,
    analyse_framework,
    assess_indicator,
    headline_points,
)
from build_scripts.analyse.statuses import Point
from build_scripts.contract import SUSPECT
from build_scripts.model import Figure, Framework, Indicator, Measure
from tests.analyse.helpers import figure

MEASURE = Measure("rate", "Rate", "", "percent", "higher is better", True)
OTHER = Measure("count", "Count", "", "count", "higher is better", False)


def framework(*indicators: list[Figure]) -> Framework:
    found = {}
    for n, figures in enumerate(indicators):
        slug = f"indicator-{n}"
        found[slug] = Indicator(
            slug,
            f"Indicator {n}",
            "",
            [],
            [MEASURE, OTHER],
            {"method": "last-two", "threshold": 1},
            "available",
            True,
            "",
            "",
            "",
            figures=figures,
        )
    labels = {("sex", "f"): "Female", ("sex", "m"): "Male"}
    return Framework("", [], found, {}, {}, labels, {}, {}, {})


def python_groups(fw: Framework, slug: str) -> dict[str, GroupLatest]:
    """``group_latest`` on each breakdown's figures, as pages used to build them."""
    indicator = fw.indicators[slug]
    found = {}
    for kind in indicator.breakdown_types("rate"):
        figures = [
            GroupFigure(
                fw.group_label(f.breakdown_type, f.breakdown_group),
                f.value,
                f.period,
                f.period_start,
                f.is_suspect,
            )
            for f in indicator.series("rate", kind)
        ]
        latest = group_latest(figures)
        if latest is not None:
            found[kind] = latest
    return found


def plain(points: list[Point]) -> list[Point]:
    """The points with NaN values as ``None`` (NaN is not equal to itself)."""
    missing = [p.value is not None and math.isnan(p.value) for p in points]
    return [replace(p, value=None) if m else p for p, m in zip(points, missing, strict=True)]


def check(fw: Framework) -> None:
    series = analyse_frame(figures_frame(fw), fw)
    analysis = analyse_framework(fw)
    for slug, indicator in fw.indicators.items():
        points = headline_points(indicator)
        assert plain(series.points.get(slug, [])) == plain(points)
        assert analysis.change(slug) == change_summary(points)
        assert series.groups.get(slug, {}) == python_groups(fw, slug)
        assert analysis.assessments[slug] == assess_indicator(indicator, fw)


def test_a_small_framework() -> None:
    fw = framework(
        [
            figure(2019, 60.0),
            figure(2017, 58.5),
            figure(2018, 59.25, flag=BREAK),
            figure(2020, 70.0, flag=SUSPECT),
            figure(2019, 61.0, "sex", "f"),
            figure(2019, 59.0, "sex", "m"),
            figure(2020, 62.0, "sex", "f"),
            figure(2020, 1.0, "sex", "m", flag=SUSPECT),
            figure(2020, 5.0, "sex", "f", cross=(("age", "16-24"),)),
            figure(2020, 99.0, measure="count"),
        ],
        [figure(2020, 1.0, "sex", "f", flag=SUSPECT)],
        [],
    )
    check(fw)
    series = analyse_frame(figures_frame(fw), fw)
    # The headline: by period, the suspect 2020 figure left out, the break kept.
    assert [p.period for p in series.points["indicator-0"]] == ["2017", "2018", "2019"]
    assert series.changes["indicator-0"] == ChangeSummary(
        series.points["indicator-0"][-1],
        series.points["indicator-0"][-2],
        series.points["indicator-0"][0],
        0.75,
        1.5,
    )
    # 2020 has one figure not suspect, so 2019 is the latest period with two; the
    # suspect figure of 2020 is named as left out.
    sex = series.groups["indicator-0"]["sex"]
    assert (sex.period, sex.highest, sex.lowest) == ("2019", ("Female",), ("Male",))
    assert [f.label for f in sex.left_out] == ["Male"]
    # Nothing to compare, one suspect figure: named as left out.
    assert series.groups["indicator-1"]["sex"] == GroupLatest(
        None, left_out=(GroupFigure("Female", 1.0, "2020", date(2020, 1, 1), True),)
    )
    assert "indicator-2" not in series.points
    assert analyse_framework(fw).change("indicator-2") == ChangeSummary(
        None, None, None, None, None
    )


tenths = st.integers(min_value=-300, max_value=300).map(lambda i: i / 10)
flags = st.sampled_from([None, None, None, BREAK, SUSPECT])
rows = st.tuples(
    st.integers(min_value=2010, max_value=2016),
    st.one_of(tenths, tenths, st.none()),
    st.sampled_from([("total", "Total"), ("sex", "f"), ("sex", "m"), ("age", "old")]),
    flags,
    st.booleans(),  # cross-classified
    st.sampled_from(["rate", "rate", "count"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(rows, max_size=14), min_size=1, max_size=4))
def test_the_frame_finds_what_each_indicator_gives(indicators: list[list[tuple]]) -> None:
    fw = framework(
        *(
            [
                figure(
                    y,
                    # No value (validation refuses NaN; the points may still lack one).
                    v if v is not None else math.nan if kind == "total" else 0.5,
                    kind,
                    group,
                    flag=flag,
                    measure=measure,
                    cross=(("age", "young"),) if crossed and kind != "total" else (),
                    source=f"release-{y % 2}",
                )
                for y, v, (kind, group), flag, crossed, measure in figures
            ]
            for figures in indicators
        )
    )
    check(fw)
