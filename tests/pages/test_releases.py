"""The releases page and the status history on indicator pages (pages/releases.py),
from release records made up here for the test site's indicators: shown only once there
is a release, phrased from the records, names and reasons escaped."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markdown import markdown

from build_scripts.pages import render_pages
from build_scripts.release import Compared, IndicatorRecord, Release
from tests.golden_files import check_text
from tests.pages.conftest import BUILD_DATE, Site
from tests.pages.test_pages import GOLDEN

GOLDEN_RELEASE_PAGES = ["data/releases.md"]
"""The pages of a release's kinds with golden copies (the made-up releases below)."""

HOSTILE = "<script>alert(1)</script> & *stars*"


def made_up(site: Site) -> tuple[str, tuple[Release, ...]]:
    slug = next(s for s, i in sorted(site.framework.indicators.items()) if i.figures)
    title = site.framework.indicators[slug].title

    def one(status: str, reason: str) -> dict[str, IndicatorRecord]:
        compared = (Compared("2018", 1.0), Compared("2019", 2.0))
        return {slug: IndicatorRecord(slug, title, status, "last-two", "a rule", reason, compared)}

    first = Release("2026.1", "2026-01-15", None, None, one("Maintaining", "It held."))
    changes = {
        "added_indicators": [],
        "removed_indicators": ["gone"],
        "retired_indicators": [slug],
        "renamed_indicators": {"old-name": slug},
        "new_periods": {slug: ["2019"]},
        "changed_statuses": {slug: {"from": "Maintaining", "to": "Improving"}},
    }
    second = Release("2026.2", "2026-03-01", "2026.1", changes, one("Improving", HOSTILE))
    return slug, (first, second)


def rendered(site: Site, releases: tuple[Release, ...]) -> dict[str, str]:
    return render_pages(
        site.framework,
        site.assessments,
        site.charts,
        site.svgs,
        build_date=BUILD_DATE,
        releases=releases,
    )


def html(page: str) -> BeautifulSoup:
    body = page.split("---\n", 2)[2]
    return BeautifulSoup(markdown(body, extensions=["attr_list", "md_in_html"]), "html.parser")


def test_no_release_no_releases_page_and_no_history(site: Site) -> None:
    assert "data/releases.md" not in site.pages
    assert not any("Status history" in text for text in site.pages.values())
    assert "releases.html" not in site.pages["data/index.md"]


def test_the_releases_page_and_history_once_released(site: Site) -> None:
    slug, releases = made_up(site)
    pages = rendered(site, releases)
    listing = html(pages["data/releases.md"]).get_text(" ", strip=True)
    assert listing.index("2026.2 (latest)") < listing.index("2026.1")
    title = site.framework.indicators[slug].title
    assert f"{title}: maintaining to improving." in listing
    assert "1 National Indicator removed: gone." in listing
    assert (
        "1 National Indicator retired by a revision of the framework (kept, with its data): "
        f"{title}."
    ) in listing
    assert (
        f"1 National Indicator renamed by a revision of the framework: old-name (now {title}) "
        "(the old address leads to the new)."
    ) in listing
    assert "The first release." in listing
    assert "releases.html" in pages["data/index.md"]
    page = pages[f"indicators/{slug}.md"]
    assert "feed: " in page.split("---\n", 2)[1]  # its own feed, for the page's head
    assert "<script>" not in page
    text = html(page).get_text(" ", strip=True)
    assert "Improving since the 2026.2 release; was maintaining." in text
    assert f"Release 2026.2 (1 March 2026): Maintaining to improving. {HOSTILE}" in text
    assert "Release 2026.1 (15 January 2026): Maintaining. It held. The rule: a rule" in text
    others = [p for p in pages if p.startswith("indicators/") and p != f"indicators/{slug}.md"]
    assert all("Status history" not in pages[p] for p in others)


@pytest.mark.golden
@pytest.mark.parametrize("name", GOLDEN_RELEASE_PAGES)
def test_golden_release_pages(site: Site, name: str) -> None:
    _, releases = made_up(site)
    check_text(GOLDEN / name.replace("/", "__"), rendered(site, releases)[name])
