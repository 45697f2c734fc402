"""What a map shows (``analyse.maps``): the latest figures by place, ordered and
ranked by the measure's direction, with the places that have no figure; made-up
figures for four places A-D."""

from __future__ import annotations

from build_scripts.analyse.maps import BEST, HIGHEST, map_data
from build_scripts.contract import SUSPECT
from build_scripts.model import Framework
from tests.analyse.test_places import AREAS, fig, framework, measure


def shown(fw: Framework) -> list[tuple[str, int | None]]:
    data = map_data(fw, fw.indicators["ind"], fw.indicators["ind"].measures[0], AREAS)
    assert data is not None
    return [(r.code, r.rank) for r in data.rows]


def test_the_latest_period_best_first_with_ranks_and_the_missing_places() -> None:
    fw = framework(
        [
            fig(2020, 50),
            fig(2019, 99, "D"),
            fig(2020, 45, "A"),
            fig(2020, 60, "B"),
            fig(2020, 55, "C"),
        ]
    )
    ind = fw.indicators["ind"]
    data = map_data(fw, ind, ind.measures[0], AREAS)
    assert data is not None
    assert data.period == "2020"
    assert [(r.label, r.value, r.rank) for r in data.rows] == [
        ("Area B", 60, 1),
        ("Area C", 55, 2),
        ("Area A", 45, 3),
    ]
    # D has a figure, but not for the latest period: it is named, not drawn
    assert data.missing == ("Area D",)
    assert (data.order, data.ranked) == (BEST, 3)


def test_lower_is_better_puts_the_lowest_first() -> None:
    fw = framework(
        [fig(2020, 30, "A"), fig(2020, 70, "B"), fig(2020, 50, "C")], measure("lower is better")
    )
    assert shown(fw) == [("A", 1), ("C", 2), ("B", 3)]


def test_no_direction_orders_highest_first_and_says_so() -> None:
    fw = framework([fig(2020, 30, "A"), fig(2020, 70, "B")], measure("no preferred direction"))
    ind = fw.indicators["ind"]
    data = map_data(fw, ind, ind.measures[0], AREAS)
    assert data is not None and data.order == HIGHEST
    assert shown(fw) == [("B", 1), ("A", 2)]


def test_ties_at_the_shown_places_share_the_better_rank_and_sort_by_name() -> None:
    # 60.01 and 60.04 both show as 60.0
    fw = framework([fig(2020, 60.04, "B"), fig(2020, 60.01, "A"), fig(2020, 40, "C")])
    assert shown(fw) == [("A", 1), ("B", 1), ("C", 3)]


def test_flagged_figures_are_ranked_and_suspect_ones_listed_last_unranked() -> None:
    fw = framework(
        [
            fig(2020, 30, "A", flag="provisional"),
            fig(2020, 90, "B", flag=SUSPECT),
            fig(2020, 50, "C"),
        ]
    )
    ind = fw.indicators["ind"]
    data = map_data(fw, ind, ind.measures[0], AREAS)
    assert data is not None
    assert shown(fw) == [("C", 1), ("A", 2), ("B", None)]
    assert [(r.code, r.flag) for r in data.flagged] == [("A", "provisional"), ("B", SUSPECT)]
    assert data.ranked == 2


def test_no_map_without_figures_by_place() -> None:
    fw = framework([fig(2020, 50)])
    ind = fw.indicators["ind"]
    assert map_data(fw, ind, ind.measures[0], AREAS) is None


def test_places_that_add_up_to_the_country_are_ordered_by_size_not_merit() -> None:
    # A count (30 + 20 + 50 = the country's 100): a larger place has more, so even with
    # "lower is better" the map lists the highest first and does not rank by merit.
    fw = framework(
        [fig(2020, 100), fig(2020, 30, "A"), fig(2020, 20, "B"), fig(2020, 50, "C")],
        measure("lower is better"),
    )
    ind = fw.indicators["ind"]
    data = map_data(fw, ind, ind.measures[0], AREAS)
    assert data is not None and data.total and data.order == HIGHEST
    assert shown(fw) == [("C", 1), ("A", 2), ("B", 3)]


def test_rates_do_not_add_up() -> None:
    fw = framework([fig(2020, 50), fig(2020, 40, "A"), fig(2020, 60, "B")])
    ind = fw.indicators["ind"]
    data = map_data(fw, ind, ind.measures[0], AREAS)
    assert data is not None and not data.total and data.order == BEST
