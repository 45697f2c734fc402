"""What changed between two frameworks, as data: ``compare`` takes each side's model
and analysis (the build's own ``load_framework`` and ``analyse_framework``) and gives
``Changes``. Figures are compared as pandas tables merged on their key (indicator,
measure, period, breakdowns, area); statuses and metadata from the model.

A revision of the framework (docs/revisions.md) is read from the new side: an outcome
or indicator it retired (``retired_in``) is listed as retired, with what replaced it,
not as removed (its page and data stay); one it renamed is listed as renamed, neither
removed nor added, and its figures, status and metadata are compared under its new slug
with what the old side had under the old one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from build_scripts.analyse.indicators import measure_units
from build_scripts.analyse.statuses import Assessment
from build_scripts.formatting import Units
from build_scripts.model import HEADLINE_TYPE, BreakdownPair, Framework, Indicator, Source

KEY = ["indicator", "measure", "period", "breakdowns", "area"]


@dataclass(frozen=True)
class Named:
    """An indicator or an outcome added or removed."""

    slug: str
    title: str


@dataclass(frozen=True)
class Retired:
    """An outcome or indicator the new side's revision retired (its ``retired_in``):
    the version of that revision, how (``merge``, ``split`` or ``retire``), what
    replaced it (none for ``retire``) and the revision's note."""

    slug: str
    title: str
    version: str
    change: str
    replaced_by: tuple[Named, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Renamed:
    """An outcome or indicator the new side's revisions renamed: the old side has it
    under ``old``, the new side under ``new``."""

    old: str
    new: str
    title: str
    version: str
    note: str = ""


@dataclass(frozen=True)
class Periods:
    """Periods of a measure that one side has and the other has not, earliest first."""

    indicator: str
    measure: str
    periods: tuple[str, ...]


@dataclass(frozen=True)
class Revision:
    """A figure both sides have, with another value. ``breakdowns`` are the figure's
    breakdowns other than places (codes), ``area`` its place's code (empty when it is
    not for one place); ``labels`` and ``area_name`` are them as a reader knows them."""

    indicator: str
    measure: str
    period: str
    breakdowns: tuple[BreakdownPair, ...]
    area: str
    old: float
    new: float
    units: Units = field(default_factory=Units)
    labels: tuple[str, ...] = ()
    area_name: str = ""

    @property
    def change(self) -> float:
        return self.new - self.old

    @property
    def relative(self) -> float | None:
        """The change as a share of the old value; ``None`` when that was zero."""
        return None if self.old == 0 else (self.new - self.old) / abs(self.old)


@dataclass(frozen=True)
class StatusChange:
    """An indicator whose status changed: from what, to what, by which criterion (the
    new side's, in words) and why (the new side's reason)."""

    indicator: str
    title: str
    old: str
    new: str
    method: str
    criterion: str
    reason: str


@dataclass(frozen=True)
class MetadataChange:
    """One property of the framework, an outcome, an indicator or a measure that
    changed, as text on each side (empty where it was not there)."""

    kind: str  # "framework", "outcome", "indicator" or "measure"
    subject: str  # the slug; "indicator/measure" for a measure
    property: str
    old: str
    new: str


@dataclass(frozen=True)
class FigureCount:
    """How many figures of a measure only one side has."""

    indicator: str
    measure: str
    added: int
    removed: int


@dataclass(frozen=True)
class Changes:
    """Everything ``npf diff`` reports, between ``old`` and ``new`` (what the user named)."""

    old: str
    new: str
    indicators_added: list[Named] = field(default_factory=list)
    indicators_removed: list[Named] = field(default_factory=list)
    outcomes_added: list[Named] = field(default_factory=list)
    outcomes_removed: list[Named] = field(default_factory=list)
    indicators_retired: list[Retired] = field(default_factory=list)
    outcomes_retired: list[Retired] = field(default_factory=list)
    indicators_renamed: list[Renamed] = field(default_factory=list)
    outcomes_renamed: list[Renamed] = field(default_factory=list)
    new_periods: list[Periods] = field(default_factory=list)
    removed_periods: list[Periods] = field(default_factory=list)
    revised: list[Revision] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    metadata: list[MetadataChange] = field(default_factory=list)
    figures: list[FigureCount] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.indicators_added,
                self.indicators_removed,
                self.outcomes_added,
                self.outcomes_removed,
                self.indicators_retired,
                self.outcomes_retired,
                self.indicators_renamed,
                self.outcomes_renamed,
                self.new_periods,
                self.removed_periods,
                self.revised,
                self.statuses,
                self.metadata,
                self.figures,
            )
        )


