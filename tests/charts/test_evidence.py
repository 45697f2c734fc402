"""The chart of an equality evidence dataset: lines over time, bars of the latest period
where groups are compared at one time or are too many for lines, none where there is
nothing to compare; its figures are the dataset's rows."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from build_scripts.charts.evidence import MAX_LINES, evidence_chart, evidence_chart_id
from build_scripts.model import EvidenceDataset


def rows(*figures: tuple[str, str, float], sub: str = "") -> list[dict[str, Any]]:
    return [
        {"measure": "Employment rate", "indicator": "Employment rate", "period": p,
         "period_start": f"{p}-01-01", "breakdown": g, "sub_breakdown": sub, "value": v,
         "unit": "percent"}
        for p, g, v in figures
    ]  # fmt: skip


SLUG = "employment-rate-by-sex"


def dataset(found: list[dict[str, Any]], **changes: Any) -> EvidenceDataset:
    base = EvidenceDataset(SLUG, "Employment rate by sex", "", "sex", "Work", "2020-01-01")
    return replace(base, rows=found, **changes)


def test_a_series_is_drawn_as_lines_one_per_group() -> None:
    found = rows(("2019", "Men", 71.4), ("2018", "Men", 70.2), ("2018", "Women", 66.1),
                 ("2019", "Women", 68.5))  # fmt: skip
    found += rows(("2019", "Men", 99.0), sub="Aged 16-24")  # a sub-group: left to the table
    chart = evidence_chart(dataset(found))
    assert chart is not None and chart.kind == "line"
    assert chart.id == evidence_chart_id(SLUG)
    drawn = {s.label: [(p.period, p.value) for p in s.points] for s in chart.series}
    assert drawn == {
        "Men": [("2018", 70.2), ("2019", 71.4)],
        "Women": [("2018", 66.1), ("2019", 68.5)],
    }
    assert chart.title == "Employment rate"


def test_groups_of_one_period_are_bars_in_the_published_order() -> None:
    found = rows(("2019", "Women", 68.5), ("2019", "Men", 71.4), ("2019", "All", 69.8))
    chart = evidence_chart(dataset(found))
    assert chart is not None and chart.kind == "bar"
    assert [(b.label, b.value) for b in chart.bars] == [
        ("Women", 68.5),
        ("Men", 71.4),
        ("All", 69.8),
    ]


def test_too_many_groups_for_lines_are_bars_of_the_latest_period() -> None:
    groups = [f"Group {i}" for i in range(MAX_LINES + 1)]
    found = rows(*[(p, g, float(i)) for p in ("2018", "2019") for i, g in enumerate(groups)])
    chart = evidence_chart(dataset(found))
    assert chart is not None and chart.kind == "bar"
    assert [b.label for b in chart.bars] == groups
    assert "2019" in chart.summary and "2018" not in chart.summary


def test_nothing_to_compare_and_pointer_pages_have_no_chart() -> None:
    single = rows(("2019", "Men", 71.4))
    assert evidence_chart(dataset(single)) is None
    assert evidence_chart(dataset([])) is None
    found = rows(("2018", "Men", 70.2), ("2019", "Men", 71.4))
    pointer = dataset(found, same_as="another-code")
    assert evidence_chart(pointer) is None


def test_the_chart_names_the_dataset_s_sources() -> None:
    from build_scripts.model import Source

    found = rows(("2018", "Men", 70.2), ("2019", "Men", 71.4))
    sources = [Source("aps", "Annual Population Survey", publisher="ONS")]
    chart = evidence_chart(dataset(found, sources=sources))
    assert chart is not None
    assert "Annual Population Survey" in json.dumps(chart.spec)
