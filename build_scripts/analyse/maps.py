"""What a map of a measure shows: each place's figure for the latest period with
figures by place, ranked, and the places with no figure.

The places are those of one geography (``[[geography]]`` in ``npf.toml``). The period is
the latest with a figure for any place (as the breakdown's bar chart takes it). Places
are ordered best first when the measure has a direction ("higher is better": highest
first; "lower is better": lowest first), else highest first; ties are broken by name.
The rank is 1 for the first; places whose figures are equal at the measure's decimal
places share the better rank (as a place's profile ranks, ``analyse.places``). A figure
flagged as suspect (probably a slip in the source) is listed, unranked and not drawn.

A measure whose places' figures add up to the country's (a count or an amount, which a
larger place has more of; ``analyse.places.ADDS_UP``, as the place profiles decide it) is
ordered highest first whatever its direction: its places are ranked by size, not as
better or worse.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts.analyse.places import ADDS_UP
from build_scripts.analyse.statuses import HIGHER, LOWER
from build_scripts.formatting import MAX_PLACES
from build_scripts.model import Figure, Framework, Indicator, Measure

BEST, HIGHEST = "best", "highest"


@dataclass(frozen=True)
class MapRow:
    """One place's figure on the map (the value as published, unrounded)."""

    code: str
    label: str
    value: float
    rank: int | None  # None for a suspect figure, which is not compared
    flag: str | None = None
    note: str | None = None

    @property
    def is_suspect(self) -> bool:
        return self.rank is None


@dataclass(frozen=True)
class MapData:
    """A measure's figures by place for one period, in ``order`` (``BEST`` first, or
    ``HIGHEST`` first for a measure with no direction); ``missing`` are the labels of
    the geography's places with no figure for the period, by name; ``total``: the
    places' figures add up to the country's (ordered ``HIGHEST`` first, by size)."""

    breakdown_type: str
    measure: str
    period: str
    rows: tuple[MapRow, ...]
    missing: tuple[str, ...]
    order: str
    direction: str
    total: bool = False

    @property
    def flagged(self) -> tuple[MapRow, ...]:
        return tuple(r for r in self.rows if r.flag)

    @property
    def ranked(self) -> int:
        """How many places are ranked (every place with a figure not suspect)."""
        return sum(1 for r in self.rows if r.rank is not None)


def map_data(
    framework: Framework, indicator: Indicator, measure: Measure, breakdown_type: str
) -> MapData | None:
    """The latest figures of ``measure`` by the places of ``breakdown_type``, ranked;
    ``None`` when the measure has no figure for any place of it."""
    places = framework.places.get(breakdown_type, {})
    figures = [
        f for f in indicator.series(measure.name, breakdown_type) if f.breakdown_group in places
    ]
    if not figures:
        return None
    last = max(figures, key=lambda f: (f.period_start, f.period_end))
    latest = {f.breakdown_group: f for f in figures if f.period == last.period}
    total = adds_up(indicator.series(measure.name), figures)
    sign = -1 if measure.direction == LOWER and not total else 1
    decimals = MAX_PLACES if measure.decimals is None else measure.decimals

    def label(code: str) -> str:
        return framework.group_label(breakdown_type, code)

    compared = sorted(
        (f for f in latest.values() if not f.is_suspect),
        key=lambda f: (-sign * round(f.value, decimals), label(f.breakdown_group).casefold()),
    )
    rows: list[MapRow] = []
    previous: tuple[float, int] | None = None
    for position, f in enumerate(compared, start=1):
        shown = round(f.value, decimals)
        rank = previous[1] if previous is not None and previous[0] == shown else position
        previous = (shown, rank)
        rows.append(
            MapRow(f.breakdown_group, label(f.breakdown_group), f.value, rank, f.flag, f.note)
        )
    suspect = sorted(
        (f for f in latest.values() if f.is_suspect),
        key=lambda f: label(f.breakdown_group).casefold(),
    )
    rows += [
        MapRow(f.breakdown_group, label(f.breakdown_group), f.value, None, f.flag, f.note)
        for f in suspect
    ]
    missing = sorted((label(code) for code in places if code not in latest), key=str.casefold)
    return MapData(
        breakdown_type=breakdown_type,
        measure=measure.name,
        period=last.period,
        rows=tuple(rows),
        missing=tuple(missing),
        order=BEST if measure.direction in (HIGHER, LOWER) and not total else HIGHEST,
        direction=measure.direction,
        total=total,
    )


def adds_up(headline: list[Figure], places: list[Figure]) -> bool:
    """Whether the places' figures of some period (two places or more) add up to
    ``ADDS_UP`` of the headline figure of that period: a count or an amount."""
    country = {f.period: f.value for f in headline if not f.is_suspect}
    sums: dict[str, list[float]] = {}
    for f in places:
        if not f.is_suspect:
            sums.setdefault(f.period, []).append(f.value)
    low, high = ADDS_UP
    return any(
        len(values) >= 2 and country.get(period) and low <= sum(values) / country[period] <= high
        for period, values in sums.items()
    )