@dataclass(frozen=True)
class Side:
    """One side as the build sees it: the model and each indicator's assessment."""

    framework: Framework
    assessments: dict[str, Assessment]


def compare(old_label: str, old: Side, new_label: str, new: Side) -> Changes:
    """Every change from ``old`` to ``new``."""
    before, after = old.framework, new.framework
    renamed = _renamed(before, after, "indicator")
    renamed_outcomes = _renamed(before, after, "outcome")
    retired = _retired(before, after, "indicator")
    retired_outcomes = _retired(before, after, "outcome")
    # each indicator both sides have, as (old slug, new slug): the same, or renamed
    pairs = sorted(
        [(s, s) for s in after.indicators if s in before.indicators]
        + [(r.old, r.new) for r in renamed],
        key=lambda pair: pair[1],
    )
    figures = _figure_changes(before, after, pairs)
    not_added = {r.new for r in renamed} | {r.slug for r in retired}
    not_added_outcomes = {r.new for r in renamed_outcomes} | {r.slug for r in retired_outcomes}
    return Changes(
        old=old_label,
        new=new_label,
        indicators_added=[
            n for n in _named(after.indicators, before.indicators) if n.slug not in not_added
        ],
        indicators_removed=[
            n
            for n in _named(before.indicators, after.indicators)
            if n.slug not in {r.old for r in renamed}
        ],
        outcomes_added=[n for n in _outcomes(after, before) if n.slug not in not_added_outcomes],
        outcomes_removed=[
            n for n in _outcomes(before, after) if n.slug not in {r.old for r in renamed_outcomes}
        ],
        indicators_retired=retired,
        outcomes_retired=retired_outcomes,
        indicators_renamed=renamed,
        outcomes_renamed=renamed_outcomes,
        new_periods=figures.new_periods,
        removed_periods=figures.removed_periods,
        revised=figures.revised,
        statuses=_statuses(old, new, pairs),
        metadata=_metadata(before, after, pairs, renamed_outcomes),
        figures=figures.counts,
    )


def _named(these: dict[str, Indicator], those: dict[str, Indicator]) -> list[Named]:
    return [Named(slug, these[slug].title) for slug in sorted(these) if slug not in those]


def _outcomes(these: Framework, those: Framework) -> list[Named]:
    known = {o.slug for o in those.outcomes}
    return [Named(o.slug, o.name) for o in these.outcomes if o.slug not in known]


def _titles(framework: Framework, level: str) -> dict[str, str]:
    """Each outcome's name or indicator's title (``level``), by slug."""
    if level == "outcome":
        return {o.slug: o.name for o in framework.outcomes}
    return {slug: i.title for slug, i in framework.indicators.items()}


def _retired_in(framework: Framework, level: str) -> dict[str, str]:
    """The ``retired_in`` of each outcome or indicator (``level``), by slug."""
    if level == "outcome":
        return {o.slug: o.retired_in for o in framework.outcomes}
    return {slug: i.retired_in for slug, i in framework.indicators.items()}


def _retired(before: Framework, after: Framework, level: str) -> list[Retired]:
    """What the new side has retired that the old side had current (or had not)."""
    titles, was = _titles(after, level), _retired_in(before, level)
    found = []
    for slug, version in _retired_in(after, level).items():
        if not version or was.get(slug):
            continue
        replacement = after.replacement(level, slug)
        if replacement is None:  # not so: its retired_in is set
            continue
        found.append(
            Retired(
                slug,
                titles[slug],
                replacement.version,
                replacement.change,
                tuple(Named(s, titles.get(s, s)) for s in replacement.slugs),
                replacement.note,
            )
        )
    return sorted(found, key=lambda r: r.slug)


