"""Embeddable chart pages (``embed``) in the built site: every one's image and link back
resolve; every headline and breakdown chart of an indicator page gives the snippet of its
own embed page; and in headless Chromium a snippet from an indicator page (a headline
chart's, a breakdown chart's), pasted into a page on a second origin, shows the chart
with its source, licence and link back, sizes its frame from the height the embed page
posts, draws it with the site's own Vega when asked ("Explore this chart"), asks nothing
of any other site and passes axe."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from tests.site.conftest import SITE_URL, _Quiet
from tests.site.test_browser import Visit, axe_problems

# An indicator page and which of its snippets to paste: under the headline (line)
# chart, and under a breakdown's (bar) chart.
SNIPPETS = {
    "headline": (
        "indicators/access-to-justice.html",
        "access-to-justice--confident-of-access--total",
    ),
    "breakdown": (
        "indicators/access-to-superfast-broadband.html",
        "access-to-superfast-broadband--superfast-available--council-area",
    ),
}


def test_every_embed_page_links_to_files_in_the_site(site: Path) -> None:
    pages = sorted((site / "embed").glob("*.html"))
    assert len(pages) > 100
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        img = soup.find("img")
        assert (page.parent / img["src"]).resolve().is_file(), page.name
        back = soup.find_all("a")[-1]["href"]
        # the session's site is built for SITE_URL: the link back is absolute
        assert back.startswith(SITE_URL), page.name
        assert (site / back.removeprefix(SITE_URL)).is_file(), page.name
        # nothing the page loads comes from elsewhere (links out: sources, licence)
        loaded = [t["src"] for t in soup.find_all(src=True)]
        assert all(not urlparse(u).netloc for u in loaded), page.name
        assert all((page.parent / u).resolve().is_file() for u in loaded), page.name
    # an embed page is no page of the site's: not in its search index or sitemap
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "embed/" not in index and "npf-embed-height" not in index
    assert "embed/" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def snippets(page: Path) -> list[tuple[str, BeautifulSoup]]:
    """The embed snippets of a page, in order: each as its code, and parsed."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    codes = [c.get_text() for c in soup.select(".npf-embed-snippet pre code")]
    return [(c, BeautifulSoup(c, "html.parser")) for c in codes]


def test_every_indicator_chart_but_maps_gives_the_snippet_of_its_embed_page(site: Path) -> None:
    """Under each headline and breakdown chart of every indicator page, in the page's
    order, the snippet framing that chart's own embed page; and every embed page is
    framed by some page's snippet."""
    framed = []
    for page in sorted((site / "indicators").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        charts = [
            f["id"].removeprefix("chart-")
            for f in soup.find_all("figure", class_="npf-chart")
            if not f["id"].endswith("--map")
        ]
        found = snippets(page)
        assert [s.iframe["data-npf-embed"] for _, s in found] == charts, page.name
        for _, parsed in found:
            chart = parsed.iframe["data-npf-embed"]
            assert parsed.iframe["src"] == f"{SITE_URL}embed/{chart}.html"
            embed = site / "embed" / f"{chart}.html"
            assert embed.is_file(), chart
            title = BeautifulSoup(embed.read_text(encoding="utf-8"), "html.parser").h1
            assert parsed.iframe["title"] == title.get_text()
            assert int(parsed.iframe["height"]) > 220
            assert "npf-embed-height" in parsed.script.get_text()
        framed += charts
    assert len(framed) == len(set(framed)) > 300
    assert {p.stem for p in (site / "embed").glob("*.html")} == set(framed)


@pytest.fixture(params=sorted(SNIPPETS))
def host(request: Any, tmp_path: Path, site: Path, server: str) -> Iterator[str]:
    """A page on a second origin (another port) holding a snippet an indicator page
    gives (under its headline chart, or under a breakdown's), its address made the
    test server's."""
    page, chart = SNIPPETS[request.param]
    [code] = [c for c, s in snippets(site / page) if s.iframe["data-npf-embed"] == chart]
    # built for SITE_URL, the snippet gives the embed's address there: serve it here
    assert f'src="{SITE_URL}embed/' in code
    snippet = code.replace(f'src="{SITE_URL}embed/', f'src="{server}/embed/')
    (tmp_path / "host.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<link rel="icon" href="data:,"><title>A newspaper</title>'
        f"</head><body><main><h1>A story</h1>{snippet}</main></body></html>",
        encoding="utf-8",
    )
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_the_snippet_embeds_the_chart_from_another_origin(
    browser: Any, server: str, host: str
) -> None:
    assert urlparse(host).netloc != urlparse(server).netloc
    visit = Visit(browser, host)
    page = visit.open("host.html")
    frame = page.frame_locator("iframe")
    frame.locator("img").wait_for()
    embedded = next(f for f in page.frames if f.url.startswith(server))
    embedded.wait_for_load_state("load")
    # the chart is drawn: its SVG came from the site
    assert embedded.evaluate(
        "() => { const i = document.querySelector('img'); return i.complete && i.naturalWidth > 0 }"
    )
    assert "/charts/" in embedded.evaluate("() => document.querySelector('img').src")
    # the frame takes the height the page posts, and follows it when the table opens
    closed = embedded.evaluate("() => document.documentElement.scrollHeight")
    page.wait_for_function("h => +document.querySelector('iframe').height === h", arg=closed)
    embedded.locator("summary").click()
    opened = embedded.evaluate("() => document.documentElement.scrollHeight")
    assert opened > closed
    page.wait_for_function("h => +document.querySelector('iframe').height === h", arg=opened)
    # the frame shows the whole page: nothing left to scroll inside it
    assert embedded.evaluate("() => innerHeight >= document.documentElement.scrollHeight")
    assert embedded.locator("table tbody tr").count() > 0
    # it carries its source, licence and a link back to its indicator's page
    meta = embedded.locator(".npf-embed__meta").inner_text()
    assert "Source: " in meta and "Licence: Open Government Licence v3.0" in meta
    back = embedded.locator(".npf-embed__meta a").last.get_attribute("href")
    assert back.startswith(f"{SITE_URL}indicators/") and back.endswith(".html")
    # "Explore this chart" draws it with the site's own Vega, and the frame follows
    explore = embedded.locator(".npf-chart__explore")
    explore.click()
    embedded.wait_for_selector("figure[data-chart-ready=interactive] .npf-chart__interactive svg")
    assert embedded.locator(".npf-chart__static").is_hidden()
    drawn = embedded.evaluate("() => document.documentElement.scrollHeight")
    page.wait_for_function("h => +document.querySelector('iframe').height === h", arg=drawn)
    assert any(u.startswith(f"{server}/assets/javascripts/vega.js") for u in visit.requests)
    origins = {urlparse(u).netloc for u in visit.requests}
    assert origins == {urlparse(host).netloc, urlparse(server).netloc}
    assert visit.errors == []
    assert axe_problems(embedded) == []
    visit.context.close()
