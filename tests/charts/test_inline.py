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


def test_a_reference_line_shares_the_scale_and_skips_missing_figures() -> None:
    line = trendline([10.0, 20.0, 30.0], [40.0, None, 0.0])
    assert line is not None
    # The box spans 0 to 40 now: the place's line no longer fills it.
    assert coordinates(line.points)[0][1] == HEIGHT - PAD - (HEIGHT - 2 * PAD) / 4
    assert coordinates(line.reference) == [(PAD, PAD), (WIDTH - PAD, HEIGHT - PAD)]


def test_a_reference_with_one_figure_draws_nothing_and_leaves_the_scale() -> None:
    line = trendline([10.0, 30.0], [100.0, None])
    assert line is not None
    assert line.reference == ""
    assert {y for _, y in coordinates(line.points)} == {PAD, HEIGHT - PAD}