def _renamed(before: Framework, after: Framework, level: str) -> list[Renamed]:
    """What the new side's revisions renamed (following renames of renames) that the old
    side has under its old slug and not its new one, and the new side the reverse."""
    old, new = _titles(before, level), _titles(after, level)
    rows = {r.old_slug: r for r in after.revisions if r.level == level and r.change == "rename"}
    return [
        Renamed(was, now, new[now], rows[was].to_version, rows[was].note)
        for was, now in sorted(after.renamed(level).items())
        if was in old and was not in new and now in new and now not in old
    ]


def _place_types(framework: Framework) -> set[str]:
    return set(framework.places)


def figures_table(
    framework: Framework, slugs: list[str], named: dict[str, str] | None = None
) -> pd.DataFrame:
    """One row per figure of the indicators ``slugs``: the key columns (``breakdowns`` as
    JSON of the pairs other than places, ``area`` the place's code), ``start`` (the
    period's first day, to order periods) and ``value``. ``named``: the slug a figure's
    indicator is given in the table, where it is not its own (a renamed indicator's)."""
    places = _place_types(framework)
    named = named or {}
    rows: list[tuple[str, str, str, str, str, int, float]] = []
    for slug in slugs:
        for f in framework.indicators[slug].figures:
            pairs = [p for p in f.breakdowns if p[0] not in places]
            area = "+".join(g for t, g in f.breakdowns if t in places)
            rows.append(
                (
                    named.get(slug, slug),
                    f.measure,
                    f.period,
                    json.dumps(pairs),
                    area,
                    f.period_start.toordinal(),
                    f.value,
                )
            )
    return pd.DataFrame(rows, columns=[*KEY, "start", "value"])


@dataclass(frozen=True)
class _Figures:
    new_periods: list[Periods]
    removed_periods: list[Periods]
    revised: list[Revision]
    counts: list[FigureCount]


