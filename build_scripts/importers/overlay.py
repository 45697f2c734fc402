"""Add the figures of a newer release to data already in the model, and compare them.

``overlay`` puts the figures of each cube (``cube.read_cube``) into its indicator's
package. A figure is matched to the published one by measure, period *dates* (the
cube's ``2015-2017`` is the database's ``2015-17``; the figure takes the label the
package already spells that period with) and breakdowns. Then:

- a figure the package lacks is added;
- a published figure from an older release (its source's ``published`` date) is
  replaced, and flagged ``revised`` where the two disagree, its note naming the old
  figure and release; the old one is reported as ``replaced-by-newer-release``;
- a published figure from a release as new or newer (or of unknown date) is kept, and
  the cube's is reported as ``already-published``, saying whether they agree.

Two figures agree when they are equal at the precision of the less precise of the two
(62.64 and 62.6 agree; 19 and 18 do not). Every comparison is kept for the summary.
The packages it changed are sorted again, cite the new release, and their catalogue
rows are ``published`` with the newer ``last_updated``; a group the figures use that
the controlled lists lack (a ``new_groups`` of the mapping, a place of a geography) is
added to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from build_scripts.config import Geography
from build_scripts.errors import NpfError
from build_scripts.importers.cube import CubeRead
from build_scripts.importers.cube_mapping import is_newer, later, places_of
from build_scripts.importers.model import (
    BreakdownPair,
    Figure,
    GroupRecord,
    Imported,
    IndicatorPackage,
    SourceEntry,
)
from build_scripts.importers.report import Skip
from build_scripts.importers.write import format_number

Match = tuple[str, date, date, frozenset[BreakdownPair]]


@dataclass(frozen=True)
class Comparison:
    """A cube's figure and the published figure of the same measure, period and groups."""

    indicator: str
    figure: Figure  # the cube's
    published: Figure
    release: str  # the published figure's source id
    agrees: bool
    replaced: bool

    def __str__(self) -> str:
        f = self.figure
        groups = ", ".join(f"{t} {g}" for t, g in f.breakdowns)
        verdict = "agree" if self.agrees else "differ"
        outcome = "the cube's replaces it" if self.replaced else "the published one is kept"
        return (
            f"{self.indicator} {f.measure} {f.period} ({groups}): cube {format_number(f.value)}, "
            f"published {format_number(self.published.value)} ({self.release}): {verdict}; "
            f"{outcome}"
        )


@dataclass
class CubeOutcome:
    """What the figures of one cube did to its indicator."""

    file: str
    indicator: str
    rows: int
    figures: int = 0
    added: int = 0
    replaced: int = 0
    revised: int = 0
    kept: int = 0
    bounds: int = 0  # rows written as the bounds of a figure
    latest: date | None = None  # the end of the cube's latest period
    published_latest: date | None = None  # the same, of the published figures it feeds

    @property
    def older(self) -> bool:
        """The published series runs on past the cube: perhaps an older release."""
        return (
            self.latest is not None
            and self.published_latest is not None
            and self.published_latest > self.latest
        )


@dataclass
class Overlay:
    outcomes: list[CubeOutcome] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    written: set[tuple[str, int]] = field(default_factory=set)  # cube rows written
    skips: list[Skip] = field(default_factory=list)  # every row left out, and the figures replaced
    added_groups: list[str] = field(default_factory=list)  # which, and why
    touched: list[str] = field(default_factory=list)  # the indicators changed


def agrees(a: float, b: float) -> bool:
    """Equal at the precision of the less precise of the two figures as written."""
    x, y = Decimal(format_number(a)), Decimal(format_number(b))
    places = min(_places(x), _places(y))
    return abs(x - y) <= Decimal(5).scaleb(-(places + 1))


def _places(d: Decimal) -> int:
    exponent = d.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def revised_note(figure: Figure, new: SourceEntry, old: SourceEntry | None) -> str:
    was = old.title if old is not None else figure.source
    return f"Revised in {new.title} ({new.published}); {was} gave {format_number(figure.value)}."


