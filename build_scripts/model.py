"""The model the site is built from: plain dataclasses read from the data packages
(``load.py``). Nothing here reads files or knows about HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from build_scripts.contract import SUSPECT

HEADLINE_TYPE = "total"
HEADLINE_GROUP = "Total"

BreakdownPair = tuple[str, str]
"""A breakdown of a figure: its type and its group."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One row of an indicator's tidy CSV. Its first breakdown is ``breakdown_type`` and
    ``breakdown_group``; ``cross`` holds the further ones of a cross-classified figure
    (``breakdown_type_2``, ``breakdown_group_2``, then ``_3`` and on), empty for most.

    Slots, not a ``__dict__``: a build holds every figure of the framework (1.4 million
    in the largest benchmark), and a dict per figure was most of their memory."""

    measure: str
    period: str
    period_start: date
    period_end: date
    breakdown_type: str
    breakdown_group: str
    value: float
    unit: str
    source: str
    cross: tuple[BreakdownPair, ...] = ()
    lower: float | None = None
    upper: float | None = None
    flag: str | None = None
    note: str | None = None

    @property
    def is_suspect(self) -> bool:
        """A figure the importer believes to be a slip: shown, never compared or ranked."""
        return self.flag == SUSPECT

    @property
    def is_headline(self) -> bool:
        return self.breakdown_type == HEADLINE_TYPE and not self.cross

    @property
    def breakdowns(self) -> tuple[BreakdownPair, ...]:
        """Every breakdown of the figure, in the order of its columns."""
        return ((self.breakdown_type, self.breakdown_group), *self.cross)


@dataclass(frozen=True)
class Measure:
    name: str
    title: str
    description: str
    unit: str
    direction: str
    headline: bool
    decimals: int | None = None  # places every figure of the measure is shown with


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    path: str = ""
    publisher: str = ""
    published: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD, as precisely as known
    url: str = ""


@dataclass(frozen=True)
class Unit:
    unit: str
    label: str
    is_percentage: bool
    change_label: str = ""


@dataclass(frozen=True)
class BreakdownType:
    slug: str
    name: str
    characteristic: str | None


@dataclass(frozen=True)
class Place:
    """A place of a geography (a ``[[geography]]`` of the project): a council area."""

    code: str
    name: str
    slug: str
    breakdown_type: str


@dataclass(frozen=True)
class Characteristic:
    slug: str
    name: str


@dataclass
class Indicator:
    slug: str
    title: str
    description: str
    outcomes: list[str]
    measures: list[Measure]
    criteria: dict[str, Any]
    availability: str
    confirmed: bool
    source: str
    last_updated: str
    next_update: str
    sources: list[Source] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    criteria_origin: str = ""  # "published" (the framework's own) or "default"
    criteria_source: Source | None = None
    criteria_note: str = ""
    retired_in: str = ""  # the framework version whose revision retired it; "" if current
    code: str = ""  # shown before its title where the framework numbers it ("1.2.2")
    targets: list[str] = field(default_factory=list)  # slugs, in the framework's order

    @property
    def in_development(self) -> bool:
        return self.availability == "in development" or not self.figures

    @property
    def headline_measure(self) -> Measure | None:
        for m in self.measures:
            if m.headline:
                return m
        return self.measures[0] if self.measures else None

    def series(self, measure: str, breakdown_type: str = HEADLINE_TYPE) -> list[Figure]:
        """Figures of one measure and breakdown type (one breakdown only), by period."""
        return list(self._series_index.get((measure, breakdown_type), ()))

    @cached_property
    def _series_index(self) -> dict[tuple[str, str], list[Figure]]:
        # Built on first use: ``figures`` is complete once the indicator is loaded.
        index: dict[tuple[str, str], list[Figure]] = {}
        for f in self.figures:
            if not f.cross:
                index.setdefault((f.measure, f.breakdown_type), []).append(f)
        for rows in index.values():
            rows.sort(key=lambda f: (f.breakdown_group, f.period_start, f.period_end))
        return index

    def breakdown_types(self, measure: str) -> list[str]:
        """BreakdownPair types (other than the headline) that a measure has, in first-seen order."""
        seen: dict[str, None] = {}
        for f in self.figures:
            if f.measure == measure and f.breakdown_type != HEADLINE_TYPE:
                seen.setdefault(f.breakdown_type, None)
        return list(seen)


@dataclass
class Outcome:
    slug: str
    name: str
    statement: str
    description: str
    order: int
    indicators: list[str] = field(default_factory=list)
    retired_in: str = ""  # the framework version whose revision retired it; "" if current
    code: str = ""  # shown before its name where the framework numbers it ("1")
    targets: list[str] = field(default_factory=list)  # its targets' slugs, in order


@dataclass
class Target:
    """A level between an outcome and its indicators (a target of a goal): one outcome's,
    with the indicators under it (the current ones, or every one for a retired outcome's
    target), ordered as outcomes order theirs. Targets are not revisable."""

    slug: str
    outcome: str
    code: str
    title: str
    description: str
    order: int
    indicators: list[str] = field(default_factory=list)


def code_key(code: str) -> tuple[tuple[int, int, str], ...]:
    """A code as it sorts for people: ``1.2`` before ``1.10``, ``1.a`` after ``1.9``."""
    parts = re.findall(r"([0-9]+)|([^0-9.\s-]+)", code)
    return tuple((0, int(n), "") if n else (1, 0, text.casefold()) for n, text in parts)


def indicator_order(indicator: Indicator) -> tuple[object, ...]:
    """How lists of indicators are ordered: by code where they have one (coded ones
    first), then by title."""
    code = indicator.code
    return (not code, code_key(code), indicator.title.casefold(), indicator.slug)


@dataclass
class EvidenceDataset:
    slug: str
    title: str
    description: str
    characteristic: str
    policy_area: str
    last_updated: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # Identical tables published under several codes (``evidence_groups``): every code
    # of the group, main first (empty when the table is published once), and, on all but
    # the main one, the main one's code.
    published_as: list[str] = field(default_factory=list)
    same_as: str = ""


@dataclass(frozen=True)
class Revision:
    """One row of the framework's ``revisions``: what one revision did to one outcome or
    indicator (``change``: rename, merge, split, add or retire)."""

    from_version: str
    to_version: str
    level: str  # "outcome" or "indicator"
    change: str
    old_slug: str = ""
    new_slug: str = ""
    note: str = ""


@dataclass(frozen=True)
class Replacement:
    """What became of a retired outcome or indicator: the revision's change and the
    slugs that replaced it (one for a merge, several for a split, none for a retirement)."""

    change: str
    version: str
    slugs: tuple[str, ...]
    note: str = ""


@dataclass
class Framework:
    """Everything loaded from ``datapackages/``."""

    purpose: str
    outcomes: list[Outcome]
    indicators: dict[str, Indicator]
    units: dict[str, Unit]
    breakdown_types: dict[str, BreakdownType]
    group_labels: dict[tuple[str, str], str]
    group_order: dict[tuple[str, str], int]
    characteristics: dict[str, Characteristic]
    # The places of each geography: breakdown type -> code -> place.
    places: dict[str, dict[str, Place]]
    evidence: list[EvidenceDataset] = field(default_factory=list)
    version: str = ""  # the framework package's ``version``
    revisions: list[Revision] = field(default_factory=list)
    # The level between outcomes and indicators, when the framework has one: by slug, in
    # order (by their outcomes' order, then their own); empty for most frameworks.
    targets: dict[str, Target] = field(default_factory=dict)

    def targets_of(self, outcome: Outcome) -> list[Target]:
        """An outcome's targets, in order."""
        return [self.targets[s] for s in outcome.targets if s in self.targets]

    @property
    def current_outcomes(self) -> list[Outcome]:
        """The outcomes of this version of the framework (not retired), in order."""
        return [o for o in self.outcomes if not o.retired_in]

    @property
    def retired_outcomes(self) -> list[Outcome]:
        """The outcomes earlier revisions retired, in order; their pages stay."""
        return [o for o in self.outcomes if o.retired_in]

    @property
    def current_indicators(self) -> dict[str, Indicator]:
        """The indicators of this version of the framework (not retired), by slug."""
        return {s: i for s, i in self.indicators.items() if not i.retired_in}

    @property
    def retired_indicators(self) -> list[Indicator]:
        """The indicators earlier revisions retired, by title; their pages stay."""
        retired = [i for i in self.indicators.values() if i.retired_in]
        return sorted(retired, key=lambda i: (i.title.casefold(), i.slug))

    def replacement(self, level: str, slug: str) -> Replacement | None:
        """What replaced a retired outcome or indicator (``level``), from the revision
        that retired it; ``None`` when it is current."""
        retired_in = (
            next((o.retired_in for o in self.outcomes if o.slug == slug), "")
            if level == "outcome"
            else getattr(self.indicators.get(slug), "retired_in", "")
        )
        if not retired_in:
            return None
        rows = [
            r
            for r in self.revisions
            if r.level == level and r.old_slug == slug and r.to_version == retired_in
        ]
        change = rows[0].change if rows else "retire"
        slugs = tuple(dict.fromkeys(r.new_slug for r in rows if r.new_slug))
        note = next((r.note for r in rows if r.note), "")
        return Replacement(change, retired_in, slugs, note)

    def renamed(self, level: str) -> dict[str, str]:
        """The old slugs of renamed outcomes or indicators (``level``), each with the slug
        it is known by now (following renames of renames); their old URLs lead there."""
        moves = {
            r.old_slug: r.new_slug
            for r in self.revisions
            if r.level == level and r.change == "rename" and r.old_slug and r.new_slug
        }
        out = {}
        for old, new in moves.items():
            seen = {old}
            while new in moves and new not in seen:  # validation refuses loops
                seen.add(new)
                new = moves[new]
            out[old] = new
        return out

    def is_geography(self, breakdown_type: str) -> bool:
        """Whether the groups of ``breakdown_type`` are places."""
        return breakdown_type in self.places

    def breakdown_name(self, breakdown_type: str) -> str:
        """The name of a breakdown type ("Sex"); its slug where it has none."""
        known = self.breakdown_types.get(breakdown_type)
        return known.name if known and known.name else breakdown_type

    def group_label(self, breakdown_type: str, group: str) -> str:
        place = self.places.get(breakdown_type, {}).get(group)
        if place is not None:
            return place.name
        return self.group_labels.get((breakdown_type, group), group)