def _figure_changes(before: Framework, after: Framework, pairs: list[tuple[str, str]]) -> _Figures:
    old = figures_table(before, [was for was, _ in pairs], {was: now for was, now in pairs})
    new = figures_table(after, [now for _, now in pairs])
    merged = old.merge(new, on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
    both = merged[merged["_merge"] == "both"]
    revised = both[both["value_old"] != both["value_new"]]
    measures = set(zip(old["indicator"], old["measure"], strict=True)) & set(
        zip(new["indicator"], new["measure"], strict=True)
    )
    return _Figures(
        new_periods=_periods(new, old, measures),
        removed_periods=_periods(old, new, measures),
        revised=[_revision(row, after, before) for row in revised.itertuples(index=False)],
        counts=_counts(merged),
    )


def _periods(
    these: pd.DataFrame, those: pd.DataFrame, measures: set[tuple[str, str]]
) -> list[Periods]:
    """Periods of each measure both sides have that only ``these`` holds."""
    found: list[Periods] = []
    first = these.groupby(["indicator", "measure", "period"], sort=True)["start"].min()
    known = set(zip(those["indicator"], those["measure"], those["period"], strict=True))
    by_measure: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for (indicator, measure, period), start in first.items():
        if (indicator, measure) in measures and (indicator, measure, period) not in known:
            by_measure.setdefault((indicator, measure), []).append((start, period))
    for (indicator, measure), periods in sorted(by_measure.items()):
        found.append(Periods(indicator, measure, tuple(p for _, p in sorted(periods))))
    return found


def _revision(row: Any, after: Framework, before: Framework) -> Revision:
    indicator, measure = str(row.indicator), str(row.measure)
    pairs = tuple((t, g) for t, g in json.loads(str(row.breakdowns)))
    area = str(row.area)
    frame = after if indicator in after.indicators else before
    known = {m.name: m for m in frame.indicators[indicator].measures}
    return Revision(
        indicator=indicator,
        measure=measure,
        period=str(row.period),
        breakdowns=pairs,
        area=area,
        old=float(row.value_old),
        new=float(row.value_new),
        units=measure_units(frame, known.get(measure)),
        labels=tuple(
            f"{frame.breakdown_name(t)}: {frame.group_label(t, g)}"
            for t, g in pairs
            if t != HEADLINE_TYPE
        ),
        area_name=_area_name(frame, area),
    )


def _area_name(framework: Framework, code: str) -> str:
    for places in framework.places.values():
        if code in places:
            return places[code].name
    return code


def _counts(merged: pd.DataFrame) -> list[FigureCount]:
    side = merged[merged["_merge"] != "both"]
    if side.empty:
        return []
    counts = (
        side.assign(
            added=side["_merge"] == "right_only",
            removed=side["_merge"] == "left_only",
        )
        .groupby(["indicator", "measure"], sort=True)[["added", "removed"]]
        .sum()
    )
    return [
        FigureCount(str(indicator), str(measure), int(added), int(removed))
        for (indicator, measure), added, removed in zip(
            counts.index, counts["added"], counts["removed"], strict=True
        )
    ]


def _statuses(old: Side, new: Side, pairs: list[tuple[str, str]]) -> list[StatusChange]:
    changes = []
    for was, slug in pairs:
        before, after = old.assessments.get(was), new.assessments.get(slug)
        if before is None or after is None or before.status == after.status:
            continue
        changes.append(
            StatusChange(
                indicator=slug,
                title=new.framework.indicators[slug].title,
                old=str(before.status),
                new=str(after.status),
                method=after.method,
                criterion=after.criterion,
                reason=after.reason,
            )
        )
    return changes


def _sources(sources: list[Source]) -> str:
    return "; ".join(
        " ".join(part for part in (s.title or s.id, f"<{s.url}>" if s.url else "") if part)
        for s in sources
    )


def _indicator_properties(indicator: Indicator) -> dict[str, str]:
    return {
        "title": indicator.title,
        "description": indicator.description,
        "outcomes": ", ".join(indicator.outcomes),
        "source": indicator.source,
        "sources": _sources(indicator.sources),
        "criteria": json.dumps(indicator.criteria, sort_keys=True),
        "criteria_origin": indicator.criteria_origin,
        "availability": indicator.availability,
        "next_update": indicator.next_update,
    }


def _metadata(
    before: Framework,
    after: Framework,
    pairs: list[tuple[str, str]],
    renamed_outcomes: list[Renamed],
) -> list[MetadataChange]:
    changes = list(
        _differences(
            "framework",
            "framework",
            {"purpose": before.purpose, "version": before.version},
            {"purpose": after.purpose, "version": after.version},
        )
    )
    outcomes = {o.slug: o for o in before.outcomes}
    outcomes |= {r.new: outcomes[r.old] for r in renamed_outcomes}
    for o in after.outcomes:
        if (old := outcomes.get(o.slug)) is not None:
            props = ("name", "statement", "description")
            changes += _differences(
                "outcome",
                o.slug,
                {p: getattr(old, p) for p in props},
                {p: getattr(o, p) for p in props},
            )
    for was, slug in pairs:
        a, b = before.indicators[was], after.indicators[slug]
        changes += _differences(
            "indicator", slug, _indicator_properties(a), _indicator_properties(b)
        )
        changes += _measures(was, slug, before, after)
    return changes


def _measures(was: str, slug: str, before: Framework, after: Framework) -> Iterator[MetadataChange]:
    old = {m.name: m for m in before.indicators[was].measures}
    new = {m.name: m for m in after.indicators[slug].measures}
    names = [*new, *(n for n in old if n not in new)]
    for name in names:
        a, b = old.get(name), new.get(name)
        subject = f"{slug}/{name}"
        if a is None or b is None:
            yield MetadataChange(
                "measure", subject, "measure", a.title if a else "", b.title if b else ""
            )
            continue
        props = ("title", "description", "unit", "direction", "headline", "decimals")
        yield from _differences(
            "measure",
            subject,
            {p: _text(getattr(a, p)) for p in props},
            {p: _text(getattr(b, p)) for p in props},
        )
        ua, ub = before.units.get(a.unit), after.units.get(b.unit)
        if a.unit == b.unit and ua is not None and ub is not None and ua.label != ub.label:
            yield MetadataChange("measure", subject, "unit label", ua.label, ub.label)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _differences(
    kind: str, subject: str, old: dict[str, str], new: dict[str, str]
) -> Iterator[MetadataChange]:
    for prop, value in new.items():
        if old.get(prop, "") != value:
            yield MetadataChange(kind, subject, prop, old.get(prop, ""), value)
