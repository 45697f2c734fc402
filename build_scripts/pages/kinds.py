"""The kinds of generated page: one list that the page writer and the navigation read.

Each kind is a template, a URL (a path under docs, or a pattern with ``{slug}`` for a
kind with a page per thing), its section in the site's navigation (for the kinds with
one page: the section's title is the catalogue's ``nav.<section>``, in the project's
words, which ``mkdocs.yml`` reads from ``NPF_NAV_<SECTION>``) and the function that
gives each of its pages' template context.

A kind may also carry a search boost (``search_boost``): the template's front matter
gives it to Material's search as the page's ``search: boost:``, which multiplies the
score of every entry of the page in the search index (lunr's document boost). Outcome,
target and indicator pages are what most readers look for by name ("poverty"), so they
rank above the 300 equality evidence datasets whose titles share the word (a target
between its outcome and its indicators); evidence pages rank a little lower still.

``mkdocs.yml`` keeps its ``nav`` and ``not_in_nav`` as written, so the site builds with
any MkDocs-compatible builder and reads as plain configuration; ``tests/pages`` fails
when they disagree with this list (``nav_entries``, ``not_in_nav_patterns``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from build_scripts import urls
from build_scripts.messages import message
from build_scripts.pages import (
    areas,
    data,
    equality,
    home,
    indicators,
    outcomes,
    releases,
    targets,
)
from build_scripts.pages.context import Context

# (slug, what makes the template context) of each page of a kind; the slug is "" for a
# kind of one page. Contexts are made when a page is rendered, so the pages can be
# shared among processes (pages/__init__.py) without making every context in each.
MakeContext = Callable[[], dict[str, Any]]
Pages = Iterable[tuple[str, MakeContext]]


@dataclass(frozen=True)
class PageKind:
    name: str
    template: str
    url: str
    nav: str | None
    pages: Callable[[Context], Pages]
    search_boost: float | None = None
    # A kind with pages only once a release is recorded (``npf release``): none before.
    with_releases: bool = False
    # A kind with pages only in a framework with targets (``targets.csv``): none in one
    # without, such as the NPF.
    with_targets: bool = False

    @property
    def per_thing(self) -> bool:
        return "{slug}" in self.url

    def path(self, slug: str = "") -> str:
        return self.url.format(slug=slug) if self.per_thing else self.url


def _one(build: Callable[[Context], dict[str, Any]]) -> Callable[[Context], Pages]:
    return lambda ctx: [("", partial(build, ctx))]


# Search boosts (1 is an ordinary page): see the module's docstring. ``tests/site``
# checks the first results Material's search gives in a browser for "poverty".
OUTCOME_BOOST = 4.0
TARGET_BOOST = 3.5  # between its outcome and its indicators
INDICATOR_BOOST = 3.0
EVIDENCE_BOOST = 0.5

KINDS: tuple[PageKind, ...] = (
    PageKind("home", "home.md.j2", urls.HOME, "home", _one(home.home_page)),
    PageKind(
        "outcomes", "outcomes.md.j2", urls.OUTCOMES, "outcomes", _one(outcomes.outcomes_index)
    ),
    PageKind(
        "outcome",
        "outcome.md.j2",
        urls.OUTCOME,
        None,
        lambda ctx: [
            (o.slug, partial(outcomes.outcome_page, ctx, o)) for o in ctx.framework.outcomes
        ],
        search_boost=OUTCOME_BOOST,
    ),
    PageKind(
        "target",
        "target.md.j2",
        urls.TARGET,
        None,
        lambda ctx: [
            (t.slug, partial(targets.target_page, ctx, t)) for t in ctx.framework.targets.values()
        ],
        search_boost=TARGET_BOOST,
        with_targets=True,
    ),
    PageKind(
        "indicator",
        "indicator.md.j2",
        urls.INDICATOR,
        None,
        lambda ctx: [
            (i.slug, partial(indicators.indicator_page, ctx, i))
            for i in ctx.framework.indicators.values()
        ],
        search_boost=INDICATOR_BOOST,
    ),
    PageKind(
        "equality", "equality.md.j2", urls.EQUALITY, "equality", _one(equality.equality_index)
    ),
    PageKind(
        "characteristic",
        "characteristic.md.j2",
        urls.CHARACTERISTIC,
        None,
        lambda ctx: [
            (c.slug, partial(equality.characteristic_page, ctx, c))
            for c in equality.characteristics(ctx)
        ],
    ),
    PageKind(
        "evidence",
        "evidence.md.j2",
        urls.EVIDENCE,
        None,
        lambda ctx: [
            (d.slug, partial(equality.evidence_page, ctx, d)) for d in ctx.framework.evidence
        ],
        search_boost=EVIDENCE_BOOST,
    ),
    PageKind("areas", "areas.md.j2", urls.AREAS, "places", _one(areas.areas_index)),
    PageKind(
        "area",
        "area.md.j2",
        urls.AREA,
        None,
        lambda ctx: [(a.slug, partial(areas.area_page, ctx, a)) for a in areas.areas(ctx)],
    ),
    PageKind("data", "data.md.j2", urls.DATA, "data", _one(data.data_page)),
    # Linked from the data page: only once a release is recorded (``npf release``).
    PageKind(
        "releases",
        "releases.md.j2",
        urls.RELEASES,
        None,
        lambda ctx: _one(releases.releases_page)(ctx) if ctx.releases else [],
        with_releases=True,
    ),
)


def kind(name: str) -> PageKind:
    """The kind called ``name``."""
    for k in KINDS:
        if k.name == name:
            return k
    raise KeyError(name)


NAV_SECTIONS = {
    "home": message("nav.home"),
    "outcomes": message("nav.outcomes"),
    "equality": message("nav.equality"),
    "places": message("nav.places"),
    "data": message("nav.data"),
    "about": message("nav.about"),
}
"""The sections of the site's navigation, in order (the kinds' and the hand-written
pages', ``about``), with their titles' messages, which ``mkdocs.yml`` is given as
``NPF_NAV_<SECTION>`` phrased with the project's words."""


def nav_variable(section: str) -> str:
    """The environment variable ``mkdocs.yml`` reads a section's title from."""
    return f"NPF_NAV_{section.upper()}"


def nav_entries() -> list[tuple[str, str]]:
    """``(environment variable of the title, page)`` of each kind in the site's
    navigation, in order."""
    return [(nav_variable(k.nav), k.url) for k in KINDS if k.nav is not None]


def not_in_nav_patterns() -> set[str]:
    """MkDocs ``not_in_nav`` patterns for the folders of the generated pages (the
    kinds', and the maintainers' guides', ``pages.guides``)."""
    folders = {k.url.split("/", 1)[0] for k in KINDS if "/" in k.url}
    folders.add(urls.GUIDES.split("/", 1)[0])
    return {f"/{folder}/*" for folder in folders}


def each_page(ctx: Context) -> Iterator[tuple[str, PageKind, MakeContext, str]]:
    """``(path under docs, kind, what makes its template context, slug)`` of every
    generated page (the slug is "" for a kind of one page)."""
    for kind in KINDS:
        for slug, make in kind.pages(ctx):
            yield kind.path(slug), kind, make, slug
