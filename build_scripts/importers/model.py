"""What every importer makes: one typed model of a framework's data packages.

An importer (one per source format, ``registry.py``) reads its sources into an
``Imported``: the framework's levels, indicators, measures, units, classifications,
places and sources as records, each indicator's figures as ``Figure``s, and what else the
data tree holds (equality evidence packages, boundary files). ``writer.write_imported``
writes any ``Imported`` as data packages, the same way for every importer, so the
packages follow one contract (``build_scripts/contract.py``) whatever their source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from build_scripts.contract import HEADLINE_TYPE, Table

BreakdownPair = tuple[str, str]
"""A breakdown type's slug and one of its groups: ``("sex", "Female")``."""


@dataclass(frozen=True)
class Origin:
    """Where a figure was read: the file (as the import shows it) and its row (the
    header is row 1)."""

    path: str
    row: int


@dataclass(frozen=True)
class Figure:
    """One tidy row before it is written: ``value`` is the number as published.
    ``further`` holds the breakdowns after the first of a cross-classified figure (the
    contract's ``breakdown_type_2``, ``breakdown_group_2``, ...); ``origin`` where the
    figure was read (not part of the figure's identity)."""

    measure: str
    period: str
    start: date
    end: date
    breakdown_type: str
    breakdown_group: str
    value: float
    source: str
    flag: str = ""  # a flag of contract.FLAGS, e.g. "revised" or "suspect"
    note: str = ""  # why it is flagged, in plain words
    further: tuple[BreakdownPair, ...] = ()
    lower: float | None = None
    upper: float | None = None
    origin: Origin | None = field(default=None, compare=False)

    @property
    def key(self) -> tuple[str, str, str, str]:
        """Measure, period and first breakdown: what tells one figure of one breakdown
        from another (the catalogue's keys of the NPF importer)."""
        return (self.measure, self.period, self.breakdown_type, self.breakdown_group)

    @property
    def full_key(self) -> tuple[str, str, str, str, tuple[BreakdownPair, ...]]:
        """The figure's primary key in its table: the key and the further breakdowns."""
        return (*self.key, self.further)

    @property
    def is_headline(self) -> bool:
        return self.breakdown_type == HEADLINE_TYPE

    @property
    def breakdowns(self) -> tuple[BreakdownPair, ...]:
        return ((self.breakdown_type, self.breakdown_group), *self.further)


