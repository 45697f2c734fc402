"""Fixtures for the page tests: the synthetic packages tree, assessed and planned.

Charts get a small stand-in SVG: the pages only read its size, and real rendering is
the charts tests' job (and slow)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from build_scripts.analyse.indicators import assess_framework
from build_scripts.analyse.statuses import Assessment
from build_scripts.charts.model import Chart
from build_scripts.charts.plan import plan_charts
from build_scripts.load import load_framework
from build_scripts.model import Framework
from build_scripts.pages import render_pages

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "site"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"></svg>'
BUILD_DATE = date(2020, 10, 12)


@dataclass(frozen=True)
class Site:
    framework: Framework
    assessments: Mapping[str, Assessment]
    charts: list[Chart]
    svgs: dict[str, str]
    pages: dict[str, str]


@pytest.fixture(scope="session")
def site() -> Site:
    framework = load_framework(FIXTURE)
    assessments = assess_framework(framework)
    charts = plan_charts(framework)
    svgs = {c.id: SVG for c in charts}
    pages = render_pages(framework, assessments, charts, svgs, build_date=BUILD_DATE)
    return Site(framework, assessments, charts, svgs, pages)
