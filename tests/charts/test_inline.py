"""Inline trend lines: coordinates inside their box, the latest point marked."""

from __future__ import annotations

from build_scripts.charts.inline import HEIGHT, PAD, WIDTH, trendline


def coordinates(points: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in points.split())]


def test_a_line_fills_its_box_highest_at_the_top() -> None:
    line = trendline([10.0, 30.0, 20.0])
    assert line is not None
    found = coordinates(line.points)
    assert found == [(PAD, HEIGHT - PAD), (WIDTH / 2, PAD), (WIDTH - PAD, HEIGHT / 2)]
    assert (float(line.x), float(line.y)) == found[-1]


def test_a_flat_line_sits_in_the_middle() -> None:
    line = trendline([5.0, 5.0])
    assert line is not None
    assert {y for _, y in coordinates(line.points)} == {HEIGHT / 2}


def test_one_figure_makes_no_line() -> None:
    assert trendline([5.0]) is None
    assert trendline([]) is None
