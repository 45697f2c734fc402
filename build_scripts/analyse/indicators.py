"""Apply each indicator's criteria for change to its headline series.

Two rules of honesty live here, so every page, summary and status shares them:

- a figure flagged ``suspect`` (a probable slip in the source) is never compared: it is
  left out of the points, and the reason says so;
- the figures compared should come from one release; where they do not (a newer
  release does not publish the earlier period), the reason names both releases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from build_scripts.analyse.findings import ChangeSummary, findings
from build_scripts.analyse.frame import Series, analyse_frame, figures_frame
from build_scripts.analyse.gaps import Gap, find_gaps, gap_statement
from build_scripts.analyse.places import PlaceFigure, PlaceKey, analyse_places, place_frame
from build_scripts.analyse.statuses import Assessment, Point, assess
from build_scripts.formatting import Units
from build_scripts.messages import Message, message
from build_scripts.model import Figure, Framework, Indicator, Measure, Source

BREAK = "break in series"


def to_points(figures: list[Figure]) -> list[Point]:
    """Figures of one series as status points, by period; suspect figures left out."""
    ordered = sorted(figures, key=lambda f: (f.period_start, f.period_end))
    return [
        Point(
            period=f.period,
            start=f.period_start,
            end=f.period_end,
            value=f.value,
            lower=f.lower,
            upper=f.upper,
            break_before=f.flag == BREAK,
            source=f.source,
        )
        for f in ordered
        if not f.is_suspect
    ]


def headline_points(indicator: Indicator) -> list[Point]:
    measure = indicator.headline_measure
    if measure is None:
        return []
    return to_points(indicator.series(measure.name))


def measure_units(framework: Framework, measure: Measure | None) -> Units:
    """The formatter of a measure's figures: its unit's words and its decimal places."""
    if measure is None:
        return Units()
    unit = framework.units.get(measure.unit)
    if unit is None:
        return Units(decimals=measure.decimals)
    return Units(unit.label, unit.is_percentage, unit.change_label, measure.decimals)


def release_note(points: Sequence[Point], sources: Sequence[Source]) -> Message | None:
    """A sentence naming the releases of the figures compared, when there are two or
    more; ``None`` when they share one."""
    used = list(dict.fromkeys(p.source for p in points if p.source))
    if len(used) < 2:
        return None
    by_id = {s.id: s for s in sources}
    releases = []
    for source_id in used:
        source = by_id.get(source_id)
        if source is None:
            releases.append(message("status.release", title=source_id, periods=[]))
            continue
        periods = [p.period for p in points if p.source == source_id]
        releases.append(message("status.release", title=source.title, periods=periods))
    return message("status.releases", releases=releases)


def suspect_note(indicator: Indicator) -> Message | None:
    """A sentence naming the headline figures left out as suspect; ``None`` without any."""
    measure = indicator.headline_measure
    if measure is None:
        return None
    left = [f.period for f in indicator.series(measure.name) if f.is_suspect]
    if not left:
        return None
    return message("status.suspect", periods=left)


def assess_indicator(
    indicator: Indicator, framework: Framework, points: Sequence[Point] | None = None
) -> Assessment:
    """The status of an indicator from its headline ``points`` (by default
    ``headline_points``; the analyse stage hands in those found in the frame)."""
    measure = indicator.headline_measure
    direction = measure.direction if measure else "no preferred direction"
    assessment = assess(
        headline_points(indicator) if points is None else points,
        direction,
        indicator.criteria,
        units=measure_units(framework, measure),
    )
    notes = [
        n
        for n in (release_note(assessment.compared, indicator.sources), suspect_note(indicator))
        if n is not None
    ]
    if not notes:
        return assessment
    return replace(assessment, notes=(*assessment.notes, *notes))


def assess_framework(framework: Framework) -> dict[str, Assessment]:
    """The statuses alone (``analyse_framework`` gives them with the rest)."""
    return analyse_framework(framework).assessments


GapKey = tuple[str, str, str]  # an indicator's slug, a measure, a breakdown type


@dataclass(frozen=True)
class Analysis:
    """Everything the pages state about the indicators, computed once per build: the
    performance statuses, the changes beside each headline chart and the key findings
    (as messages), by indicator slug; the gaps between groups (``gaps.find_gaps``) of
    each measure and breakdown type that is not a geography, and their statements (by
    indicator slug, measure and breakdown type); and each place's profile (``places``),
    by geography and place code."""

    assessments: dict[str, Assessment]
    changes: dict[str, ChangeSummary]
    findings: dict[str, list[Message]]
    gaps: dict[str, list[Gap]] = field(default_factory=dict)
    gap_statements: dict[GapKey, Message] = field(default_factory=dict)
    places: dict[PlaceKey, list[PlaceFigure]] = field(default_factory=dict)

    def change(self, slug: str) -> ChangeSummary:
        return self.changes.get(slug, NO_CHANGE)

    def gap(self, slug: str, measure: str, breakdown_type: str) -> Gap | None:
        return next(
            (
                g
                for g in self.gaps.get(slug, ())
                if g.measure == measure and g.breakdown_type == breakdown_type
            ),
            None,
        )

    def gap_statement(self, slug: str, measure: str, breakdown_type: str) -> Message | None:
        return self.gap_statements.get((slug, measure, breakdown_type))

    def place(self, breakdown_type: str, code: str) -> list[PlaceFigure]:
        """A place's figures compared (``analyse.places``), empty without any."""
        return self.places.get((breakdown_type, code), [])


