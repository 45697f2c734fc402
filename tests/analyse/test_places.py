"""Places compared with the country and with each other, on made-up figures."""

from __future__ import annotations

from datetime import date

from build_scripts.analyse.indicators import analyse_framework
from build_scripts.analyse.places import BETTER, SAME, WORSE, PlaceFigure
from build_scripts.contract import SUSPECT
from build_scripts.model import Figure, Framework, Indicator, Measure, Place

AREAS = "council-area"


def measure(direction: str = "higher is better", decimals: int | None = 1) -> Measure:
    return Measure("rate", "Rate", "", "percent", direction, True, decimals)


def fig(year: int, value: float, group: str = "Total", *, flag: str | None = None) -> Figure:
    kind = "total" if group == "Total" else AREAS
    return Figure(
        "rate", str(year), date(year, 1, 1), date(year, 12, 31), kind, group, value, "percent",
        "release", flag=flag,
    )  # fmt: skip


def framework(figures: list[Figure], m: Measure | None = None) -> Framework:
    criteria = {"method": "last-two", "threshold": 1}
    indicator = Indicator(
        "ind", "Indicator", "", [], [m or measure()], criteria, "available", True, "", "", "",
        figures=figures,
    )  # fmt: skip
    places = {code: Place(code, f"Area {code}", f"area-{code.lower()}", AREAS) for code in "ABCD"}
    return Framework("", [], {"ind": indicator}, {}, {}, {}, {}, {}, {AREAS: places})


def profile(fw: Framework, code: str) -> PlaceFigure:
    (found,) = analyse_framework(fw).place(AREAS, code)
    return found


def test_latest_figure_country_change_and_rank() -> None:
    fw = framework(
        [
            fig(2019, 50),
            fig(2020, 52),
            fig(2019, 40, "A"),
            fig(2020, 45, "A"),
            fig(2020, 60, "B"),
            fig(2020, 55, "C"),
        ]
    )
    a = profile(fw, "A")
    assert (a.period, a.value, a.country) == ("2020", 45, 52)
    assert a.comparison == WORSE
    assert (a.rank, a.ranked) == (3, 3)
    assert (a.previous_period, a.previous, a.change) == ("2019", 40, 5)
    assert a.trend == (("2019", 40.0), ("2020", 45.0))
    b = profile(fw, "B")
    assert (b.comparison, b.rank, b.previous, b.change) == (BETTER, 1, None, None)


def test_ties_share_the_best_rank_at_the_shown_places() -> None:
    # 60.01 and 60.04 both show as 60.0: a tie, as a reader sees it.
    fw = framework(
        [fig(2020, 50), fig(2020, 60.01, "A"), fig(2020, 60.04, "B"), fig(2020, 40, "C")]
    )
    assert [profile(fw, c).rank for c in "ABC"] == [1, 1, 3]


def test_lower_is_better_turns_ranks_and_comparisons() -> None:
    fw = framework(
        [fig(2020, 50), fig(2020, 30, "A"), fig(2020, 70, "B")], measure("lower is better")
    )
    a, b = profile(fw, "A"), profile(fw, "B")
    assert (a.rank, a.comparison) == (1, BETTER)
    assert (b.rank, b.comparison) == (2, WORSE)


def test_about_the_same_when_equal_at_the_measures_places() -> None:
    fw = framework([fig(2020, 50.02), fig(2020, 49.98, "A")])
    assert profile(fw, "A").comparison == SAME


def test_no_country_figure_for_the_period_means_no_comparison() -> None:
    fw = framework([fig(2019, 50), fig(2020, 45, "A"), fig(2020, 55, "B")])
    a = profile(fw, "A")
    assert a.country is None and a.comparison is None
    assert (a.rank, a.ranked) == (2, 2)  # the rank needs no country figure


def test_suspect_figures_are_left_out_of_everything() -> None:
    fw = framework(
        [
            fig(2019, 50),
            fig(2020, 99, flag=SUSPECT),
            fig(2019, 40, "A"),
            fig(2020, 1, "A", flag=SUSPECT),
            fig(2019, 45, "B"),
            fig(2020, 47, "B"),
        ]
    )
    a, b = profile(fw, "A"), profile(fw, "B")
    assert (a.period, a.value, a.country, a.comparison) == ("2019", 40, 50, WORSE)
    assert (a.rank, a.ranked) == (2, 2)  # among 2019's figures
    assert a.trend == (("2019", 40.0),)
    assert (b.period, b.country, b.comparison, b.ranked) == ("2020", None, None, 1)


def test_no_direction_no_judgement_and_no_rank() -> None:
    fw = framework(
        [fig(2020, 50), fig(2020, 60, "A"), fig(2020, 40, "B")], measure("no preferred direction")
    )
    a = profile(fw, "A")
    assert (a.comparison, a.rank, a.ranked, a.country) == (None, None, 2, 50)


def test_a_place_without_figures_has_no_profile() -> None:
    fw = framework([fig(2020, 50), fig(2020, 60, "A")])
    assert analyse_framework(fw).place(AREAS, "B") == []


def test_counts_that_add_up_to_the_country_are_neither_compared_nor_ranked() -> None:
    # Jobs: the places' figures add up to the country's; a larger place has more.
    fw = framework(
        [fig(2020, 100), fig(2020, 60, "A"), fig(2020, 30, "B"), fig(2020, 10, "C")],
        measure(decimals=0),
    )
    for code in "ABC":
        found = profile(fw, code)
        assert (found.comparison, found.rank, found.ranked) == (None, None, 3)
    assert profile(fw, "A").country == 100


def test_rates_near_the_country_are_still_compared() -> None:
    # Three rates near the country's: their sum is three times it, not a total.
    fw = framework([fig(2020, 50), fig(2020, 52, "A"), fig(2020, 49, "B"), fig(2020, 51, "C")])
    assert [profile(fw, c).comparison for c in "ABC"] == [BETTER, WORSE, BETTER]


def test_places_rank_and_compare_as_the_pages_show_them() -> None:
    """At one decimal place 65.45 shows as 65.5 (the formatter), so it ranks above 65.4
    and is the same as a country at 65.5: not tied with 65.4, as rounding half to even
    after scaling (654.5 -> 654) had it."""
    fw = framework([fig(2020, 65.5), fig(2020, 65.45, "A"), fig(2020, 65.4, "B")])
    a, b = profile(fw, "A"), profile(fw, "B")
    assert (a.rank, b.rank) == (1, 2)
    assert (a.comparison, b.comparison) == (SAME, WORSE)