def overlay(
    imported: Imported, reads: Sequence[CubeRead], geographies: Sequence[Geography]
) -> Overlay:
    """Put the figures of ``reads`` into ``imported`` (changed in place)."""
    result = Overlay()
    packages = {p.slug: p for p in imported.packages}
    _add_sources(imported, [r.cube.source for r in reads])
    releases = {s.id: s for s in imported.sources}
    for read in reads:
        package = packages.get(read.cube.indicator)
        if package is None:
            raise NpfError(
                f"{read.cube.indicator}: the data has no package for this indicator "
                "(indicators/<slug>/); add it first (npf new-indicator)"
            )
        for entry in (*package.sources, *package.producers):
            releases.setdefault(entry.id, entry)
        outcome = CubeOutcome(read.path, package.slug, read.rows, figures=len(read.figures))
        measures = set(read.cube.measures())
        outcome.latest = max((f.end for f in read.figures), default=None)
        outcome.published_latest = max(
            (f.end for f in package.figures if f.measure in measures), default=None
        )
        _merge(package, read, releases, outcome, result)
        result.outcomes.append(outcome)
        result.skips.extend(read.skips)
        if outcome.added or outcome.replaced:
            _touch(imported, package, read.cube.source, result)
    for slug in result.touched:
        _tidy(imported, packages[slug], geographies, result)
    return result


def _add_sources(imported: Imported, entries: Iterable[SourceEntry]) -> None:
    """The cubes' sources join the framework's list; an id that already names another
    release is an error (its figures would be credited to the wrong one)."""
    known = {s.id: s for s in imported.sources}
    for entry in entries:
        old = known.get(entry.id)
        if old is not None and old != entry:
            raise NpfError(
                f"source {entry.id!r}: the data already has a source of that id "
                f"({old.title!r}, published {old.published or 'unknown'}); give this release "
                "an id of its own in the mapping (`source.id`)"
            )


def _match(f: Figure) -> Match:
    return (f.measure, f.start, f.end, frozenset(f.breakdowns))


def _merge(
    package: IndicatorPackage,
    read: CubeRead,
    releases: dict[str, SourceEntry],
    outcome: CubeOutcome,
    result: Overlay,
) -> None:
    release = read.cube.source
    index = {_match(f): i for i, f in enumerate(package.figures)}
    labels: dict[tuple[date, date], str] = {}
    for f in package.figures:
        labels.setdefault((f.start, f.end), f.period)
    for figure in read.figures:
        assert figure.origin is not None
        line = figure.origin.row
        rows = [line, *read.bounds.get(line, [])]
        figure = replace(
            figure, period=labels.setdefault((figure.start, figure.end), figure.period)
        )
        at = index.get(_match(figure))
        if at is None:
            index[_match(figure)] = len(package.figures)
            package.figures.append(figure)
            outcome.added += 1
            _written(result, read.path, rows, outcome)
            continue
        published = package.figures[at]
        old = releases.get(published.source)
        same = agrees(figure.value, published.value)
        newer = is_newer(release.published, old.published if old else "")
        result.comparisons.append(
            Comparison(package.slug, figure, published, published.source, same, newer)
        )
        if newer:
            if not same:
                note = revised_note(published, release, old)
                figure = replace(figure, flag="revised", note=note)
                outcome.revised += 1
            package.figures[at] = figure
            outcome.replaced += 1
            _written(result, read.path, rows, outcome)
            result.skips.append(_replaced(published, figure))
            continue
        outcome.kept += 1
        verdict = "agrees with" if same else "differs from"
        when = old.published if old and old.published else "an unknown date"
        detail = (
            f"{_describe(figure)} = {format_number(figure.value)} {verdict} the published "
            f"{format_number(published.value)} ({published.source}, published {when}), "
            "which is kept: this release is not newer"
        )
        for n, row in enumerate(rows):
            what = detail if n == 0 else f"a bound of row {rows[0]}: {detail}"
            result.skips.append(Skip("already-published", read.path, row, what, "Value"))


