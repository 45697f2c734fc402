"""An Open SDG repository's indicators, read, mapped into the importers' model.

The step after reading (``open_sdg_repository.py``, ``open_sdg_figures.py``): goals become
the framework's outcomes and targets the level between them and the indicators, named
from the metadata and translations (``open_sdg_names.py``); each indicator becomes a
record, its measures and units (``open_sdg_measures.py``) and a package of its figures,
sorted, with its sources (its data file and the producers its metadata names) and its
descriptive metadata; the breakdown types, groups and places become the controlled
lists (``open_sdg_lists.py``). The one writer (``writer.py``) writes what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from build_scripts.config import Project
from build_scripts.contract import HEADLINE_TYPE
from build_scripts.importers.checks import flag_repeated_periods
from build_scripts.importers.model import (
    BreakdownTypeRecord,
    Figure,
    FrameworkInfo,
    Imported,
    IndicatorPackage,
    IndicatorRecord,
    MeasureRecord,
    Outcome,
    SourceEntry,
    Target,
)
from build_scripts.importers.open_sdg_data import slug
from build_scripts.importers.open_sdg_figures import MeasureKey, unit_text, with_measure
from build_scripts.importers.open_sdg_lists import breakdown_types, characteristics, place_lists
from build_scripts.importers.open_sdg_measures import (
    measure_names,
    measure_records,
    sort_key,
    unit_record,
)
from build_scripts.importers.open_sdg_meta import Producer, Translations, descriptive
from build_scripts.importers.open_sdg_names import Names
from build_scripts.importers.open_sdg_places import Layer, Places
from build_scripts.importers.open_sdg_report import Summary
from build_scripts.importers.open_sdg_repository import Indicator

NOT_ASSESSED = {
    "method": "not-assessed",
    "reason": "Open SDG publishes no criteria for change; the figures are shown, not judged.",
}


def model(
    indicators: list[Indicator],
    translations: Translations,
    places: Places,
    layers: list[Layer],
    project: Project,
    summary: Summary,
) -> Imported:
    """The framework of ``indicators``, their figures read, as the importers' model."""
    names = Names(translations, summary)
    outcomes, targets = _levels(indicators, names)
    parts = _Parts()
    for ind in indicators:
        parts.add(ind, names.indicator(ind), project, summary)
    types = breakdown_types(
        indicators, places, {g.breakdown_type: g.one for g in project.geographies}
    )
    group_records, extra, files = place_lists(
        parts.groups_seen, types, places, layers, project, summary
    )
    return Imported(
        info=FrameworkInfo(
            "framework",
            project.framework,
            f"The goals, targets and indicators of {project.framework}, imported from its "
            "Open SDG data repository, with the measures, units and controlled lists the "
            "indicator packages use.",
        ),
        outcomes=outcomes,
        indicators=parts.records,
        placements=[(ind.id, ind.goal) for ind in indicators],
        measures=parts.measures,
        units=[unit_record(u, parts.unit_texts[u], parts.units[u]) for u in parts.units],
        characteristics=characteristics(types),
        breakdown_types=[BreakdownTypeRecord(HEADLINE_TYPE, "Total"), *types.values()],
        groups=group_records,
        sources=parts.data_sources + list(parts.producers),
        packages=parts.packages,
        targets=targets,
        indicator_targets=[(ind.id, ind.target) for ind in indicators],
        extra_tables=extra,
        files=files,
    )


def _levels(indicators: list[Indicator], names: Names) -> tuple[list[Outcome], list[Target]]:
    """The goals (as outcomes) and targets of the indicators, in the order first met."""
    outcomes: dict[str, Outcome] = {}
    targets: dict[str, Target] = {}
    for ind in indicators:
        if ind.goal not in outcomes:
            short, title = names.goal(ind.goal)
            outcomes[ind.goal] = Outcome(ind.goal, short, title, code=ind.goal)
        if ind.target not in targets:
            code = ".".join(ind.parts[:2])
            targets[ind.target] = Target(ind.target, ind.goal, code, names.target(ind))
    return list(outcomes.values()), list(targets.values())


