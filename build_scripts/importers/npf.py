"""The ``npf-database`` importer: Scotland's National Performance Framework from its
published source files (``shared/source-data``: the framework of 2018, the NPF
indicator database of 12 October 2020, the Wellbeing Economy Monitor, the Equality
Evidence Finder and the council areas' boundaries) into the importers' model.

The decisions about the sources' quirks are in ``docs/importing.md``; ``writer.py``
writes what this reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.config import Project, default_project
from build_scripts.contract import HEADLINE_GROUP, HEADLINE_TYPE
from build_scripts.importers.boundaries import (
    SHAPEFILE,
    Boundaries,
    convert,
    note_text,
    read_areas,
    topology_text,
)
from build_scripts.importers.catalogue import COUNCIL_AREA, Catalogue, load_catalogue
from build_scripts.importers.checks import flag_repeated_periods
from build_scripts.importers.councils import Councils, council_tables, read_councils
from build_scripts.importers.cube_mapping import load_mapping
from build_scripts.importers.equality_evidence import EvidenceSummary, read_equality_evidence
from build_scripts.importers.framework import (
    OUTCOME_DESCRIPTIONS,
    PUBLISHER,
    Placement,
    read_outcome_statements,
    read_placements,
)
from build_scripts.importers.indicators import (
    display_decimals,
    producer_id,
    sort_figures,
    typical_size,
)
from build_scripts.importers.model import (
    BreakdownTypeRecord,
    ExtraFile,
    FrameworkInfo,
    GroupRecord,
    Imported,
    IndicatorPackage,
    IndicatorRecord,
    MeasureRecord,
    Outcome,
    SourceEntry,
    TableRows,
    UnitRecord,
)
from build_scripts.importers.npf_database import (
    DATABASE_FILE,
    SOURCE_ID,
    DatabaseResult,
    read_database,
)
from build_scripts.importers.report import ImportReport
from build_scripts.importers.statistics_gov_scot import CubeSummary, apply_cubes
from build_scripts.importers.wellbeing_monitor import (
    WemResult,
    add_wem_figures,
    source_id,
    source_path,
)
from build_scripts.importers.wem_regional import add_wem_council_figures

OGL = "OGL-UK-3.0"
NPF_CUBES = Path(__file__).with_name("npf-cubes.toml")
"""The statistics.gov.scot cubes added to the database's figures (``statistics_gov_scot``)."""
BOUNDARIES = Path("boundaries") / "council-areas.topojson"
"""Where the council areas' boundaries are written (``npf.toml`` names the file)."""
DATABASE_PUBLISHED = "2020-10-12"  # the database's LastUpdated
WEM_PUBLISHED = "2022-03"  # the repository version read (README of source-data)
NPF_URL = "https://nationalperformance.gov.scot/"
EEF_REPOSITORY = "https://github.com/ScotGovAnalysis/sg-equality-evidence-finder"
WEM_URL = (
    "https://github.com/ScotGovAnalysis/sg-wellbeing-economy-monitor/tree/"
    "c3e382a9dd9c55df6a80573ddc3b86c8df48128d"
)
IN_DEVELOPMENT = (
    "In development: the National Performance Framework has no published figures "
    "for this indicator yet."
)


@dataclass
class ImportSummary:
    """What one ``npf import`` of the NPF's sources did, printed by the command line."""

    indicators: int = 0
    in_development: int = 0
    rows_read: int = 0
    rows_written: int = 0
    empty_figures: int = 0
    repeats: int = 0
    unnamed: int = 0
    wem_added: int = 0
    wem_replaced: int = 0
    notes: list[str] = field(default_factory=list)
    cubes: CubeSummary | None = None
    evidence: EvidenceSummary | None = None
    boundaries: Boundaries | None = None
    report: ImportReport = field(default_factory=ImportReport)

    def __str__(self) -> str:
        text = (
            f"framework: {self.indicators} indicators ({self.in_development} in development); "
            f"indicators: {self.rows_written} rows written from {self.rows_read} database rows "
            f"({self.empty_figures} without a figure dropped, {self.repeats} repeated figures "
            f"kept once, {self.unnamed} rows without an indicator name left out), "
            f"{self.wem_added} rows from the Wellbeing Economy Monitor and "
            f"{self.wem_replaced} database figures replaced by its newer release"
        )
        for note in self.notes:
            text += f"\n  note: {note}"
        if self.cubes is not None:
            text += "".join(f"\n{line}" for line in self.cubes.lines())
        if self.evidence is not None:
            text += f"\n{self.evidence}"
        if self.boundaries is not None:
            text += f"\n{self.boundaries}"
        return text + f"\n{self.report.summary()}"