def _written(result: Overlay, path: str, rows: list[int], outcome: CubeOutcome) -> None:
    result.written.update((path, row) for row in rows)
    outcome.bounds += len(rows) - 1


def _describe(f: Figure) -> str:
    groups = ", ".join(f"{t} {g}" for t, g in f.breakdowns)
    return f"{f.measure} {f.period} ({groups})"


def _replaced(old: Figure, new: Figure) -> Skip:
    assert new.origin is not None
    path, row = (old.origin.path, old.origin.row) if old.origin else ("", None)
    detail = (
        f"{_describe(old)}: {format_number(old.value)} ({old.source}), replaced by "
        f"{format_number(new.value)} from {new.origin.path} row {new.origin.row}"
    )
    return Skip("replaced-by-newer-release", path, row, detail, "value")


def _touch(
    imported: Imported, package: IndicatorPackage, release: SourceEntry, result: Overlay
) -> None:
    """The indicator now has figures of ``release``: it cites it, is published, and was
    last updated no earlier than the release."""
    if package.slug not in result.touched:
        result.touched.append(package.slug)
    if release not in imported.sources:
        imported.sources.append(release)
    if release.id not in {s.id for s in package.sources}:
        package.sources.append(release)
    for i, record in enumerate(imported.indicators):
        if record.slug == package.slug:
            imported.indicators[i] = replace(
                record, available=True, last_updated=later(release.published, record.last_updated)
            )


def _tidy(
    imported: Imported,
    package: IndicatorPackage,
    geographies: Sequence[Geography],
    result: Overlay,
) -> None:
    """A changed package: its measures, the sources its rows cite, the groups they use
    in the controlled lists, and its figures in order."""
    package.measure_units = {
        m.name: m.unit for m in imported.measures if m.indicator == package.slug
    }
    cited = {f.source for f in package.figures}
    package.sources = [s for s in package.sources if s.id in cited]
    _add_groups(imported, package.figures, geographies, result)
    package.figures = sort_figures(package.figures, imported, list(package.measure_units))


def _add_groups(
    imported: Imported,
    figures: Sequence[Figure],
    geographies: Sequence[Geography],
    result: Overlay,
) -> None:
    known = {(g.breakdown_type, g.group) for g in imported.groups}
    names = {g.breakdown_type: (g, places_of(imported, g)) for g in geographies}
    for f in figures:
        for kind, group in f.breakdowns:
            if (kind, group) in known:
                continue
            known.add((kind, group))
            if kind in names:
                geography, places = names[kind]
                record = GroupRecord(kind, group, places[group])
                why = f"a place of {geography.places}.csv ({places[group]})"
            else:
                record = GroupRecord(kind, group, group)
                why = "named in the mapping's new_groups"
            last = max(
                (i for i, g in enumerate(imported.groups) if g.breakdown_type == kind),
                default=len(imported.groups) - 1,
            )
            imported.groups.insert(last + 1, record)
            result.added_groups.append(f"{kind} {group!r}: {why}")


def sort_figures(
    figures: Sequence[Figure], imported: Imported, measures: list[str]
) -> list[Figure]:
    """By measure, breakdowns (each by type, then group, in the framework's order), then
    period: the order the NPF's importer writes, for figures of any number of breakdowns."""
    measure_rank = {m: i for i, m in enumerate(measures)}
    type_rank = {t.slug: i for i, t in enumerate(imported.breakdown_types)}
    group_rank = {(g.breakdown_type, g.group): i for i, g in enumerate(imported.groups)}

    def key(f: Figure) -> tuple[Any, ...]:
        pairs = tuple(
            (type_rank.get(t, len(type_rank)), group_rank.get((t, g), 0), g)
            for t, g in f.breakdowns
        )
        return (measure_rank.get(f.measure, len(measure_rank)), pairs, f.start, f.end, f.period)

    return sorted(figures, key=key)
