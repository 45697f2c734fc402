"""``npf import``: turn the published source files into ``datapackages/``.

One call writes everything: the framework package, one package per indicator and the
equality evidence packages. It writes into a fresh folder and swaps it in only when all
of it succeeded (``replace_dir``), so a failed import leaves the old output untouched.
The decisions about the sources' quirks are in ``docs/importing.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_scripts.contract import HEADLINE_GROUP, HEADLINE_TYPE
from build_scripts.errors import NpfError
from build_scripts.importers.boundaries import (
    SHAPEFILE,
    Boundaries,
    convert,
    read_areas,
    write_note,
    write_topology,
)
from build_scripts.importers.catalogue import COUNCIL_AREA, Catalogue, load_catalogue
from build_scripts.importers.checks import flag_repeated_periods
from build_scripts.importers.councils import Councils, read_councils
from build_scripts.importers.equality_evidence import EvidenceSummary, import_equality_evidence
from build_scripts.importers.framework import (
    PUBLISHER,
    IndicatorSummary,
    SourceEntry,
    read_outcome_statements,
    read_placements,
    write_framework,
)
from build_scripts.importers.indicators import (
    display_decimals,
    producer_id,
    sort_figures,
    typical_size,
    write_indicator,
)
from build_scripts.importers.npf_database import (
    DATABASE_FILE,
    SOURCE_ID,
    DatabaseResult,
    read_database,
)
from build_scripts.importers.revision import REVISION_KEPT, carry_revision
from build_scripts.importers.wellbeing_monitor import (
    WemResult,
    add_wem_figures,
    source_id,
    source_path,
)
from build_scripts.importers.wem_regional import add_wem_council_figures
from build_scripts.output import check_output, clean_stale, is_data_tree, locked, replace_dir

OGL = "OGL-UK-3.0"
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


@dataclass
class ImportSummary:
    """What one ``npf import`` did, printed by the command line."""

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
    evidence: EvidenceSummary | None = None
    boundaries: Boundaries | None = None

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
        if self.evidence is not None:
            text += f"\n{self.evidence}"
        if self.boundaries is not None:
            text += f"\n{self.boundaries}"
        return text


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
) -> list[tuple[str, str, str]]:
    """(type, group, label) of every group the packages use, in display order."""
    names = {a.code: a.name for a in councils.areas}
    out = [(HEADLINE_TYPE, HEADLINE_GROUP, "Scotland")]
    for btype in catalogue.breakdown_types:
        groups = [g for t, g in used if t == btype.slug and g != HEADLINE_GROUP]
        if btype.slug == "council-area":
            groups.sort(key=lambda g: names[g])
        else:
            groups.sort(key=lambda g: db.groups.get((btype.slug, g), 0))
        out += [
            (btype.slug, g, names.get(g, g) if btype.slug == "council-area" else g) for g in groups
        ]
    return out


def run_import(source: Path, out: Path) -> ImportSummary:
    """Import every source into ``out`` (``datapackages/``), all or nothing: an output
    that is not safe to replace is refused before anything is read (see ``output``)."""
    source = Path(source)
    if not source.is_dir():
        raise NpfError(f"the source folder {source} does not exist: pass --source")
    target = check_output(
        Path(out),
        inputs={"source folder": source},
        made_here=is_data_tree,
        what="data packages",
        project_output="datapackages",
    )
    with locked(target):
        clean_stale(target)
        return _import(source, target)


def _import(source: Path, out: Path) -> ImportSummary:
    catalogue = load_catalogue()
    councils = read_councils(source)
    statements = read_outcome_statements(source, catalogue)
    placements = read_placements(source, catalogue)
    db = read_database(source, catalogue, councils)
    wem: WemResult = add_wem_figures(source, catalogue.wem_of(HEADLINE_TYPE), db.indicators)
    wem_councils = add_wem_council_figures(
        source, catalogue.wem_of(COUNCIL_AREA), db.indicators, councils
    )
    sources = file_sources(catalogue)
    by_id = {s.id: s for s in sources}

    summary = ImportSummary(
        rows_read=db.rows_read,
        empty_figures=db.empty_figures,
        repeats=db.repeats,
        unnamed=db.unnamed,
        wem_added=wem.added + wem_councils.added,
        wem_replaced=wem.replaced + wem_councils.replaced,
        notes=db.resolved + wem.disagreements + wem_councils.disagreements,
    )
    for entry in catalogue.indicators:
        for note in flag_repeated_periods(db.indicators[entry.slug].figures):
            summary.notes.append(f"{entry.slug}: {note}")
    used = {
        (f.breakdown_type, f.breakdown_group)
        for data in db.indicators.values()
        for f in data.figures.values()
    }
    groups = _groups(catalogue, db, councils, used)
    group_order = {(t, g): i for i, (t, g, _) in enumerate(groups)}
    producer_sources: dict[str, SourceEntry] = {}
    with replace_dir(out) as work:
        summaries = []
        for entry in catalogue.indicators:
            data = db.indicators[entry.slug]
            figures = sort_figures(list(data.figures.values()), entry, catalogue, group_order)
            used_sources = [by_id[i] for i in dict.fromkeys(f.source for f in figures)]
            used_sources.sort(key=sources.index)
            # "Last updated": the newest release any of the figures comes from.
            last_updated = max((s.published for s in used_sources), default="")
            decimals = {
                m.name: display_decimals(
                    [f.value for f in figures if f.measure == m.name], m.decimals
                )
                for m in entry.measures
            }
            headline = entry.headline
            typical = typical_size(figures, headline.name) if headline else None
            criteria = catalogue.criteria_of(entry, typical)
            descriptions = {m: titles[0] for m, titles in data.titles.items() if titles}
            summary.rows_written += write_indicator(
                work / "indicators" / entry.slug,
                entry,
                figures,
                used_sources,
                data.producers,
                descriptions,
                catalogue,
            )
            for name in data.producers:
                producer_sources[producer_id(name)] = SourceEntry(
                    producer_id(name), name, name, "", ""
                )
            summaries.append(
                IndicatorSummary(
                    entry,
                    entry.framework,
                    data.producers,
                    last_updated,
                    descriptions,
                    bool(figures),
                    decimals,
                    criteria,
                )
            )
            summary.indicators += 1
            summary.in_development += int(not figures)
        all_sources = sources + [producer_sources[k] for k in sorted(producer_sources)]
        write_framework(
            work, catalogue, statements, placements, summaries, councils, groups, all_sources
        )
        summary.evidence = import_equality_evidence(source, work / "equality-evidence")
        summary.boundaries = convert(read_areas(source / SHAPEFILE, councils.code_of))
        write_topology(summary.boundaries, work / BOUNDARIES)
        write_note(work / BOUNDARIES.with_suffix(".md"), SHAPEFILE, WEM_URL)
        if carry_revision(out, work):  # a revision recorded in the data replaced
            summary.notes.append(REVISION_KEPT)
    return summary
