"""The chart a reader chooses on an indicator page (issue 10), in headless Chromium over
http and from file://: choosing a breakdown and groups changes the chart and the table,
the choice survives a reload from the URL fragment, it works by keyboard, and nothing
is fetched from elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from tests.site.test_browser import Visit, _focused, _vega_requests, axe_problems, visit

__all__ = ["visit"]  # the fixture, imported for the tests here

# A measure with a breakdown by council area (bars; a row per area in its table) and one
# by urban/rural class (lines; a column per class).
PAGE = "indicators/access-to-superfast-broadband.html"
MEASURE = "superfast-available"


def choice(page: Any) -> Any:
    return page.locator(f'.npf-choice[data-measure="{MEASURE}"]')


def state(page: Any) -> dict[str, Any]:
    """What the view shows: the chosen breakdown, the ticked groups, the status line,
    the chart (its static image, or the groups Vega drew in its legend or axis) and the
    groups of the table (its shown rows' headers, or its shown columns' headers)."""
    return dict(
        page.evaluate(
            """(measure) => {
              const c = document.querySelector(`.npf-choice[data-measure="${measure}"]`);
              const shown = el => !el.hidden && el.getClientRects().length > 0;
              const view = c.querySelector('.npf-choice__view');
              const radio = c.querySelector('input[type=radio]:checked');
              const table = view.querySelector('table');
              const layout = radio.dataset.layout;
              const cells = !table ? [] : layout === 'rows'
                ? Array.from(table.querySelectorAll('tbody tr'), tr => tr).filter(shown)
                    .map(tr => tr.querySelector('th').textContent.trim())
                : Array.from(table.querySelectorAll('thead th')).slice(1).filter(shown)
                    .map(th => th.textContent.trim());
              const img = view.querySelector('.npf-chart__static img');
              const drawn = view.querySelector('.npf-chart__interactive svg');
              return {
                breakdown: radio.value,
                ticked: Array.from(c.querySelectorAll('.npf-choice__boxes input:checked'),
                                   b => b.value),
                boxes: c.querySelectorAll('.npf-choice__boxes input').length,
                status: c.querySelector('.npf-choice__status').textContent,
                image: img && shown(img) ? img.getAttribute('src') : null,
                drawn: drawn ? Array.from(drawn.querySelectorAll('text'), t => t.textContent)
                               : null,
                table: cells,
              };
            }""",
            MEASURE,
        )
    )


def wait_drawn(page: Any) -> None:
    choice(page).locator(".npf-choice__view .npf-chart__interactive svg").wait_for(timeout=15000)


def test_the_choice_is_hidden_without_javascript_and_every_breakdown_stays(site: Path) -> None:
    soup = BeautifulSoup((site / PAGE).read_text(encoding="utf-8"), "html.parser")
    form = soup.select_one(f'.npf-choice[data-measure="{MEASURE}"]')
    assert form is not None and form.has_attr("hidden")
    radios = form.select("input[type=radio]")
    assert [r["value"] for r in radios] == ["council-area", "urban-rural"]
    for radio in radios:  # each names its breakdown's <details>, which has chart and table
        heading = soup.find(id=radio["data-target"])
        assert heading is not None
        details = heading.find_parent("details")
        assert details is not None and not details.has_attr("open")
        assert details.find("figure") is not None and details.find("table") is not None
    assert form.fieldset is not None and form.fieldset.legend is not None


def test_choosing_a_breakdown_and_groups_changes_chart_and_table(visit: Visit) -> None:
    page = visit.open(PAGE)
    first = state(page)
    # the default: the first breakdown, every group ticked, its static SVG, no Vega
    assert first["breakdown"] == "council-area"
    assert first["boxes"] == len(first["ticked"]) == len(first["table"]) == 32
    assert "Showing 32 of 32 groups" in first["status"]
    assert first["image"].endswith("--superfast-available--council-area.svg")
    assert _vega_requests(visit) == []

    # fewer council areas: Vega draws only those, and the table shows only their rows
    boxes = choice(page).locator(".npf-choice__boxes input")
    choice(page).locator(".npf-choice__none").click()
    assert "No group chosen" in state(page)["status"]
    boxes.nth(0).check()
    boxes.nth(5).check()
    wait_drawn(page)
    two = state(page)
    assert len(two["ticked"]) == 2 and two["table"] == two["ticked"]
    assert "Showing 2 of 32 groups" in two["status"]
    assert all(name in two["drawn"] for name in two["ticked"])
    left_out = [b for b in first["ticked"] if b not in two["ticked"]]
    assert not any(name in two["drawn"] for name in left_out)
    assert two["image"] is None  # the drawn chart replaced the static one
    caption = choice(page).locator(".npf-choice__view figcaption").inner_text()
    assert caption.startswith(f"Drawn for {', '.join(two['ticked'])} only. Of all 32 groups:")

    # another breakdown: its own groups and its static chart, then one class left out
    choice(page).locator('input[value="urban-rural"]').check()
    lines = state(page)
    assert lines["breakdown"] == "urban-rural"
    assert lines["image"].endswith("--superfast-available--urban-rural.svg")
    assert lines["table"] == lines["ticked"] and len(lines["ticked"]) >= 2
    choice(page).locator(".npf-choice__boxes input").first.uncheck()
    wait_drawn(page)
    fewer = state(page)
    assert fewer["table"] == lines["ticked"][1:]
    assert lines["ticked"][0] not in fewer["drawn"]

    # the choice is in the URL; a reload shows the same view
    fragment = unquote(urlparse(page.url).fragment)
    assert fragment == f"chart={MEASURE}:urban-rural:" + ",".join(fewer["ticked"])
    page.reload()
    page.wait_for_load_state("load")
    wait_drawn(page)
    again = state(page)
    assert {k: again[k] for k in ("breakdown", "ticked", "table", "status")} == {
        k: fewer[k] for k in ("breakdown", "ticked", "table", "status")
    }
    assert visit.errors == []
    assert visit.outside() == []


@pytest.mark.parametrize(
    "fragment",
    [
        "#chart=nothing-here:council-area:x",
        f"#chart={MEASURE}:no-such-breakdown:Glasgow%20City",
        f"#chart={MEASURE}:urban-rural:Not%20a%20group",
        f"#chart={MEASURE}:urban-rural:%E0%A4%A",  # not UTF-8
        f"#chart={MEASURE}",
        "#chart=:::",
    ],
)
def test_a_fragment_that_names_nothing_falls_back_to_the_default(
    browser: Any, server: str, fragment: str
) -> None:
    v = Visit(browser, server)
    page = v.open(PAGE + fragment)
    shown = state(page)
    assert shown["breakdown"] in ("council-area", "urban-rural")
    assert len(shown["ticked"]) == shown["boxes"] == len(shown["table"])
    assert v.errors == []
    v.context.close()


def test_a_shared_link_opens_the_same_view(browser: Any, server: str) -> None:
    """A fragment written by hand (as a reader would share it) chooses the breakdown
    and the groups it names, leaving out those it does not know."""
    v = Visit(browser, server)
    groups = ",".join(quote(g, safe="") for g in ("Glasgow City", "Orkney Islands", "Atlantis"))
    page = v.open(f"{PAGE}#chart={MEASURE}:council-area:{groups}")
    wait_drawn(page)
    shown = state(page)
    assert shown["ticked"] == ["Glasgow City", "Orkney Islands"]
    assert shown["table"] == ["Glasgow City", "Orkney Islands"]
    assert v.errors == []
    v.context.close()


def test_the_choice_works_by_keyboard(browser: Any, server: str) -> None:
    """Tab reaches the breakdowns (arrow keys choose among them), the buttons and each
    group's box (Space ticks it), each with a visible focus indicator."""
    v = Visit(browser, server)
    page = v.open(PAGE)
    seen: dict[str, dict[str, Any]] = {}
    for _ in range(300):
        page.keyboard.press("Tab")
        now = page.evaluate(
            """() => {
              const el = document.activeElement;
              return {inChoice: !!el.closest('.npf-choice'), type: el.type || el.tagName,
                      value: el.value || ''};
            }"""
        )
        if now["inChoice"] and now["type"] == "radio":
            seen["radio"] = _focused(page)
            page.keyboard.press("ArrowRight")  # the next breakdown
            assert state(page)["breakdown"] == "urban-rural"
        elif now["inChoice"] and now["type"] == "checkbox":
            seen["box"] = _focused(page)
            page.keyboard.press("Space")
            break
    assert set(seen) == {"radio", "box"}, seen
    for kind, focus in seen.items():
        assert focus["outline"] or focus["shadow"], f"no visible focus on the {kind}: {focus}"
    wait_drawn(page)
    shown = state(page)
    assert len(shown["ticked"]) == shown["boxes"] - 1
    assert len(shown["table"]) == len(shown["ticked"])
    assert v.errors == []
    v.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_no_axe_violations_with_a_chosen_chart(browser: Any, server: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{server}/{PAGE}#chart={MEASURE}:council-area:Glasgow%20City,Fife")
    page.wait_for_load_state("load")
    wait_drawn(page)
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    problems = axe_problems(page)
    context.close()
    assert scrolled <= width
    assert problems == []


def test_the_default_view_can_be_explored_like_any_chart(visit: Visit) -> None:
    """The default view is the breakdown's static SVG with its own "Explore this chart",
    which draws it with Vega (loaded then) in the view, not in the <details> below."""
    page = visit.open(PAGE)
    view = choice(page).locator(".npf-choice__view")
    view.locator(".npf-chart__explore").click()
    wait_drawn(page)
    assert len(_vega_requests(visit)) == 1
    assert state(page)["image"] is None
    closed = page.locator("details.npf-breakdown .npf-chart__interactive")
    assert closed.count() == 0
    assert visit.errors == []
    assert visit.outside() == []
