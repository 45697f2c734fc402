"""The honesty rules of issue 7: suspect figures never compared, one release per
comparison (or a note naming both), units right for every unit kind, repeated
breakdowns flagged, defaults that can trigger."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from build_scripts.analyse.indicators import assess_indicator, measure_units
from build_scripts.analyse.statuses import Status
from build_scripts.formatting import Units, published_date
from build_scripts.importers.checks import flag_repeated_periods
from build_scripts.importers.npf_database import Figure as ImportFigure
from build_scripts.model import (
    Figure,
    Framework,
    Indicator,
    Measure,
    Source,
    Unit,
)

ROOT = Path(__file__).resolve().parents[2]
PERCENT = Unit("percent", "%", True, "percentage points")


def _framework(indicator: Indicator, unit: Unit = PERCENT) -> Framework:
    return Framework("", [], {indicator.slug: indicator}, {unit.unit: unit}, {}, {}, {}, {}, {})


def _indicator(figures: list[Figure], criteria: dict[str, object]) -> Indicator:
    return Indicator(
        slug="x",
        title="X",
        description="",
        outcomes=[],
        measures=[Measure("m", "M", "", "percent", "lower is better", True, 1)],
        criteria=criteria,
        availability="published",
        confirmed=True,
        source="",
        last_updated="",
        next_update="",
        sources=[
            Source("old", "Old database", published="2020-10-12"),
            Source("new", "New monitor", published="2022-03"),
        ],
        figures=figures,
    )


def _figure(year: int, value: float, source: str = "new", flag: str | None = None) -> Figure:
    return Figure(
        "m",
        str(year),
        date(year, 1, 1),
        date(year, 12, 31),
        "total",
        "Total",
        value,
        "percent",
        source,
        flag=flag,
        note="a slip" if flag else None,
    )


LAST_TWO = {"method": "last-two", "threshold": 1, "relative": False}


def test_a_suspect_figure_is_left_out_of_the_status_and_the_reason_says_so() -> None:
    # 2021 (50) would make it Worsening; flagged suspect, it is never compared.
    indicator = _indicator(
        [_figure(2019, 20), _figure(2020, 10), _figure(2021, 50, flag="suspect")], LAST_TWO
    )
    assessment = assess_indicator(indicator, _framework(indicator))
    assert [p.period for p in assessment.compared] == ["2019", "2020"]
    assert assessment.status is Status.IMPROVING
    assert "2021 is flagged as suspect" in assessment.reason


def test_figures_of_two_releases_are_named_in_the_reason() -> None:
    indicator = _indicator([_figure(2019, 7.1, "old"), _figure(2020, 3.0, "new")], LAST_TWO)
    reason = assess_indicator(indicator, _framework(indicator)).reason
    assert "different releases" in reason
    assert "Old database (2019)" in reason and "New monitor (2020)" in reason


def test_figures_of_one_release_carry_no_release_note() -> None:
    indicator = _indicator([_figure(2019, 7.2), _figure(2020, 3.0)], LAST_TWO)
    assert "release" not in assess_indicator(indicator, _framework(indicator)).reason


def test_differences_of_percentages_are_percentage_points_in_status_reasons() -> None:
    difference = Unit("percent-difference", "%", False, "percentage points")
    indicator = _indicator([_figure(2019, 7.2), _figure(2020, 3.1)], LAST_TWO)
    indicator.measures = [Measure("m", "M", "", difference.unit, "lower is better", True, 1)]
    reason = assess_indicator(indicator, _framework(indicator, difference)).reason
    assert "3.1% (2020), is 4.1 percentage points lower than 7.2% (2019)" in reason
    assert "a change of at least 1 percentage point counts" in reason
    assert " percent " not in reason


def _committed_units() -> list[dict[str, str]]:
    path = ROOT / "datapackages" / "framework" / "units.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


EXPECTED = {
    # unit: (a figure of 1234.5 at one place, a change of -2 at one place)
    "percent": ("1,234.5%", "2.0 percentage points"),
    "percent-difference": ("1,234.5%", "2.0 percentage points"),
    "percentage-points": ("1,234.5 percentage points", "2.0 percentage points"),
    "years": ("1,234.5 years", "2.0 years"),
    "index": ("1,234.5", "2.0"),
    "score": ("1,234.5", "2.0"),
    "rank": ("1,234.5", "2.0 places"),
    "assets": ("1,234.5 assets", "2.0 assets"),
    "jobs": ("1,234.5 jobs", "2.0 jobs"),
    "businesses": ("1,234.5 businesses", "2.0 businesses"),
    "council-areas": ("1,234.5 council areas", "2.0 council areas"),
    "gbp-million": ("1,234.5 million pounds", "2.0 million pounds"),
    "tonnes-million": ("1,234.5 million tonnes", "2.0 million tonnes"),
    "tonnes-co2e-million": ("1,234.5 million tonnes CO2e", "2.0 million tonnes CO2e"),
    "rate-per-1000-births": ("1,234.5 per 1,000 births", "2.0 per 1,000 births"),
    "rate-per-100000-people": ("1,234.5 per 100,000 people", "2.0 per 100,000 people"),
    "rate-per-10000-adults": ("1,234.5 per 10,000 adults", "2.0 per 10,000 adults"),
}


def test_every_unit_kind_reads_right() -> None:
    rows = _committed_units()
    assert {r["unit"] for r in rows} == set(EXPECTED)
    for r in rows:
        unit = Unit(r["unit"], r["label"], r["is_percentage"] == "true", r["change_label"])
        measure = Measure("m", "M", "", unit.unit, "higher is better", True, 1)
        indicator = _indicator([], {})
        units = measure_units(_framework(indicator, unit), measure)
        assert (units.figure(1234.5), units.amount(-2)) == EXPECTED[r["unit"]], r["unit"]


def test_decimals_are_the_measures_not_the_cells() -> None:
    units = Units("%", change_label="percentage points", decimals=1)
    assert [units.figure(v) for v in (57.092, 18, 0.156151)] == ["57.1%", "18.0%", "0.2%"]


def test_published_dates_read_as_precisely_as_known() -> None:
    assert published_date("2020-10-12") == "12 October 2020"
    assert published_date("2022-03") == "March 2022"
    assert published_date("2021") == "2021"


def _import_figure(period: int, group: str, value: float) -> ImportFigure:
    return ImportFigure(
        "m",
        str(period),
        date(period, 1, 1),
        date(period, 12, 31),
        "age",
        group,
        value,
        "npf-database-2020",
    )


def test_a_breakdown_copied_from_an_earlier_period_is_flagged_suspect() -> None:
    groups = {"16-24": 57.0, "25-34": 44.0, "35-44": 30.0}
    figures = {
        f.key: f
        for year in (2016, 2017)
        for f in (_import_figure(year, g, v) for g, v in groups.items())
    }
    notes = flag_repeated_periods(figures)
    flagged = {f.period for f in figures.values() if f.flag == "suspect"}
    assert flagged == {"2017"} and len(notes) == 1
    assert all("same as for 2016" in f.note for f in figures.values() if f.flag)


def test_two_groups_agreeing_by_chance_are_not_flagged() -> None:
    figures = {
        f.key: f
        for year in (2016, 2017)
        for f in (_import_figure(year, g, v) for g, v in {"a": 1.0, "b": 2.0}.items())
    }
    assert flag_repeated_periods(figures) == []
