"""The analyse stage's place profiles of the committed data equal what pandas works out
here straight from the packages' CSVs (``tests.pages.test_area_profiles``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from build_scripts.analyse.indicators import analyse_framework
from build_scripts.load import load_framework
from tests.pages.test_area_profiles import expected_profiles

DATA = Path(__file__).resolve().parents[2] / "datapackages"


def test_profiles_of_the_committed_data() -> None:
    framework = load_framework(DATA)
    found = analyse_framework(framework).places
    expected = expected_profiles(DATA)
    assert sum(len(v) for v in found.values()) == len(expected)
    by_key = {
        (f.indicator, f.measure, code): f for (_, code), figures in found.items() for f in figures
    }
    for row in expected.itertuples():
        f = by_key[(row.indicator, row.measure, row.breakdown_group)]
        verdict = None if pd.isna(row.verdict) else row.verdict
        assert (f.period, f.comparison, f.total) == (row.period, verdict, row.total), row
        assert f.value == pytest.approx(row.value)
        assert (f.country is None) == pd.isna(row.country)
        if not row.total and row.sign != 0:
            assert (f.rank, f.ranked) == (int(row.rank), int(row.ranked)), row
