"""Lighthouse scores of the built site (issue 10): performance, accessibility, best
practices and SEO on a phone, for the home page, an outcome, an indicator and an area
(the median page of each kind), and the largest indicator page.

    make benchmark-lighthouse
    (or: .venv/bin/python benchmarks/lighthouse.py [--site site] [--runs 3])

Lighthouse (pinned in package.json, run by Node) drives Debian's chromium
(CHROME_PATH=/usr/bin/chromium) with its default mobile settings: an emulated phone on
a slow 4G network, with simulated throttling. The site is served on loopback, gzipped
as a web server would (benchmarks/pages.py). Each page's median scores of ``--runs``
runs are printed with the 95 each must reach, and the audits that cost points. Timings,
and so the performance score, move with the load of the machine: on a shared machine
take the median of a few runs. Without ``--site`` the default site is built first.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.pages import (
    CHROMIUM,
    ROOT,
    build_site,
    median_page,
    pages_of_kind,
    serve,
)

LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95
KINDS = ("home", "outcome", "indicator", "area")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


@dataclass(frozen=True)
class Result:
    """One Lighthouse run: each category's score (0 to 100) and the audits that cost
    points (id, score 0 to 100, Lighthouse's figure such as "3.0 s")."""

    scores: dict[str, int]
    losses: tuple[tuple[str, int, str], ...]


def read_report(report: dict[str, Any]) -> Result:
    """The scores and the weighted audits below full marks of a Lighthouse JSON report."""
    scores: dict[str, int] = {}
    losses: list[tuple[str, int, str]] = []
    seen: set[str] = set()
    for name, category in report["categories"].items():
        scores[name] = round((category["score"] or 0) * 100)
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            costs = ref.get("weight", 0) > 0 and score is not None and score < 1
            if costs and ref["id"] not in seen:
                seen.add(ref["id"])
                losses.append((ref["id"], round(score * 100), audit.get("displayValue", "")))
    return Result(scores, tuple(losses))


def median_scores(results: list[Result]) -> dict[str, int]:
    return {c: round(statistics.median(r.scores.get(c, 0) for r in results)) for c in CATEGORIES}


def score_line(path: str, scores: dict[str, int]) -> str:
    parts = [
        f"{c} {scores[c]}" + ("" if scores[c] >= TARGET else f" (under {TARGET})")
        for c in CATEGORIES
    ]
    mark = "pass" if all(scores[c] >= TARGET for c in CATEGORIES) else "FAIL"
    return f"{mark}  {path}: " + ", ".join(parts)


def run_lighthouse(url: str, folder: Path) -> Result:
    out = folder / "report.json"
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)},
    )
    return read_report(json.loads(out.read_text(encoding="utf-8")))


def pages_to_score(site: Path) -> list[str]:
    """The median page of each kind (by its gzipped HTML), and the largest indicator
    page (the one with the most breakdowns)."""
    pages = [median_page(pages_of_kind(site, kind)).path for kind in KINDS]
    largest = pages_of_kind(site, "indicator")[-1].path
    return pages + ([largest] if largest not in pages else [])


def loss_lines(runs: list[Result]) -> list[str]:
    """One line per audit that cost points in any run: its score in each run (100 where
    it cost none) and Lighthouse's figures, such as "1.8 s"."""
    audits = sorted({audit for r in runs for audit, _, _ in r.losses})
    lines = []
    for audit in audits:
        found = [{a: (score, shown) for a, score, shown in r.losses}.get(audit) for r in runs]
        scores = ", ".join(str(f[0]) if f else "100" for f in found)
        shown = ", ".join(f[1] for f in found if f and f[1])
        lines.append(f"      {audit}: {scores}" + (f" ({shown})" if shown else ""))
    return lines


def report(results: dict[str, list[Result]], out: Callable[[str], None]) -> bool:
    """Print each page's median scores (and each run's, if more than one) and the audits
    that cost points; True when every page reaches the target in every category."""
    ok = True
    for path, runs in results.items():
        scores = median_scores(runs)
        ok = ok and all(scores[c] >= TARGET for c in CATEGORIES)
        out(score_line(path, scores))
        if len(runs) > 1:
            for c in CATEGORIES:
                out(f"      {c}, each run: " + ", ".join(str(r.scores.get(c, 0)) for r in runs))
        for line in loss_lines(runs):
            out(line)
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page (median)")
    args = parser.parse_args()
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `make deps`")
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        results: dict[str, list[Result]] = {}
        with serve(site) as base:
            for path in pages_to_score(site):
                results[path] = [
                    run_lighthouse(f"{base}/{path}", Path(tmp)) for _ in range(max(1, args.runs))
                ]
        ok = report(results, print)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