@dataclass(frozen=True)
class SourceEntry:
    id: str
    title: str
    publisher: str
    path: str
    licence: str
    published: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD, as precisely as known
    url: str = ""

    def as_row(self) -> dict[str, str]:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "path": self.path,
            "licence": self.licence,
            "published": self.published,
            "url": self.url,
        }

    def as_package_source(self) -> dict[str, str]:
        """The entry of a package's ``sources``: empty properties left out."""
        out = {"id": self.id, "title": self.title}
        for key in ("path", "publisher", "published", "url"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


@dataclass(frozen=True)
class Outcome:
    """The top level of the framework (a National Outcome, a Goal)."""

    slug: str
    name: str
    statement: str
    description: str = ""
    code: str = ""  # as the framework numbers it ("1"); empty where it has no number
    retired_in: str = ""  # the version whose revision retired it; empty while current


@dataclass(frozen=True)
class Target:
    """A level between an outcome and its indicators (a Goal's Target)."""

    slug: str
    outcome: str  # an outcome's slug
    code: str  # "1.2"
    title: str
    description: str = ""
    order: int | None = None  # within its outcome; None: its place among them in the list


@dataclass(frozen=True)
class IndicatorRecord:
    """An indicator's row of the catalogue (``framework/indicators.csv``)."""

    slug: str
    title: str
    available: bool
    confirmed: bool
    source: str  # who produces the figures, in words
    criteria: dict[str, Any]
    criteria_origin: str = ""
    criteria_source: str = ""
    criteria_note: str = ""
    last_updated: str = ""
    next_update: str = ""
    code: str = ""  # as the framework numbers it ("1.2.2")
    retired_in: str = ""  # the version whose revision retired it; empty while current


@dataclass(frozen=True)
class MeasureRecord:
    indicator: str
    name: str
    title: str
    description: str
    unit: str
    direction: str
    headline: bool
    decimals: int


@dataclass(frozen=True)
class UnitRecord:
    unit: str
    label: str
    change_label: str
    is_percentage: bool


@dataclass(frozen=True)
class BreakdownTypeRecord:
    slug: str
    name: str
    characteristic: str = ""


@dataclass(frozen=True)
class GroupRecord:
    """A group of the controlled lists: ``group`` is what the indicator tables hold (a
    place's code for a geography), ``label`` what people read."""

    breakdown_type: str
    group: str
    label: str


@dataclass(frozen=True)
class RevisionRecord:
    """A row of a revised framework's ``revisions`` (docs/revisions.md): what one
    revision did to one outcome or indicator."""

    from_version: str
    to_version: str
    level: str  # "outcome" or "indicator"
    change: str  # "rename", "merge", "split", "add" or "retire"
    old_slug: str = ""
    new_slug: str = ""
    note: str = ""


@dataclass(frozen=True)
class Requirement:
    """A column of the contract's framework tables that a framework requires though the
    contract leaves it optional (the NPF gives every outcome a description in its own
    words): the writer's Table Schema marks it required, described as ``description``
    says what the column holds in that framework."""

    table: str
    column: str
    description: str


@dataclass(frozen=True)
class TableRows:
    """A framework resource beyond the contract's own (the places of a geography, the
    spellings of their names): its Table Schema and its rows."""

    table: Table
    rows: list[dict[str, Any]]


@dataclass
class IndicatorPackage:
    """One indicator's package: its own descriptor's contents and its figures, sorted
    as they are written. ``sources`` are those its rows may cite (each row's ``source``);
    ``producers`` are named in the descriptor only. ``measure_units`` gives each measure's
    unit, in the order of the measures: the controlled lists of its table.
    ``properties`` are custom properties of its descriptor (``metadata`` is written
    ``<prefix>:metadata``)."""

    slug: str
    description: str
    measure_units: dict[str, str]
    figures: list[Figure]
    sources: list[SourceEntry]
    producers: list[SourceEntry] = field(default_factory=list)
    version: str = "1.0.0"
    properties: dict[str, Any] = field(default_factory=dict)  # custom, without the prefix


@dataclass
class EvidencePackage:
    """An equality evidence package, as its importer shaped it."""

    slug: str
    descriptor: dict[str, Any]
    columns: tuple[str, ...]
    rows: list[dict[str, Any]]


@dataclass(frozen=True)
class ExtraFile:
    """A file of the data tree that is not a package (boundaries and their note),
    relative to the data folder."""

    path: str
    text: str


@dataclass
class FrameworkInfo:
    """The framework package's own descriptor: ``purpose`` is written as the custom
    property ``<prefix>:purpose`` where it is not empty; ``sources`` are those the
    descriptor lists (the catalogue's ``sources`` table lists them all)."""

    name: str
    title: str
    description: str
    version: str = "1.0.0"
    purpose: str = ""
    sources: list[SourceEntry] = field(default_factory=list)


@dataclass
class Imported:
    """Everything an importer read, ready to be written as data packages."""

    info: FrameworkInfo
    outcomes: list[Outcome]
    indicators: list[IndicatorRecord]
    placements: list[tuple[str, str]]  # (indicator, outcome)
    measures: list[MeasureRecord]
    units: list[UnitRecord]
    characteristics: list[tuple[str, str]]  # (slug, name)
    breakdown_types: list[BreakdownTypeRecord]
    groups: list[GroupRecord]  # in display order
    sources: list[SourceEntry]
    packages: list[IndicatorPackage]
    targets: list[Target] = field(default_factory=list)
    indicator_targets: list[tuple[str, str]] = field(default_factory=list)  # (indicator, target)
    revisions: list[RevisionRecord] = field(default_factory=list)  # a revised framework's
    requires: list[Requirement] = field(default_factory=list)  # beyond the contract
    extra_tables: list[TableRows] = field(default_factory=list)  # before ``sources``
    evidence: list[EvidencePackage] = field(default_factory=list)
    files: list[ExtraFile] = field(default_factory=list)

    @property
    def has_codes(self) -> bool:
        """Whether the framework numbers its outcomes or indicators (the contract's
        optional ``code`` columns)."""
        return any(o.code for o in self.outcomes) or any(i.code for i in self.indicators)

    @property
    def has_targets(self) -> bool:
        """Whether the framework has a level of targets (``targets`` and
        ``indicator-targets``, which go together)."""
        return bool(self.targets or self.indicator_targets)

    @property
    def is_revised(self) -> bool:
        """Whether the framework records a revision (``revisions`` and ``retired_in``)."""
        return bool(self.revisions)