@dataclass
class _Parts:
    """What the indicators add up to, in the order they are added: their records,
    measures and packages, the units and their figures, the sources and the groups."""

    units: dict[str, list[float]] = field(default_factory=dict)
    unit_texts: dict[str, str] = field(default_factory=dict)
    packages: list[IndicatorPackage] = field(default_factory=list)
    records: list[IndicatorRecord] = field(default_factory=list)
    measures: list[MeasureRecord] = field(default_factory=list)
    producers: dict[SourceEntry, None] = field(default_factory=dict)
    producer_ids: _ProducerIds = field(default_factory=lambda: _ProducerIds())
    data_sources: list[SourceEntry] = field(default_factory=list)
    groups_seen: dict[tuple[str, str], None] = field(default_factory=dict)

    def add(self, ind: Indicator, title: str, project: Project, summary: Summary) -> None:
        """One indicator: its figures named by measure and sorted, and what it adds."""
        names = measure_names(ind, ind.found.measures, title)
        figures = [with_measure(figure, names[key][0]) for key, figure in ind.found.figures]
        by_key = {f.full_key: f for f in figures}
        flag_repeated_periods(by_key)
        figures = sorted(by_key.values(), key=sort_key([name for name, _ in names.values()]))
        for f in figures:
            for pair in f.breakdowns:
                self.groups_seen.setdefault(pair, None)
        unit_of = self._units(ind, names, figures)
        producers = [self.producer_ids(_producer(p)) for p in ind.meta.producers()]
        self.producers.update(dict.fromkeys(producers))
        source = _data_source(ind, project)
        if ind.table is not None:
            self.data_sources.append(source)
        self.measures += measure_records(ind, names, unit_of, figures)
        available = bool(figures)
        self.records.append(_record(ind, title, available, producers))
        self.packages.append(
            IndicatorPackage(
                ind.id,
                _description(ind, available),
                {name: unit_of[key] for key, (name, _) in names.items()},
                figures,
                [source] if ind.table is not None else [],
                producers,
                properties={"metadata": descriptive(ind.meta)} if descriptive(ind.meta) else {},
            )
        )
        summary.indicators += 1
        summary.in_development += int(not available)
        summary.figures += len(figures)

    def _units(
        self, ind: Indicator, names: dict[MeasureKey, tuple[str, str]], figures: list[Figure]
    ) -> dict[MeasureKey, str]:
        """Each measure's unit (a slug of its text), the unit's figures gathered."""
        keys = ind.found.measures
        fallback = ind.meta.text("computation_units") if len(keys) == 1 else ""
        unit_of = {}
        for key in keys:
            text = unit_text(key, fallback)
            unit = slug(text) if text else "unspecified"
            self.unit_texts.setdefault(unit, text)
            unit_of[key] = unit
            self.units.setdefault(unit, []).extend(
                f.value for f in figures if f.measure == names[key][0]
            )
        return unit_of


def _record(
    ind: Indicator, title: str, available: bool, producers: list[SourceEntry]
) -> IndicatorRecord:
    return IndicatorRecord(
        ind.id,
        title,
        available=available,
        confirmed=True,
        source="; ".join(dict.fromkeys(p.publisher for p in producers if p.publisher)),
        criteria=NOT_ASSESSED if available else {},
        criteria_note=(
            "No criteria for change are published for this indicator: it is not assessed."
            if available
            else ""
        ),
        last_updated=max((p.published for p in producers), default=""),
        next_update=next((p.next_release for p in ind.meta.producers()), ""),
        code=ind.code,
    )


def _data_source(ind: Indicator, project: Project) -> SourceEntry:
    return SourceEntry(
        ind.source_id,
        f"{project.framework}: the figures of indicator {ind.code}",
        project.publishing.statistics_by,
        ind.table.shown if ind.table else "",
        project.licence.name,
    )


def _producer(p: Producer) -> SourceEntry:
    title = p.title or p.organisation
    ident = slug(f"{p.organisation} {title}" if p.organisation != title else title, 80)
    return SourceEntry(ident, title, p.organisation, "", "", p.published, p.url)


class _ProducerIds:
    """Each source once, its id unique: a second source with the id of another (the same
    organisation and title, another date or address) gets ``-2``, ``-3``, ..."""

    def __init__(self) -> None:
        self.seen: dict[SourceEntry, SourceEntry] = {}
        self.ids: set[str] = set()

    def __call__(self, entry: SourceEntry) -> SourceEntry:
        if entry in self.seen:
            return self.seen[entry]
        ident, n = entry.id, 2
        while ident in self.ids:
            ident, n = f"{entry.id[:76]}-{n}", n + 1
        self.ids.add(ident)
        self.seen[entry] = replace(entry, id=ident)
        return self.seen[entry]


def _description(ind: Indicator, available: bool) -> str:
    text = " ".join(ind.meta.text("national_indicator_description").split())
    if text:
        return text
    if not available:
        status = ind.meta.reporting_status or "not given"
        return f"No figures are published for this indicator yet (reporting status: {status})."
    return " ".join((ind.meta.text("graph_title") or "").split())
