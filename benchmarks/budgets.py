"""Weight budgets of the built site (issue 10): prints each measure, its budget, and
whether it passes.

    make benchmark-budgets     (or: .venv/bin/python benchmarks/budgets.py [--site site])

- The median indicator page's own HTML, gzipped: under 30 KB.
- A first visit to a page of each kind (home, outcome, indicator, area, characteristic,
  evidence): every response the browser fetches before the reader does anything (the
  page, its styles, scripts, fonts, icons and the images it shows), each body
  gzipped, summed: under 200 KB. Measured in headless Chromium (Debian's, through
  Playwright) over http on loopback, with an empty cache, at a phone's width (390 px)
  and a desktop's (1280 px); for each kind the median page and the largest (by its
  gzipped HTML).

Sizes, not timings: the same site gives the same figures on any machine. Gzip at
level 6, as a web server would send them. Without ``--site`` the default site is built
first into a temporary folder.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.pages import (
    CHROMIUM,
    KINDS,
    Page,
    build_site,
    gzipped,
    median_page,
    pages_of_kind,
    serve,
)

INDICATOR_PAGE_BUDGET = 30_000
FIRST_VISIT_BUDGET = 200_000
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
SETTLE_MS = 1500  # after "load", for what scripts fetch once the page is up


@dataclass(frozen=True)
class Fetched:
    url: str
    gzip: int


@dataclass(frozen=True)
class Visit:
    page: Page
    width: str
    fetched: tuple[Fetched, ...]

    @property
    def gzip(self) -> int:
        return sum(f.gzip for f in self.fetched)


@dataclass(frozen=True)
class Verdict:
    what: str
    measured: int
    budget: int

    @property
    def passes(self) -> bool:
        return self.measured < self.budget


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def verdict_line(v: Verdict) -> str:
    mark = "pass" if v.passes else "FAIL"
    return f"{mark}  {v.what}: {kb(v.measured)} (budget {kb(v.budget)})"


def pages_to_visit(site: Path) -> list[Page]:
    """For each kind, its median page and its largest (one page if they are the same)."""
    chosen: list[Page] = []
    for kind in KINDS:
        pages = pages_of_kind(site, kind)
        for page in (median_page(pages), pages[-1]):
            if page not in chosen:
                chosen.append(page)
    return chosen


def first_visit(browser: Any, base: str, page: Page, width: str) -> Visit:
    """Open ``page`` in a fresh context (empty cache) and gzip every response body."""
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h})
    responses: list[Any] = []
    context.on("response", lambda r: responses.append(r))
    tab = context.new_page()
    tab.goto(f"{base}/{page.path}", wait_until="load")
    tab.wait_for_timeout(SETTLE_MS)
    fetched = []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        fetched.append(Fetched(response.url.removeprefix(base + "/"), gzipped(body)))
    context.close()
    return Visit(page, width, tuple(fetched))


def visit_all(site: Path, pages: Iterable[Page]) -> list[Visit]:
    from playwright.sync_api import sync_playwright

    visits = []
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        for page in pages:
            for width in WIDTHS:
                visits.append(first_visit(browser, base, page, width))
        browser.close()
    return visits


def verdicts(site: Path, visits: list[Visit]) -> list[Verdict]:
    indicator = median_page(pages_of_kind(site, "indicator"))
    found = [
        Verdict(
            f"median indicator page's HTML ({indicator.path})",
            indicator.gzip,
            INDICATOR_PAGE_BUDGET,
        )
    ]
    for visit in visits:
        what = f"first visit, {visit.page.kind} ({visit.page.path}, {visit.width})"
        found.append(Verdict(what, visit.gzip, FIRST_VISIT_BUDGET))
    return found


def report(site: Path, visits: list[Visit], detail: bool, out: Callable[[str], None]) -> bool:
    """Print every measure and its verdict (and with ``detail`` what each visit fetched,
    largest first); True when every budget passes."""
    found = verdicts(site, visits)
    for v in found:
        out(verdict_line(v))
    if detail:
        for visit in visits:
            out(f"\n{visit.page.path} ({visit.width}): {kb(visit.gzip)}")
            for f in sorted(visit.fetched, key=lambda f: -f.gzip):
                out(f"  {kb(f.gzip):>9}  {f.url}")
    failed = sum(not v.passes for v in found)
    out(f"\n{len(found) - failed} of {len(found)} budgets pass")
    return failed == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    parser.add_argument("--detail", action="store_true", help="list what each visit fetched")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        ok = report(site, visit_all(site, pages_to_visit(site)), args.detail, print)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
