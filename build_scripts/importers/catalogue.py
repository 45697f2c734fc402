"""The hand-curated catalogue (``catalogue.toml``) read into dataclasses and checked.

Every error names the file, the entry and what to fix, so a maintainer editing the toml
gets one clear message.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_scripts.contract import HEADLINE_TYPE
from build_scripts.errors import located
from build_scripts.model import Unit

CATALOGUE_PATH = Path(__file__).with_name("catalogue.toml")
DIRECTIONS = ("higher is better", "lower is better", "no preferred direction")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
WEM_PERIODS = ("year", "three-year-ending")
COUNCIL_AREA = "council-area"
WEM_BREAKDOWNS = (HEADLINE_TYPE, COUNCIL_AREA)
SMALL_SHARE = 10.0  # percent: below this, a default threshold of 1 point is relative
SMALL_SHARE_CHANGE = 0.05  # 5% of the earlier figure


@dataclass(frozen=True)
class OutcomeEntry:
    framework: str  # its name in npf-framework-2018/outcomes.csv
    slug: str
    name: str
    description: str


@dataclass(frozen=True)
class MeasureEntry:
    name: str
    title: str
    unit: str
    direction: str
    headline: bool
    names: tuple[str, ...] = ()  # database Indicator spellings
    titles: tuple[str, ...] = ()  # graphTitle starts, normalised
    group: str = ""  # a Breakdown whose rows are this measure's headline
    wrong_titles: tuple[str, ...] = ()  # graphTitles known to be wrong on some rows
    intervals: tuple[str, ...] = ()  # intervalType values of this measure's rows
    decimals: int | None = None  # places to show; by default read from the figures


@dataclass(frozen=True)
class IndicatorEntry:
    framework: str
    slug: str
    db_names: tuple[str, ...]
    measures: tuple[MeasureEntry, ...]
    criteria: dict[str, Any]
    headline_group: str = ""
    total_type: str = ""
    interval: str = ""
    # (measure, period, breakdown type, group) -> the value to keep where two rows disagree
    disagreements: dict[tuple[str, str, str, str], float] = field(default_factory=dict)
    # (measure, period, breakdown type, group) -> the impossible value to leave out
    exclusions: dict[tuple[str, str, str, str], float] = field(default_factory=dict)
    # (measure, period, breakdown type, group) -> (value, why): a slip, flagged `suspect`
    suspects: dict[tuple[str, str, str, str], tuple[float, str]] = field(default_factory=dict)
    criteria_source: str = ""  # an id of [[criteria_source]]: the criteria are published
    criteria_note: str = ""  # the published criteria in words

    @property
    def in_development(self) -> bool:
        return not self.measures

    @property
    def headline(self) -> MeasureEntry | None:
        return next((m for m in self.measures if m.headline), None)


@dataclass(frozen=True)
class BreakdownTypeEntry:
    slug: str
    name: str
    characteristic: str
    names: tuple[str, ...]
    # When set, the only groups this type may have; a group the source files under it
    # wrongly is moved by ``refile`` (group -> breakdown type) or stops the import.
    groups: tuple[str, ...] = ()
    refile: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CriteriaSource:
    """A publication that states criteria for change (a technical note, a briefing)."""

    id: str
    title: str
    publisher: str
    published: str
    url: str


@dataclass(frozen=True)
class WemMapping:
    file: str
    indicator: str
    measure: str
    title: str
    producer: str
    period: str
    tolerance: float
    # "total": a Scotland series (scotland/), added as headline figures; "council-area":
    # a regional file, added as council-area figures (see wem_regional.py)
    breakdown: str = HEADLINE_TYPE
    divide_by: int = 1  # the file's unit over the measure's (tonnes -> million tonnes: 10**6)
    scotland: tuple[str, ...] = ("Scotland",)  # names of a regional file's Scotland row


@dataclass
class Catalogue:
    purpose: str
    units: list[Unit]
    default_criteria: dict[str, dict[str, Any]]
    outcomes: list[OutcomeEntry]
    indicators: list[IndicatorEntry]
    characteristics: list[tuple[str, str]]
    breakdown_types: list[BreakdownTypeEntry]
    group_aliases: dict[str, dict[str, str]]
    wem: list[WemMapping] = field(default_factory=list)
    criteria_sources: list[CriteriaSource] = field(default_factory=list)

    def indicator(self, slug: str) -> IndicatorEntry:
        for entry in self.indicators:
            if entry.slug == slug:
                return entry
        raise KeyError(slug)

    def criteria_of(self, entry: IndicatorEntry, typical: float | None = None) -> dict[str, Any]:
        """The indicator's own criteria, or the default for its headline's unit.

        ``typical`` is the median size of the headline's figures. A percentage that is
        usually below ``SMALL_SHARE`` (R&D spend, about 1.5% of GDP) could never move by
        a whole point, so its default is a change of ``SMALL_SHARE_CHANGE`` of the earlier
        figure instead: a default must be able to trigger."""
        if entry.criteria:
            return dict(entry.criteria)
        headline = entry.headline
        if headline is None:
            return {}
        if headline.unit == "percent" and typical is not None and typical < SMALL_SHARE:
            return {"method": "last-two", "threshold": SMALL_SHARE_CHANGE, "relative": True}
        return dict(self.default_criteria[headline.unit])

    def criteria_origin(self, entry: IndicatorEntry) -> dict[str, str]:
        """Where an indicator's criteria come from: the columns ``criteria_origin``,
        ``criteria_source`` and ``criteria_note`` of ``indicators.csv``."""
        if entry.headline is None:
            return {"criteria_origin": "", "criteria_source": "", "criteria_note": ""}
        if entry.criteria_source:
            return {
                "criteria_origin": "published",
                "criteria_source": entry.criteria_source,
                "criteria_note": entry.criteria_note,
            }
        note = entry.criteria_note or (
            "No published criteria for change were found for this indicator; the "
            f"project's default for figures in {entry.headline.unit} applies "
            "(docs/criteria-for-change.md)."
        )
        return {"criteria_origin": "default", "criteria_source": "", "criteria_note": note}

    def wem_of(self, breakdown: str) -> list[WemMapping]:
        """The WEM mappings of one breakdown (``total`` or ``council-area``)."""
        return [w for w in self.wem if w.breakdown == breakdown]

    def breakdown_type(self, slug: str) -> BreakdownTypeEntry:
        for entry in self.breakdown_types:
            if entry.slug == slug:
                return entry
        raise KeyError(slug)

    def type_by_name(self) -> dict[str, BreakdownTypeEntry]:
        return {name: t for t in self.breakdown_types for name in t.names}


def normalise_title(text: str) -> str:
    """Compare graphTitles regardless of case, spacing, quote style and a final stop."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    text = " ".join(text.split()).casefold()
    return text.rstrip(" .")


