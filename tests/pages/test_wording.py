"""Pages say the results of analysis in the words of the message catalogue in use."""

from __future__ import annotations

from build_scripts import messages
from build_scripts.messages import use
from build_scripts.pages import render_pages

from ..messages.test_catalogue import pseudo
from .conftest import BUILD_DATE, SVG, Site


def test_pages_phrase_analysis_in_the_catalogue_in_use(site: Site) -> None:
    with use(pseudo(messages.english())):
        pages = render_pages(
            site.framework,
            site.assessments,
            site.charts,
            {c.id: SVG for c in site.charts},
            build_date=BUILD_DATE,
        )
    name = "indicators/healthy-life-expectancy.md"
    english, other = site.pages[name], pages[name]
    why = next(line for line in english.splitlines() if line.startswith("**Why:**"))
    assert why not in other
    assert why.upper() in other.upper()
    assert "THE LATEST FIGURE IS" in other
