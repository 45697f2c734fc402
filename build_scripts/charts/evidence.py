"""The chart of an equality evidence dataset: its first measure as the dataset publishes
it, by group (each ``breakdown``), over time where it has several periods (lines) or in
its latest period where it compares groups at one time or has more groups than lines
can tell apart (bars, in the dataset's own order of groups). A dataset with one figure
per period and group has no chart; nor has a pointer to an identical dataset
(``same_as``): its main page has the chart. The table beside the chart keeps every row.

Id: ``evidence--<dataset slug>`` (indicator charts' ids start with an indicator's slug
and have a measure after it; see ``plan``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from build_scripts.analyse.evidence import evidence_units
from build_scripts.charts import bar_chart, line_chart
from build_scripts.charts.model import Bar, Chart, Series, SeriesPoint
from build_scripts.charts.specs import SpecCache
from build_scripts.model import EvidenceDataset, Framework

MAX_LINES = 6  # as for an indicator's breakdowns: more groups are drawn as bars


def evidence_chart_id(slug: str) -> str:
    return f"evidence--{slug}"


def _start(row: dict[str, Any]) -> date:
    try:
        return date.fromisoformat(str(row.get("period_start") or ""))
    except ValueError:
        return date.min  # then ordered by the period as published


def charted_rows(dataset: EvidenceDataset) -> list[dict[str, Any]]:
    """The rows the chart draws: the first measure (and series) with figures, groups
    alone (no sub-groups), one figure per group and period (the first published)."""
    rows = [r for r in dataset.rows if isinstance(r.get("value"), float)]
    rows = [r for r in rows if not str(r.get("sub_breakdown") or "").strip()]
    if not rows:
        return []
    first = rows[0]
    same = [
        r
        for r in rows
        if r.get("measure") == first.get("measure") and r.get("indicator") == first.get("indicator")
    ]
    seen: set[tuple[str, str]] = set()
    kept = []
    for r in same:
        key = (str(r.get("breakdown") or "").strip(), str(r.get("period") or ""))
        if key not in seen:
            seen.add(key)
            kept.append(r)
    return kept


def evidence_chart(
    dataset: EvidenceDataset, legend: str | None = None, specs: SpecCache | None = None
) -> Chart | None:
    """The dataset's chart; ``None`` where it has nothing to draw (see the module).
    ``legend``: what the groups are (the dataset's characteristic), over the legend."""
    if dataset.same_as:
        return None
    rows = charted_rows(dataset)
    if not rows:
        return None
    first = rows[0]
    measure = str(first.get("measure") or first.get("indicator") or dataset.title)
    units = evidence_units(dataset)
    groups = list(dict.fromkeys(str(r.get("breakdown") or "").strip() for r in rows))
    periods = {str(r.get("period") or "") for r in rows}
    cid = evidence_chart_id(dataset.slug)
    # The footer names the publications, as the page's Source section does.
    source = "; ".join(dict.fromkeys(s.title for s in dataset.sources if s.title)) or None
    if len(periods) >= 2 and len(groups) <= MAX_LINES:
        series = [
            Series(
                group or measure,
                tuple(
                    sorted(
                        (
                            SeriesPoint(str(r.get("period") or ""), _start(r), float(r["value"]))
                            for r in rows
                            if str(r.get("breakdown") or "").strip() == group
                        ),
                        key=lambda p: (p.start, p.period),
                    )
                ),
            )
            for group in groups
        ]
        return line_chart(
            cid,
            measure,
            series,
            y_title=measure,
            units=units,
            legend_title=legend,
            source=source,
            specs=specs,
        )
    latest = max(rows, key=lambda r: (_start(r), str(r.get("period") or "")))
    period = str(latest.get("period") or "")
    bars = [
        Bar(str(r.get("breakdown") or "").strip(), float(r["value"]))
        for r in rows
        if str(r.get("period") or "") == period and str(r.get("breakdown") or "").strip()
    ]
    if len(bars) < 2:
        return None
    return bar_chart(
        cid,
        measure,
        bars,
        period=period,
        x_title=measure,
        units=units,
        sort="given",
        source=source,
        specs=specs,
    )


def evidence_charts(framework: Framework, specs: SpecCache | None = None) -> list[Chart]:
    """The chart of every evidence dataset that has one."""
    found = []
    for d in framework.evidence:
        known = framework.characteristics.get(d.characteristic)
        chart = evidence_chart(d, known.name if known else None, specs)
        if chart is not None:
            found.append(chart)
    return found