NO_CHANGE = ChangeSummary(None, None, None, None, None)


def analyse_framework(framework: Framework) -> Analysis:
    """The analyse stage: one frame of the framework's figures (``frame.figures_frame``),
    the series pandas finds in it for every indicator at once, and the statuses and
    findings written from them; the gaps between groups; and every place compared with
    the country and the other places (``places``)."""
    frame = figures_frame(framework)
    series = analyse_frame(frame, framework)
    assessments = {
        slug: assess_indicator(indicator, framework, series.points.get(slug, []))
        for slug, indicator in sorted(framework.indicators.items())
    }
    found = {
        slug: indicator_findings(indicator, framework, series)
        for slug, indicator in sorted(framework.indicators.items())
        if not indicator.in_development
    }
    gaps = find_gaps(frame, framework)
    places = analyse_places(place_frame(frame, framework), framework)
    return Analysis(
        assessments, series.changes, found, gaps, gap_statements(gaps, framework), places
    )


def gap_statements(gaps: dict[str, list[Gap]], framework: Framework) -> dict[GapKey, Message]:
    """Each gap in words (``gaps.gap_statement``), with its measure's units."""
    said: dict[GapKey, Message] = {}
    for slug, found in gaps.items():
        measures = {m.name: m for m in framework.indicators[slug].measures}
        for gap in found:
            units = measure_units(framework, measures.get(gap.measure))
            said[(slug, gap.measure, gap.breakdown_type)] = gap_statement(gap, units)
    return said


def indicator_findings(indicator: Indicator, framework: Framework, series: Series) -> list[Message]:
    """The key findings of an indicator page, as messages: its headline series and the
    highest and lowest groups of each breakdown of its headline measure."""
    measure = indicator.headline_measure
    if measure is None:
        return []
    found = series.groups.get(indicator.slug, {})
    groups = {
        framework.breakdown_name(kind): found.get(kind)
        for kind in sorted(indicator.breakdown_types(measure.name))
    }
    points = series.points.get(indicator.slug, [])
    units = measure_units(framework, measure)
    sentences = findings(points, units=units, groups=groups)
    note = release_note(points[-2:], indicator.sources)
    if note is not None and len(sentences) > 1:
        sentences.insert(2, note)
    return sentences
