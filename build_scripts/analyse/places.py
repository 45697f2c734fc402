"""Places: how each place of a geography compares, for every measure with figures for it.

For each place and each indicator measure with a figure for the place (suspect figures
left out): its latest figure and period, the headline (whole-country) figure of that
period, whether the place is better, worse or about the same (by the measure's
direction; "about the same" when the two are equal at the measure's places; no
judgement without a direction), its rank among the places of its geography with a figure
for that period (1 = best; ties share the best rank they tie for), and its change since
its previous figure. A measure whose places' figures add up to the country's (a count or
an amount: a larger place has more jobs) is neither compared nor ranked. pandas computes
all of it at once, on one frame of the figures of the framework's geographies and
headlines (``place_frame``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from build_scripts.analyse.statuses import HIGHER, LOWER
from build_scripts.formatting import MAX_PLACES
from build_scripts.model import HEADLINE_TYPE, Framework

BETTER, WORSE, SAME = "better", "worse", "same"
KEYS = ["indicator", "measure", "breakdown_type", "breakdown_group"]


@dataclass(frozen=True)
class PlaceFigure:
    """What a place's profile says about one measure (values as published, unrounded)."""

    indicator: str
    measure: str
    period: str
    value: float
    country: float | None  # the headline figure of ``period``; None where there is none
    # BETTER, WORSE, SAME; None without a direction or a country figure, or for a total
    comparison: str | None
    rank: int | None  # 1 = best; None without a direction, or for a total
    ranked: int  # places of the geography with a figure for ``period``
    total: bool  # the places' figures add up to the country's (a count, an amount)
    previous_period: str | None
    previous: float | None
    change: float | None  # ``value - previous``
    trend: tuple[tuple[str, float], ...]  # the place's figures, oldest first
    # the headline figures of the trend's periods (None where the country has none)
    country_trend: tuple[float | None, ...] = ()


PlaceKey = tuple[str, str]  # a geography (breakdown type) and a place's code


def place_frame(frame: pd.DataFrame, framework: Framework) -> pd.DataFrame:
    """The figures of ``frame`` (``frame.figures_frame``) with one breakdown only, by
    place of a geography or for the whole country (the headline), of every measure."""
    kinds = [*framework.places, HEADLINE_TYPE]
    mine = frame[~frame["crossed"] & frame["breakdown_type"].isin(kinds)]
    columns = [*KEYS, "period", "start", "end", "value", "is_suspect"]
    return mine[columns].reset_index(drop=True)


def measure_table(framework: Framework) -> pd.DataFrame:
    """Each measure's direction as a sign (+1 higher is better, -1 lower, 0 none) and
    the places its figures are compared at."""
    rows = [
        (
            slug,
            m.name,
            1 if m.direction == HIGHER else -1 if m.direction == LOWER else 0,
            MAX_PLACES if m.decimals is None else m.decimals,
        )
        for slug, indicator in framework.indicators.items()
        for m in indicator.measures
    ]
    return pd.DataFrame(rows, columns=["indicator", "measure", "sign", "places"])


def analyse_places(frame: pd.DataFrame, framework: Framework) -> dict[PlaceKey, list[PlaceFigure]]:
    """Every place's figures compared with the country's and the other places'."""
    known = frame[frame["value"].notna() & ~frame["is_suspect"]]
    measures = measure_table(framework)
    place_rows = known[known["breakdown_type"].isin(list(framework.places))]
    place_rows = place_rows[
        place_rows["breakdown_group"].isin(
            [code for kind in framework.places.values() for code in kind]
        )
    ]
    if place_rows.empty:
        return {}
    place_rows = place_rows.merge(measures, on=["indicator", "measure"], how="left")
    place_rows["sign"] = place_rows["sign"].fillna(0).astype("int64")
    place_rows["places"] = place_rows["places"].fillna(MAX_PLACES).astype("int64")
    # One figure per place and period: the last published, as ``latest_period`` reads.
    place_rows = place_rows.sort_values([*KEYS, "start", "end"], kind="stable")
    place_rows = place_rows.drop_duplicates([*KEYS, "period"], keep="last")
    place_rows["shown"] = _rounded(place_rows["value"], place_rows["places"])

    # Ranks among the places of each geography with a figure for the period.
    period_keys = ["indicator", "measure", "breakdown_type", "period"]
    score = place_rows["shown"] * place_rows["sign"]
    by_period = score.groupby([place_rows[k] for k in period_keys])
    place_rows["rank"] = by_period.rank(method="min", ascending=False).astype("int64")
    place_rows["ranked"] = by_period.transform("size").astype("int64")

    by_place = place_rows.groupby(KEYS, sort=False)
    place_rows["previous_period"] = by_place["period"].shift(1)
    place_rows["previous"] = by_place["value"].shift(1)
    latest = place_rows.groupby(KEYS, sort=False).tail(1)

    headline = _headline(known)
    latest = latest.merge(headline, on=["indicator", "measure", "period"], how="left")
    totals = _totals(place_rows, headline)
    latest = latest.merge(totals, on=["indicator", "measure", "breakdown_type"], how="left")
    latest["total"] = latest["total"].fillna(False).astype(bool)
    country_shown = _rounded(latest["country"], latest["places"])
    gap = (latest["shown"] - country_shown) * latest["sign"]
    said = np.where(gap > 0, BETTER, np.where(gap < 0, WORSE, SAME)).astype(object)
    said[(latest["country"].isna() | (latest["sign"] == 0) | latest["total"]).to_numpy()] = None
    latest["comparison"] = said
    # One pass over the rows (in period order) rather than a DataFrame per group.
    trends: dict[tuple[str, str, str, str], list[tuple[str, float]]] = {}
    for *key, period, value in place_rows[[*KEYS, "period", "value"]].itertuples(
        index=False, name=None
    ):
        trends.setdefault(tuple(key), []).append((period, float(value)))
    countries: dict[tuple[str, str], dict[str, float]] = {}
    for slug, measure, period, value in headline.itertuples(index=False, name=None):
        countries.setdefault((slug, measure), {})[period] = float(value)
    return _assemble(latest, trends, countries)