def _measure(raw: dict[str, Any], single: bool, where: str) -> MeasureEntry:
    try:
        return MeasureEntry(
            name=str(raw["name"]),
            title=str(raw["title"]),
            unit=str(raw["unit"]),
            direction=str(raw["direction"]),
            headline=bool(raw.get("headline", single)),
            names=tuple(raw.get("names", ())),
            titles=tuple(normalise_title(t) for t in raw.get("titles", ())),
            group=str(raw.get("group", "")),
            wrong_titles=tuple(normalise_title(t) for t in raw.get("wrong_titles", ())),
            intervals=tuple(raw.get("intervals", ())),
            decimals=int(raw["decimals"]) if "decimals" in raw else None,
        )
    except KeyError as error:
        raise located(
            CATALOGUE_PATH, None, None, f"{where}: a measure lacks {error.args[0]!r}"
        ) from error


def _indicator(raw: dict[str, Any]) -> IndicatorEntry:
    where = f"indicator {raw.get('slug', raw.get('framework', '?'))!r}"
    measures_raw = raw.get("measure", [])
    measures = tuple(_measure(m, len(measures_raw) == 1, where) for m in measures_raw)
    try:
        return IndicatorEntry(
            framework=str(raw["framework"]),
            slug=str(raw["slug"]),
            db_names=tuple(raw.get("db_names", ())),
            measures=measures,
            criteria=dict(raw.get("criteria", {})),
            headline_group=str(raw.get("headline_group", "")),
            total_type=str(raw.get("total_type", "")),
            interval=str(raw.get("interval", "")),
            disagreements={
                (d["measure"], d["period"], d["breakdown_type"], d["breakdown_group"]): float(
                    d["keep"]
                )
                for d in raw.get("disagreement", [])
            },
            exclusions={
                (d["measure"], d["period"], d["breakdown_type"], d["breakdown_group"]): float(
                    d["value"]
                )
                for d in raw.get("exclude", [])
            },
            suspects={
                (d["measure"], d["period"], d["breakdown_type"], d["breakdown_group"]): (
                    float(d["value"]),
                    " ".join(str(d["reason"]).split()),
                )
                for d in raw.get("suspect", [])
            },
            criteria_source=str(raw.get("criteria_source", "")),
            criteria_note=" ".join(str(raw.get("criteria_note", "")).split()),
        )
    except KeyError as error:
        raise located(CATALOGUE_PATH, None, None, f"{where} lacks {error.args[0]!r}") from error


def _wem(raw: dict[str, Any]) -> WemMapping:
    try:
        return WemMapping(**{**raw, "scotland": tuple(raw.get("scotland", ("Scotland",)))})
    except TypeError as error:
        raise located(
            CATALOGUE_PATH, None, None, f"wem {raw.get('file', '?')!r}: {error}"
        ) from error