def file_sources(catalogue: Catalogue) -> list[SourceEntry]:
    """Every source file the import reads, as rows of the framework's ``sources``."""
    sg = PUBLISHER
    sources = [
        SourceEntry(
            "npf-framework-2018",
            "National Performance Framework (2018): outcomes and indicators",
            sg,
            "npf-framework-2018/indicators.csv",
            OGL,
            "",
            NPF_URL,
        ),
        SourceEntry(
            SOURCE_ID,
            "National Performance Framework indicator database, 12 October 2020",
            sg,
            DATABASE_FILE.as_posix(),
            OGL,
            DATABASE_PUBLISHED,
            EEF_REPOSITORY,
        ),
        SourceEntry(
            "wem-lacodes",
            "Wellbeing Economy Monitor: council area codes",
            f"{sg} (Office of the Chief Economic Adviser)",
            "wellbeing-economy-monitor/LAcodes.csv",
            OGL,
            WEM_PUBLISHED,
            WEM_URL,
        ),
    ]
    for mapping in catalogue.wem:
        sources.append(
            SourceEntry(
                source_id(mapping),
                "Wellbeing Economy Monitor: "
                + mapping.title.replace(" (Wellbeing Economy Monitor)", ""),
                f"{sg} (Office of the Chief Economic Adviser); {mapping.producer}",
                source_path(mapping),
                OGL,
                WEM_PUBLISHED,
                WEM_URL,
            )
        )
    for c in catalogue.criteria_sources:
        sources.append(SourceEntry(c.id, c.title, c.publisher, "", "", c.published, c.url))
    return sources


def _groups(
    catalogue: Catalogue, db: DatabaseResult, councils: Councils, used: set[tuple[str, str]]
) -> list[GroupRecord]:
    """Every group the packages use, in display order."""
    names = {a.code: a.name for a in councils.areas}
    out = [GroupRecord(HEADLINE_TYPE, HEADLINE_GROUP, "Scotland")]
    for btype in catalogue.breakdown_types:
        groups = [g for t, g in used if t == btype.slug and g != HEADLINE_GROUP]
        if btype.slug == COUNCIL_AREA:
            groups.sort(key=lambda g: names[g])
        else:
            groups.sort(key=lambda g: db.groups.get((btype.slug, g), 0))
        out += [
            GroupRecord(btype.slug, g, names.get(g, g) if btype.slug == COUNCIL_AREA else g)
            for g in groups
        ]
    return out


def read_npf(source: Path, project: Project | None = None) -> tuple[Imported, ImportSummary]:
    """Everything the NPF's source files hold, as the importers' model, and what the
    import did (its report included). ``project``: whose geographies the cubes'
    places are read with (the generator's own by default)."""
    catalogue = load_catalogue()
    councils = read_councils(source)
    statements = read_outcome_statements(source, catalogue)
    placements = read_placements(source, catalogue)
    db = read_database(source, catalogue, councils)
    wem: WemResult = add_wem_figures(source, catalogue.wem_of(HEADLINE_TYPE), db.indicators)
    wem_councils = add_wem_council_figures(
        source, catalogue.wem_of(COUNCIL_AREA), db.indicators, councils
    )
    summary = ImportSummary(
        rows_read=db.rows_read,
        empty_figures=db.empty_figures,
        repeats=db.repeats,
        unnamed=db.unnamed,
        wem_added=wem.added + wem_councils.added,
        wem_replaced=wem.replaced + wem_councils.replaced,
        notes=db.resolved + wem.disagreements + wem_councils.disagreements,
    )
    summary.report.extend(db.skips + wem.skips + wem_councils.skips)
    for entry in catalogue.indicators:
        for note in flag_repeated_periods(db.indicators[entry.slug].figures):
            summary.notes.append(f"{entry.slug}: {note}")
    used = {
        (f.breakdown_type, f.breakdown_group)
        for data in db.indicators.values()
        for f in data.figures.values()
    }
    groups = _groups(catalogue, db, councils, used)
    imported = _model(catalogue, db, councils, statements, placements, groups, summary)
    summary.cubes = CubeSummary(source.as_posix())
    project = project or default_project()
    apply_cubes(imported, load_mapping(NPF_CUBES), source, project, summary.cubes)
    summary.report.extend(summary.cubes.report.skips)
    evidence, summary.evidence, skips = read_equality_evidence(source)
    imported.evidence = evidence
    summary.report.extend(skips)
    summary.boundaries = convert(read_areas(source / SHAPEFILE, councils.code_of))
    imported.files = [
        ExtraFile(BOUNDARIES.as_posix(), topology_text(summary.boundaries)),
        ExtraFile(BOUNDARIES.with_suffix(".md").as_posix(), note_text(SHAPEFILE, WEM_URL)),
    ]
    return imported, summary