def _headline(known: pd.DataFrame) -> pd.DataFrame:
    """The country's figure (``country``) of each measure and period."""
    headline = known[known["breakdown_type"] == HEADLINE_TYPE]
    headline = headline.sort_values(["indicator", "measure", "start", "end"], kind="stable")
    headline = headline.drop_duplicates(["indicator", "measure", "period"], keep="last")
    columns = ["indicator", "measure", "period", "value"]
    return headline[columns].rename(columns={"value": "country"})


# The places' figures of a period add up to the country's when their sum is this share
# of it: a count or an amount (jobs, assets, tonnes), which a larger place has more of,
# not a rate. Some places may have no figure, so the sum may fall short of the country's.
ADDS_UP = (0.5, 1.1)


def _totals(place_rows: pd.DataFrame, headline: pd.DataFrame) -> pd.DataFrame:
    """Each measure and geography whose places' figures add up to the country's, in
    some period with two places or more (``total``): neither compared nor ranked."""
    keys = ["indicator", "measure", "breakdown_type", "period"]
    sums = place_rows.groupby(keys, sort=False)["value"].agg(["sum", "size"]).reset_index()
    sums = sums.merge(headline, on=["indicator", "measure", "period"])
    share = sums["sum"] / sums["country"].where(sums["country"] != 0)
    adds_up = (sums["size"] >= 2) & share.between(*ADDS_UP)
    found = sums.assign(total=adds_up).groupby(keys[:3], sort=False)["total"].any()
    return found.reset_index()


def _rounded(values: pd.Series, places: pd.Series) -> pd.Series:
    """``values`` at their measure's places, as the pages show them: the decimal nearest
    the figure, as ``formatting.number`` writes it (65.45 shows, and ranks, as 65.5;
    scaling and ``np.round`` made it 654.5, then 65.4 by rounding half to even)."""
    pairs = zip(values.to_numpy(dtype="float64"), places.to_numpy(), strict=True)
    return pd.Series([float(f"{v:.{int(p)}f}") for v, p in pairs], values.index, dtype="float64")


def _optional(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _assemble(
    latest: pd.DataFrame,
    trends: dict[tuple[str, str, str, str], list[tuple[str, float]]],
    countries: dict[tuple[str, str], dict[str, float]],
) -> dict[PlaceKey, list[PlaceFigure]]:
    found: dict[PlaceKey, list[PlaceFigure]] = {}
    columns = [
        *KEYS,
        *("period", "value", "country", "comparison", "sign", "total", "rank", "ranked"),
        *("previous_period", "previous"),
    ]
    for row in latest[columns].itertuples(index=False, name=None):
        slug, measure, kind, code, period, value, country, comparison = row[:8]
        sign, total, rank, ranked, previous_period, previous = row[8:]
        before = _optional(previous)
        trend = trends[(slug, measure, kind, code)]
        country_by_period = countries.get((slug, measure), {})
        found.setdefault((kind, code), []).append(
            PlaceFigure(
                indicator=slug,
                measure=measure,
                period=period,
                value=float(value),
                country=_optional(country),
                comparison=comparison if isinstance(comparison, str) else None,
                rank=int(rank) if sign and not total else None,
                ranked=int(ranked),
                total=bool(total),
                previous_period=previous_period if isinstance(previous_period, str) else None,
                previous=before,
                change=None if before is None else float(value) - before,
                trend=tuple(trend),
                country_trend=tuple(country_by_period.get(p) for p, _ in trend),
            )
        )
    return found
