"""The ``open-sdg`` importer: an Open SDG data repository into the importers' model.

An Open SDG repository (``ONSdigital/sdg-data`` is the UK's) holds, per indicator,
``data/indicator_<id>.csv`` and ``meta/<id>.md`` (or ``.yml``); its goals and targets
are named in Open SDG's translation files. Goals become the framework's outcomes,
targets the level between them and the indicators, series and units its measures,
breakdown columns its breakdown types and groups, ``GeoCode`` its places, with the
boundaries of ``geojsons/``. Everything decided here, and why, is in
``docs/open-sdg.md``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import shapely

from build_scripts.config import Project
from build_scripts.contract import HEADLINE_GROUP, HEADLINE_TYPE, places_table
from build_scripts.errors import NpfError, located
from build_scripts.formatting import usual_places
from build_scripts.importers.boundaries import Boundaries, convert, topology_text
from build_scripts.importers.checks import flag_repeated_periods
from build_scripts.importers.model import (
    BreakdownTypeRecord,
    ExtraFile,
    Figure,
    FrameworkInfo,
    GroupRecord,
    Imported,
    IndicatorPackage,
    IndicatorRecord,
    MeasureRecord,
    Outcome,
    SourceEntry,
    TableRows,
    Target,
    UnitRecord,
)
from build_scripts.importers.open_sdg_data import (
    Table,
    read_table,
    record_lines,
    slug,
    unread_files,
)
from build_scripts.importers.open_sdg_figures import (
    FileFigures,
    MeasureKey,
    read_figures,
    unit_text,
    with_measure,
)
from build_scripts.importers.open_sdg_meta import (
    KEY,
    Meta,
    Producer,
    Translations,
    descriptive,
    read_meta,
)
from build_scripts.importers.open_sdg_places import (
    Geography,
    Layer,
    Places,
    geography_of,
    read_layers,
)
from build_scripts.importers.registry import ImportOptions, ImportResult
from build_scripts.importers.report import ImportReport, Skip
from build_scripts.periods import PeriodError, parse_period
from build_scripts.problems import Problem

_T = TypeVar("_T")

ID = re.compile(r"[0-9]+-([0-9]+|[a-z])-[0-9]+(-[0-9a-z]{1,2})*")
"""An indicator's id: its number with ``-`` for ``.`` (``1-2-2``, ``1-a-2``, ``16-10-1``).
Other names (``1-a-1-archived``, ``#metadata_template``) are not indicators: a data file
so named has its rows reported (``not-an-indicator``), a metadata file is listed."""
NOT_ASSESSED = {
    "method": "not-assessed",
    "reason": "Open SDG publishes no criteria for change; the figures are shown, not judged.",
}
NO_DIRECTION = "no preferred direction"
DEVELOPMENT = ("notstarted", "inprogress")
PERCENT = re.compile(r"%|\bper ?cent|\bpercentage\b", re.IGNORECASE)


@dataclass
class Summary:
    """What one import of an Open SDG repository did, printed by ``npf import``."""

    indicators: int = 0
    in_development: int = 0
    files: int = 0
    rows_read: int = 0
    figures: int = 0
    places: int = 0
    mapped: int = 0
    fallbacks: list[str] = field(default_factory=list)
    not_indicators: list[str] = field(default_factory=list)
    not_read: list[str] = field(default_factory=list)
    boundaries: list[Boundaries] = field(default_factory=list)
    report: ImportReport = field(default_factory=ImportReport)

    def __str__(self) -> str:
        lines = [
            f"open-sdg: {self.indicators} indicators ({self.in_development} in development), "
            f"{self.figures} figures written from {self.rows_read} rows of {self.files} "
            f"data files; {self.places} places, {self.mapped} of them on a map"
        ]
        lines += [f"  name not found, marked: {f}" for f in self.fallbacks]
        lines += [
            f"  not an indicator (its name is no id), left out: {f}" for f in self.not_indicators
        ]
        lines += [f"  not read (its rows reported): {f}" for f in self.not_read]
        lines += [str(b) for b in self.boundaries]
        lines.append(self.report.summary())
        return "\n".join(lines)


@dataclass
class _Indicator:
    id: str
    meta: Meta
    table: Table | None
    found: FileFigures = field(default_factory=FileFigures)

    @property
    def parts(self) -> list[str]:
        return self.id.split("-")

    @property
    def code(self) -> str:
        return ".".join(self.parts)

    @property
    def goal(self) -> str:
        return self.parts[0]

    @property
    def target(self) -> str:
        return "-".join(self.parts[:2])


def default_translations(source: Path, project: Project) -> Path | None:
    """The translations: the source's ``translations/en``, else the project's."""
    for folder in (source / "translations", project.paths.root / "translations"):
        if (folder / project.language).is_dir():
            return folder / project.language
        if folder.is_dir() and any(folder.glob("*.yml")):
            return folder
    return None


def read(source: Path, project: Project, options: ImportOptions) -> ImportResult:
    """Read the Open SDG repository ``source`` (see the module's docstring)."""
    if not (source / "data").is_dir() and not (source / "meta").is_dir():
        raise NpfError(f"{source}: no data/ or meta/ folder; is it an Open SDG data repository?")
    folder = options.translations or default_translations(source, project)
    if options.translations is not None and not folder.is_dir():  # type: ignore[union-attr]
        raise NpfError(f"--translations {folder}: no such folder")
    translations = Translations(folder)
    readings = read_settings(project.paths.root / SETTINGS)
    summary = Summary()
    indicators = _indicators(source, summary)
    _not_read(source, summary)
    layers = read_layers(source)
    places = Places()
    geographies = {i.id: geography_of(i.table) for i in indicators if i.table is not None}
    known: dict[tuple[str, str], str] = {}
    for ind in indicators:
        for (column, name), code in geographies.get(ind.id, Geography(None)).codes.items():
            assert ind.table is not None
            known.setdefault((breakdown_type(ind.table.header[column]), name), code)
    for ind in indicators:
        if ind.table is None:
            continue
        ind.found = read_figures(
            ind.table,
            geographies[ind.id],
            places,
            breakdown_type,
            _source_id(ind),
            (project.place, ind.meta.text("national_geographical_coverage")),
            readings,
            layers,
            known,
        )
        summary.rows_read += len(ind.table.records)
        if ind.meta.non_statistical:
            # A non-statistical indicator's file holds a sentence, not figures.
            ind.found.skips = [
                Skip("non-statistical", s.path, s.row, s.detail) if s.reason == "no-figure" else s
                for s in ind.found.skips
            ]
        summary.report.extend(ind.found.skips)
        summary.files += 1
    imported = _model(indicators, translations, places, layers, project, summary)
    # The framework package (goals, targets, codes, places) validates before it is
    # swapped in: its levels' rules (docs/data-format.md, "Levels") included.
    return ImportResult(imported, summary.report, summary, validate=("framework",))


SETTINGS = "open-sdg.toml"
"""The importer's settings in the project folder (optional): ``[periods]``, how to read
a period label that ``build_scripts/periods.py`` cannot, with the reason cited."""


def read_settings(path: Path) -> dict[str, str]:
    """The period readings of the project's ``open-sdg.toml`` (label -> a period
    ``parse_period`` reads); none without the file. Each is checked."""
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise located(path, None, None, f"not valid TOML: {error}") from error
    unknown = sorted(set(data) - {"periods"})
    if unknown:
        raise located(path, None, unknown[0], "unknown section; the one known is [periods]")
    readings = {}
    for label, reading in (data.get("periods") or {}).items():
        try:
            parse_period(str(reading))
        except PeriodError as error:
            raise located(path, None, f"[periods] {label!r}", str(error)) from error
        readings[str(label)] = str(reading)
    return readings


def _indicators(source: Path, summary: Summary) -> list[_Indicator]:
    """Every indicator with a data file or a metadata file, in numeric order."""
    data = {
        p.name.removeprefix("indicator_").removesuffix(".csv"): p
        for p in sorted((source / "data").glob("indicator_*.csv"))
    }
    metas: dict[str, Path] = {}
    for path in sorted((source / "meta").glob("*")):
        if path.suffix in (".md", ".yml", ".yaml"):
            metas.setdefault(path.stem, path)
    out = []
    problems: list[Problem] = []  # every broken file of the repository, reported together

    def read(reader: Callable[..., _T], *args: Any) -> _T | None:
        try:
            return reader(*args)
        except NpfError as error:
            if not error.problems:
                raise
            problems.extend(error.problems)
            return None

    for ident in sorted(set(data) | set(metas), key=_order):
        meta_path, data_path = metas.get(ident), data.get(ident)
        if not ID.fullmatch(ident):
            read(_not_an_indicator, source, data_path, meta_path, summary)
            continue
        meta = read(_meta, source, meta_path) if meta_path else Meta()
        table = read(read_table, data_path, _shown(source, data_path)) if data_path else None
        if meta is not None and (table is not None or data_path is None):
            out.append(_Indicator(ident, meta, table))
    if problems:
        raise NpfError(problems[0].format(), problems)
    return out


def _meta(source: Path, path: Path) -> Meta:
    return Meta(read_meta(path), _shown(source, path))


def _not_an_indicator(source: Path, data: Path | None, meta: Path | None, summary: Summary) -> None:
    """A file whose name is no indicator id: its rows reported, its metadata listed."""
    if meta is not None:
        summary.not_indicators.append(_shown(source, meta))
    if data is None:
        return
    table = read_table(data, _shown(source, data))
    summary.rows_read += len(table.records)
    summary.not_indicators.append(table.shown)
    for line, _ in table.records:
        summary.report.add("not-an-indicator", table.shown, line, "its name is no indicator id")


def _not_read(source: Path, summary: Summary) -> None:
    """Every record of a data file in a form the importer does not read (``data-wide/``,
    ``data/<language>/``), reported: none of its figures is imported, none silently."""
    for path, why in unread_files(source):
        shown = _shown(source, path)
        summary.not_read.append(shown)
        for line in record_lines(path):
            summary.rows_read += 1
            summary.report.add("not-read", shown, line, why)


def _shown(source: Path, path: Path) -> str:
    return path.relative_to(source).as_posix()


def _order(ident: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in re.split(r"[-_]", ident))


def breakdown_type(column: str) -> str:
    """A breakdown column's type slug, the same for every spelling of one name (case,
    spaces and punctuation aside: ``Local Authority``, ``Local authority``); never
    ``total``, the headline's."""
    found = slug(column)
    return f"{found}-breakdown" if found == HEADLINE_TYPE else found


def _source_id(ind: _Indicator) -> str:
    return f"indicator-{ind.id}-data"


CHARACTERISTICS = {
    "age": ("age", "Age"),
    "sex": ("sex", "Sex"),
    "disability-status": ("disability", "Disability"),
    "disability": ("disability", "Disability"),
    "ethnicity": ("ethnicity", "Ethnicity"),
    "ethnic-group": ("ethnicity", "Ethnicity"),
    "religion": ("religion", "Religion"),
    "sexual-orientation": ("sexual-orientation", "Sexual orientation"),
    "urban-or-rural": ("urban-rural", "Urban or rural"),
    "urban-rural": ("urban-rural", "Urban or rural"),
}
"""Open SDG's usual breakdown columns that are equality characteristics; every
geographic type is the characteristic ``place``."""
PLACE = ("place", "Place")


@dataclass
class _Names:
    """The names of the framework's levels, each from the translations or a marked
    fallback (reported)."""

    translations: Translations
    summary: Summary

    def goal(self, n: str) -> tuple[str, str]:
        short, title = self.translations.goal(n)
        if not (short and title):
            self.summary.fallbacks.append(f"goal {n}: global_goals.{n} has no short or title")
        return short or f"Goal {n}", title or short or f"Goal {n}"

    def target(self, ind: _Indicator) -> str:
        """``target_name`` (a key or text), else the older metadata's ``target`` (text
        after the target's number: ``12.2 By 2030, achieve ...``)."""
        code = ".".join(ind.parts[:2])
        given = ind.meta.text("target_name")
        text = self.translations.text(given) if KEY.fullmatch(given) else given
        text = text or _numbered(ind.meta.text("target"), code)
        if text:
            return text
        self.summary.fallbacks.append(f"{ind.meta.path or ind.id}: target_name {given!r}")
        return f"Target {code}"

    def indicator(self, ind: _Indicator) -> str:
        """``indicator_name`` as text (the older metadata's starts with the indicator's
        number, left out: ``12.2.1 Material footprint ...``), else the country's own
        wording (``indicator_available``; not ``national_indicator_available``, which
        names a series as often as not: ``APS - Unpaid family workers by sector and sex``
        for 8-3-1), else the text of the key ``indicator_name`` gives."""
        given = ind.meta.text("indicator_name")
        if given and not KEY.fullmatch(given):
            return _numbered(given, ind.code) or given
        own = ind.meta.text("indicator_available")
        text = own or (self.translations.text(given) if given else None)
        if text:
            return text
        self.summary.fallbacks.append(f"{ind.meta.path or ind.id}: indicator_name {given!r}")
        return f"Indicator {ind.code}"


def _numbered(text: str, code: str) -> str:
    """``text`` less the ``code`` it starts with (``12.2 By 2030`` -> ``By 2030``); a text
    that does not start with the code as it is."""
    head, _, rest = text.partition(" ")
    return rest.strip() if head.rstrip(":.") == code and rest.strip() else text


def _model(
    indicators: list[_Indicator],
    translations: Translations,
    places: Places,
    layers: list[Layer],
    project: Project,
    summary: Summary,
) -> Imported:
    names = _Names(translations, summary)
    outcomes: dict[str, Outcome] = {}
    targets: dict[str, Target] = {}
    for ind in indicators:
        if ind.goal not in outcomes:
            short, title = names.goal(ind.goal)
            outcomes[ind.goal] = Outcome(ind.goal, short, title, code=ind.goal)
        if ind.target not in targets:
            code = ".".join(ind.parts[:2])
            targets[ind.target] = Target(ind.target, ind.goal, code, names.target(ind))
    units: dict[str, list[float]] = {}
    unit_texts: dict[str, str] = {}
    packages, records, measures = [], [], []
    producers: dict[SourceEntry, None] = {}
    producer_ids = _ProducerIds()
    data_sources = []
    groups_seen: dict[tuple[str, str], None] = {}
    for ind in indicators:
        title = names.indicator(ind)
        keys = ind.found.measures
        measure_names = _measure_names(ind, keys, title)
        figures: list[Figure] = []
        for key, figure in ind.found.figures:
            figures.append(with_measure(figure, measure_names[key][0]))
        by_key = {f.full_key: f for f in figures}
        flag_repeated_periods(by_key)
        figures = sorted(
            by_key.values(), key=_sort_key([name for name, _ in measure_names.values()])
        )
        for f in figures:
            for pair in f.breakdowns:
                groups_seen.setdefault(pair, None)
        fallback = ind.meta.text("computation_units") if len(keys) == 1 else ""
        unit_of = {}
        for key in keys:
            text = unit_text(key, fallback)
            unit = slug(text) if text else "unspecified"
            unit_texts.setdefault(unit, text)
            unit_of[key] = unit
            units.setdefault(unit, []).extend(
                f.value for f in figures if f.measure == measure_names[key][0]
            )
        headline = _headline(keys, measure_names, figures)
        ind_producers = [producer_ids(_producer(p)) for p in ind.meta.producers()]
        producers.update(dict.fromkeys(ind_producers))
        source = SourceEntry(
            _source_id(ind),
            f"{project.framework}: the figures of indicator {ind.code}",
            project.publishing.statistics_by,
            ind.table.shown if ind.table else "",
            project.licence.name,
        )
        if ind.table is not None:
            data_sources.append(source)
        measures += [
            MeasureRecord(
                ind.id,
                name,
                mtitle,
                ind.meta.text("graph_title") if len(keys) == 1 else "",
                unit_of[key],
                NO_DIRECTION,
                name == headline,
                usual_places([f.value for f in figures if f.measure == name], 3),
            )
            for key, (name, mtitle) in measure_names.items()
        ]
        available = bool(figures)
        records.append(
            IndicatorRecord(
                ind.id,
                title,
                available=available,
                confirmed=True,
                source="; ".join(dict.fromkeys(p.publisher for p in ind_producers if p.publisher)),
                criteria=NOT_ASSESSED if available else {},
                criteria_note=(
                    "No criteria for change are published for this indicator: it is not assessed."
                    if available
                    else ""
                ),
                last_updated=max((p.published for p in ind_producers), default=""),
                next_update=next((p.next_release for p in ind.meta.producers()), ""),
                code=ind.code,
            )
        )
        packages.append(
            IndicatorPackage(
                ind.id,
                _description(ind, available),
                {name: unit_of[key] for key, (name, _) in measure_names.items()},
                figures,
                [source] if ind.table is not None else [],
                ind_producers,
                properties={"metadata": descriptive(ind.meta)} if descriptive(ind.meta) else {},
            )
        )
        summary.indicators += 1
        summary.in_development += int(not available)
        summary.figures += len(figures)
    types = _types(indicators, places, {g.breakdown_type: g.one for g in project.geographies})
    group_records, extra, files = _places(groups_seen, types, places, layers, project, summary)
    return Imported(
        info=FrameworkInfo(
            "framework",
            project.framework,
            f"The goals, targets and indicators of {project.framework}, imported from its "
            "Open SDG data repository, with the measures, units and controlled lists the "
            "indicator packages use.",
        ),
        outcomes=list(outcomes.values()),
        indicators=records,
        placements=[(ind.id, ind.goal) for ind in indicators],
        measures=measures,
        units=[_unit(u, unit_texts[u], units[u]) for u in units],
        characteristics=_characteristics(types),
        breakdown_types=[BreakdownTypeRecord(HEADLINE_TYPE, "Total"), *types.values()],
        groups=group_records,
        sources=data_sources + list(producers),
        packages=packages,
        targets=list(targets.values()),
        indicator_targets=[(ind.id, ind.target) for ind in indicators],
        extra_tables=extra,
        files=files,
    )


def _measure_names(
    ind: _Indicator, keys: list[MeasureKey], title: str
) -> dict[MeasureKey, tuple[str, str]]:
    """Each measure's slug and title: its series (or, with none, the graph's title or the
    indicator's), with the length of its periods where the file's periods of different
    lengths overlap (``by_span``), and its unit where two measures would otherwise share
    a title."""
    spans = ind.found.spans
    base = {}
    for k in keys:
        folded = k[4:-1] if k in spans else k[4:]
        text = ", ".join(v for v in (k[0], *folded) if v) or ind.meta.text("graph_title") or title
        base[k] = f"{text} ({spans[k]})" if k in spans else text
    fallback = ind.meta.text("computation_units") if len(keys) == 1 else ""
    shared = {b for b in base.values() if list(base.values()).count(b) > 1}
    out: dict[MeasureKey, tuple[str, str]] = {}
    used: set[str] = set()
    for key in keys:
        text = base[key]
        if text in shared:
            text = f"{text} ({unit_text(key, fallback) or 'no unit'})"
        name, n = slug(text), 2
        while name in used:
            name, n = f"{slug(text, 56)}-{n}", n + 1
        used.add(name)
        out[key] = (name, text)
    return out


def _sort_key(measures: list[str]) -> Callable[[Figure], tuple[Any, ...]]:
    """Figures by measure (in order), the headline first, then by breakdowns and period."""
    rank = {name: i for i, name in enumerate(measures)}

    def key(f: Figure) -> tuple[Any, ...]:
        return (
            rank.get(f.measure, len(rank)),
            len(f.further),
            f.breakdown_type != HEADLINE_TYPE,
            f.breakdowns,
            f.start,
            f.end,
            f.period,
        )

    return key


def _headline(
    keys: list[MeasureKey], names: dict[MeasureKey, tuple[str, str]], figures: list[Figure]
) -> str:
    """The headline measure: the first with figures for the whole (no breakdown), else
    the first."""
    with_total = {f.measure for f in figures if f.is_headline}
    ordered = [names[k][0] for k in keys]
    return next((n for n in ordered if n in with_total), ordered[0] if ordered else "")


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


def _description(ind: _Indicator, available: bool) -> str:
    text = " ".join(ind.meta.text("national_indicator_description").split())
    if text:
        return text
    if not available:
        status = ind.meta.reporting_status or "not given"
        return f"No figures are published for this indicator yet (reporting status: {status})."
    return " ".join((ind.meta.text("graph_title") or "").split())


def _types(
    indicators: list[_Indicator], places: Places, geographies: dict[str, str]
) -> dict[str, BreakdownTypeRecord]:
    """Every breakdown type, named as most of its columns are, with its characteristic; a
    type of places the project names (``[[geography]] singular``, by breakdown type in
    ``geographies``) as the project does ("Local authority" for "Local Authority")."""
    spellings: dict[str, dict[str, int]] = {}
    for ind in indicators:
        for kind, name in ind.found.types.items():
            counts = spellings.setdefault(kind, {})
            counts[name] = counts.get(name, 0) + 1
    for kind, counter in places.type_names.items():
        counts = spellings.setdefault(kind, {})
        for name, n in counter.items():
            counts[name] = counts.get(name, 0) + n
    out = {}
    for kind in sorted(spellings):
        # Sentence case where some file spells it so ("Local authority"), else the most
        # used spelling.
        name = max(
            spellings[kind].items(),
            key=lambda item: (item[0][1:] == item[0][1:].lower(), item[1], item[0]),
        )[0]
        characteristic = PLACE[0] if kind in places.names else CHARACTERISTICS.get(kind, ("",))[0]
        out[kind] = BreakdownTypeRecord(kind, geographies.get(kind, name), characteristic)
    return out


def _characteristics(types: dict[str, BreakdownTypeRecord]) -> list[tuple[str, str]]:
    names = {slug_: name for slug_, name in [*CHARACTERISTICS.values(), PLACE]}
    used = dict.fromkeys(t.characteristic for t in types.values() if t.characteristic)
    return [(c, names[c]) for c in used]


def _unit(unit: str, text: str, values: list[float]) -> UnitRecord:
    """A unit's record: a percentage is a unit that says so and whose figures all lie
    between 0 and 100 (a growth rate in % may not); its figures read ``62.5%``."""
    percentage = bool(PERCENT.search(text)) and all(0 <= v <= 100 for v in values)
    if percentage and re.fullmatch(r"(percentage|per ?cent)?\s*\(?%\)?", text.strip(), re.I):
        return UnitRecord(unit, "%", "percentage points", True)
    if percentage:
        return UnitRecord(unit, text, "percentage points", True)
    return UnitRecord(unit, text, text, False)


def _places(
    groups: dict[tuple[str, str], None],
    types: dict[str, BreakdownTypeRecord],
    places: Places,
    layers: list[Layer],
    project: Project,
    summary: Summary,
) -> tuple[list[GroupRecord], list[TableRows], list[ExtraFile]]:
    """The controlled lists of groups (places by name, others in the order first seen),
    a places table per geographic type and the boundary files the places are in."""
    records = [GroupRecord(HEADLINE_TYPE, HEADLINE_GROUP, project.place)]
    tables: list[TableRows] = []
    used_layers: dict[str, Layer] = {}
    for kind in types:
        chosen = [g for t, g in groups if t == kind]
        if kind not in places.names:
            records += [GroupRecord(kind, g, g) for g in chosen]
            continue
        named = sorted(((places.name_of(c, layers, kind), c) for c in chosen), key=str)
        records += [GroupRecord(kind, code, name) for name, code in named]
        rows, slugs = [], set()
        for name, code in named:
            place_slug = slug(name)
            if place_slug in slugs:
                place_slug = slug(f"{name} {code}")
            slugs.add(place_slug)
            rows.append({"code": code, "name": name, "slug": place_slug})
            layer = next((lay for lay in layers if code in lay.areas), None)
            if layer is not None:
                used_layers[layer.name] = layer
                summary.mapped += 1
        declared = project.geography(kind)
        resource = declared.resource if declared is not None else f"{kind}-places"
        tables.append(TableRows(places_table(resource), rows))
        summary.places += len(rows)
    files = []
    for layer in used_layers.values():
        try:
            boundaries = convert(list(layer.areas.values()))
        except shapely.errors.GEOSException as error:
            raise located(layer.path, None, None, f"cannot make a map of it: {error}") from error
        summary.boundaries.append(boundaries)
        path = f"boundaries/{layer.name}.topojson"
        files.append(ExtraFile(path, topology_text(boundaries)))
        files.append(ExtraFile(path.removesuffix(".topojson") + ".md", _note(layer)))
    return records, tables, files


def _note(layer: Layer) -> str:
    return (
        f"# Boundaries: {layer.name}\n\n"
        f"`{layer.name}.topojson`: {len(layer.areas)} areas as TopoJSON (one object, "
        "`places`, a geometry per area with its code as `id` and its name as `name`), "
        "made by `npf import --from open-sdg` (`build_scripts/importers/open_sdg.py`, "
        "`boundaries.py`) for the site's maps.\n\n"
        f"- Source: `geojsons/{layer.path.name}` of the Open SDG data repository, codes "
        f"from `{layer.id_property}` and names from `{layer.name_property}` (its layer in "
        "`config_data.yml`); under the repository's licence.\n"
        "- Made by: small islands left out, the polygons cleaned and simplified as a "
        "coverage (neighbours still meet with no gap and no overlap) and the coordinates "
        "quantised, as `docs/maps.md` describes. For maps at the scale of a web page, "
        "not for measuring areas or distances.\n"
    )
