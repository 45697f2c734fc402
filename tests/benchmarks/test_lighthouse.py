"""Reading Lighthouse's JSON report (the runs themselves are the benchmark's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.lighthouse import (
    Result,
    loss_lines,
    median_scores,
    pages_to_score,
    read_report,
    report,
    score_line,
)


def lighthouse_report(performance: float) -> dict[str, Any]:
    """The parts of a Lighthouse report the benchmark reads."""
    refs = [{"id": "first-contentful-paint", "weight": 10}, {"id": "network-requests", "weight": 0}]
    return {
        "categories": {
            "performance": {"score": performance, "auditRefs": refs},
            "accessibility": {"score": 1, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
            "best-practices": {
                "score": 0.96,
                "auditRefs": [{"id": "errors-in-console", "weight": 1}],
            },
            "seo": {"score": 1, "auditRefs": [{"id": "first-contentful-paint", "weight": 1}]},
        },
        "audits": {
            "first-contentful-paint": {"score": 0.49, "displayValue": "3.0 s"},
            "network-requests": {"score": None},
            "color-contrast": {"score": 1},
            "errors-in-console": {"score": 0},
        },
    }


def test_read_report_gives_scores_and_the_weighted_audits_that_cost_points() -> None:
    result = read_report(lighthouse_report(0.88))
    assert result.scores == {
        "performance": 88,
        "accessibility": 100,
        "best-practices": 96,
        "seo": 100,
    }
    assert result.losses == (("first-contentful-paint", 49, "3.0 s"), ("errors-in-console", 0, ""))


def test_median_of_runs_and_the_line_printed() -> None:
    runs = [read_report(lighthouse_report(p)) for p in (0.9, 0.99, 0.97)]
    scores = median_scores(runs)
    assert scores["performance"] == 97
    assert score_line("index.html", scores) == (
        "pass  index.html: performance 97, accessibility 100, best-practices 96, seo 100"
    )
    low = {**scores, "performance": 88}
    assert score_line("index.html", low).startswith("FAIL  index.html: performance 88 (under 95)")


def test_report_fails_when_any_page_is_under_95() -> None:
    good = Result({"performance": 99, "accessibility": 100, "best-practices": 100, "seo": 100}, ())
    bad = Result({**good.scores, "seo": 90}, (("meta-description", 0, ""),))
    lines: list[str] = []
    assert report({"index.html": [good]}, lines.append)
    assert not report({"index.html": [good], "areas/x.html": [bad]}, lines.append)
    assert "      meta-description: 0" in lines


def test_loss_lines_give_each_runs_score_of_an_audit() -> None:
    runs = [read_report(lighthouse_report(p)) for p in (0.9, 0.99)]
    clean = Result(runs[0].scores, ())
    assert loss_lines([runs[0], clean]) == [
        "      errors-in-console: 0, 100",
        "      first-contentful-paint: 49, 100 (3.0 s)",
    ]


def test_pages_to_score_are_the_median_of_each_kind_and_the_largest_indicator(
    tmp_path: Path,
) -> None:
    for folder, sizes in {"outcomes": 3, "indicators": 3, "areas": 1}.items():
        (tmp_path / folder).mkdir()
        for n in range(1, sizes + 1):
            (tmp_path / folder / f"p{n}.html").write_text("word " * 10 + str(7 ** (n * 40)))
    (tmp_path / "index.html").write_text("home")
    assert pages_to_score(tmp_path) == [
        "index.html",
        "outcomes/p2.html",
        "indicators/p2.html",
        "areas/p1.html",
        "indicators/p3.html",
    ]
