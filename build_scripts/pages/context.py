"""What every page writer reads: the model, the statuses, the rendered charts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from build_scripts import catalog, urls
from build_scripts.analyse.findings import ChangeSummary
from build_scripts.analyse.indicators import Analysis, analyse_framework, measure_units
from build_scripts.analyse.statuses import Assessment, Status
from build_scripts.charts.html import svg_size
from build_scripts.charts.model import Chart, Units
from build_scripts.charts.png import wants_png
from build_scripts.config import Project, default_project
from build_scripts.downloads import Download
from build_scripts.messages import message, phrase
from build_scripts.model import (
    EvidenceDataset,
    Figure,
    Framework,
    Indicator,
    Measure,
    Outcome,
    Target,
)
from build_scripts.pages.content import Annotated, ChartFigure, Image, Link
from build_scripts.pages.labels import coded, outcome_title
from build_scripts.release import Release


@dataclass(frozen=True)
class Context:
    framework: Framework
    assessments: Mapping[str, Assessment]
    charts: Mapping[str, Chart]
    svgs: Mapping[str, str]
    build_date: date | None = None
    downloads: Sequence[Download] = ()
    # The project's configuration: its words, place and geographies.
    project: Project = field(default_factory=default_project)
    # Results computed once per build and shared by every page (e.g. evidence titles).
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    # The analyse stage's changes and findings; made from ``framework`` when not given.
    analysis: Analysis | None = None
    # The releases recorded (``npf release``), oldest first: none before the first.
    releases: Sequence[Release] = ()

    @property
    def analysed(self) -> Analysis:
        if self.analysis is not None:
            return self.analysis
        found = self.memo.get("analysis")
        if not isinstance(found, Analysis):
            found = self.memo["analysis"] = analyse_framework(self.framework)
        return found

    def status(self, slug: str) -> Status:
        assessment = self.assessments.get(slug)
        if assessment is not None:
            return assessment.status
        indicator = self.framework.indicators[slug]
        return Status.IN_DEVELOPMENT if indicator.in_development else Status.TO_BE_CONFIRMED

    def units(self, measure: Measure | None) -> Units:
        return Units() if measure is None else measure_units(self.framework, measure)

    def figure(self, value: float | None, measure: Measure | None) -> str:
        """A figure with its unit and the measure's places; empty for no figure."""
        return "" if value is None else self.units(measure).figure(value)

    def change(self, indicator: Indicator) -> ChangeSummary:
        return self.analysed.change(indicator.slug)

    def latest(self, indicator: Indicator) -> Annotated | None:
        """``61.8 years (2016-2018)``; ``None`` without figures."""
        latest = self.change(indicator).latest
        if latest is None or latest.value is None:
            return None
        return Annotated(self.figure(latest.value, indicator.headline_measure), latest.period)

    def change_text(self, indicator: Indicator) -> str:
        """``up 0.3 years since 2015-2017``; empty when there is no change."""
        summary = self.change(indicator)
        if summary.change_since_previous is None or summary.previous is None:
            return ""
        delta = summary.change_since_previous
        size = self.units(indicator.headline_measure).amount(delta)
        said = message(
            "page.outcome.change_since", change=delta, size=size, period=summary.previous.period
        )
        return phrase(said)

    def indicator_link(self, slug: str) -> Link:
        """An indicator's title (after its code, where it has one) linked to its page."""
        indicator = self.framework.indicators[slug]
        return Link(coded(indicator.code, indicator.title), urls.indicator(slug))

    def outcome_link(self, outcome: Outcome, titled: bool = False) -> Link:
        """``1 No poverty`` (or the outcome's name alone) linked to its page; ``titled``,
        as its page is titled, ``Goal 1: No poverty`` (a heading, a crumb)."""
        label = (
            outcome_title(self.project.nouns, outcome)
            if titled
            else coded(outcome.code, outcome.name)
        )
        return Link(label, urls.outcome(outcome.slug))

    def target_link(self, target: Target) -> Link:
        """``1.2 By 2030, ...`` (or the target's title alone) linked to its page."""
        return Link(coded(target.code, target.title), urls.target(target.slug))

    def chart(self, chart_id: str) -> ChartFigure | None:
        """A chart with its static SVG, for the ``figure`` of a page; ``None`` when the
        chart has no SVG."""
        chart = self.charts.get(chart_id)
        svg = self.svgs.get(chart_id)
        if chart is None or not svg:
            return None
        return ChartFigure(
            chart,
            svg,
            urls.chart_svg(chart_id),
            urls.chart_csv(chart_id),
            urls.chart_png(chart_id) if wants_png(chart) else None,
        )

    def sparkline(self, chart_id: str) -> Image | None:
        """A small trend image whose text alternative is the chart's summary."""
        chart = self.charts.get(chart_id)
        svg = self.svgs.get(chart_id)
        if chart is None or not svg:
            return None
        width, height = svg_size(svg)
        return Image(urls.chart_svg(chart_id), chart.summary, width, height)

    def download_sizes(self) -> dict[str, int | None]:
        """Each download's size by name (``None`` before it is built), read once."""
        if "download_sizes" not in self.memo:
            self.memo["download_sizes"] = catalog.sizes(self.downloads)
        found: dict[str, int | None] = self.memo["download_sizes"]  # type: ignore[assignment]
        return found

    def indicator_json_ld(self, indicator: Indicator) -> dict[str, Any] | None:
        """The schema.org Dataset of an indicator's page, as the catalogue describes
        it; ``None`` for an indicator without downloads."""
        sizes = self.download_sizes()
        if urls.indicator_download(indicator.slug, "zip") not in sizes:
            return None
        entry = catalog.indicator_entry(self.framework, indicator, sizes, self.project)
        return catalog.schema_org(entry, self.project)

    def evidence_json_ld(self, dataset: EvidenceDataset, title: str) -> dict[str, Any] | None:
        """The schema.org Dataset of an evidence dataset's page (``title``: its page's)."""
        sizes = self.download_sizes()
        if urls.evidence_download(dataset.slug) not in sizes:
            return None
        entry = catalog.evidence_entry(self.framework, dataset, title, sizes, self.project)
        return catalog.schema_org(entry, self.project)

    def group_label(self, figure: Figure) -> str:
        return self.framework.group_label(figure.breakdown_type, figure.breakdown_group)
