"""The weight budgets' verdicts and report (the browser part runs only as a benchmark)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.budgets import (
    FIRST_VISIT_BUDGET,
    Fetched,
    Verdict,
    Visit,
    pages_to_visit,
    report,
    verdict_line,
)
from benchmarks.pages import KINDS, Page


def test_a_verdict_passes_only_under_its_budget() -> None:
    assert Verdict("x", 29_999, 30_000).passes
    assert not Verdict("x", 30_000, 30_000).passes
    assert verdict_line(Verdict("x", 31_000, 30_000)) == "FAIL  x: 31.0 KB (budget 30.0 KB)"
    assert verdict_line(Verdict("x", 1_500, 30_000)) == "pass  x: 1.5 KB (budget 30.0 KB)"


def site_of_every_kind(site: Path) -> None:
    for folder in KINDS.values():
        for n in (1, 2, 3):
            path = site / (folder or ".") / ("index.html" if not folder else f"p{n}.html")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                "page " * (100 * n) + "".join(map(str, range(50 * n))), encoding="utf-8"
            )


def test_pages_to_visit_are_the_median_and_largest_of_each_kind(tmp_path: Path) -> None:
    site_of_every_kind(tmp_path)
    chosen = [p.path for p in pages_to_visit(tmp_path)]
    assert chosen[0] == "index.html"
    assert chosen[1:3] == ["outcomes/p2.html", "outcomes/p3.html"]
    assert len(chosen) == 1 + 2 * (len(KINDS) - 1)


def test_report_sums_each_visit_and_says_which_budgets_fail(tmp_path: Path) -> None:
    site_of_every_kind(tmp_path)
    light = Visit(Page("home", "index.html", 1), "phone", (Fetched("index.html", 5_000),))
    heavy = Visit(
        Page("area", "areas/p3.html", 1),
        "desktop",
        (Fetched("areas/p3.html", 5_000), Fetched("big.js", FIRST_VISIT_BUDGET)),
    )
    lines: list[str] = []
    assert report(tmp_path, [light], True, lines.append)
    lines.clear()
    assert not report(tmp_path, [light, heavy], True, lines.append)
    assert lines[1] == "pass  first visit, home (index.html, phone): 5.0 KB (budget 200.0 KB)"
    assert lines[2].startswith("FAIL  first visit, area (areas/p3.html, desktop): 205.0 KB")
    assert lines[-1] == "\n2 of 3 budgets pass"
    assert lines.index("   200.0 KB  big.js") < lines.index("     5.0 KB  areas/p3.html")