def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """Read and check ``catalogue.toml``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise located(CATALOGUE_PATH, None, None, f"not valid TOML: {error}") from error
    catalogue = Catalogue(
        purpose=" ".join(str(data["purpose"]).split()),
        units=[
            Unit(u["unit"], u["label"], bool(u["is_percentage"]), u["change_label"])
            for u in data["unit"]
        ],
        default_criteria={k: dict(v) for k, v in data["default_criteria"].items()},
        outcomes=[
            OutcomeEntry(o["framework"], o["slug"], o["name"], " ".join(o["description"].split()))
            for o in data["outcome"]
        ],
        indicators=[_indicator(i) for i in data["indicator"]],
        characteristics=[(c["slug"], c["name"]) for c in data["characteristic"]],
        breakdown_types=[
            BreakdownTypeEntry(
                t["slug"],
                t["name"],
                t.get("characteristic", ""),
                tuple(t.get("names", ())),
                tuple(t.get("groups", ())),
                dict(t.get("refile", {})),
            )
            for t in data["breakdown_type"]
        ],
        group_aliases={k: dict(v) for k, v in data.get("group_aliases", {}).items()},
        wem=[_wem(w) for w in data.get("wem", [])],
        criteria_sources=[
            CriteriaSource(
                c["id"], c["title"], c["publisher"], str(c.get("published", "")), c["url"]
            )
            for c in data.get("criteria_source", [])
        ],
    )
    problems = check_catalogue(catalogue)
    if problems:
        raise located(CATALOGUE_PATH, None, None, "; ".join(problems))
    return catalogue


def check_catalogue(cat: Catalogue) -> list[str]:
    """Every rule the toml must keep, as messages (empty when all is well)."""
    problems: list[str] = []
    units = {u.unit for u in cat.units}
    types = {t.slug for t in cat.breakdown_types}
    characteristics = {c for c, _ in cat.characteristics}
    for unit in units - set(cat.default_criteria):
        problems.append(f"unit {unit!r} has no default_criteria")
    seen: set[str] = set()
    names: dict[str, str] = {}
    for entry in cat.indicators:
        if not SLUG.fullmatch(entry.slug) or entry.slug in seen:
            problems.append(f"indicator slug {entry.slug!r} is not a new lower-case slug")
        seen.add(entry.slug)
        for name in entry.db_names:
            if name in names:
                problems.append(
                    f"database name {name!r} is under {names[name]!r} and {entry.slug!r}"
                )
            names[name] = entry.slug
        if entry.measures and sum(m.headline for m in entry.measures) != 1:
            problems.append(f"indicator {entry.slug!r} needs exactly one headline measure")
        if entry.total_type and entry.total_type not in types:
            problems.append(f"indicator {entry.slug!r}: total_type {entry.total_type!r} unknown")
        measure_names = [m.name for m in entry.measures]
        if len(set(measure_names)) != len(measure_names):
            problems.append(f"indicator {entry.slug!r} repeats a measure name")
        for m in entry.measures:
            where = f"indicator {entry.slug!r}, measure {m.name!r}"
            if not SLUG.fullmatch(m.name):
                problems.append(f"{where}: name is not a slug")
            if m.unit not in units:
                problems.append(f"{where}: unit {m.unit!r} is not a [[unit]]")
            if m.direction not in DIRECTIONS:
                problems.append(f"{where}: direction must be one of {', '.join(DIRECTIONS)}")
            if set(m.names) - set(entry.db_names):
                problems.append(f"{where}: names must be among the indicator's db_names")
    criteria_ids = {c.id for c in cat.criteria_sources}
    for entry in cat.indicators:
        if entry.criteria_source and entry.criteria_source not in criteria_ids:
            problems.append(
                f"indicator {entry.slug!r}: criteria_source {entry.criteria_source!r} is not "
                "a [[criteria_source]]"
            )
        if entry.criteria_source and not entry.criteria:
            problems.append(f"indicator {entry.slug!r}: criteria_source without criteria")
    for t in cat.breakdown_types:
        if t.characteristic and t.characteristic not in characteristics:
            problems.append(f"breakdown type {t.slug!r}: unknown characteristic")
        for group, target in t.refile.items():
            if target not in types:
                problems.append(
                    f"breakdown type {t.slug!r}: refile of {group!r} to unknown {target!r}"
                )
    for w in cat.wem:
        if w.period not in WEM_PERIODS:
            problems.append(f"wem {w.file}: period must be one of {', '.join(WEM_PERIODS)}")
        try:
            entry = cat.indicator(w.indicator)
        except KeyError:
            problems.append(f"wem {w.file}: unknown indicator {w.indicator!r}")
            continue
        if w.measure not in {m.name for m in entry.measures}:
            problems.append(f"wem {w.file}: unknown measure {w.measure!r}")
        if w.breakdown not in WEM_BREAKDOWNS:
            problems.append(f"wem {w.file}: breakdown must be one of {', '.join(WEM_BREAKDOWNS)}")
        elif w.breakdown == COUNCIL_AREA and w.period != "year":
            problems.append(f'wem {w.file}: a council-area file\'s period must be "year"')
        elif w.breakdown == HEADLINE_TYPE and w.divide_by != 1:
            problems.append(f"wem {w.file}: divide_by is for council-area files only")
        if not isinstance(w.divide_by, int) or w.divide_by < 1:
            problems.append(f"wem {w.file}: divide_by must be a whole number of at least 1")
    return problems
