"""Pages say the results of analysis in the words of the message catalogue in use."""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterator

import pytest

from build_scripts import messages
from build_scripts.charts.plan import plan_charts
from build_scripts.config import default_project
from build_scripts.messages import use
from build_scripts.pages import render_pages
from build_scripts.pages.render import words

from ..messages.test_catalogue import pseudo
from .conftest import BUILD_DATE, FIXTURE, SVG, Site
from .test_pages import GOLDEN_PAGES


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


# BibTeX and CSL-JSON (in <pre>, "Cite this") are formats: their field names are no
# language's words.
# Code (the embed snippet in a <pre>) is not prose either.
TAG_OR_SCRIPT = re.compile(r"<script\b.*?</script>|<svg\b.*?</svg>|<pre\b.*?</pre>|<[^>]*>", re.S)
LINK_TARGET = re.compile(r"\]\([^)]*\)|\{#[^}]*\}")
WORD = re.compile(r"[A-Za-z]*[a-z][A-Za-z]*")
FRONT_KEY = re.compile(r"^ *[a-z_]+:", re.M)
# Paths in the site (a citation's address, the chart image of the front matter) are not
# words.
SITE_PATH = re.compile(r"\b[\w-]+/[\w./-]+\.(?:html|png)\b")


def _strings(value: object) -> Iterator[str]:
    """Every string in a parsed JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _data_strings() -> list[str]:
    """Every string the fixture's packages and the project's configuration hold (names,
    titles, groups, flags, notes), longest first; and the same with a small or a capital
    first letter, as a name reads in mid-sentence or in a heading."""
    found: set[str] = set()
    for path in FIXTURE.rglob("*"):
        if path.suffix == ".json":
            found.update(_strings(json.loads(path.read_text(encoding="utf-8"))))
        elif path.suffix == ".csv":
            with path.open(encoding="utf-8", newline="") as f:
                found.update(c for row in csv.reader(f) for c in row)
    project = default_project()
    found.update(str(v) for v in words(project).values())
    found |= {s[:1].lower() + s[1:] for s in found} | {s[:1].upper() + s[1:] for s in found}
    return sorted((s for s in found if s.strip()), key=len, reverse=True)


def _english_left(page: str, data: list[str]) -> set[str]:
    """The words of ``page`` that are neither the catalogue's (pseudo-localised: in
    capitals) nor figures, dates or the packages' own text."""
    _, front, body = page.split("---\n", 2)  # the front matter's keys are not words
    page = SITE_PATH.sub(" ", FRONT_KEY.sub(" ", front) + body)
    text = html.unescape(LINK_TARGET.sub("]", TAG_OR_SCRIPT.sub(" ", page)))
    whole = "|".join(re.escape(s) for s in data)
    return set(WORD.findall(re.sub(rf"(?<!\w)(?:{whole})(?!\w)", " ", text)))


@pytest.fixture(scope="module")
def pseudo_pages(site: Site) -> dict[str, str]:
    """Every page, charts included, with a pseudo-localised catalogue."""
    with use(pseudo(messages.english())):
        charts = plan_charts(site.framework)  # chart titles and summaries are words too
        return render_pages(
            site.framework,
            site.assessments,
            charts,
            {c.id: SVG for c in charts},
            build_date=BUILD_DATE,
        )


@pytest.mark.parametrize("name", GOLDEN_PAGES)
def test_no_english_word_is_left_outside_the_catalogue(
    site: Site, pseudo_pages: dict[str, str], name: str
) -> None:
    """With a pseudo-localised catalogue (its words in capitals), every word of a page of
    each kind is the catalogue's, a figure, a date, or text of the data packages."""
    data = _data_strings()
    assert _english_left(pseudo_pages[name], data) == set()
    # the check can fail: the English page has words outside the packages
    assert _english_left(site.pages[name], data)
