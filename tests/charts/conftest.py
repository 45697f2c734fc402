"""Small synthetic series for the chart tests (made-up figures, not NPF data)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from build_scripts.charts import Bar, Series, SeriesPoint


def point(
    period: str, value: float, lower: float | None = None, upper: float | None = None
) -> SeriesPoint:
    """A point whose start date comes from the period's first four digits."""
    year = int(period[:4])
    start = date(year, 4, 1) if "/" in period else date(year, 1, 1)
    return SeriesPoint(period, start, value, lower, upper)


@pytest.fixture
def headline() -> Series:
    return Series(
        "Scotland",
        (
            point("2016-2018", 60.1, 59.2, 61.0),
            point("2014-2016", 60.4, 59.5, 61.3),
            point("2015-2017", 60.9, 60.0, 61.8),
            point("2017-2019", 59.8, 58.9, 60.7),
        ),
    )


@pytest.fixture
def breakdown() -> list[Series]:
    return [
        Series("Female", (point("2017/18", 61.5), point("2018/19", 62.0), point("2019/20", 62.25))),
        Series("Male", (point("2017/18", 58.0), point("2018/19", 57.5), point("2019/20", 58.0))),
    ]


@pytest.fixture
def bars() -> list[Bar]:
    return [Bar("Area A", 12.5), Bar("Area B", 30.0, 27.5, 32.5), Bar("Area C", 21.0)]


@pytest.fixture(scope="session")
def bundle_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the Vega bundle, which takes vl-convert a second or two to build."""
    return tmp_path_factory.mktemp("vega-bundle")