def _model(
    catalogue: Catalogue,
    db: DatabaseResult,
    councils: Councils,
    statements: dict[str, str],
    placements: list[Placement],
    groups: list[GroupRecord],
    summary: ImportSummary,
) -> Imported:
    """The packages, the catalogue's records and the controlled lists."""
    sources = file_sources(catalogue)
    by_id = {s.id: s for s in sources}
    group_order = {(g.breakdown_type, g.group): i for i, g in enumerate(groups)}
    confirmed: dict[str, bool] = {}
    for p in placements:
        confirmed[p.indicator] = confirmed.get(p.indicator, True) and p.confirmed
    producer_sources: dict[str, SourceEntry] = {}
    packages: list[IndicatorPackage] = []
    records: list[IndicatorRecord] = []
    measures: list[MeasureRecord] = []
    for entry in catalogue.indicators:
        data = db.indicators[entry.slug]
        figures = sort_figures(list(data.figures.values()), entry, catalogue, group_order)
        used_sources = [by_id[i] for i in dict.fromkeys(f.source for f in figures)]
        used_sources.sort(key=sources.index)
        # "Last updated": the newest release any of the figures comes from.
        last_updated = max((s.published for s in used_sources), default="")
        headline = entry.headline
        typical = typical_size(figures, headline.name) if headline else None
        descriptions = {m: titles[0] for m, titles in data.titles.items() if titles}
        producers = [SourceEntry(producer_id(p), p, p, "", "") for p in data.producers]
        for producer in producers:
            producer_sources[producer.id] = producer
        if headline is not None:
            description = f"{headline.title}. " + (descriptions.get(headline.name, "") or "")
        else:
            description = IN_DEVELOPMENT
        packages.append(
            IndicatorPackage(
                entry.slug,
                description.strip(),
                {m.name: m.unit for m in entry.measures},
                figures,
                used_sources,
                producers,
            )
        )
        summary.rows_written += len(figures)
        origin: dict[str, Any] = catalogue.criteria_origin(entry)
        records.append(
            IndicatorRecord(
                entry.slug,
                entry.framework,
                available=bool(figures),
                confirmed=confirmed[entry.slug],
                source="; ".join(data.producers),
                criteria=catalogue.criteria_of(entry, typical),
                criteria_origin=origin["criteria_origin"],
                criteria_source=origin["criteria_source"],
                criteria_note=origin["criteria_note"],
                last_updated=last_updated,
            )
        )
        measures += [
            MeasureRecord(
                entry.slug,
                m.name,
                m.title,
                descriptions.get(m.name, ""),
                m.unit,
                m.direction,
                m.headline,
                display_decimals([f.value for f in figures if f.measure == m.name], m.decimals),
            )
            for m in entry.measures
        ]
        summary.indicators += 1
        summary.in_development += int(not figures)
    all_sources = sources + [producer_sources[k] for k in sorted(producer_sources)]
    areas, names = council_tables()
    return Imported(
        info=FrameworkInfo(
            "npf-framework",
            "National Performance Framework: outcomes, indicators and classifications",
            "The 11 National Outcomes and 81 National Indicators of Scotland's National "
            "Performance Framework (2018), the measures, units and criteria for change of "
            "each indicator, and the controlled lists the indicator packages use.",
            purpose=catalogue.purpose,
            sources=[
                s
                for s in all_sources
                if s.path.startswith(("npf-framework-2018", "wellbeing-economy-monitor/LAcodes"))
            ],
        ),
        outcomes=[
            Outcome(o.slug, o.name, statements[o.slug], o.description) for o in catalogue.outcomes
        ],
        indicators=records,
        placements=[(p.indicator, p.outcome) for p in placements],
        measures=measures,
        units=[
            UnitRecord(u.unit, u.label, u.change_label, u.is_percentage) for u in catalogue.units
        ],
        characteristics=list(catalogue.characteristics),
        breakdown_types=[
            BreakdownTypeRecord(t.slug, t.name, t.characteristic) for t in catalogue.breakdown_types
        ],
        groups=groups,
        sources=all_sources,
        packages=packages,
        requires=[OUTCOME_DESCRIPTIONS],
        extra_tables=[
            TableRows(
                areas, [{"code": a.code, "name": a.name, "slug": a.slug} for a in councils.areas]
            ),
            TableRows(
                names,
                [{"name": n, "code": c} for n, c in sorted(councils.spellings.items())],
            ),
        ],
    )
